"""Hold a database file while it is about to be replaced, and say what it holds.

DuckDB takes an OS lock on a file opened read-write, so holding one open connection keeps the
dashboard (or another command) from opening it while a replacement is built, and opening it
fails at once while the dashboard is using it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from paicha_geo.store.db import StoreError, connect
from paicha_geo.store.queries import content_signature
from paicha_geo.store.turns import dashboard_running


@dataclass(frozen=True)
class FileFacts:
    """What a file at a database path holds, as far as replacing it is concerned."""

    exists: bool
    readable: bool = True  # a DuckDB database (not some other file)
    is_demo: bool = False
    pristine_demo: bool = False  # a demo nobody has changed since it was built
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def replaceable(self) -> bool:
        """Nothing would be lost: no file, or a demo exactly as it was built."""
        return not self.exists or self.pristine_demo


def _describe(con: duckdb.DuckDBPyConnection) -> FileFacts:
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    if not {"meta", "household", "issue", "issue_history", "visit"} <= tables:
        return FileFacts(exists=True, counts={"tables": len(tables)})
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    counts = dict(zip(("households", "issues", "history"), con.execute(
        "SELECT (SELECT count(*) FROM household), (SELECT count(*) FROM issue), "
        "(SELECT count(*) FROM issue_history)").fetchone(), strict=True))
    is_demo = meta.get("is_demo") == "1"
    pristine = is_demo and meta.get("demo_signature") == content_signature(con)
    return FileFacts(exists=True, is_demo=is_demo, pristine_demo=pristine, counts=counts)


@contextlib.contextmanager
def held(path: str | Path) -> Iterator[FileFacts]:
    """Keep `path` locked against other processes for the block; yields what it holds.

    Raises StoreBusyError when another process (the dashboard) has the file open.
    """
    path = Path(path)
    if not path.exists():
        yield FileFacts(exists=False)
        return
    refuse_if_dashboard_runs(path)
    try:
        con = connect(path)  # StoreBusyError passes: the dashboard has it
    except duckdb.Error:
        con = None
    if con is None:  # not a DuckDB database: its content is unknown, so it counts as data
        yield FileFacts(exists=True, readable=False)
        return
    try:
        yield _describe(con)
    finally:
        con.close()


def refuse_if_dashboard_runs(path: Path) -> None:
    """A file about to be replaced must not be in a running dashboard's use: it opens the file
    only while reading or writing, so the file's lock alone would not tell (turns.DashboardMark).
    """
    if dashboard_running(path):
        raise StoreError("DB_DASHBOARD_RUNNING", path=path)


def copy_aside(path: str | Path, tag: str) -> Path:
    """Copy the file (and its WAL) beside itself as `<name>.<tag>-<time>`; returns the copy."""
    path = Path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    shutil.copy2(path, target)
    wal = Path(str(path) + ".wal")
    if wal.exists():
        shutil.copy2(wal, Path(str(target) + ".wal"))
    return target
