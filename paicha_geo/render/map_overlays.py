"""What the map page draws over the coloured regions: the N worst places (a red outline and
their rank) and the names of the regions that have room for one at the opening zoom.

Names are placed only where the region is big enough on screen and clear of the names already
placed (biggest regions first), so a township of 30 villages gets the names that fit instead
of a pile of overlapping text.
"""

from __future__ import annotations

import math

import folium
import geopandas as gpd
import pandas as pd
import shapely

from paicha_geo.domain.gcj02 import geometry_wgs84_to_gcj02, wgs84_to_gcj02
from paicha_geo.render import escape
from paicha_geo.render.compact_layer import CompactGeoJson, grid_for_zoom
from paicha_geo.render.village_points import points_layers

TOP_COLOR = "#b10026"
RANK_STYLE = (f"width:20px;height:20px;border-radius:50%;background:{TOP_COLOR};color:#fff;"
              "font:700 12px/20px sans-serif;text-align:center;border:1px solid #fff;"
              "box-shadow:0 0 2px #000")
LABEL_FONT_PX = 13
LABEL_PAD_PX = 6


def _pixels(lon, lat, zoom: float):
    """Web-Mercator pixel coordinates at `zoom` (y grows downwards, like the screen)."""
    world = 256 * 2 ** zoom
    lat = max(min(lat, 85.0), -85.0)
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    return x, y


def label_box(name: str, lon: float, lat: float, zoom: float) -> tuple[float, ...]:
    """(left, top, right, bottom) in pixels of a name centred on its point."""
    x, y = _pixels(lon, lat, zoom)
    half_w = (LABEL_FONT_PX * len(name) + LABEL_PAD_PX) / 2
    half_h = (LABEL_FONT_PX + LABEL_PAD_PX) / 2
    return x - half_w, y - half_h, x + half_w, y + half_h


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def fitting_labels(shapes: gpd.GeoDataFrame, zoom: float) -> pd.Series:
    """True for each region (name, label_lon, label_lat, geometry) whose name fits inside its
    shape's on-screen box at `zoom` and overlaps no bigger region's name already placed."""
    placed: list[tuple[float, ...]] = []
    keep = pd.Series(False, index=shapes.index)
    areas = pd.Series(shapely.area(shapes.geometry.to_numpy()), index=shapes.index)
    for idx in areas.sort_values(ascending=False, kind="stable").index:
        row = shapes.loc[idx]
        minx, miny, maxx, maxy = row.geometry.bounds
        x0, y1 = _pixels(minx, miny, zoom)
        x1, y0 = _pixels(maxx, maxy, zoom)
        box = label_box(str(row["name"]), row["label_lon"], row["label_lat"], zoom)
        fits = (x1 - x0) >= (box[2] - box[0]) and (y1 - y0) >= 1.5 * (box[3] - box[1])
        if fits and not any(_overlaps(box, other) for other in placed):
            placed.append(box)
            keep[idx] = True
    return keep


def add_labels(group: folium.FeatureGroup, shapes: gpd.GeoDataFrame, zoom: float,
               gcj02: bool = False) -> None:
    """Permanent, escaped names of the regions that have room for one, into `group` (the
    map's data layer: it is swapped in place, so names follow the view without a remount)."""
    shown = shapes[fitting_labels(shapes, zoom)]
    lon, lat = shown["label_lon"].to_numpy(float), shown["label_lat"].to_numpy(float)
    if gcj02:
        lon, lat = wgs84_to_gcj02(lon, lat)
    for name, x, y in zip(shown["name"], lon, lat, strict=True):
        width = LABEL_FONT_PX * len(str(name)) + LABEL_PAD_PX
        folium.Marker(
            [float(y), float(x)],
            icon=folium.DivIcon(html=f'<div class="paicha-label">{escape.text(name)}</div>',
                                class_name="paicha-label-icon", icon_size=(width, 20),
                                icon_anchor=(width // 2, 10)),
            interactive=False,
        ).add_to(group)


def add_top(group: folium.FeatureGroup, places: pd.DataFrame, shapes: gpd.GeoDataFrame,
            gcj02: bool = False, zoom: float = 10) -> None:
    """The worst places (rows with code, name, rank, label_lon, label_lat): each outlined in
    red (its shape from `shapes`, by code) with its rank in a badge (names are in the table
    beside the map); neither is clickable, so a click still reaches the region underneath."""
    outlines = shapes.set_index("code").reindex(places["code"]).geometry.dropna()
    geoms = outlines.to_numpy()
    if gcj02 and len(geoms):
        geoms = geometry_wgs84_to_gcj02(geoms)
    if len(geoms):
        style = {"color": TOP_COLOR, "weight": 3.5, "fill": False, "dashArray": None}
        CompactGeoJson(geoms, {}, [style] * len(geoms), name="top_outlines", interactive=False,
                       grid=grid_for_zoom(zoom)).add_to(group)
    lon, lat = places["label_lon"].to_numpy(float), places["label_lat"].to_numpy(float)
    if gcj02:
        lon, lat = wgs84_to_gcj02(lon, lat)
    for row, x, y in zip(places.itertuples(index=False), lon, lat, strict=True):
        folium.Marker(
            [float(y), float(x)],
            icon=folium.DivIcon(
                html=f'<div style="{RANK_STYLE}">{int(row.rank)}</div>',
                class_name="paicha-rank-icon", icon_size=(22, 22), icon_anchor=(11, 30)),
            interactive=False,  # a click on a badge must not replay the last region clicked
        ).add_to(group)


def add_village_layers(rmap, villages: pd.DataFrame, *, top: pd.DataFrame | None = None,
                       top_shapes: gpd.GeoDataFrame | None = None, gcj02: bool = False) -> None:
    """Onto a region map's data layer: the village points (village_points), the worst
    places outlined with their rank, and the names that fit at the opening zoom."""
    for layer in points_layers(villages, gcj02, zoom=rmap.zoom):
        layer.add_to(rmap.layer)
    if top is not None and top_shapes is not None:
        add_top(rmap.layer, top, top_shapes, gcj02, zoom=rmap.zoom)
    add_labels(rmap.layer, rmap.shapes, rmap.zoom, gcj02)
