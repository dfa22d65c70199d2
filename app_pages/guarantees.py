"""两不愁三保障: where any household still fails a guarantee, and which households and why."""

import streamlit as st

from app_pages import _cache, _layout, _map, _nav, _params, _sidebar
from app_pages._hotspots import hotspot_section
from app_pages._households import household_list
from app_pages._village_panel import village_details, village_panel
from paicha_geo import labels
from paicha_geo.render import charts, guarantee_cards
from paicha_geo.render.maps import LEGEND_CSS, weak_legend_html
from paicha_geo.render.region_map import build_region_map

MAP_KEY = "guarantee_map"
PLOT = {"displaylogo": False}
version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
check = _params.selectbox(st.sidebar, labels.CHECK_PICK, list(labels.CHECK_NAMES)[:-1],
                          key="g", format_func=labels.CHECK_NAMES.get)
mode = _params.radio(st.sidebar, labels.CHECK_MODE, list(labels.CHECK_MODES), key="gmode",
                     format_func=labels.CHECK_MODES.get)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
data = _cache.guarantee_view(version, resolved.scope, asof)
view = data.view
_layout.page_header(f"{view.region['name']} · {labels.GUARANTEE_TITLE}", view.is_demo,
                    snap.campaign, asof, css=LEGEND_CSS + guarantee_cards.CARD_CSS,
                    extra=labels.INCOME_STANDARD_NOTE.format(income=snap.campaign.income_threshold))
_layout.stop_if_nothing_below(view.is_empty)
for col, (key, row) in zip(st.columns(len(data.summary)), data.summary.iterrows(), strict=True):
    col.markdown(guarantee_cards.card_html(key, row), unsafe_allow_html=True)

village_level = view.child_level == "village"
rmap = build_region_map(
    _cache.layers(version), view.child_level, view.children["code"], data.map_metrics(check),
    mode, root_level=resolved.trail[0][2], selected=resolved.selected_village,
    weak_markers=None if village_level else view.weak_villages, show_labels=not village_level)
map_col, chart_col = st.columns([3, 2])
with map_col:
    _map.show(rmap, MAP_KEY, rmap.legend(f"{labels.CHECK_NAMES[check]} · "
                                         f"{labels.CHECK_MODES[mode]}",
                                         None if village_level else weak_legend_html(False)),
              height=480, on_change=_nav.on_click(MAP_KEY, resolved))
chart_col.plotly_chart(charts.build_failing_by_subregion(
    view.children["name"], view.child_metrics,
    labels.CHART_BY_SUBREGION.format(level=labels.LEVELS[view.child_level])), config=PLOT)
left, right = st.columns(2)
left.plotly_chart(charts.build_income_histogram(
    data.income_distribution, snap.campaign.income_threshold, labels.CHART_INCOME), config=PLOT)
if data.weak_income.empty:
    right.caption(labels.NO_WEAK_VILLAGES)
else:
    right.plotly_chart(charts.build_weak_village_income(
        data.weak_income.head(40), labels.CHART_WEAK_INCOME), config=PLOT)

hotspot_section(version, resolved.scope, view.region["name"], asof, check, resolved.trail[0][2])
village = resolved.selected_village and resolved.scope.narrow(resolved.selected_village, "village")
if village:
    panel_col, timeline_col = st.columns([2, 3])
    with panel_col:
        village_panel(version, village, asof, None)
    history = _cache.village_profile(version, village, asof, None, limit=None).history
    if not history.empty:
        timeline_col.plotly_chart(charts.build_issue_timeline(history, asof,
                                                              labels.CHART_TIMELINE), config=PLOT)
listed = village or (resolved.scope if resolved.region["level"] == "town" else None)
household_list(version, listed, asof, check, resolved)
if village:
    village_details(version, village, asof, None)
