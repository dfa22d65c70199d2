"""问题台账 grid benchmark (not a test): building the grid and answering a search or filter.

    .venv/bin/python bench/grid_bench.py --db /tmp/prov.duckdb

On the province-scale demo (`paicha-geo demo --scale province`, 100,000 issues). Building
the grid happens once per (data version, scope, day) and is cached by the page; what the
reader waits for on every keystroke is the search, filter, sort and the page sent to the
browser (the medians of 5 runs are printed, in milliseconds).
"""

from __future__ import annotations

import argparse
import time

from _measure import median_ms

from paicha_geo.render import issue_grid as grid_table
from paicha_geo.services import data, issue_grid
from paicha_geo.services.data import IssueFilters
from paicha_geo.store import Store


def _answer(frame, checklist, query) -> int:
    rows = issue_grid.select(frame, checklist, query)
    grid_table.table(issue_grid.page(rows, 1))  # the page the browser gets
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        snap = data.load_snapshot(store)
    asof = snap.campaign.default_asof
    t0 = time.perf_counter()
    frame = issue_grid.grid_frame(snap, data.EVERYTHING, asof)
    print(f"grid build (once per data version and day): {len(frame):,} issues, "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    village = snap.villages.iloc[len(snap.villages) // 2]["name"]
    cases = {
        "no search, no filter": issue_grid.GridQuery(),
        f"search one word ({village[:2]})": issue_grid.GridQuery(village[:2]),
        f"search two words ({village} 危房)": issue_grid.GridQuery(f"{village} 危房"),
        "search an issue code": issue_grid.GridQuery(frame.index[len(frame) // 3]),
        "filter status 待整改 + 严重": issue_grid.GridQuery(
            filters=IssueFilters(statuses=("pending",), severities=("critical",))),
        "filter + search + sort by deadline": issue_grid.GridQuery(
            "住房", IssueFilters(statuses=("pending", "rectifying")), "deadline"),
    }
    for name, query in cases.items():
        found = _answer(frame, snap.checklist, query)
        ms = median_ms(lambda q=query: _answer(frame, snap.checklist, q))
        print(f"{name}: {found:,} rows, {ms:.1f} ms")


if __name__ == "__main__":
    main()
