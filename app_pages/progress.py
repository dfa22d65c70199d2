"""整改进度: how the selected region's problems were found, rectified and closed over time,
what is left against the deadline, how old the overdue ones are, and who holds them."""

import streamlit as st

from app_pages import _cache, _layout, _nav, _sidebar, _supervision
from app_pages._reports import rank_by_from_url, report_download
from paicha_geo import labels
from paicha_geo.render import figures, kpis
from paicha_geo.render import progress_tables as pt

version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
filters = _sidebar.issue_filters(version, snap.campaign)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
view = _cache.progress_view(version, resolved.scope, asof, filters)
_layout.page_header(labels.PROGRESS_TITLE.format(region=view.region["name"]), view.is_demo,
                    snap.campaign, asof, filters=filters)
if view.status_filter_ignored:
    st.caption(labels.STATUS_FILTER_IGNORED)

pace = pt.pace_texts(view.burndown)
kpi_cols = st.columns(len(kpis.PROGRESS_KPIS) + 1)
for col, tile in zip(kpi_cols, kpis.tiles(view.totals, kpis.PROGRESS_KPIS), strict=False):
    col.metric(tile.label, tile.value, help=tile.help)
kpi_cols[-1].metric(labels.METRICS["days_to_deadline"][0], pace["days_left"])
with st.container(horizontal=True, key="pace"):
    for label, key in ((labels.PACE_REQUIRED, "required"),
                       (labels.PACE_RECENT.format(days=view.burndown.window), "recent"),
                       (labels.PACE_PROJECTED, "finish")):
        st.metric(label, pace[key], help=labels.PACE_HELP, border=True)

left, right = st.columns(2)
left.plotly_chart(figures.build_progress_figure(view.series, asof, snap.campaign.deadline),
                  config=figures.CONFIG, key="chart-cumulative")
right.plotly_chart(figures.build_burndown_figure(view.series, view.burndown),
                   config=figures.CONFIG, key="chart-burndown")
left, right = st.columns([2, 3])
left.plotly_chart(figures.build_ageing_figure(view.ageing), config=figures.CONFIG,
                  key="chart-ageing")
with right:
    due = _supervision.due_list(view)
_supervision.section(snap, resolved.scope, asof, due)

st.subheader(labels.BREAKDOWN_HEADING)
# Only the open tab is built and sent (a click reruns): each hidden one was a chart and a
# table the browser drew for nothing.
for tab, by in zip(st.tabs([labels.BREAKDOWNS[b] for b in pt.BREAKDOWNS], key="breakdown",
                           on_change="rerun"), pt.BREAKDOWNS, strict=True):
    if not tab.open:
        continue
    with tab:
        if by != "item":
            st.plotly_chart(figures.build_breakdown_figure(
                view.breakdowns[by], by, labels.SOURCES if by == "source" else None),
                config=figures.CONFIG, key=f"chart-{by}")
        st.markdown(pt.breakdown_html(view.breakdowns[by], by), unsafe_allow_html=True)

st.subheader(labels.UNITS_HEADING)
st.caption(labels.UNITS_NOTE)
with st.container(key="units"):
    st.markdown(pt.units_html(view.units), unsafe_allow_html=True)
report_download(version, resolved.scope, view.region["name"], asof, filters, rank_by_from_url())
