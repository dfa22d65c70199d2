"""The village panel beside the map: weak type, income against its standard, households,
open issues by checklist group, the latest history and the visits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import cached_village_profile
from paicha_geo import labels
from paicha_geo.domain.rules import GUARANTEE_KEYS
from paicha_geo.render import escape


def _yuan(value) -> str:
    return labels.NO_DATA if pd.isna(value) else f"{value / 10000:.1f} 万元"


def village_panel(version, code, asof, filters) -> None:
    p = cached_village_profile(version, code, asof, filters)
    with st.container(border=True, key="village-panel"):
        kind = labels.WEAK_TYPES[p.weak_type]
        st.markdown(f"### {escape.markdown(p.name)}")
        st.markdown(f"**{labels.PANEL_WEAK}**：{kind} · 代码 {escape.markdown(p.code)}")
        if p.weak_type:
            if p.income["fails"]:
                gap, verdict = labels.PANEL_GAP, labels.PANEL_FAILS
            else:
                gap, verdict = labels.PANEL_ABOVE, labels.PANEL_MEETS
            verdict = f"{gap} {_yuan(abs(p.income['gap']))} → **{verdict}**"
            st.markdown(
                f"**{labels.PANEL_INCOME}（{labels.INCOME_KIND[p.weak_type]}）**："
                f"{_yuan(p.income['income'])}，{labels.PANEL_STANDARD} "
                f"{_yuan(p.income['standard'])}，{verdict}"
            )
            st.markdown(f"**{labels.PANEL_SECRETARY}**："
                        f"{labels.YES_NO[p.first_secretary_present]}")
        c1, c2, c3 = st.columns(3)
        c1.metric(labels.PANEL_HOUSEHOLDS, f"{p.households}")
        c2.metric(labels.PANEL_FAILING, f"{int(p.failing['any_guarantee'])}")
        opened = int(sum(p.issue_status.get(s, 0) for s in ("pending", "rectifying",
                                                            "rectified")))
        c3.metric(labels.METRICS["issues_open"][0], f"{opened}")
        failing = [f"{labels.GUARANTEES[k]} {int(p.failing[k])}" for k in GUARANTEE_KEYS
                   if p.failing[k]]
        if failing:
            st.caption("未达标：" + "，".join(failing))
        st.markdown(f"**{labels.PANEL_OPEN_BY_GROUP}**")
        if p.open_by_group.empty:
            st.caption("无")
        else:
            st.dataframe(p.open_by_group.rename(columns={"group_name": "排查重点",
                                                         "open": "未销号"}),
                         hide_index=True, use_container_width=True)


def village_details(version, code, asof, filters) -> None:
    """Full-width lists under the map: open issues, the latest history, the visits."""
    p = cached_village_profile(version, code, asof, filters)
    if not p.open_issues.empty:
        st.markdown(f"**{labels.PANEL_OPEN_ISSUES}**")
        open_issues = p.open_issues.assign(
            status_asof=p.open_issues["status_asof"].map(labels.STATUSES))
        with st.container(key="open-issues"):
            # st.table reads its cells as markdown: the data is escaped to show as typed.
            st.table(escape.markdown_table(open_issues.rename(
                columns=labels.OPEN_ISSUE_COLUMNS).set_index(labels.OPEN_ISSUE_COLUMNS["issue_code"])))
    st.markdown(f"**{labels.PANEL_HISTORY}**")
    if p.history.empty:
        st.caption(labels.PANEL_NO_HISTORY)
    else:
        history = p.history.assign(
            from_status=p.history["from_status"].map(labels.STATUSES).fillna("—"),
            to_status=p.history["to_status"].map(labels.STATUSES),
        ).rename(columns=labels.HISTORY_COLUMNS)
        st.dataframe(history, hide_index=True, use_container_width=True)
    st.markdown(f"**{labels.PANEL_VISITS}**")
    if p.visits.empty:
        st.caption(labels.PANEL_NO_VISITS)
    else:
        visits = p.visits.assign(kind=p.visits["kind"].map(labels.VISIT_KINDS))
        st.dataframe(visits.rename(columns=labels.VISIT_COLUMNS), hide_index=True,
                     use_container_width=True)
