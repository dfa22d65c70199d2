"""The village panel beside the map (facts, counts, open issues by group) and the full-width
lists under it (open issues, the latest history, the visits)."""

from __future__ import annotations

import streamlit as st

from app_pages import _cache, _facts
from paicha_geo import labels
from paicha_geo.render import panel
from paicha_geo.services.data import VILLAGE_FACT_COLUMNS


def village_panel(version, scope, asof, filters) -> None:
    p = _cache.village_profile(version, scope, asof, filters)
    with st.container(border=True, key="village-panel"):
        for line in panel.facts(p):
            st.markdown(line)
        for col, (label, value) in zip(st.columns(3), panel.counts(p), strict=True):
            col.metric(label, value)
        if caption := panel.failing_caption(p):
            st.caption(caption)
        st.markdown(f"**{labels.PANEL_OPEN_BY_GROUP}**")
        if p.open_by_group.empty:
            st.caption(labels.PANEL_NONE)
        else:
            st.dataframe(panel.open_by_group(p), hide_index=True, width="stretch")


def village_details(version, scope, asof, filters) -> None:
    p = _cache.village_profile(version, scope, asof, filters)
    _facts.history(labels.FACT_HISTORY_VILLAGE, _cache.village_fact_history(version, scope, asof),
                   VILLAGE_FACT_COLUMNS, "village-facts")
    if not p.open_issues.empty:
        st.markdown(f"**{labels.PANEL_OPEN_ISSUES}**")
        with st.container(key="open-issues"):  # st.table reads markdown: cells are escaped
            st.table(panel.open_issues(p))
    for title, frame, empty in ((labels.PANEL_HISTORY, panel.history(p), labels.PANEL_NO_HISTORY),
                                (labels.PANEL_VISITS, panel.visits(p), labels.PANEL_NO_VISITS)):
        st.markdown(f"**{title}**")
        if frame.empty:
            st.caption(empty)
        else:
            st.dataframe(frame, hide_index=True, width="stretch")
