"""What sharing the DuckDB file costs (not a test): the dashboard opens the file per use.

    .venv/bin/python bench/file_sharing_bench.py --db /tmp/lock.duckdb

Works on a copy. Prints medians in milliseconds: one open+close of the file; the data
signature asked on every page run (the old way: a query on a kept connection; now: a look at
the file when nothing changed, an opening when it did); a page run's reads on the dashboard's
store cold (file closed) and warm (within the linger); the snapshot load; and how long a
command waits for its turn while a dashboard process reads every 0.2 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from _measure import median_ms

from paicha_geo.services import data
from paicha_geo.store import Store
from paicha_geo.store import queries as q

DASHBOARD = """
import sys, time
from pathlib import Path
from paicha_geo.services import opening
from paicha_geo.store import queries as q
store = opening.for_app(Path(sys.argv[1]))
print("ready", flush=True)
while True:
    q.campaign(store)
    time.sleep(0.2)
"""


def _median_ms(fn, repeat: int = 15) -> float:
    return median_ms(fn, repeat, warm=False)


def _page_reads(store: Store) -> None:
    """About what a page run reads besides the cached snapshot: the session, the clock."""
    q.campaign(store)
    store.get_meta("is_demo")
    q.table_counts(store)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "bench.duckdb"
    shutil.copy(args.db, db)
    print(f"file: {db.stat().st_size / 1e6:.1f} MB, duckdb {duckdb.__version__}")

    print(f"open+close read-write:        "
          f"{_median_ms(lambda: duckdb.connect(str(db)).close()):7.1f}")
    print(f"open+close read-only:         "
          f"{_median_ms(lambda: duckdb.connect(str(db), read_only=True).close()):7.1f}")

    with Store(db) as kept:
        old = _median_ms(lambda: q.content_signature(kept.cursor()))
        print(f"signature, kept connection:   {old:7.2f}  (before: a query every page run)")
    app = Store(db, wait=5, hold=False, linger=0)
    q.data_signature(app)
    print(f"signature, file unchanged:    {_median_ms(lambda: q.data_signature(app)):7.3f}"
          "  (now: a look at the file)")

    def changed():
        app._memo.clear()
        q.data_signature(app)
    print(f"signature, file changed:      {_median_ms(changed):7.1f}  (an opening + the query)")

    print(f"page reads, file closed:      {_median_ms(lambda: _page_reads(app)):7.1f}"
          "  (linger 0: each read opens)")
    warm = Store(db, wait=5, hold=False, linger=30)
    _page_reads(warm)
    print(f"page reads, within linger:    {_median_ms(lambda: _page_reads(warm)):7.1f}")
    warm.close()
    with Store(db) as kept:
        print(f"page reads, kept connection:  {_median_ms(lambda: _page_reads(kept)):7.1f}"
              "  (before)")
        print(f"snapshot, kept connection:    "
              f"{_median_ms(lambda: data.load_snapshot(kept), 5):7.0f}")
    lingering = Store(db, wait=5, hold=False, linger=0.5)
    print(f"snapshot, dashboard's store:  "
          f"{_median_ms(lambda: data.load_snapshot(lingering), 5):7.0f}")
    lingering.close()
    app.close()

    dashboard = subprocess.Popen([sys.executable, "-c", DASHBOARD, str(db)],
                                 stdout=subprocess.PIPE, text=True)
    assert dashboard.stdout.readline().strip() == "ready"
    waits = []
    for _ in range(5):
        t0 = time.perf_counter()
        with Store(db, read_only=True, wait=30, hold=False) as store:
            q.table_counts(store)
        waits.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    dashboard.kill()
    dashboard.wait()
    print(f"command's turn while a dashboard reads every 0.2 s (linger 0.5 s), open+read+close: "
          f"median {statistics.median(waits):.0f}, max {max(waits):.0f}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
