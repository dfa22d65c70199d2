"""The two backends side by side (not a test): a DuckDB file and the same data on PostgreSQL.

    .venv/bin/paicha-geo demo --scale province --db /tmp/prov.duckdb
    createdb …/prov && .venv/bin/paicha-geo migrate --from /tmp/prov.duckdb --to postgresql://…/prov
    .venv/bin/python bench/backend_bench.py --file /tmp/prov.duckdb --server postgresql://…/prov

Prints per backend: the snapshot load (the read model, one query per table), the per-run data
version check, one drill step (district view from the snapshot, as the app computes it), and
status-change throughput with 1, 4 and 16 writer processes making changes on random issues
(each process its own store, as separate app servers or commands would be). The writers
change the database: run it on copies.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time

from _measure import median_ms

from paicha_geo.services import data, map_service
from paicha_geo.services.issue_service import ConflictError, change_status, get_issue
from paicha_geo.store import Store, StoreBusyError
from paicha_geo.store import queries as q
from paicha_geo.store.server import ServerStore, is_server

M = "逐户核查，补齐台账"
STEP = {"pending": {"to_status": "rectifying"},
        "rectifying": {"to_status": "rectified", "measures": M},
        "rectified": {"to_status": "closed"},
        "closed": {"to_status": "pending", "note": "回头看"}}


def open_store(target: str, writer: bool = False) -> Store:
    """As the app opens it: a server stays attached; a file is opened per use and shared
    with other processes (bounded wait, as paicha-geo commands do)."""
    if is_server(target):
        return ServerStore(target)
    return Store(target, wait=120 if writer else 30, hold=False, linger=0.0 if writer else 0.5)


def reads(target: str) -> dict:
    store = open_store(target)
    t0 = time.perf_counter()
    snap = data.load_snapshot(store)
    load = time.perf_counter() - t0
    check = median_ms(lambda: data.data_version(store), repeat=20)
    asof = snap.campaign.default_asof
    district = snap.regions[snap.regions["level"] == "district"].iloc[0]
    scope = data.Scope.of(district["code"], "district")
    step = median_ms(lambda: map_service.region_view(snap, scope, asof))
    store.close()
    return {"snapshot load (s)": round(load, 2), "data version check (ms)": round(check, 1),
            "drill step (ms)": round(step, 1), "issues": len(snap.issues)}


def _writer(target: str, codes: list[str], seed: int, seconds: float, out) -> None:
    done = conflicts = busy = 0
    try:
        store = open_store(target, writer=True)
        rng = random.Random(seed)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            code = rng.choice(codes)
            try:
                issue = get_issue(store, data.EVERYTHING, code)
                step = dict(STEP[issue["status"]])
                step["actor"] = f"{'验收' if step['to_status'] == 'closed' else '整改'}{seed}"
                change_status(store, data.EVERYTHING, code, expected_version=issue["version"],
                              **step)
                done += 1
            except ConflictError:
                conflicts += 1
            except StoreBusyError:  # a file: waited the whole bounded wait for its turn
                busy += 1
        store.close()
    finally:
        out.put((done, conflicts, busy))


def writes(target: str, writers: int, seconds: float) -> dict:
    store = open_store(target)
    codes = list(q.issues(store, 1)["issue_code"])
    store.close()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(target, codes, 1000 + n, seconds, out))
             for n in range(writers)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    return {"writers": writers, "changes": done, "refused as stale": sum(r[1] for r in results),
            "gave up waiting (120 s)": sum(r[2] for r in results),
            "changes/s": round(done / seconds, 1), "wall (s)": round(wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", help="a DuckDB file (changed by the writers: use a copy)")
    parser.add_argument("--server", help="postgresql://… (changed by the writers)")
    parser.add_argument("--seconds", type=float, default=20.0, help="per writer run")
    parser.add_argument("--writers", default="1,4,16")
    parser.add_argument("--file-writers", default=None,
                        help="writer counts for the file (default: --writers)")
    args = parser.parse_args()
    for name, target in (("DuckDB file", args.file), ("PostgreSQL", args.server)):
        if not target:
            continue
        print(f"== {name}")
        for key, value in reads(target).items():
            print(f"  {key}: {value}")
        counts = args.file_writers if target == args.file and args.file_writers else args.writers
        for n in (int(w) for w in counts.split(",")):
            print("  ", writes(target, n, args.seconds))


if __name__ == "__main__":
    main()
