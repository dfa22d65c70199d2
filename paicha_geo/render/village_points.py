"""Villages as points on every region map, coloured by their own status (逾期 / 有未销号 /
已清零) and sized by their open issues, so a weak village's state shows at city level too.

Weak villages are solid dots ringed by their type (purple 省定, blue 市定); any other village
with an overdue issue is a hollow red ring, so it is never lost in the grey of "not weak".
A click on a point opens that village, like a click on its polygon (the `code` property).
Every text reaching a tooltip is escaped here.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely

from paicha_geo import labels
from paicha_geo.domain.gcj02 import wgs84_to_gcj02
from paicha_geo.domain.regions import PREFIX_LENGTH
from paicha_geo.domain.village_status import STATUSES, gravity
from paicha_geo.render import escape
from paicha_geo.render.compact_layer import CompactGeoJson, grid_for_zoom

STATUS_COLORS = {"overdue": "#d7191c", "open": "#f28e2b", "cleared": "#1a9641"}
TYPE_RINGS = {"province": "#5e3c99", "city": "#1f78b4"}
NOT_WEAK_FILL = "#ffffff"
POINT_OPACITY = 0.95  # polygons are drawn at 0.85: the browser tests tell them apart by it
HALO_OPACITY = 0.9
MIN_RADIUS, MAX_RADIUS = 4.0, 13.0
NOT_WEAK_RADIUS = 3.5
# Above this many points (a whole province) neighbours closer than CELL_PX at the opening zoom
# are merged into one point, drawn on a canvas; one level down they come apart again.
MAX_POINTS = 600
CELL_PX = 22  # a merged point stays inside its cell, so the regions' colours show between
POINT_ZOOM = 12  # the grid of points when no zoom is given: ~5 m
TOOLTIP_FIELDS = ("name", "path", "kind", "status", "issues_open", "issues_overdue",
                  "issues_closed", "households_failing_any")
COUNTS = ("issues_open", "issues_overdue", "issues_closed", "households_failing_any")
PATH_SEP = " · "


def radius(open_issues: int) -> float:
    """4 px for none, growing with the square root of the count (area ~ count), capped."""
    return min(MAX_RADIUS, MIN_RADIUS + 1.6 * math.sqrt(max(open_issues, 0)))


def merged_radius(villages: int) -> float:
    """A merged point grows with its villages (area ~ count) but stays inside its cell."""
    return min(CELL_PX / 2 - 3, 3.0 + 1.2 * math.sqrt(villages))


def point_style(weak_type, status: str, open_issues: int, merged: int = 1) -> dict:
    """Leaflet circle-marker options of one village: a weak village sized by its open
    issues; any other (shown because something is overdue) a small fixed ring. A point
    standing for `merged` > 1 villages is sized by their number, with a thicker ring."""
    color = STATUS_COLORS[status]
    weak = isinstance(weak_type, str)
    return {
        "radius": (merged_radius(merged) if merged > 1 else
                   radius(open_issues) if weak else NOT_WEAK_RADIUS),
        "color": TYPE_RINGS[weak_type] if weak else color,
        "weight": (3.5 if merged > 1 else 2) if weak else 2.5,
        "fill": True,
        "fillColor": color if weak else NOT_WEAK_FILL,
        "fillOpacity": POINT_OPACITY,
    }


def _halo(style: dict) -> dict:
    """A white disc under a point, so a red dot still reads on a red region."""
    return {"radius": style["radius"] + style["weight"] / 2 + 1.5, "stroke": False,
            "fill": True, "fillColor": "#ffffff", "fillOpacity": HALO_OPACITY}


def _pixels(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web-Mercator pixel coordinates at `zoom`."""
    world = 256 * 2 ** zoom
    lat = np.radians(np.clip(lat, -85, 85))
    return ((lon + 180) / 360 * world,
            (1 - np.log(np.tan(np.pi / 4 + lat / 2)) / np.pi) / 2 * world)


def _common_regions(codes: pd.Series, cells: pd.Series) -> pd.Series:
    """Per cell: the smallest region (12-digit code) holding every village of its `codes`;
    when they lie in several cities, the city holding most of them (a click must lead
    somewhere). Vectorised: a province merges thousands of cells on every run."""
    groups = cells.to_numpy()
    found = pd.Series(pd.NA, index=pd.unique(groups), dtype=object)
    for length in sorted(PREFIX_LENGTH.values(), reverse=True)[:-1]:  # not the province
        prefix = codes.str[:length]
        one = prefix.groupby(groups, sort=False).nunique() == 1
        first = prefix.groupby(groups, sort=False).first().str.ljust(12, "0")
        todo = found.isna() & one.reindex(found.index).fillna(False).to_numpy()
        found[todo] = first.reindex(found.index)[todo]
    if found.isna().any():  # several cities: the city most of them are in (first on a tie)
        city = codes.str[:PREFIX_LENGTH["city"]]
        counted = (pd.DataFrame({"g": groups, "city": city.to_numpy()})
                   .groupby(["g", "city"], sort=False).size().reset_index(name="n")
                   .sort_values(["g", "n", "city"], ascending=[True, False, True], kind="stable")
                   .drop_duplicates("g").set_index("g")["city"].str.ljust(12, "0"))
        todo = found.isna()
        found[todo] = counted.reindex(found.index)[todo]
    return found


def _common_paths(paths: pd.Series, cells: pd.Series) -> pd.Series:
    """Per cell: the leading names (PATH_SEP-separated) its villages' paths share."""
    groups = cells.to_numpy()
    parts = paths.astype(str).str.split(PATH_SEP, expand=True, regex=False)
    index = pd.unique(groups)
    common = pd.Series([[] for _ in index], index=index, dtype=object)
    still = pd.Series(True, index=index)
    for column in parts.columns:
        names = parts[column]
        same = (names.groupby(groups, sort=False).nunique(dropna=False) == 1).reindex(index)
        same &= names.groupby(groups, sort=False).count().reindex(index) > 0
        still &= same.to_numpy()
        first = names.groupby(groups, sort=False).first().reindex(index)
        for key in index[still.to_numpy()]:
            common[key].append(first[key])
    return common.map(PATH_SEP.join)


def merge_dense(shown: pd.DataFrame, zoom: float) -> pd.DataFrame:
    """Villages sharing a `CELL_PX` screen cell at `zoom` become one point: counts summed, the
    worst status, the strongest weak type, at their mean position; `merged` counts the
    villages and `code` is the smallest region holding them, or the city holding most of them
    (a click opens it). Columns
    other than code, name, weak_type and label_lon/lat are optional."""
    x, y = _pixels(shown["label_lon"].to_numpy(float), shown["label_lat"].to_numpy(float), zoom)
    # One integer per cell (column in the high bits, row in the low), so groups are cheap.
    cell = pd.Series(((x // CELL_PX).astype(np.int64) << 32) + (y // CELL_PX).astype(np.int64),
                     index=shown.index)
    sizes = cell.map(cell.value_counts())
    alone = shown[sizes.to_numpy() == 1].assign(merged=1)
    crowd = shown[sizes.to_numpy() > 1]
    if crowd.empty:
        return alone
    crowd = crowd.assign(_cell=cell[sizes > 1],
                         _weak=crowd["weak_type"].map({"province": 0, "city": 1}).fillna(2))
    grouped = crowd.groupby("_cell", sort=False)
    cells = crowd["_cell"]
    columns = {
        "code": _common_regions(crowd["code"], cells),
        "merged": grouped.size(),
        "label_lon": grouped["label_lon"].mean(), "label_lat": grouped["label_lat"].mean(),
        "weak_type": grouped["_weak"].min().map({0: "province", 1: "city"}),
    }
    if "path" in crowd:
        columns["path"] = _common_paths(crowd["path"], cells)
    if "status" in crowd:
        rank = gravity(crowd["status"]).groupby(crowd["_cell"], sort=False).min()
        columns["status"] = rank.map(dict(enumerate(STATUSES)))
    columns.update({c: grouped[c].sum() for c in COUNTS if c in crowd})
    merged = pd.DataFrame(columns).reset_index(drop=True)
    merged["name"] = [labels.POINTS_MERGED.format(n=n) for n in merged["merged"]]
    return pd.concat([alone, merged], ignore_index=True)


def merged_kind(weak_type, merged: int) -> str:
    """'省定经济薄弱村', or '含省定经济薄弱村' for a point standing for several villages."""
    kind = labels.WEAK_TYPES[weak_type] if isinstance(weak_type, str) else labels.NOT_WEAK
    return (labels.POINTS_MERGED_KIND if merged > 1 else "") + kind


def _properties(points: pd.DataFrame) -> dict[str, list]:
    weak = [w if isinstance(w, str) else None for w in points["weak_type"]]
    merged = points["merged"].to_numpy() if "merged" in points else np.ones(len(points), int)
    return {
        "code": points["code"].to_list(),
        "name": [escape.text(n) for n in points["name"]],
        "path": [escape.text(p) for p in points["path"]],
        "kind": [merged_kind(w, n) for w, n in zip(weak, merged, strict=True)],
        "status": [labels.VILLAGE_STATUS[s] for s in points["status"]],
        **{c: points[c].astype(int).to_list() for c in COUNTS},
    }


def points_layers(villages: pd.DataFrame, gcj02: bool = False,
                  zoom: float | None = None) -> list[CompactGeoJson]:
    """The points of `villages` (services.weak_service.village_table rows with `on_map`);
    cleared first, overdue last, so the worst are drawn on top, over white halos. Above
    `MAX_POINTS` (a province) villages closer than a few pixels at the opening `zoom` are
    merged (`merge_dense`); the map's data layer goes to a canvas when one is that big."""
    shown = villages[villages["on_map"]]
    if shown.empty:
        return []
    if len(shown) > MAX_POINTS and zoom is not None:
        shown = merge_dense(shown, zoom)
    shown = shown.assign(_order=-gravity(shown["status"])).sort_values(
        ["_order", "issues_open"], kind="stable")
    lon, lat = shown["label_lon"].to_numpy(float), shown["label_lat"].to_numpy(float)
    if gcj02:
        lon, lat = wgs84_to_gcj02(lon, lat)
    points = shapely.points(lon, lat)
    merged = shown["merged"].to_numpy() if "merged" in shown else np.ones(len(shown), int)
    styles = [point_style(w if isinstance(w, str) else None, s, int(n), merged=int(m))
              for w, s, n, m in zip(shown["weak_type"], shown["status"], shown["issues_open"],
                                    merged, strict=True)]
    grid = grid_for_zoom(zoom if zoom is not None else POINT_ZOOM)
    halos = CompactGeoJson(points, {}, [_halo(st) for st in styles], grid=grid,
                           name="village_halos", interactive=False)
    dots = CompactGeoJson(points, _properties(shown), styles, grid=grid, name="village_points",
                          fields=TOOLTIP_FIELDS,
                          aliases=[escape.text(labels.POINT_FIELDS[f]) for f in TOOLTIP_FIELDS])
    return [halos, dots]


def points_legend_html(merged: bool = False) -> str:
    """The legend entries of the points: one per status, the hollow ring, the type rings
    (and, when `merged`, what a thick ring means)."""
    dots = "".join(
        f'<span class="paicha-key" title="{escape.text(labels.VILLAGE_STATUS_LONG[s])}">'
        f'<i style="background:{STATUS_COLORS[s]};border-radius:50%"></i>'
        f"{escape.text(labels.VILLAGE_STATUS[s])}</span>"
        for s in STATUSES)
    ring = (f'<span class="paicha-key"><i style="background:{NOT_WEAK_FILL};border-radius:50%;'
            f'border:3px solid {STATUS_COLORS["overdue"]}"></i>'
            f"{escape.text(labels.POINT_NOT_WEAK_OVERDUE)}</span>")
    return (f'<span class="paicha-key"><b>{escape.text(labels.POINTS_LEGEND_TITLE)}</b></span>'
            f"{dots}{ring}<span class=\"paicha-key\">{escape.text(labels.POINT_RINGS)}</span>"
            + (f'<span class="paicha-key">{escape.text(labels.POINTS_MERGED_LEGEND)}</span>'
               if merged else ""))


def merges(villages: pd.DataFrame) -> bool:
    """Whether `points_layers` merges neighbours for these villages (the legend says so)."""
    return int(villages["on_map"].sum()) > MAX_POINTS
