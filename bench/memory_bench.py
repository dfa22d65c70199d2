#!/usr/bin/env python3
"""Memory (not a test): what the app keeps resident after each step of its warm-up.

    PYTHONPATH=. .venv/bin/python bench/memory_bench.py --db /tmp/prov.duckdb

Runs the warm-up's own steps (app_pages/_warmup.warm_steps) in this process, through the
app's caches, with the app's allocator choice; after each step, freed memory is returned
(memory.release_freed, once the store has let go of the file) and the resident set is
printed with the step's growth and time (under load from other processes, times vary).
The database is copied first. bench/page_bench.py measures the running app after every page.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="memory_bench-"))
    db = folder / "bench.duckdb"
    shutil.copy(args.db, db)
    os.environ["PAICHA_DB"] = str(db)
    logging.disable(logging.WARNING)  # Streamlit's "no runtime" notices: caches work without
    began = rss_mb()
    import streamlit  # noqa: F401

    from paicha_geo.services import memory
    memory.set_up_allocators()
    print(f"{'step':<26}{'resident MB':>12}{'growth':>8}{'seconds':>9}")
    print(f"{'python':<26}{began:12.0f}")
    print(f"{'streamlit':<26}{rss_mb():12.0f}")
    from app_pages import _cache, _warmup

    last = rss_mb()
    print(f"{'app imports':<26}{last:12.0f}")

    from paicha_geo.config import settings
    # The app's store keeps the file open this long after a read (with DuckDB's buffers).
    linger = settings().database.app_linger_seconds + 0.5

    def step(name: str, compute):
        nonlocal last
        t = time.perf_counter()
        out = compute()
        seconds = time.perf_counter() - t
        time.sleep(linger)  # what stays is what the app keeps, not the open file's buffers
        memory.release_freed()
        now = rss_mb()
        print(f"{name:<26}{now:12.0f}{now - last:+8.0f}{seconds:9.2f}", flush=True)
        last = now
        return out

    try:
        version = _cache.version()
        snap = step("snapshot", lambda: _cache.snapshot(version))
        step("outlines", lambda: _cache.layers(version))
        for name, compute in _warmup.warm_steps(version, snap):
            step(name, compute)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
