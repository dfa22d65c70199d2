"""Where things live. Paths come from the environment so tests and deployments can move them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The DuckDB file: an explicit path, else $PAICHA_DB, else data/paicha.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("PAICHA_DB")
    if env:
        return Path(env)
    return PROJECT_ROOT / "data" / "paicha.duckdb"


def geo_dir() -> Path:
    """Boundary files (GeoJSON); $PAICHA_GEO_DIR overrides the project's geo/ folder."""
    env = os.environ.get("PAICHA_GEO_DIR")
    return Path(env) if env else PROJECT_ROOT / "geo"


def static_dir() -> Path:
    """Folder Streamlit serves at /app/static/ (next to app.py)."""
    return PROJECT_ROOT / "static"


def may_see_personal_data() -> bool:
    """Whether this installation's users may see household names and ID numbers unmasked.

    Off by default. Until access control exists, an administrator turns it on for a trusted
    deployment with PAICHA_SHOW_PERSONAL=1; the large-screen mode ignores it entirely.
    """
    return os.environ.get("PAICHA_SHOW_PERSONAL") == "1"
