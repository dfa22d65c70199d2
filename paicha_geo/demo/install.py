"""Put a demo database at a path without ever destroying data that was there.

The demo is built into a temporary file beside the target while the target is held locked
(so the dashboard cannot open it meanwhile), and moved into place by an atomic rename only
when complete: a build that fails or is killed leaves the old file as it was. A file that is
not a demo exactly as built (real data, or a demo someone has worked in) is refused unless
`force`, and then copied aside first.
"""

from __future__ import annotations

import os
from pathlib import Path

from paicha_geo.config import DEFAULT_DB
from paicha_geo.domain.errors import Message
from paicha_geo.store import StoreError
from paicha_geo.store.guard import copy_aside, held


class DemoRefused(StoreError):
    """The target holds data a demo build would destroy."""


def building_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.building")


def install_demo(db: str | Path, scale: str = "city", seed: int = 2020,
                 force: bool = False) -> dict:
    """Build the demo and move it to `db`; returns timings plus `backup` (the copied-aside
    file, or None). Raises DemoRefused, or StoreBusyError when another process has `db`."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = building_path(db)
    with held(db) as facts:
        backup = None
        if not facts.replaceable:
            if not force:
                raise DemoRefused(_refusal(db, facts))
            backup = copy_aside(db, "before-demo")
        for stale in (tmp, Path(str(tmp) + ".wal")):  # left by a killed build
            stale.unlink(missing_ok=True)
        # Imported here: the app asks first_start_allowed on every run and must not carry
        # the builder (scipy, ~60 MB) for that.
        from paicha_geo.demo.build import build_demo

        try:
            timings = build_demo(tmp, scale, seed)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    # The lock is released here; the rename follows at once. A stale WAL of the old file
    # would be replayed onto the new one, so it goes first (the old file is being replaced).
    Path(str(db) + ".wal").unlink(missing_ok=True)
    os.replace(tmp, db)
    return {**timings, "backup": str(backup) if backup else None}


def install_demo_on_server(url: str, scale: str = "city", seed: int = 2020) -> dict:
    """The demo on an empty PostgreSQL database: built as a file, then copied and verified
    (store.transfer); a server database with data is refused, never replaced."""
    import tempfile

    from paicha_geo.store.transfer import copy_database

    with tempfile.TemporaryDirectory(prefix="paicha-demo-") as tmp:
        timings = install_demo(Path(tmp) / "demo.duckdb", scale, seed)
        copy_database(Path(tmp) / "demo.duckdb", url)
    return timings


def _refusal(db: Path, facts) -> Message:
    if not facts.readable:
        return Message("DEMO_REFUSE_UNKNOWN", path=db)
    if facts.is_demo:
        return Message("DEMO_REFUSE_CHANGED", path=db, **facts.counts)
    if "households" in facts.counts:
        return Message("DEMO_REFUSE_REAL", path=db, **facts.counts)
    return Message("DEMO_REFUSE_UNKNOWN", path=db)


def first_start_allowed(path: Path, environ=os.environ, default: Path | None = None) -> bool:
    """May the app build the demo at `path` on its own? Only on a true first start.

    True only for the default location (`default`, data/paicha.duckdb) with no PAICHA_DB (a
    configured path means a database was expected there), and with no database and no WAL
    left there.
    """
    default = default or DEFAULT_DB
    return (not environ.get("PAICHA_DB") and Path(path) == default
            and not Path(path).exists() and not Path(str(path) + ".wal").exists())
