"""整改进度: how the selected region's problems were found, rectified and closed over time,
what is left against the deadline, how old the overdue ones are, and who holds them."""

import streamlit as st

from app_pages import _filters, _nav
from app_pages._reports import cached_progress_view, rank_by_from_url, report_download
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_regions,
    data_version,
    page_header,
)
from paicha_geo import labels
from paicha_geo.domain.progress import BREAKDOWNS
from paicha_geo.render import figures
from paicha_geo.render import progress_tables as pt

st.markdown(PAGE_CSS, unsafe_allow_html=True)
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)

asof = _filters.asof_input(campaign)
filters = _filters.issue_filters(version, campaign)
resolved = _nav.current_region(regions)
_nav.breadcrumb(resolved)
view = cached_progress_view(version, resolved.region["code"], asof, filters)

page_header(labels.PROGRESS_TITLE.format(region=view.region["name"]),
            view.is_demo, campaign, asof, filters=filters)
if view.status_filter_ignored:
    st.caption(labels.STATUS_FILTER_IGNORED)

t, b = view.totals, view.burndown
kpis = st.columns(6)
for col, key in zip(kpis, ("issues_found", "issues_open", "issues_overdue", "closeout_rate",
                           "ontime_rate"), strict=False):
    value = labels.format_rate(t[key]) if key.endswith("_rate") else f"{int(t[key]):,}"
    col.metric(labels.METRICS[key][0], value, help=labels.KPI_HELP.get(key))
pace = pt.pace_texts(b)
kpis[5].metric(labels.METRICS["days_to_deadline"][0], pace["days_left"])

with st.container(horizontal=True, key="pace"):
    st.metric(labels.PACE_REQUIRED, pace["required"], help=labels.PACE_HELP, border=True)
    st.metric(labels.PACE_RECENT.format(days=b.window), pace["recent"], help=labels.PACE_HELP,
              border=True)
    st.metric(labels.PACE_PROJECTED, pace["finish"], help=labels.PACE_HELP, border=True)

left, right = st.columns(2)
left.plotly_chart(figures.build_progress_figure(view.series, asof, campaign.deadline),
                  config=figures.CONFIG, key="chart-cumulative")
right.plotly_chart(figures.build_burndown_figure(view.series, b), config=figures.CONFIG,
                   key="chart-burndown")

left, right = st.columns([2, 3])
left.plotly_chart(figures.build_ageing_figure(view.ageing), config=figures.CONFIG,
                  key="chart-ageing")
with right:
    st.subheader(labels.ESCALATE_HEADING)
    if view.escalations.empty:
        st.success(labels.ESCALATE_NONE)
    else:
        st.caption(labels.ESCALATE_COUNT.format(count=len(view.escalations)))
        st.dataframe(pt.escalation_display(view.escalations), hide_index=True, height=300,
                     key="escalations")

st.subheader(labels.BREAKDOWN_HEADING)
for tab, by in zip(st.tabs([labels.BREAKDOWNS[b] for b in BREAKDOWNS]), BREAKDOWNS,
                   strict=True):
    with tab:
        frame = view.breakdowns[by]
        names = labels.SOURCES if by == "source" else None
        if by != "item":
            st.plotly_chart(figures.build_breakdown_figure(frame, by, names),
                            config=figures.CONFIG, key=f"chart-{by}")
        st.markdown(pt.breakdown_html(frame, by), unsafe_allow_html=True)

st.subheader(labels.UNITS_HEADING)
st.caption(labels.UNITS_NOTE)
with st.container(key="units"):
    st.markdown(pt.units_html(view.units), unsafe_allow_html=True)

report_download(version, view.region, asof, filters, rank_by_from_url())
