"""Dated facts benchmark (not a test): what facts as of a day cost (issue 17.6).

    .venv/bin/python bench/facts_asof_bench.py --db /tmp/facts_prov.duckdb

Prints the size of the fact history, the time to read it with the snapshot (and the
snapshot's load without it, for comparison), `facts_asof` for a day inside the screening
(computed: the latest version per household by then) and for a day after the newest 核实日期
(the current rows, nothing computed), the whole 三保障 view of the root region on both days,
and the memory the version frames hold. Median of 5 runs; the per-day cache is emptied
before each run so every figure is a first visit of that day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from functools import partial

from _measure import median_ms

from paicha_geo.services import data, guarantees_service
from paicha_geo.store import Store

cold_ms = partial(median_ms, warm=False)  # _fresh clears the caches: no warm-up


def _fresh(snap: data.Snapshot, fn):
    def run():
        snap._facts_cache.clear()
        return fn()
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--inside", default="2020-03-15", help="a day inside the screening")
    parser.add_argument("--after", default="2020-07-15", help="a day after the newest 核实日期")
    args = parser.parse_args()
    inside, after = dt.date.fromisoformat(args.inside), dt.date.fromisoformat(args.after)
    with Store(args.db, read_only=True) as store:
        t0 = time.perf_counter()
        snap = data.load_snapshot(store)
        print(f"snapshot load (with fact versions): {(time.perf_counter() - t0) * 1000:.0f} ms")
        read = cold_ms(lambda: [data._versions(store, t, f[k]) for t, f, k in (
            ("household", snap.households, "household_id"), ("village", snap.villages, "code"))],
            repeat=3)
        print(f"  of which reading the facts' dates: {read:.0f} ms")
        counts = store.cursor().execute(
            "SELECT (SELECT count(*) FROM household_fact), (SELECT count(*) FROM village_fact)"
        ).fetchone()
    homes, villages = snap.households, snap.villages
    print(f"households {len(homes):,} with {counts[0]:,} versions; villages {len(villages):,} "
          f"with {counts[1]:,} versions")
    held = 0
    for dates in (snap.household_history, snap.village_history):
        if dates is not None:
            held += dates.first_day.nbytes + dates.several.memory_usage(deep=True).sum()
            print(f"  kept in the snapshot: {len(dates.first_day):,} first days, "
                  f"{len(dates.several):,} versions of keys with several")
    print(f"memory of the facts' dates: {held / 2**20:.1f} MB "
          f"(households frame: {homes.memory_usage(deep=True).sum() / 2**20:.1f} MB)")
    for label, day in (("inside the screening", inside), ("after the newest 核实日期", after)):
        ms = cold_ms(_fresh(snap, lambda d=day: data.facts_asof(snap, d)))
        print(f"facts_asof {day} ({label}): {ms:.1f} ms")
    root = data.EVERYTHING
    for day in (inside, after):
        snap.issues_asof(day)  # the issue statuses of the day, cached as the app does
        ms = cold_ms(_fresh(snap, lambda d=day: guarantees_service.guarantee_view(
            snap, root, d)), repeat=3)
        print(f"guarantee_view(root, {day}) with facts_asof: {ms:.0f} ms")


if __name__ == "__main__":
    main()
