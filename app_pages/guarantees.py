"""两不愁三保障: where any household still fails a guarantee, and which households and why."""

import streamlit as st
from streamlit_folium import st_folium

from app_pages import _filters, _nav, _params
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_guarantee_view,
    cached_household_list,
    cached_layers,
    cached_regions,
    cached_snapshot,
    cached_village_profile,
    data_version,
    get_store,
    page_header,
)
from app_pages._village_panel import village_details, village_panel
from paicha_geo import labels, service
from paicha_geo.config import may_see_personal_data
from paicha_geo.domain import guarantees
from paicha_geo.domain.regions import scope_prefix
from paicha_geo.render import charts, escape
from paicha_geo.render.maps import (
    LEGEND_CSS,
    build_base_map,
    build_region_layer,
    legend_html,
    view_for_bounds,
    weak_legend_html,
)
from paicha_geo.render.scales import scale_for

MAP_KEY = "guarantee_map"
CARD_CSS = """
<style>
.paicha-card{border:1px solid #ddd;border-radius:6px;padding:.5rem .7rem;height:100%}
.paicha-card b{font-size:1rem}.paicha-card .big{font-size:1.6rem;font-weight:700}
.paicha-flag{display:inline-block;padding:0 .5rem;border-radius:3px;color:#fff;font-size:.85rem}
.paicha-flag.red{background:#c62828}.paicha-flag.green{background:#2e8b57}
</style>
"""

st.markdown(PAGE_CSS + LEGEND_CSS + CARD_CSS, unsafe_allow_html=True)
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)
layers = cached_layers(version)

bar = st.sidebar
asof = _filters.asof_input(campaign)
check = _params.selectbox(bar, labels.CHECK_PICK, list(labels.CHECK_NAMES)[:-1], key="g",
                          format_func=labels.CHECK_NAMES.get)
mode = _params.radio(bar, labels.CHECK_MODE, list(labels.CHECK_MODES), key="gmode",
                     format_func=labels.CHECK_MODES.get)

resolved = _nav.current_region(regions)


def on_map_click() -> None:
    code = _nav.clicked_code(st.session_state.get(MAP_KEY))
    if code:
        _nav.go_to(code, resolved.trail[0][0])


_nav.breadcrumb(resolved)
data = cached_guarantee_view(version, resolved.region["code"], asof)
view = data["view"]
page_header(f"{view.region['name']} · {labels.GUARANTEE_TITLE}", view.is_demo, campaign, asof,
            extra=f"收入标准 {campaign.income_threshold:,.0f} 元")

# One card per check: failing / checked, the rate, and the 清零 flag (red while any fails).
cards = st.columns(len(labels.CHECK_NAMES))
for col, (key, row) in zip(cards, data["summary"].iterrows(), strict=True):
    flag = (f'<span class="paicha-flag green">{labels.CLEARED}</span>' if row["cleared"]
            else f'<span class="paicha-flag red">{labels.NOT_CLEARED}</span>')
    unit = labels.CHECK_UNITS.get(key, "户")
    col.markdown(
        f'<div class="paicha-card st-key-card-{key}"><b>{labels.CHECK_NAMES[key]}</b><br>'
        f'<span class="big">{row["failing"]:,}</span> {unit}{labels.FAILING}<br>'
        f'{labels.CHECKED} {row["checked"]:,} {unit} · {labels.format_rate(row["rate"])}<br>'
        f"{flag}</div>", unsafe_allow_html=True)

# The map, coloured by the chosen guarantee (failing per 100 households, or 清零).
values = guarantees.map_columns(view.child_metrics, check)
metrics = view.child_metrics.join(values)
village_level = view.child_level == "village"
shapes = layers[view.child_level].set_index("code").loc[view.children["code"]].reset_index()
scale = scale_for(mode, metrics[mode])
layer = build_region_layer(
    shapes, metrics, mode, scale, selected=resolved.selected_village,
    weak_markers=None if village_level else view.weak_villages,
    show_labels=not village_level,
)
center, zoom = view_for_bounds(shapes.total_bounds)
map_col, chart_col = st.columns([3, 2])
with map_col:
    st_folium(build_base_map(layers[resolved.trail[0][2]].total_bounds),
              feature_group_to_add=layer, center=center, zoom=zoom, height=480,
              use_container_width=True, key=MAP_KEY, on_change=on_map_click,
              returned_objects=["last_active_drawing", "last_object_clicked"])
    title = f"{labels.CHECK_NAMES[check]} · {labels.CHECK_MODES[mode]}"
    st.markdown(legend_html(title, scale, weak_legend_html(False) if not village_level
                            else None), unsafe_allow_html=True)
with chart_col:
    level = labels.LEVELS[view.child_level]
    st.plotly_chart(charts.build_failing_by_subregion(
        view.children["name"], view.child_metrics,
        labels.CHART_BY_SUBREGION.format(level=level)), config={"displaylogo": False})

left, right = st.columns(2)
with left:
    st.plotly_chart(charts.build_income_histogram(
        data["income_distribution"], campaign.income_threshold, labels.CHART_INCOME),
        config={"displaylogo": False})
with right:
    if data["weak_income"].empty:
        st.caption(labels.NO_WEAK_VILLAGES)
    else:
        st.plotly_chart(charts.build_weak_village_income(
            data["weak_income"].head(40), labels.CHART_WEAK_INCOME),
            config={"displaylogo": False})

# Households: for a township, or for the selected village.
scope_code = resolved.selected_village or resolved.region["code"]
scope_level = "village" if resolved.selected_village else resolved.region["level"]
if resolved.selected_village:
    panel, timeline = st.columns([2, 3])
    with panel:
        village_panel(version, resolved.selected_village, asof, None)
    with timeline:
        history = cached_village_profile(version, resolved.selected_village, asof, None,
                                         limit=None).history
        if not history.empty:
            st.plotly_chart(charts.build_issue_timeline(history, asof, labels.CHART_TIMELINE),
                            config={"displaylogo": False})
st.subheader(labels.HOUSEHOLD_LIST)
if scope_level not in ("town", "village"):
    st.caption(labels.HOUSEHOLD_PICK_TOWN)
else:
    personal = may_see_personal_data()
    only_failing = _params.toggle(st, labels.HOUSEHOLD_ONLY_FAILING, key="gonly")
    people = cached_household_list(version, scope_prefix(scope_code, scope_level), asof,
                                   personal, check if only_failing else None)
    shown = people.assign(
        failing=["、".join(labels.CHECK_NAMES[k] for k in keys) or "—"
                 for keys in people["failing"]],
        exit_status=people["exit_status"].map(labels.EXIT_STATUSES),
    )[list(labels.HOUSEHOLD_COLUMNS)].rename(columns=labels.HOUSEHOLD_COLUMNS)
    st.caption(labels.HOUSEHOLD_LIST_PERSONAL if personal else labels.HOUSEHOLD_LIST_HINT)
    picked = st.dataframe(shown, hide_index=True, use_container_width=True, height=360,
                          on_select="rerun", selection_mode="single-row", key="households")
    rows = picked.selection.rows if picked else []
    if rows:
        household = people.iloc[rows[0]]
        st.markdown(f"**{labels.HOUSEHOLD_ISSUES}**：{escape.markdown(household['household_id'])}")
        issues = service.household_issues(get_store(), household["household_id"], asof,
                                          cached_snapshot(version))
        if issues.empty:
            st.caption(labels.HOUSEHOLD_NO_ISSUES)
        else:
            with st.container(key="household-issues"):
                st.table(escape.markdown_table(
                    issues.assign(status_asof=issues["status_asof"].map(labels.STATUSES))
                    .rename(columns=labels.OPEN_ISSUE_COLUMNS | {"found_date": "发现日期"})
                    .set_index(labels.OPEN_ISSUE_COLUMNS["issue_code"])))
if resolved.selected_village:
    village_details(version, resolved.selected_village, asof, None)
