"""Server time of each script run, for bench/page_bench.py: written only when the
environment names a file (PAICHA_TIMING_LOG); costs nothing otherwise."""

from __future__ import annotations

import os
import time


def record(page: str, began: float) -> None:
    """Append "page<TAB>seconds" for a run that began at `began` (time.perf_counter)."""
    path = os.environ.get("PAICHA_TIMING_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{page}\t{time.perf_counter() - began:.4f}\n")
