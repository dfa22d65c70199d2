"""Snapshot after a status change (not a test): patched vs read again in full.

    .venv/bin/python bench/snapshot_refresh_bench.py --db /tmp/prov.duckdb

Works on a copy of the database (the original is not touched): reads the snapshot, moves
`--changes` pending issues to 整改中 through the ledger, then times the refresh the app does
(services.snapshot_refresh) beside a full load_snapshot, median of 3. The snapshot has its
progress steps made first, as the warmed app's has: the refresh carries them over (only the
changed issues' made again), timed beside making them all again.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import tempfile
from pathlib import Path

from _measure import median_ms

from paicha_geo.services import data
from paicha_geo.services.snapshot_refresh import refreshed_snapshot
from paicha_geo.store import Store, ledger


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--changes", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.duckdb"
        shutil.copy(args.db, copy)
        with Store(copy) as store:
            before = data.load_snapshot(store)
            before.progress_steps()  # made at warm-up or by the first 整改进度 visitor
            with store.reading() as cur:
                pending = cur.execute(
                    "SELECT issue_code, version FROM issue WHERE status = 'pending' "
                    "ORDER BY issue_code LIMIT ?", [args.changes]).fetchall()
            for code, version in pending:
                ledger.change_status(store, code, "rectifying", actor="基准",
                                     expected_version=version, say=lambda message: "")
            patched = refreshed_snapshot(store, before)
            assert patched.households is before.households, "not patched: read in full"
            full = median_ms(lambda: data.load_snapshot(store), repeat=3, warm=False)
            patch = median_ms(lambda: refreshed_snapshot(store, before), repeat=3, warm=False)
            carried = patched._steps is not None
            remade = median_ms(
                lambda: dataclasses.replace(patched, _steps=None).progress_steps(), repeat=3,
                warm=False)
        print(f"issues {len(before.issues):,}, history rows {len(before.history):,}, "
              f"status changes {len(pending)}")
        print(f"full snapshot load: {full:.0f} ms")
        print(f"patched after the change: {patch:.0f} ms (progress steps carried over: "
              f"{'yes' if carried else 'no'})")
        print(f"progress steps made again in full instead: {remade:.0f} ms")


if __name__ == "__main__":
    main()
