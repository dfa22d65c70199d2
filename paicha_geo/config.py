"""Where things live. Paths come from the environment so tests and deployments can move them."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.settings import Settings
from paicha_geo.domain.targets import is_server
from paicha_geo.io.data_files import load_campaign_file, load_weights

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
DEFAULT_DB = PROJECT_ROOT / "data" / "paicha.duckdb"
CAMPAIGN_FILE = PACKAGE_DATA / "campaign_2020.json"
RISK_WEIGHTS_FILE = PACKAGE_DATA / "risk_weights.json"


class ServerURL(str):
    """A postgresql:// setting where the code expects a database file (see store.server).

    It answers `exists()` like a path: whether the server database is there is known when it
    is connected to (the error then names it)."""

    def exists(self) -> bool:
        return True


def db_path(explicit: str | os.PathLike | None = None) -> Path | ServerURL:
    """The database: an explicit path or URL, else $PAICHA_DB, else data/paicha.duckdb.
    A postgresql:// URL selects a PostgreSQL server; anything else is a DuckDB file."""
    value = explicit or os.environ.get("PAICHA_DB")
    if not value:
        return DEFAULT_DB
    if is_server(str(value)):
        return ServerURL(str(value))
    return Path(value)


def geo_dir() -> Path:
    """Boundary files (GeoJSON); $PAICHA_GEO_DIR overrides the project's geo/ folder."""
    env = os.environ.get("PAICHA_GEO_DIR")
    return Path(env) if env else PROJECT_ROOT / "geo"


def static_dir() -> Path:
    """Folder Streamlit serves at /app/static/ (next to app.py)."""
    return PROJECT_ROOT / "static"


def dev_mode() -> bool:
    """Development mode (PAICHA_DEV=1): pages show Python's full error details in the browser.

    Off by default: visitors get a Chinese message and the details go to the server log.
    """
    return os.environ.get("PAICHA_DEV") == "1"


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


@lru_cache(maxsize=4)
def _settings_for(override_path: str | None) -> Settings:
    data = json.loads((PACKAGE_DATA / "settings.json").read_text(encoding="utf-8"))
    if override_path:
        data = _merge(data, json.loads(Path(override_path).read_text(encoding="utf-8")))
    return Settings.from_dict(data)


def settings() -> Settings:
    """The installation's settings: package defaults, overridden by the JSON at $PAICHA_SETTINGS."""
    return _settings_for(os.environ.get("PAICHA_SETTINGS") or None)


def default_campaign() -> tuple[Campaign, pd.DataFrame]:
    """The package's campaign (2020) and its checklist, as the demo and new databases get it."""
    return load_campaign_file(CAMPAIGN_FILE)


def risk_weights() -> dict:
    """The risk-score weights shipped with the package (data/risk_weights.json)."""
    return load_weights(RISK_WEIGHTS_FILE)


def backup_dir() -> Path:
    """Where the ledger page writes backups: data/backups beside the default database."""
    return PROJECT_ROOT / "data" / "backups"
