"""How the dashboard and the commands open the database: how long each waits for the other.

DuckDB lets one process at a time have the file open. Neither side keeps it: each opens it for
a read or a write (waiting, for a bounded time, while the other has it) and lets go when idle.
The waits come from settings.json (`database`); a small module so commands import little.
"""

from __future__ import annotations

from pathlib import Path

from paicha_geo import config
from paicha_geo.store import Store
from paicha_geo.store.server import ServerStore, is_server
from paicha_geo.store.turns import DashboardMark

_marks: dict[str, DashboardMark] = {}  # held for the process's life


def for_app(path: Path | str) -> Store:
    """The dashboard's handle, shared by its sessions: waits database.app_wait_seconds for a
    command to let go (then the page says the database is busy and nothing was saved). The
    file is marked as the dashboard's, so restore and demo refuse to replace it."""
    waits = config.settings().database
    if is_server(path):  # a server: no file to share, the server keeps writers apart
        return ServerStore(path, wait=waits.app_wait_seconds)
    _marks.setdefault(str(path), DashboardMark(path))
    return Store(path, wait=waits.app_wait_seconds, hold=False,
                 linger=waits.app_linger_seconds)


def for_command(path: Path | str, read_only: bool = False) -> Store:
    """A command's handle: waits database.cli_wait_seconds for the dashboard (or another
    command) to let go of the file, then names the file in a Chinese message."""
    waits = config.settings().database
    if is_server(path):
        return ServerStore(path, read_only, wait=waits.cli_wait_seconds)
    return Store(path, read_only, wait=waits.cli_wait_seconds, hold=False,
                 linger=waits.app_linger_seconds)
