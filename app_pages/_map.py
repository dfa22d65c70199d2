"""Placing a region map on a page: the map (base map constant, data layer swapped in place,
so a change of colours never remounts it) and its legend under it."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from paicha_geo.render.region_map import RegionMap


def show(rmap: RegionMap, key: str, legend: str, *, height: int = 560, on_change=None,
         returned=("last_active_drawing", "last_object_clicked")) -> None:
    st_folium(rmap.base, feature_group_to_add=rmap.layer, center=rmap.center, zoom=rmap.zoom,
              height=height, use_container_width=True, key=key, on_change=on_change,
              returned_objects=list(returned))
    st.markdown(legend, unsafe_allow_html=True)
