"""排查地图: drill down city › district › township › village; the URL holds the whole view."""

import streamlit as st

from app_pages import _cache, _downloads, _layout, _map, _nav, _sidebar, _weak
from app_pages._village_panel import village_details, village_panel
from paicha_geo import labels
from paicha_geo.render import basemaps, escape, kpis, scales, tables
from paicha_geo.render.map_overlays import add_village_layers
from paicha_geo.render.maps import LEGEND_CSS, weak_legend_html
from paicha_geo.render.region_map import build_region_map
from paicha_geo.render.village_points import merges, points_legend_html
from paicha_geo.services import bulletin_service

MAP_KEY = "drill_map"
version = _cache.version()
snap = _cache.snapshot(version)
asof, metric, classing, color_all, basemap, filters = _sidebar.map_sidebar(version,
                                                                           snap.campaign)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
view = _cache.region_view(version, resolved.scope, asof, filters)
village = (resolved.scope.narrow(resolved.selected_village, "village")
           if resolved.selected_village else None)
# The title and tiles are the selected village's; the map and table stay its township's.
head = view if village is None else _cache.region_view(version, village, asof, filters)
_layout.page_header(f"{head.region['name']} · {labels.APP_SUBTITLE}", view.is_demo,
                    snap.campaign, asof, filters=filters, css=LEGEND_CSS)
for col, tile in zip(st.columns(len(kpis.MAP_KPIS)), kpis.tiles(head.totals), strict=True):
    col.metric(tile.label, tile.value, help=tile.help)
st.caption(kpis.weak_summary(head.totals))
_layout.stop_if_nothing_below(view.is_empty)

village_level = view.child_level == "village"
villages = _cache.village_table(version, resolved.scope, asof, filters)
map_slot = st.container()  # the map is drawn after the worst places are chosen below it
top, top_level = _weak.top_section(version, resolved, asof, filters, metric)
rmap = build_region_map(
    _cache.layers(version), view.child_level, view.children["code"], view.child_metrics,
    metric, root_level=resolved.trail[0][2], tiles=basemaps.tile_layers(basemap),
    weak_types=view.child_weak_types, color_all=color_all or not village_level,
    selected=resolved.selected_village, show_labels=False,
    gcj02=basemaps.needs_gcj02(basemap), classing=classing,
    warning=None if village_level else view.warning)
add_village_layers(rmap, villages, top=top, gcj02=basemaps.needs_gcj02(basemap),
                   top_shapes=_cache.layers(version)[top_level] if top_level else None)
with map_slot:
    if village is not None:
        map_col, panel_col = st.columns([3, 2])
    else:
        map_col, panel_col = st.container(), None
    with map_col:
        _map.show(rmap, MAP_KEY, rmap.legend(
            labels.MAP_METRICS[metric][0],
            (weak_legend_html(True) if village_level else "")
            + points_legend_html(merges(villages))),
            on_change=_nav.on_click(MAP_KEY, resolved))
        if metric == "traffic":
            st.caption(scales.traffic_help(view.warning))
    if panel_col is not None:
        with panel_col:
            village_panel(version, village, asof, filters)
        village_details(version, village, asof, filters)

st.subheader(labels.REGION_TABLE_TITLE.format(region=escape.markdown(view.region["name"]),
                                              level=labels.LEVELS[view.child_level]))
table = tables.region_table(view.children, view.child_metrics)
st.dataframe(tables.styled(table), hide_index=True, width="stretch", placeholder=labels.NO_DATA)
stem = f"{view.region['name']}_{asof:%Y%m%d}"
with st.container(horizontal=True):
    _downloads.button(labels.DOWNLOAD_CSV, lambda: tables.to_csv_bytes(table), f"{stem}.csv",
                      mime="text/csv", key="dl-csv")
    _downloads.button(labels.DOWNLOAD_XLSX,
                      lambda: tables.to_excel_bytes(table, view.region["name"]),
                      f"{stem}.xlsx", mime=tables.XLSX_MIME, key="dl-xlsx")
    _downloads.button(labels.MAP_PNG_DOWNLOAD,
                      lambda: bulletin_service.map_picture(_cache.layers(version), view, metric,
                                                           color_all),
                      bulletin_service.map_picture_name(view, metric), mime="image/png",
                      key="dl-map-png")
_weak.weak_list_section(villages, view.region["name"], asof)
