"""Give memory that was freed back to the system after the big builds (snapshot, outlines).

The C allocator keeps what Python, pandas and GEOS free inside its heap, and Arrow's pool
(pandas' strings) keeps its own: after a province's outlines were simplified ~100 MB stayed
resident that nothing used. Called once per build, not per page run (a trim takes ~10 ms).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import threading

import pyarrow as pa


def use_system_allocator() -> None:
    """Arrow's buffers (pandas' text columns, query results) from the C allocator instead of
    Arrow's own mimalloc pool, so that `release_freed` gives them back: a province snapshot
    then stays 143 MB resident instead of 190 MB, and loads and computes as fast
    (bench/page_bench.py). The dashboard calls it once at start (app_pages/_warmup.start)."""
    pa.set_memory_pool(pa.system_memory_pool())


ARENAS = 2  # glibc's default is 8 per core
M_ARENA_MAX = -8  # mallopt's parameter number (malloc.h)


def limit_arenas(count: int = ARENAS) -> None:
    """Let the C allocator keep at most `count` heaps (arenas) for all threads.

    Streamlit runs every script run in a thread of its own, and glibc gives busy threads
    arenas of their own (up to 8 per core), each keeping freed pages that the others cannot
    reuse: measured on the province demo (bench/page_bench.py), the app grew ~40-100 MB above
    its warm-up after a few drill steps with the default and stayed at its warm-up with 2.
    Called once at start, before the pages' threads exist (app_pages/_warmup.start)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_ARENA_MAX, count)


def set_up_allocators() -> None:
    """The dashboard's allocator choices, made once at start (app_pages/_warmup.start;
    bench/memory_bench.py makes the same): `use_system_allocator`, `limit_arenas`."""
    use_system_allocator()
    limit_arenas()


def release_freed() -> None:
    """Return freed heap pages to the system (glibc's malloc_trim; a no-op elsewhere)."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def tidy_every(seconds: float, stop: threading.Event | None = None) -> None:
    """Now and then, collect cyclic garbage and give freed memory back (until `stop`).

    Streamlit's collection after every script run is switched off (.streamlit/config.toml:
    0.3-0.7 s per run); without it, what each run leaves in reference cycles waited for
    Python's rare full collection, and the heap it had used stayed resident. A full
    collection of the warmed app takes ~0.05 s, a trim ~1 ms: once a `seconds` is nothing.
    """
    stop = stop or threading.Event()
    while not stop.wait(seconds):
        gc.collect()
        release_freed()


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc if libc is not None and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None
