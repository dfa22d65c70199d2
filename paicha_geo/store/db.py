"""The one class that opens DuckDB. Everything else asks it for cursors and transactions.

DuckDB allows one read-write process per file; threads share it through `cursor()`.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from paicha_geo.domain.errors import Message, UserError
from paicha_geo.store.schema import MIGRATIONS, SCHEMA_VERSION


class StoreError(UserError):
    """A store failure the user is told about: a code and its fields (labels.say words it)."""


class StoreBusyError(StoreError):
    """Another process holds the database file (DuckDB allows one writer process).

    The message (DB_BUSY) names the file, for the console; the dashboard shows its own message
    without server paths (labels.DB_BUSY_PAGE) and logs this one. `path` is the file.
    """

    def __init__(self, path: Path):
        super().__init__(Message("DB_BUSY", path=path))
        self.path = path


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file; StoreBusyError when another process holds its lock (a read-write
    open takes the lock, so holding the connection keeps other processes out)."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusyError(Path(path)) from exc
        raise


class Store:
    """A DuckDB file with the paicha-geo schema, migrated to the current version on open."""

    # Committed write transactions per file in this process (any Store object on it): the
    # app rechecks the data signature at once after its own writes, and only now and then
    # for other processes' (see app_pages/_cache.version).
    _commits: dict[Path, int] = {}

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError("EXCEPTION_DB", path=self.path, reason=str(exc)) from exc
        if not read_only:
            self.migrate()

    # -- connections -------------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for the calling thread (DuckDB connections are not thread-safe)."""
        with self._lock:
            return self._con.cursor()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: commit when the block ends, roll back on any exception.

        If DuckDB already aborted the transaction (a write conflict), the ROLLBACK itself
        fails; that second error is suppressed so the real one surfaces.
        """
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
            key = self.path.resolve()
            Store._commits[key] = Store._commits.get(key, 0) + 1
        finally:
            cur.close()

    @property
    def commits(self) -> int:
        """How many write transactions this process has committed on this file."""
        return Store._commits.get(self.path.resolve(), 0)

    @staticmethod
    def bump_data_version(cur: duckdb.DuckDBPyConnection) -> None:
        """Mark a bulk change (import, boundaries) the row counts would not reveal.

        Only bulk writers call this: a meta row written by every status change would make
        concurrent writers collide on it. Status changes and visits show up in the data
        signature (history and visit counts) instead; see queries.data_signature.
        """
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)",
                    [uuid.uuid4().hex])

    def checkpoint(self) -> None:
        """Write the WAL into the database file (so a copied file is complete)."""
        self.cursor().execute("CHECKPOINT")

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        cur = self.cursor()
        has_meta = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()[0]
        if not has_meta:
            return 0
        row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Bring an older (or empty) file to SCHEMA_VERSION, one version per transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError("DB_NEWER", path=self.path, version=current,
                             supported=SCHEMA_VERSION)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction() as cur:
                for statement in MIGRATIONS[version]:
                    cur.execute(statement)
                cur.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)]
                )

    # -- meta --------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.cursor().execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str, cur: duckdb.DuckDBPyConnection | None = None) -> None:
        """Inside the caller's transaction `cur`, or committed on its own."""
        if cur is not None:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
            return
        with self.transaction() as own:
            own.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
