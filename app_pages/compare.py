"""地区对比: the selected region's districts (or townships, villages) side by side on fair
rates, with the raw counts beside them, a rank and its change against a week earlier."""

import streamlit as st

from app_pages import _cache, _layout, _nav, _params, _sidebar
from app_pages._reports import report_download
from paicha_geo import labels
from paicha_geo.render import figures
from paicha_geo.render import progress_tables as pt
from paicha_geo.services.compare_service import DEFAULT_RANK_BY, FAIR_RATES

version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
rates = list(FAIR_RATES)
rank_by = _params.selectbox(st.sidebar, labels.COMPARE_RANK_BY, rates,
                            index=rates.index(DEFAULT_RANK_BY),
                            format_func=lambda k: labels.FAIR_RATES[k][0], key="rank")
filters = _sidebar.issue_filters(version, snap.campaign)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
view = _cache.comparison_view(version, resolved.scope, asof, filters, rank_by)
level_name = labels.LEVELS[view.child_level]
_layout.page_header(labels.COMPARE_TITLE.format(region=view.region["name"], level=level_name),
                    view.is_demo, snap.campaign, asof, filters=filters)
_layout.stop_if_nothing_below(view.table.empty)
st.subheader(labels.HEAT_TABLE)
st.caption(labels.COMPARE_NOTE.format(rate=labels.FAIR_RATES[rank_by][0], before=view.before))
st.caption(labels.HEAT_NOTE)
with st.container(key="heat-table"):
    st.markdown(pt.heat_table_html(view.table, view.totals,
                                   labels.TOTAL_ROW.format(region=view.region["name"])),
                unsafe_allow_html=True)
st.plotly_chart(figures.build_small_multiples(view.table, level_name), config=figures.CONFIG,
                key="chart-small-multiples")
report_download(version, resolved.scope, view.region["name"], asof, filters, rank_by)
