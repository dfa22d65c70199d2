"""Timing shared by the benchmark scripts (run as `python bench/NAME.py`, so this folder is
on the import path)."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, repeat: int = 5, warm: bool = True) -> float:
    """The median of `repeat` runs of `fn`, in ms; with `warm`, one untimed run first (the
    app's per-day caches, as a second page run finds them)."""
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000
