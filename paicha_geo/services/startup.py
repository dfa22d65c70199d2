"""What the app does before any page: its static files, its database, its settings.

The demo database is built only on a true first start (see demo.install.first_start_allowed);
everything else opening the database goes through `open_store`.
"""

from __future__ import annotations

from pathlib import Path

from paicha_geo import config
from paicha_geo.demo.install import first_start_allowed, install_demo
from paicha_geo.domain.settings import Settings
from paicha_geo.render.assets import ensure_static_assets
from paicha_geo.services import opening
from paicha_geo.store import Store, StoreBusyError  # noqa: F401 - pages catch it


def prepare_static_files() -> Path:
    """Leaflet and jQuery copied where Streamlit serves them (the map works offline)."""
    return ensure_static_assets(config.static_dir())


def database_path() -> Path:
    return config.db_path()


def needs_first_demo(path: Path) -> bool:
    return first_start_allowed(path)


def build_first_demo(path: Path) -> None:
    install_demo(path, "city")


def open_store(path: Path) -> Store:
    """The app's handle on the database (see services.opening: it holds the file only while
    reading or writing, so commands can use it while the dashboard runs)."""
    return opening.for_app(path)


def settings() -> Settings:
    return config.settings()


def dev_mode() -> bool:
    return config.dev_mode()

