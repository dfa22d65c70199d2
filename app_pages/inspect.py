"""督查选点: rank villages by risk, choose a week's trip, plan the route, take a visit pack,
and record what the visit found."""

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import _filters, _nav, _params
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_checklist,
    cached_layers,
    cached_ranking,
    cached_regions,
    cached_snapshot,
    cached_village_metrics,
    data_version,
    get_store,
    page_header,
)
from paicha_geo import inspection, labels
from paicha_geo.domain.regions import scope_prefix
from paicha_geo.render import visit_pack
from paicha_geo.render.maps import (
    LEGEND_CSS,
    build_base_map,
    build_region_layer,
    build_route_layer,
    legend_html,
    view_for_bounds,
)
from paicha_geo.render.scales import scale_for
from paicha_geo.store.visits import record_visit

MAP_KEY = "inspect_map"
st.markdown(PAGE_CSS + LEGEND_CSS, unsafe_allow_html=True)
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)
layers = cached_layers(version)
by_code = regions.set_index("code")

bar = st.sidebar
asof = _filters.asof_input(campaign)
count = _params.slider(bar, labels.INSPECT_COUNT, 3, 15, 8, key="n")
start_mode = bar.radio(labels.INSPECT_START, list(labels.INSPECT_STARTS),
                       format_func=labels.INSPECT_STARTS.get, key="start")
road = _params.slider(bar, labels.INSPECT_ROAD, 1.0, 2.0, 1.4, 0.05, key="road")
speed = bar.slider(labels.INSPECT_SPEED, 20, 80, 40, 5, key="speed")
map_layer = _params.radio(bar, labels.INSPECT_LAYER, list(labels.INSPECT_LAYERS), key="layer",
                          format_func=labels.INSPECT_LAYERS.get)
days = _params.slider(bar, labels.COVERAGE_DAYS, 7, 180, 30, key="cov_days")

resolved = _nav.current_region(regions)
_nav.breadcrumb(resolved)
region = resolved.region
page_header(f"{region['name']} · {labels.INSPECT_TITLE}", cached_snapshot(version).is_demo)
if region["level"] not in ("district", "town"):
    st.info(labels.INSPECT_PICK_REGION)
    st.stop()

scope = scope_prefix(region["code"], region["level"])
ranked = cached_ranking(version, scope, asof)
chosen_key = f"chosen-{scope}-{asof}-{count}"
if chosen_key not in st.session_state:
    st.session_state[chosen_key] = list(ranked.index[:count])
chosen: list[str] = st.session_state[chosen_key]

district_code = region["code"][:6].ljust(12, "0")
starts = {"district": by_code.loc[district_code], "town": by_code.loc[region["code"]]
          if region["level"] == "town" else by_code.loc[ranked.iloc[0]["parent_code"]]}
start = (float(starts.get(start_mode, starts["district"])["label_lon"]),
         float(starts.get(start_mode, starts["district"])["label_lat"]))
if start_mode == "clicked":
    start = st.session_state.get("clicked_start", start)
    if "clicked_start" not in st.session_state:
        st.caption(labels.INSPECT_CLICK_START)


def on_map_click() -> None:
    """A click picks the start (in 'clicked' mode) or adds/removes the village clicked."""
    state = st.session_state.get(MAP_KEY) or {}
    if start_mode == "clicked" and state.get("last_clicked"):
        point = state["last_clicked"]
        st.session_state["clicked_start"] = (point["lng"], point["lat"])
        return
    code = _nav.clicked_code(state)
    if code and code in ranked.index:
        picked = st.session_state[chosen_key]
        picked.remove(code) if code in picked else picked.append(code)


plan = inspection.plan(ranked.loc[chosen], start, road, speed) if chosen else None
st.caption(labels.INSPECT_HINT.format(
    method=labels.INSPECT_METHODS[plan.method if plan else "exact"]))
if plan:
    st.success(labels.INSPECT_ROUTE.format(n=len(plan.stops), km=plan.km, road=plan.km * road,
                                           hours=plan.hours))

# Map: every village in scope coloured by its risk score, the chosen ones with the route.
codes = ranked.index.sort_values()
shapes = layers["village"].set_index("code").loc[codes].reset_index()
metrics = cached_village_metrics(version, scope, asof).loc[codes].reset_index(drop=True)
metrics["risk_score"] = ranked.loc[codes, "score"].to_numpy()
metrics["household_coverage"] = inspection.visit_coverage(
    get_store(), cached_snapshot(version), scope, list(codes), 12, asof, days)[
    "household_coverage"].to_numpy()
scale = scale_for(map_layer, metrics[map_layer])
weak = ranked.loc[codes, "weak"].reset_index(drop=True)
layer = build_region_layer(shapes, metrics, map_layer, scale, weak_types=weak,
                           color_all=True, show_labels=False)
if plan:
    build_route_layer(plan.stops, start).add_to(layer)
center, zoom = view_for_bounds(shapes.total_bounds)
map_col, table_col = st.columns([3, 2])
with map_col:
    st_folium(build_base_map(layers["city"].total_bounds if "city" in layers else
                             shapes.total_bounds),
              feature_group_to_add=layer, center=center, zoom=zoom, height=560,
              use_container_width=True, key=MAP_KEY, on_change=on_map_click,
              returned_objects=["last_active_drawing", "last_clicked"])
    st.markdown(legend_html(labels.INSPECT_LAYERS[map_layer], scale), unsafe_allow_html=True)

with table_col:
    town_names = by_code["name"]
    top = ranked.head(max(30, count)).copy()
    for code in chosen:
        if code not in top.index:
            top = pd.concat([top, ranked.loc[[code]]])
    table = pd.DataFrame({
        labels.INSPECT_SELECTED: top.index.isin(chosen),
        labels.INSPECT_COLUMNS["name"]: top["name"],
        labels.INSPECT_COLUMNS["town"]: top["parent_code"].map(town_names),
        labels.INSPECT_COLUMNS["weak"]: top["weak"].map(lambda w: labels.WEAK_TYPES[
            w if isinstance(w, str) else None]),
        labels.INSPECT_COLUMNS["score"]: top["score"].round(1),
        labels.INSPECT_COLUMNS["reasons"]: top["reasons"],
    })
    edited = st.data_editor(table, hide_index=True, use_container_width=True, height=560,
                            disabled=list(table.columns[1:]), key=f"editor-{chosen_key}")
    picked = list(top.index[edited[labels.INSPECT_SELECTED].to_numpy()])
    if set(picked) != set(chosen):
        st.session_state[chosen_key] = picked
        st.rerun()

if plan:
    st.subheader(labels.INSPECT_WEIGHTS)
    parts = plan.stops[[f"w_{c}" for c in labels.RISK_COMPONENTS]].round(2)
    parts.columns = list(labels.RISK_COMPONENTS.values())
    parts.insert(0, labels.INSPECT_COLUMNS["name"], plan.stops["name"])
    parts.insert(0, labels.INSPECT_COLUMNS["stop"], plan.stops["stop"])
    parts[labels.INSPECT_COLUMNS["score"]] = plan.stops["score"].round(1)
    st.dataframe(parts, hide_index=True, use_container_width=True)

    pack = inspection.visit_pack(get_store(), cached_snapshot(version),
                                 list(plan.stops.index), asof)
    route_rows = plan.stops.assign(leg_km=plan.stops["leg_km"].round(1),
                                   cumulative_km=plan.stops["cumulative_km"].round(1),
                                   score=plan.stops["score"].round(1))[
        list(labels.PACK_ROUTE_COLUMNS)].rename(columns=labels.PACK_ROUTE_COLUMNS)
    title = labels.PACK_TITLE.format(region=region["name"], asof=asof)
    with st.container(horizontal=True):
        st.download_button(labels.PACK_XLSX, visit_pack.workbook(pack, route_rows, title),
                           f"走访包_{region['name']}_{asof:%Y%m%d}.xlsx", key="pack-xlsx")
        st.download_button(labels.PACK_HTML, visit_pack.printable(pack, route_rows, title),
                           f"走访包_{region['name']}_{asof:%Y%m%d}.html", mime="text/html",
                           key="pack-html")

with st.expander(labels.VISIT_FORM, expanded=False), st.form("visit_form"):
    names = ranked["name"]
    c1, c2 = st.columns(2)
    when = c1.date_input(labels.VISIT_DATE, value=dt.date.today() if asof is None else asof)
    who = c2.text_input(labels.VISIT_WHO)
    villages = st.multiselect(labels.VISIT_VILLAGES, list(ranked.index), default=chosen,
                              format_func=lambda c: names[c])
    homes = st.text_area(labels.VISIT_HOUSEHOLDS)
    findings = st.text_area(labels.VISIT_FINDINGS)
    to_issue = st.checkbox(labels.VISIT_TO_ISSUE)
    checklist = cached_checklist(version)
    c3, c4, c5 = st.columns(3)
    item = c3.selectbox(labels.VISIT_ITEM, list(checklist["code"]),
                        format_func=lambda c: f"{c} {checklist.set_index('code').loc[c, 'short']}")
    severity = c4.selectbox(labels.VISIT_SEVERITY, list(labels.SEVERITIES),
                            format_func=labels.SEVERITIES.get)
    deadline = c5.date_input(labels.VISIT_DEADLINE, value=campaign.deadline)
    if st.form_submit_button(labels.VISIT_SAVE, type="primary"):
        if not (who.strip() and villages and findings.strip()):
            st.error(labels.VISIT_NEED)
        else:
            households = [h.strip() for h in homes.splitlines() if h.strip()]
            issue = {"region_code": villages[0], "item_code": item, "severity": severity,
                     "deadline": deadline, "description": findings.strip()} if to_issue \
                else None
            code = record_visit(get_store(), village_codes=villages, visit_date=when,
                                visitors=who.strip(), findings=findings.strip(),
                                households=households, new_issue=issue)
            message = labels.VISIT_SAVED.format(n=len(villages))
            st.success(message + (labels.VISIT_SAVED_ISSUE.format(code=code) if code else ""))

st.subheader(labels.COVERAGE_TITLE.format(days=days))
children = regions[regions["parent_code"] == region["code"]].sort_values("code")
n = {"district": 9, "town": 12}[region["level"]]
cov = inspection.visit_coverage(get_store(), cached_snapshot(version), scope,
                                [c[:n] for c in children["code"]], n, asof, days)
cov.insert(0, "name", children["name"].to_numpy())
st.dataframe(cov.rename(columns=labels.COVERAGE_COLUMNS), hide_index=True,
             use_container_width=True, column_config={
                 labels.COVERAGE_COLUMNS["weak_village_coverage"]:
                     st.column_config.NumberColumn(format="percent"),
                 labels.COVERAGE_COLUMNS["household_coverage"]:
                     st.column_config.NumberColumn(format="percent")})
