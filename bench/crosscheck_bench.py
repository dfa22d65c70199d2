"""数据比对 and 举一反三 benchmark (not a test): each analysis on a whole database.

    .venv/bin/python bench/crosscheck_bench.py --db /tmp/prov-copy.duckdb [--asof 2020-05-31]

Open a COPY: the Store is opened read-write, as the app opens it, so an older file is
migrated. Figures are the median of 3 runs after one warm run (the per-day status of every
issue is cached by the snapshot, as in the app). Prints the counts too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from paicha_geo.services import crosscheck_service, data, similar_service
from paicha_geo.store import Store


def _median_ms(fn, repeat: int = 3):
    result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--asof", default="2020-05-31")
    parser.add_argument("--item", default="3.3.4")
    args = parser.parse_args()
    asof = dt.date.fromisoformat(args.asof)
    with Store(args.db) as store:
        t0 = time.perf_counter()
        snap = data.load_snapshot(store)
        print(f"snapshot load: {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"({len(snap.households):,} households, {len(snap.villages):,} villages, "
              f"{len(snap.issues):,} issues)")
        top = data.EVERYTHING
        ms, result = _median_ms(lambda: crosscheck_service.crosscheck_view(snap, top, asof))
        print(f"销号存疑/漏报线索, whole database: {ms:.0f} ms")
        print(result.counts.to_string())
        ms, _ = _median_ms(lambda: crosscheck_service.shown_lines(store, snap, result, "doubt"))
        print(f"200 doubt lines in words (names read and masked): {ms:.0f} ms")
        ms, same = _median_ms(lambda: similar_service.same_problem(snap, top, asof, args.item))
        print(f"举一反三 {args.item}, whole database: {ms:.0f} ms "
              f"({same.villages['category'].value_counts().to_dict()})")
        district = snap.regions[snap.regions["level"] == "district"].iloc[0]
        scope = data.Scope.of(district["code"], "district")
        ms, _ = _median_ms(lambda: similar_service.same_problem(snap, scope, asof, args.item))
        print(f"举一反三 {args.item}, one district ({district['name']}): {ms:.0f} ms")


if __name__ == "__main__":
    main()
