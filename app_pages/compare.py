"""地区对比: the selected region's districts (or townships, villages) side by side on fair
rates, with the raw counts beside them, a rank and its change against a week earlier."""

import streamlit as st

from app_pages import _filters, _nav, _params
from app_pages._reports import cached_comparison_view, report_download
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_regions,
    data_version,
    page_header,
)
from paicha_geo import labels
from paicha_geo.domain.compare import DEFAULT_RANK_BY, FAIR_RATES
from paicha_geo.render import figures
from paicha_geo.render import progress_tables as pt

st.markdown(PAGE_CSS, unsafe_allow_html=True)
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)

asof = _filters.asof_input(campaign)
rates = list(FAIR_RATES)
rank_by = _params.selectbox(st.sidebar, labels.COMPARE_RANK_BY, rates,
                            index=rates.index(DEFAULT_RANK_BY),
                            format_func=lambda k: labels.FAIR_RATES[k][0], key="rank")
filters = _filters.issue_filters(version, campaign)
resolved = _nav.current_region(regions)
_nav.breadcrumb(resolved)
view = cached_comparison_view(version, resolved.region["code"], asof, filters, rank_by)
level_name = labels.LEVELS[view.child_level]

page_header(labels.COMPARE_TITLE.format(region=view.region["name"], level=level_name),
            view.is_demo, campaign, asof, filters=filters)

st.subheader(labels.HEAT_TABLE)
st.caption(labels.COMPARE_NOTE.format(rate=labels.FAIR_RATES[rank_by][0], before=view.before))
st.caption(labels.HEAT_NOTE)
with st.container(key="heat-table"):
    st.markdown(pt.heat_table_html(view.table, view.totals,
                                   labels.TOTAL_ROW.format(region=view.region["name"])),
                unsafe_allow_html=True)

st.plotly_chart(figures.build_small_multiples(view.table, level_name), config=figures.CONFIG,
                key="chart-small-multiples")

report_download(version, view.region, asof, filters, rank_by)
