"""督查选点: rank villages by risk, choose a week's trip, plan the route, take a visit pack,
and record what the visit found."""

import streamlit as st

from app_pages import _cache, _downloads, _layout, _map, _nav, _sidebar, _trip
from app_pages._visit_form import visit_form
from paicha_geo import labels
from paicha_geo.render import inspect_tables, visit_pack
from paicha_geo.render.maps import LEGEND_CSS, build_route_layer
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import inspect_service

MAP_KEY = "inspect_map"
version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
trip = _sidebar.inspect_sidebar()
count, start_mode, days = trip.count, trip.start_mode, trip.coverage_days
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
region, scope = resolved.region, resolved.scope
_layout.page_header(f"{region['name']} · {labels.INSPECT_TITLE}", snap.is_demo, css=LEGEND_CSS)
_nav.child_picker(snap, resolved, inspect_service.PLANNING_LEVELS, labels.INSPECT_PICK_REGION)
ranked = _cache.ranked_villages(version, scope, asof)
_layout.stop_if_nothing_below(ranked.empty)

key = f"chosen-{scope.prefix}-{asof}-{count}"
chosen = _trip.chosen(key, ranked, count)
start = _trip.start(start_mode, inspect_service.start_points(snap, scope, ranked))
if start_mode == "clicked" and "clicked_start" not in st.session_state:
    st.caption(labels.INSPECT_CLICK_START)
plan = (inspect_service.plan(ranked.loc[chosen], start, trip.road_factor, trip.speed)
        if chosen else None)
st.caption(labels.INSPECT_HINT.format(method=labels.INSPECT_METHODS[plan.method if plan
                                                                    else "exact"]))
if plan:
    st.success(labels.INSPECT_ROUTE.format(n=len(plan.stops), km=plan.km, road=plan.road_km,
                                           hours=plan.hours))
values = _cache.inspect_map_values(version, scope, asof, days)
rmap = build_region_map(_cache.layers(version), "village", values["code"], values, trip.map_layer,
                        root_level=resolved.trail[0][2], weak_types=values["weak"],
                        color_all=True, show_labels=False, classing="policy")
if plan:
    build_route_layer(plan.stops, start).add_to(rmap.layer)
map_col, table_col = st.columns([3, 2])
with map_col:
    _map.show(rmap, MAP_KEY, rmap.legend(labels.INSPECT_LAYERS[trip.map_layer]),
              on_change=_trip.on_click(MAP_KEY, key, start_mode, ranked),
              returned=("last_active_drawing", "last_clicked"))
with table_col:
    cand = inspect_service.candidates(ranked, chosen, count)
    table = inspect_tables.candidates(cand, snap.regions.set_index("code")["name"])
    edited = st.data_editor(table, hide_index=True, width="stretch", height=560,
                            disabled=list(table.columns[1:]), key=f"editor-{key}")
    picked = list(cand.index[edited.iloc[:, 0].to_numpy()])
    if set(picked) != set(chosen):
        st.session_state[key] = picked
        st.rerun()

if plan:
    st.subheader(labels.INSPECT_WEIGHTS)
    weights = inspect_tables.weights(inspect_service.weight_rows(plan))
    st.dataframe(weights, hide_index=True, column_config={
        c: st.column_config.NumberColumn(format="%.1f") for c in weights.columns[2:]})
    stops = list(plan.stops.index)

    def pack():  # read when a button is pressed, not on every run (a store read per village)
        return inspect_service.visit_pack(_cache.store(), snap, scope, stops, asof)

    route = inspect_tables.route(inspect_service.route_rows(plan))
    title = labels.PACK_TITLE.format(region=region["name"], asof=asof)
    stem = labels.PACK_FILE.format(region=region["name"], asof=asof)
    with st.container(horizontal=True):
        _downloads.button(labels.PACK_XLSX, lambda: visit_pack.workbook(pack(), route, title),
                          f"{stem}.xlsx", key="pack-xlsx")
        _downloads.button(labels.PACK_HTML, lambda: visit_pack.printable(pack(), route, title),
                          f"{stem}.html", mime="text/html", key="pack-html")
visit_form(version, scope, ranked, chosen, snap.campaign.deadline)
st.subheader(labels.COVERAGE_TITLE.format(days=days))
st.dataframe(inspect_tables.coverage(inspect_service.coverage_table(snap, scope, asof, days)),
             hide_index=True, width="stretch", column_config={
                 c: st.column_config.NumberColumn(format=inspect_tables.PERCENT_FORMAT)
                 for c in inspect_tables.COVERAGE_PERCENT})
