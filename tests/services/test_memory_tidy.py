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
