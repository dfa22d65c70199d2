"""Imported outlines checked against each other and against the stored map, before writing.

Four checks, each with a tolerance and a severity from settings (`plausibility.boundaries`):

- far away: a polygon reaching more than `distance_km` beyond the extent of the stored city
  (a 常州 village in Beijing: a wrong code or a wrong coordinate system);
- duplicate: two regions of one level with (nearly) the same polygon (intersection over union
  at least `duplicate`), in the file or against a stored outline the file does not replace;
- overlap: two regions of one level sharing more than `overlap` of the smaller one's area;
- outside the parent: more than `outside_parent` of a polygon's area outside its parent's
  outline (the parent from the same file when it is there, else the stored one).

Outlines from different sources never match to the metre, hence shares of area rather than
exact topology. Areas are compared in degrees², which is fine for shares within one city.
A polygon found far away is not checked further (its overlaps would only repeat the news).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from paicha_geo.domain.errors import Message
from paicha_geo.domain.settings import BoundaryChecks

_KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    row: int  # the feature's number in the file (1-based)
    reason: Message


def _extent(stored: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """Bounds of the stored root regions (the city), else of every stored outline."""
    present = stored[~(stored.geometry.isna() | stored.geometry.is_empty)]
    if present.empty:
        return None
    roots = present[present["parent_code"].isna()]
    return tuple((roots if len(roots) else present).total_bounds)


def _overhang_km(bounds, extent) -> float:
    """How far a bounding box reaches beyond the extent, in km (0 when inside)."""
    minx, miny, maxx, maxy = bounds
    dx = max(extent[0] - minx, maxx - extent[2], 0.0)
    dy = max(extent[1] - miny, maxy - extent[3], 0.0)
    lat = math.radians((extent[1] + extent[3]) / 2)
    return math.hypot(dx * _KM_PER_DEGREE * math.cos(lat), dy * _KM_PER_DEGREE)


def _who(row: int, name: str, code: str) -> Message:
    return Message("GEO_FEATURE", row=int(row), name=name, code=code)


def check_outlines(features: gpd.GeoDataFrame, stored: gpd.GeoDataFrame,
                   checks: BoundaryChecks) -> list[Finding]:
    """Findings for `features` (row, code, name, geometry; WGS84, valid polygons).

    `stored` holds every region (code, name, level, parent_code, geometry) as the database has
    it; regions the file replaces are compared by their new outline only.
    """
    if features.empty:
        return []
    level = dict(zip(stored["code"], stored["level"], strict=True))
    parent = dict(zip(stored["code"], stored["parent_code"], strict=True))
    names = dict(zip(stored["code"], stored["name"], strict=True))
    out: list[Finding] = []
    rows = features["row"].to_numpy()
    codes = features["code"].to_numpy()
    geoms = features.geometry.to_numpy()
    checked = np.ones(len(features), dtype=bool)

    extent = _extent(stored)
    if extent is not None:
        for i, geom in enumerate(geoms):
            km = _overhang_km(geom.bounds, extent)
            if km > checks.distance_km.tolerance:
                at = geom.representative_point()
                out.append(Finding(checks.distance_km.severity, int(rows[i]), Message(
                    "GEO_FAR", who=_who(rows[i], names[codes[i]], codes[i]), km=km, lon=at.x,
                    lat=at.y, limit=checks.distance_km.tolerance)))
                checked[i] = False

    replaced = set(codes)
    keep = ~stored["code"].isin(replaced) & ~(stored.geometry.isna() | stored.geometry.is_empty)
    others = stored[keep]
    levels = np.array([level[c] for c in codes])
    for lv in sorted(set(levels)):
        mine = np.flatnonzero((levels == lv) & checked)
        theirs = others[others["level"] == lv]
        out.extend(_same_level(mine, rows, codes, geoms, theirs, names, checks))

    new_outline = dict(zip(codes[checked], geoms[checked], strict=True))
    old_outline = dict(zip(others["code"], others.geometry, strict=True))
    ups = [parent.get(c) for c in codes]
    outlines = np.array([new_outline.get(up, old_outline.get(up)) if isinstance(up, str)
                         and checked[i] else None for i, up in enumerate(ups)], dtype=object)
    shapely.prepare(outlines)
    # Cheap test first: most polygons lie wholly inside their parent.
    todo = np.flatnonzero(~shapely.is_missing(outlines) & ~shapely.covered_by(geoms, outlines))
    areas = shapely.area(geoms[todo])
    outside = shapely.area(shapely.difference(geoms[todo], outlines[todo]))
    for i, area, rest in zip(todo, areas, outside, strict=True):
        up = ups[i]
        share = rest / area if area else 0.0
        if share > checks.outside_parent.tolerance:
            out.append(Finding(checks.outside_parent.severity, int(rows[i]), Message(
                "GEO_OUTSIDE_PARENT", who=_who(rows[i], names[codes[i]], codes[i]),
                share=share, parent=names.get(up, up), code=up,
                limit=checks.outside_parent.tolerance)))
    return sorted(out, key=lambda f: f.row)


def _same_level(mine: np.ndarray, rows, codes, geoms, theirs: gpd.GeoDataFrame, names,
                checks: BoundaryChecks) -> list[Finding]:
    """Duplicates and overlaps among the file's features of one level and the stored ones."""
    if not len(mine):
        return []
    pool = np.concatenate([geoms[mine], theirs.geometry.to_numpy()])
    who = [_who(rows[i], names[codes[i]], codes[i]) for i in mine] + [
        Message("GEO_STORED", name=n, code=c)
        for n, c in zip(theirs["name"], theirs["code"], strict=True)]
    tree = shapely.STRtree(pool)
    left, right = tree.query(pool[: len(mine)], predicate="intersects")
    pairs = (left != right) & ~((right < len(mine)) & (right < left))  # each file pair once
    left, right = left[pairs], right[pairs]
    inside = shapely.relate_pattern(pool[left], pool[right], "T********")  # interiors meet
    left, right = left[inside], right[inside]  # neighbours that only touch are fine
    if not len(left):
        return []
    inter = shapely.area(shapely.intersection(pool[left], pool[right]))
    area_l, area_r = shapely.area(pool[left]), shapely.area(pool[right])
    union = area_l + area_r - inter
    out = []
    for k in np.flatnonzero(inter > 0):
        a, b = left[k], right[k]
        row = int(rows[mine[a]])
        iou = inter[k] / union[k] if union[k] else 0.0
        smaller = inter[k] / min(area_l[k], area_r[k])
        if iou >= checks.duplicate.tolerance:
            out.append(Finding(checks.duplicate.severity, row, Message(
                "GEO_SAME_OUTLINE", who=who[a], other=who[b])))
        elif smaller > checks.overlap.tolerance:
            out.append(Finding(checks.overlap.severity, row, Message(
                "GEO_OVERLAP", who=who[a], other=who[b], share=smaller,
                limit=checks.overlap.tolerance)))
    return out
