"""The same Store on a PostgreSQL/PostGIS server (PAICHA_DB=postgresql://…).

DuckDB attaches the server database through its postgres extension (a PyPI wheel, so it works
offline) and runs every query of the store exactly as it does on a file: the SQL is written
once, in DuckDB's dialect. Reads of whole tables travel as PostgreSQL's binary COPY (columnar,
as fast as a file for the snapshot); writes run in a PostgreSQL transaction per Store
transaction, so several app processes and commands write at once and the server, not a file
lock, keeps them apart. Only the schema is the server's own: DuckDB cannot create sequences or
alter columns on an attached database, so migrations are translated by sqlglot and run
natively (psycopg) (boundaries become PostGIS geometry in EPSG:4326 with a GiST index).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import duckdb

from paicha_geo.domain.targets import is_server
from paicha_geo.store.db import RETRY_EVERY, Store, StoreError
from paicha_geo.store.schema import MIGRATIONS, SCHEMA_VERSION

CATALOG = "paicha"  # the attached server database's name inside DuckDB
MIGRATION_LOCK = 20200101  # pg_advisory_xact_lock key: one process migrates at a time

# What sqlglot leaves in DuckDB's words, and what only the server has.
_PG_REWRITES = [
    (re.compile(r"REGEXP_FULL_MATCH\((\w+), '([^']*)'\)"), r"\1 ~ '^(?:\2)$'"),
    (re.compile(r"\bboundary GEOMETRY\b"), "boundary geometry(Geometry, 4326)"),
]
_PG_EXTRA = {1: ["CREATE INDEX IF NOT EXISTS region_boundary_gist ON region USING gist (boundary)"]}


def shown(target: str | os.PathLike) -> str:
    """A database setting as messages and logs show it: a server URL without its password,
    a file's path as it is."""
    if not is_server(target):
        return str(target)
    parts = urlsplit(target)
    if parts.password is None:
        return target
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def without_password(url: str) -> tuple[str, str | None]:
    """A server URL without its password, and the password (unquoted; None when the URL has
    none): for a client program, which gets the password through its environment, since a
    command line is visible to every user of the machine."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    netloc = parts.netloc.replace(f":{parts.password}@", "@")
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


def server_sql(statement: str) -> str:
    """A migration's statement (DuckDB dialect) as PostgreSQL runs it."""
    import sqlglot  # here: a DuckDB file's app never needs its ~9 MB

    text = sqlglot.transpile(statement, read="duckdb", write="postgres")[0]
    for pattern, replacement in _PG_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def _extension() -> Path:
    """The postgres extension built for the installed DuckDB (duckdb-extension-postgres-scanner
    on PyPI; its version must match DuckDB's: pyproject pins both to 1.5.5)."""
    try:
        import duckdb_extension_postgres_scanner as wheel
    except ImportError as exc:
        raise StoreError("PG_EXTENSION_MISSING", version=duckdb.__version__) from exc
    path = (Path(wheel.__file__).parent / "extensions" / f"v{duckdb.__version__}"
            / "postgres_scanner.duckdb_extension")
    if not path.exists():
        raise StoreError("PG_EXTENSION_MISSING", version=duckdb.__version__)
    return path


def attach(con: duckdb.DuckDBPyConnection, url: str, name: str = CATALOG,
           read_only: bool = False) -> None:
    """Attach the server database `url` to a DuckDB connection as catalog `name`."""
    con.execute(f"LOAD '{_extension()}'")
    mode = ", READ_ONLY" if read_only else ""
    quoted = url.replace("'", "''")  # a password may hold a quote
    con.execute(f"ATTACH '{quoted}' AS {name} (TYPE postgres{mode})")


class ServerStore(Store):
    """A Store whose data lives on a PostgreSQL server (see the module's docstring).

    The DuckDB side holds no data and no lock, so the handle stays open for the process's
    life: `hold`, `linger` and the file queue of the embedded store do not apply; `wait` is
    how long to keep trying to reach a server that refuses connections.
    """

    def __init__(self, url: str, read_only: bool = False, *, wait: float = 0.0,
                 hold: bool = True, linger: float = 0.0):
        import threading

        del hold, linger  # the attached server is always held (nothing to let go of)
        self.url = url
        self.path = shown(url)  # messages name the server, never its password
        self.read_only = read_only
        self.wait = wait
        self.hold = True
        self.linger = 0.0
        self._lock = threading.Condition()
        self._closed = False
        self._memo: dict[str, tuple] = {}
        self._users = 0
        self._con = self._open(time.monotonic() + wait)
        if not read_only:
            self.migrate()

    # -- connections -------------------------------------------------------------------
    def _open(self, deadline: float) -> duckdb.DuckDBPyConnection:
        while True:
            con = duckdb.connect()
            try:
                attach(con, self.url, read_only=self.read_only)
                con.execute(f"USE {CATALOG}")
                return con
            except duckdb.Error as exc:
                con.close()
                if isinstance(exc, duckdb.IOException) and time.monotonic() < deadline:
                    time.sleep(RETRY_EVERY * 10)
                    continue
                raise StoreError("EXCEPTION_DB", path=self.path,
                                 reason=_first_line(exc)) from exc

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if self._closed:
            raise StoreError("EXCEPTION_DB", path=self.path, reason="closed")
        yield

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own (its own server connection) for the calling thread."""
        with self.held():
            cur = self._con.cursor()
            try:
                cur.execute(f"USE {CATALOG}")
                yield cur
            finally:
                cur.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the server database (commands and tests; the store uses reading())."""
        cur = self._con.cursor()
        cur.execute(f"USE {CATALOG}")
        return cur

    def is_open(self) -> bool:
        return not self._closed

    def _commit_key(self) -> str:
        return self.url

    def data_state(self) -> str:
        """Changes whenever a write transaction anywhere on the server ends: the server's
        current snapshot (xmin:xmax:in-progress ids), one round trip."""
        with self.reading() as cur:
            return cur.execute(
                f"SELECT * FROM postgres_query('{CATALOG}', "  # noqa: S608 - fixed names
                "'SELECT pg_current_snapshot()::text')").fetchone()[0]

    def checkpoint(self) -> None:
        """Nothing to fold: the server writes its own log."""

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._con.close()

    def execute_native(self, cur: duckdb.DuckDBPyConnection, sql: str) -> None:
        """Run PostgreSQL's own SQL in the cursor's transaction (sequences, extensions)."""
        cur.execute(f"CALL postgres_execute('{CATALOG}', ?)", [sql])

    # -- schema ------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the server database to SCHEMA_VERSION, one version per transaction.

        Run natively (psycopg, READ COMMITTED) under a transaction-level advisory lock, so
        that app processes starting together migrate once: whoever waited for the lock sees
        the version the other committed. DuckDB caches the attached schema; it is cleared
        after a migration so the new tables are seen.
        """
        import psycopg

        try:
            with psycopg.connect(self.url, autocommit=False) as conn:
                migrated = _migrate_native(conn, self.path)
        except psycopg.Error as exc:
            raise StoreError("EXCEPTION_DB", path=self.path, reason=_first_line(exc)) from exc
        if migrated:
            self._con.execute("CALL pg_clear_cache()")


def _migrate_native(conn, shown_url: str) -> bool:
    """Apply the missing versions on a psycopg connection; whether any was applied."""
    applied = False
    for version in range(1, SCHEMA_VERSION + 1):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
            current = _version_of(conn)
            if current > SCHEMA_VERSION:
                raise StoreError("DB_NEWER", path=shown_url, version=current,
                                 supported=SCHEMA_VERSION)
            if current >= version:
                continue
            if version == 1:
                try:
                    with conn.transaction():
                        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                except Exception as exc:
                    raise StoreError("PG_POSTGIS_MISSING", path=shown_url,
                                     reason=_first_line(exc)) from exc
            for statement in MIGRATIONS[version]:
                conn.execute(server_sql(statement))
            for statement in _PG_EXTRA.get(version, []):
                conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", [str(version)])
            applied = True
    return applied


def _version_of(conn) -> int:
    """The schema version the server has committed (0 before the meta table)."""
    if conn.execute("SELECT to_regclass('meta') IS NULL").fetchone()[0]:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
