"""Display geometry: one simplified layer per level, computed once per database.

`shapely.coverage_simplify` simplifies a whole level at once and keeps shared edges shared,
so neighbours never open gaps or slivers the way per-polygon `simplify()` does.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

# Tolerances in degrees (~1e-5 ° ≈ 1 m here); coarser levels are seen from further away.
# Tuned with bench/map_bench.py: the whole demo city's villages stay under 1 MB of HTML.
TOLERANCE = {"province": 0.004, "city": 0.002, "district": 0.001, "town": 0.0008,
             "village": 0.0011}
COORD_PRECISION = 1e-5  # ~1 m: more digits only add payload
# A whole province's villages or towns at once: each is a few pixels wide at the opening zoom,
# so a coarser copy (`wide_key`) is drawn when the view opens at WIDE_MAX_ZOOM or further out
# (fewer vertices: less to send, to project and to fill at every zoom).
WIDE_TOLERANCE = {"town": 0.002, "village": 0.0025}
WIDE_MAX_ZOOM = 8.5


def wide_key(level: str) -> str:
    return f"{level}@wide"


def simplify_levels(regions: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """{level: GeoDataFrame(code, name, parent_code, label_lon, label_lat, geometry)}, and a
    coarser copy of the towns and villages under `wide_key(level)`."""
    out = {}
    for level, group in regions.groupby("level", sort=False):
        geoms = group.geometry.to_numpy()
        simplified = shapely.coverage_simplify(geoms, TOLERANCE.get(level, 0.0005))
        simplified = shapely.set_precision(simplified, COORD_PRECISION)
        # Tiny parts can collapse to empty; keep the original then rather than lose a region.
        empty = shapely.is_empty(simplified) | ~shapely.is_valid(simplified)
        simplified = np.where(empty, geoms, simplified)
        layer = group.drop(columns="geometry").copy()
        out[level] = gpd.GeoDataFrame(layer, geometry=simplified, crs=regions.crs)
        if level in WIDE_TOLERANCE:  # from the simplified shapes: quicker, still a coverage
            wide = shapely.coverage_simplify(simplified, WIDE_TOLERANCE[level])
            wide = np.where(shapely.is_empty(wide) | ~shapely.is_valid(wide), simplified, wide)
            out[wide_key(level)] = gpd.GeoDataFrame(layer, geometry=wide, crs=regions.crs)
    return out


def shapes_for_view(layers: dict[str, gpd.GeoDataFrame], level: str, codes,
                    zoom: float) -> gpd.GeoDataFrame:
    """The shapes of `codes` at `level`, from the coarser copy when the view opens at
    `WIDE_MAX_ZOOM` or further out."""
    key = wide_key(level) if zoom <= WIDE_MAX_ZOOM and wide_key(level) in layers else level
    return layers[key].set_index("code").loc[list(codes)].reset_index()
