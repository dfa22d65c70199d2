"""Big map geometry served once per content, cached by the browser (GET /geo/<key>.json).

A map's data layer is re-sent on every rerun (a change of metric, filter or date), yet its
shapes only change with the level and the data version. When the app serves `/geo/` (the web
routes switch it on), a big layer carries a URL instead of its coordinates: the URL names the
content (a hash), so the browser keeps it for good and the map iframe memoises it too; a rerun
then sends only the colours and tooltips. Without the route (AppTest, exports, the benchmark's
files) geometry stays inline.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

PREFIX = "/geo/"
MIN_CHARS = 4_000  # smaller geometry stays inline: not worth a request
MAX_BYTES = 64 * 2**20  # kept per process, least recently used dropped first

_lock = threading.Lock()
_store: OrderedDict[str, bytes] = OrderedDict()
_size = 0
_enabled = False


def enable(on: bool = True) -> None:
    """Called where the `/geo/` route is mounted (paicha_geo.web.routes)."""
    global _enabled
    _enabled = on


def url_for(geometry: dict) -> str | None:
    """The URL serving `geometry` (compact_layer.encode_geometries output), or None to keep it
    inline (the route is off, or it is small)."""
    if not _enabled or len(geometry["c"]) < MIN_CHARS:
        return None
    body = json.dumps(geometry, separators=(",", ":")).encode()
    key = hashlib.sha256(body).hexdigest()[:24]
    global _size
    with _lock:
        if key in _store:
            _store.move_to_end(key)
        else:
            _store[key] = body
            _size += len(body)
            while _size > MAX_BYTES and len(_store) > 1:
                _size -= len(_store.popitem(last=False)[1])
    return f"{PREFIX}{key}.json"


def body_of(name: str) -> bytes | None:
    """The stored geometry for `<key>.json`, or None (unknown, or dropped)."""
    with _lock:
        return _store.get(name.removesuffix(".json"))
