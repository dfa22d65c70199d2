"""排查地图: drill down city › district › township › village; the URL holds the whole view."""

import streamlit as st
from streamlit_folium import st_folium

from app_pages import _filters, _nav
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_layers,
    cached_region_view,
    cached_regions,
    data_version,
    page_header,
)
from app_pages._village_panel import village_details, village_panel
from paicha_geo import labels
from paicha_geo.render import basemaps, escape, tables
from paicha_geo.render.maps import (
    LEGEND_CSS,
    build_base_map,
    build_region_layer,
    legend_html,
    view_for_bounds,
    weak_legend_html,
)
from paicha_geo.render.scales import scale_for

MAP_KEY = "drill_map"

st.markdown(PAGE_CSS + LEGEND_CSS, unsafe_allow_html=True)
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)
layers = cached_layers(version)

asof, metric, color_all, basemap, filters = _filters.sidebar(version, campaign)
resolved = _nav.current_region(regions)


def on_map_click() -> None:
    code = _nav.clicked_code(st.session_state.get(MAP_KEY))
    if code:
        _nav.go_to(code, resolved.trail[0][0])


_nav.breadcrumb(resolved)
view = cached_region_view(version, resolved.region["code"], asof, filters)
page_header(f"{view.region['name']} · {labels.APP_SUBTITLE}", view.is_demo, campaign, asof,
            filters=filters)

t = view.totals
kpis = st.columns(6)
for col, key in zip(kpis, ("issues_found", "issues_open", "issues_overdue", "closeout_rate",
                           "ontime_rate", "households_failing_any"), strict=True):
    value = labels.format_rate(t[key]) if key.endswith("_rate") else f"{int(t[key]):,}"
    col.metric(labels.METRICS[key][0], value, help=labels.KPI_HELP.get(key))
st.caption(
    f"{labels.METRICS['weak_villages'][0]} {int(t.weak_villages)} 个"
    f"（{labels.WEAK_TYPES['province']} {int(t.weak_villages_province)}，"
    f"{labels.WEAK_TYPES['city']} {int(t.weak_villages_city)}）· "
    f"{labels.METRICS['households'][0]} {int(t.households):,} 户 · {labels.CLICK_HINT}"
)

# The map: a constant base map plus a data layer swapped in place (no remount on filters).
village_level = view.child_level == "village"
shapes = layers[view.child_level].set_index("code").loc[view.children["code"]].reset_index()
scale = scale_for(metric, view.child_metrics[metric])
weak_types = None
if village_level:
    weak_types = view.children["code"].map(
        view.weak_villages.set_index("code")["weak_type"]).reset_index(drop=True)
layer = build_region_layer(
    shapes, view.child_metrics, metric, scale,
    weak_types=weak_types, color_all=color_all or not village_level,
    selected=resolved.selected_village,
    weak_markers=None if village_level else view.weak_villages,
    show_labels=view.child_level in ("city", "district", "town"),
    gcj02=basemaps.needs_gcj02(basemap),
)
root_bounds = layers[resolved.trail[0][2]].total_bounds
center, zoom = view_for_bounds(shapes.total_bounds)

if resolved.selected_village:
    map_col, panel_col = st.columns([3, 2])
else:
    map_col, panel_col = st.container(), None
with map_col:
    st_folium(
        build_base_map(root_bounds, basemaps.tile_layers(basemap)), feature_group_to_add=layer,
        center=center, zoom=zoom,
        height=560, use_container_width=True, key=MAP_KEY, on_change=on_map_click,
        returned_objects=["last_active_drawing", "last_object_clicked"],
    )
    st.markdown(legend_html(labels.MAP_METRICS[metric][0], scale,
                            weak_legend_html(village_level)), unsafe_allow_html=True)
if panel_col is not None:
    with panel_col:
        village_panel(version, resolved.selected_village, asof, filters)
    village_details(version, resolved.selected_village, asof, filters)

level_name = labels.LEVELS[view.child_level]
st.subheader(f"{escape.markdown(view.region['name'])} · 各{level_name}情况")
table = tables.region_table(view.children, view.child_metrics)
st.dataframe(
    tables.display_names(table), hide_index=True, use_container_width=True,
    column_config={
        tables.REGION_COLUMNS["closeout_rate"]: st.column_config.NumberColumn(format="percent"),
        tables.REGION_COLUMNS["ontime_rate"]: st.column_config.NumberColumn(format="percent"),
        tables.REGION_COLUMNS["open_per_weak_village"]: st.column_config.NumberColumn(
            format="%.2f"),
        tables.REGION_COLUMNS["open_per_100_households"]: st.column_config.NumberColumn(
            format="%.2f"),
    },
)
stem = f"{view.region['name']}_{asof:%Y%m%d}"
with st.container(horizontal=True):
    st.download_button(labels.DOWNLOAD_CSV, tables.to_csv_bytes(table), f"{stem}.csv",
                       mime="text/csv", key="dl-csv")
    st.download_button(
        labels.DOWNLOAD_XLSX, tables.to_excel_bytes(table, view.region["name"]), f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl-xlsx")
