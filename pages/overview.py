"""总览: the city's KPIs, a district choropleth of open issues, and the district table."""

import streamlit as st
from streamlit_folium import st_folium

from pages._shared import PAGE_CSS, cached_region_view, demo_badge, get_store
from paicha_geo import labels
from paicha_geo.render.maps import build_choropleth
from paicha_geo.render.scales import count_scale
from paicha_geo.render.tables import region_table
from paicha_geo.service import active_campaign

st.markdown(PAGE_CSS, unsafe_allow_html=True)
campaign = active_campaign(get_store())
asof = st.sidebar.date_input(
    labels.AS_OF, value=campaign.default_asof, min_value=campaign.start_date, format="YYYY-MM-DD"
)
view = cached_region_view(None, asof)

head, badge = st.columns([5, 1])
head.title(f"{view.region['name']} · {labels.OVERVIEW_HEADING}")
with badge:
    demo_badge(view.is_demo)
st.markdown(
    f'<div class="paicha-asof">{campaign.name} · {labels.AS_OF} {asof:%Y-%m-%d} · '
    f'整改时限 {campaign.deadline:%Y-%m-%d}</div>',
    unsafe_allow_html=True,
)

t = view.totals
kpis = st.columns(6)
kpis[0].metric(labels.METRICS["issues_found"][0], f"{int(t.issues_found):,}",
               help=labels.KPI_HELP["issues_found"])
kpis[1].metric(labels.METRICS["issues_open"][0], f"{int(t.issues_open):,}",
               help=labels.KPI_HELP["issues_open"])
kpis[2].metric(labels.METRICS["issues_overdue"][0], f"{int(t.issues_overdue):,}",
               help=labels.KPI_HELP["issues_overdue"])
kpis[3].metric(labels.METRICS["closeout_rate"][0], labels.format_rate(t.closeout_rate),
               help=labels.KPI_HELP["closeout_rate"])
kpis[4].metric(labels.METRICS["ontime_rate"][0], labels.format_rate(t.ontime_rate),
               help=labels.KPI_HELP["ontime_rate"])
kpis[5].metric(labels.METRICS["households_failing_any"][0], f"{int(t.households_failing_any):,}",
               help=labels.KPI_HELP["households_failing_any"])
st.caption(
    f"{labels.METRICS['weak_villages'][0]} {int(t.weak_villages)} 个"
    f"（{labels.WEAK_TYPES['province']} {int(t.weak_villages_province)}，"
    f"{labels.WEAK_TYPES['city']} {int(t.weak_villages_city)}）· "
    f"{labels.METRICS['households'][0]} {int(t.households):,} 户"
)

scale = count_scale(view.child_metrics["issues_open"], "个")
fmap = build_choropleth(view.children, view.child_metrics, "issues_open", scale,
                        labels.MAP_LEGEND_OPEN, view.weak_villages)
st_folium(fmap, height=560, use_container_width=True, returned_objects=[], key="overview_map")

st.subheader(labels.TABLE_HEADING)
st.dataframe(region_table(view.children, view.child_metrics), hide_index=True,
             use_container_width=True)
