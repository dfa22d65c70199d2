"""Give memory that was freed back to the system after the big builds (snapshot, outlines).

The C allocator keeps what Python, pandas and GEOS free inside its heap, and Arrow's pool
(pandas' strings) keeps its own: after a province's outlines were simplified ~100 MB stayed
resident that nothing used. Called once per build, not per page run (a trim takes ~10 ms).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

import pyarrow as pa


def release_freed() -> None:
    """Return freed heap pages to the system (glibc's malloc_trim; a no-op elsewhere)."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc if libc is not None and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None
