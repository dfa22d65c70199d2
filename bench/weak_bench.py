"""Village points benchmark (not a test): what the weak-village points, the N worst and the
names that fit add to one drill step of the map page, in time and in HTML.

    .venv/bin/python bench/weak_bench.py --db data/paicha.duckdb [--asof 2020-05-31]

For the city, one district and one township it prints the median server time and HTML size
of the map as before (region layer with the old weak markers) and as now (points, 10 worst
villages outlined, names that fit), plus the time of the weak list itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from paicha_geo.render.map_overlays import add_village_layers
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import data, map_service, weak_service
from paicha_geo.store import Store


def _timed(fn, repeat=3):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _map(layers, snap, scope, asof, root_level, new: bool) -> str:
    view = map_service.region_view(snap, scope, asof)
    village = view.child_level == "village"
    rmap = build_region_map(layers, view.child_level, view.children["code"], view.child_metrics,
                            "issues_open", root_level=root_level,
                            weak_types=view.child_weak_types, color_all=not village,
                            weak_markers=None if (village or new) else view.weak_villages,
                            show_labels=not (village or new))
    if new:
        villages = weak_service.village_table(snap, scope, asof)
        top = weak_service.worst_places(snap, scope, asof, "village", "issues_open", 10)
        add_village_layers(rmap, villages, top=top.rows, top_shapes=layers["village"])
    rmap.layer.add_to(rmap.base)
    return rmap.base.get_root().render()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--asof", default="2020-05-31")
    args = parser.parse_args()
    asof = dt.date.fromisoformat(args.asof)
    with Store(args.db, read_only=True) as store:
        snap = data.load_snapshot(store)
        layers = map_service.map_layers(store)
    root = snap.root
    district = snap.regions[snap.regions["parent_code"] == root["code"]].iloc[3]
    town = snap.regions[snap.regions["parent_code"] == district["code"]].iloc[0]
    snap.issues_asof(asof)  # warm, as the app's cache is
    print(f"{'region':<10}{'before s':>10}{'after s':>10}{'before KB':>11}{'after KB':>10}"
          f"{'list s':>9}")
    for region in (root, district, town):
        scope = snap.scope_of(region)
        t_old, old = _timed(lambda s=scope: _map(layers, snap, s, asof, root["level"], False))
        t_new, new = _timed(lambda s=scope: _map(layers, snap, s, asof, root["level"], True))
        t_list, _ = _timed(lambda s=scope: weak_service.weak_list(
            weak_service.village_table(snap, s, asof)))
        print(f"{region['name']:<10}{t_old:>10.3f}{t_new:>10.3f}{len(old) / 1024:>11.0f}"
              f"{len(new) / 1024:>10.0f}{t_list:>9.3f}")
    print("weak villages:", int(snap.villages["weak_type"].notna().sum()))


if __name__ == "__main__":
    main()
