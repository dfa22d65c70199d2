"""Region navigation shared by the pages: the breadcrumb and going to a region via the URL."""

from __future__ import annotations

import streamlit as st

from app_pages import _params
from paicha_geo import labels, service
from paicha_geo.render import escape


def current_region(regions) -> service.Resolved:
    """The region in the URL (`region`); an unknown or malformed code shows the city, and says
    so, repeating what was typed as a code span (plain text)."""
    raw = st.query_params.get("region")
    resolved = service.resolve_region(regions, raw, labels.UNKNOWN_REGION)
    if resolved.error:
        st.warning(labels.UNKNOWN_REGION.format(code=escape.code(raw, _params.RAW_SHOWN)))
    return resolved


def go_to(code: str | None, root: str) -> None:
    """Navigate by changing the URL; Streamlit pushes a history entry, so Back works."""
    if code is None or code == root:
        st.query_params.pop("region", None)
    else:
        st.query_params["region"] = code


def breadcrumb(resolved: service.Resolved) -> None:
    """市 › 区 › 镇 › 村: every crumb but the current one goes back up."""
    root = resolved.trail[0][0]
    with st.container(horizontal=True, key="breadcrumb"):
        for i, (code, name, _level) in enumerate(resolved.trail):
            if i:
                st.markdown("›")
            st.button(escape.markdown(name), key=f"crumb-{code}", on_click=go_to, args=(code, root),
                      disabled=i == len(resolved.trail) - 1, type="tertiary")


def clicked_code(state: dict | None) -> str | None:
    """The region code of the feature the last map click hit (st_folium's returned state)."""
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")
