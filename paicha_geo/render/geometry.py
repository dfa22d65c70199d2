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


def simplify_levels(regions: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """{level: GeoDataFrame(code, name, parent_code, label_lon, label_lat, geometry)}."""
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
    return out
