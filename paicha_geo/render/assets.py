"""Serve Leaflet and jQuery from the app itself, so the map renders with no internet.

Streamlit serves ./static/ at /app/static/ when `server.enableStaticServing` is on. The files
come from the XStatic packages on PyPI and are copied there on start (the folder is ignored
by git).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet

STATIC_URL = "/app/static/vendor"

LOCAL_JS = [
    ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js"),
    ("jquery", f"{STATIC_URL}/jquery/jquery.min.js"),
]
LOCAL_CSS = [
    ("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css"),
]


def ensure_static_assets(target: Path) -> Path:
    """Copy the vendored assets into `target`/vendor (idempotent, cheap when already there)."""
    vendor = target / "vendor"
    sources = {"leaflet": Path(xs_leaflet.BASE_DIR), "jquery": Path(xs_jquery.BASE_DIR)}
    for name, src in sources.items():
        dest = vendor / name
        marker = dest / ".version"
        version = getattr(xs_leaflet if name == "leaflet" else xs_jquery, "VERSION", "")
        if marker.exists() and marker.read_text() == version:
            continue
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
        marker.write_text(version)
    return vendor
