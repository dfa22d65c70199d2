"""memory.tidy_every collects what runs left in reference cycles and trims the heap, now and
then, until told to stop (the app turns Streamlit's collection after every run off)."""

import gc
import threading
import time
import weakref

from paicha_geo.services import memory


class Node:
    pass


def test_cycles_are_collected_and_the_heap_trimmed_until_stopped(monkeypatch):
    trims = []
    monkeypatch.setattr(memory, "release_freed", lambda: trims.append(time.monotonic()))
    gc.disable()  # only the tidying may collect during the test
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: reference counting alone never frees it
        gone = weakref.ref(a)
        del a, b
        assert gone() is not None
        stop = threading.Event()
        worker = threading.Thread(target=memory.tidy_every, args=(0.01, stop))
        worker.start()
        deadline = time.monotonic() + 5
        while (gone() is not None or not trims) and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        worker.join(2)
    finally:
        gc.enable()
    assert gone() is None and trims
    assert not worker.is_alive()


ARENA_PROBE = """
import ctypes, ctypes.util, sys, tempfile, threading
from paicha_geo.services import memory
if sys.argv[1] == "limited":
    memory.limit_arenas(2)
def work():
    keep = [bytearray(4096) for _ in range(2000)]
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile("r", suffix=".xml") as out:
    fp = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(fp))
    libc.fclose(ctypes.c_void_p(fp))
    print(out.read().count("<heap nr="))
"""


def test_the_threads_share_at_most_two_heaps_once_limited():
    """Streamlit's script threads would otherwise each get a heap of their own (glibc)."""
    import subprocess
    import sys

    def heaps(mode: str) -> int:
        done = subprocess.run([sys.executable, "-c", ARENA_PROBE, mode], capture_output=True,
                              text=True, check=True)
        return int(done.stdout)

    assert heaps("default") > 2
    assert heaps("limited") <= 2
