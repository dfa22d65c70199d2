"""Map benchmark (not a test): build time and HTML payload per level, ours vs naive explore().

    .venv/bin/python bench/map_bench.py --db data/paicha.duckdb
    .venv/bin/python bench/map_bench.py --db /tmp/province.duckdb

For each level it times the server work of one drill step (figures for the region and its
children from DuckDB, then the map layer) and measures the HTML that reaches the browser.
"Naive" is GeoDataFrame.explore() on the unsimplified polygons of the same regions.
"""

from __future__ import annotations

import argparse
import statistics
import time

import geopandas as gpd

from paicha_geo.render.geometry import simplify_levels
from paicha_geo.render.maps import build_base_map, build_region_layer
from paicha_geo.render.region_map import build_region_map
from paicha_geo.render.scales import scale_for
from paicha_geo.services import data, map_service
from paicha_geo.store import Store
from paicha_geo.store import queries as q


def _timed(fn, repeat=3):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def our_map(layers, scope, asof, snapshot, root_level):
    """One drill step as the map page does it: the view, then the one map assembly."""
    view = map_service.region_view(snapshot, scope, asof)
    village = view.child_level == "village"
    rmap = build_region_map(layers, view.child_level, view.children["code"], view.child_metrics,
                            "issues_open", root_level=root_level,
                            weak_types=view.child_weak_types, color_all=not village,
                            weak_markers=None if village else view.weak_villages,
                            show_labels=not village)
    rmap.layer.add_to(rmap.base)
    return rmap.base.get_root().render()


def whole_level_map(layers, level, asof, snapshot):
    """Every region of one level at once (e.g. all villages of the city)."""
    view = map_service.region_view(snapshot, data.EVERYTHING, asof)  # root figures only
    shapes = layers[level]
    metrics = view.child_metrics.iloc[[0] * len(shapes)].reset_index(drop=True)
    scale = scale_for("issues_open", metrics["issues_open"])
    fmap = build_base_map(shapes.total_bounds)
    build_region_layer(shapes.reset_index(drop=True), metrics, "issues_open", scale,
                       show_labels=False).add_to(fmap)
    return fmap.get_root().render()


def naive_map(raw: gpd.GeoDataFrame):
    return raw.explore().get_root().render()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    store = Store(args.db, read_only=True)
    t0 = time.perf_counter()
    raw = q.regions(store, geometry=True)
    layers = simplify_levels(raw)
    print(f"simplify all levels once: {time.perf_counter() - t0:.2f} s "
          f"({len(raw)} regions)")
    t0 = time.perf_counter()
    snapshot = data.load_snapshot(store)
    asof = snapshot.campaign.default_asof
    snapshot.issues_asof(asof)
    print(f"load the snapshot once per data version: {time.perf_counter() - t0:.2f} s")
    regions = snapshot.regions
    root = snapshot.root
    # One drill path: root -> its first child -> ... down to a township.
    path = [root]
    while path[-1]["level"] != "town":
        kids = regions[regions["parent_code"] == path[-1]["code"]].sort_values("code")
        path.append(kids.iloc[len(kids) // 2])
    print(f"{'view':<28}{'children':>9}{'ours ms':>9}{'ours KB':>9}{'naive ms':>10}"
          f"{'naive KB':>10}")
    for region in path:
        row = regions.set_index("code").loc[region["code"]]
        region = row.copy()
        region["code"] = row.name
        kids = raw[raw["parent_code"] == region["code"]]
        scope = data.Scope.of(region["code"], region["level"])
        ms, html = _timed(lambda s=scope: our_map(layers, s, asof, snapshot, root["level"]))
        nms, nhtml = _timed(lambda k=kids: naive_map(k), repeat=1)
        print(f"{region['level'] + ' ' + region['name']:<28}{len(kids):>9}{ms * 1000:>9.0f}"
              f"{len(html) / 1024:>9.0f}{nms * 1000:>10.0f}{len(nhtml) / 1024:>10.0f}")
    for level in ("town", "village"):
        kids = raw[raw["level"] == level]
        ms, html = _timed(
            lambda lv=level: whole_level_map(layers, lv, asof, snapshot), repeat=1)
        nms, nhtml = _timed(lambda k=kids: naive_map(k), repeat=1)
        print(f"{'all ' + level + 's':<28}{len(kids):>9}{ms * 1000:>9.0f}"
              f"{len(html) / 1024:>9.0f}{nms * 1000:>10.0f}{len(nhtml) / 1024:>10.0f}")


if __name__ == "__main__":
    main()
