"""Moving a whole database between a DuckDB file and a PostgreSQL server (either way).

One DuckDB connection sees both ends (the target as its own catalog, the source attached
read-only), copies every table in one transaction of the target, and compares each table's
fingerprint (row count and MD5 of the sorted rows, as backups do) on both sides before it
commits: the target gets all of it, verified, or nothing. The target must be empty (a new
file, or a server database with only the schema), so a live database is never overwritten.
Sign-in sessions are not copied (as in backups): users sign in again on the new database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from paicha_geo.store.backup import SEQUENCES, _fingerprint, advance_sequence, backed_up
from paicha_geo.store.db import Store, StoreBusyError, StoreError
from paicha_geo.store.schema import SCHEMA_VERSION
from paicha_geo.store.server import ServerStore, attach, is_server, shown

SOURCE = "paicha_source"  # the source's catalog name inside the copying connection


def open_target(target: str | os.PathLike, wait: float) -> Store:
    """The target, created or migrated to the current schema."""
    if is_server(target):
        return ServerStore(str(target), wait=wait)
    return Store(Path(target), wait=wait)


def _attach_source(cur, source: str | os.PathLike) -> None:
    if is_server(source):
        try:
            attach(cur, str(source), SOURCE, read_only=True)
        except duckdb.Error as exc:
            raise StoreError("EXCEPTION_DB", path=shown(source),
                             reason=str(exc).strip().splitlines()[0]) from exc
        return
    path = Path(source)
    if not path.exists():
        raise StoreError("CLI_DB_MISSING", path=path)
    try:
        cur.execute(f"ATTACH '{path}' AS {SOURCE} (READ_ONLY)")
    except duckdb.IOException as exc:  # held by a running dashboard or command
        raise StoreBusyError(path) from exc


def _version_of_source(cur) -> int:
    """The source's schema version; 0 when it has no paicha-geo schema at all."""
    try:
        row = cur.execute(f"SELECT value FROM {SOURCE}.meta "  # noqa: S608 - fixed name
                          "WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


def _rows_in(cur, catalog: str | None, tables: list[str]) -> int:
    prefix = f"{catalog}." if catalog else ""
    return sum(cur.execute(f"SELECT count(*) FROM {prefix}{t}").fetchone()[0]  # noqa: S608
               for t in tables if t != "meta")


def copy_database(source: str | os.PathLike, target: str | os.PathLike,
                  wait: float = 30.0) -> dict:
    """Copy every table from `source` to the empty `target`; returns rows and fingerprints
    per table. Raises StoreError (in Chinese) for an older or newer source, a target that is
    not empty, or a table whose copy does not match."""
    if str(source) == str(target):
        raise StoreError("MIGRATE_SAME", path=shown(source))
    tables = backed_up()
    with open_target(target, wait) as store, store.reading() as cur:
        home = cur.execute("SELECT current_database()").fetchone()[0]
        _attach_source(cur, source)
        try:
            version = _version_of_source(cur)
            if version == 0:
                raise StoreError("MIGRATE_SOURCE_EMPTY", path=shown(source))
            if version != SCHEMA_VERSION:
                raise StoreError("MIGRATE_SOURCE_VERSION", path=shown(source),
                                 version=version, supported=SCHEMA_VERSION)
            if _rows_in(cur, None, tables):
                raise StoreError("MIGRATE_TARGET_NOT_EMPTY", path=shown(target))
            result = _copy(store, cur, tables, home)
        finally:
            cur.execute(f'USE "{home}"')
            cur.execute(f"DETACH {SOURCE}")
    return result


def _copy(store: Store, cur, tables: list[str], home: str) -> dict:
    """The copy itself, in one transaction of the target; verified before it commits."""
    out = {}
    cur.execute("BEGIN TRANSACTION")
    try:
        for table in tables:
            if table == "meta":  # the target has its own schema_version, the same one
                cur.execute(f"INSERT OR REPLACE INTO meta SELECT * FROM {SOURCE}.meta")  # noqa: S608
            else:
                cur.execute(f"INSERT INTO {table} BY NAME "  # noqa: S608 - fixed names
                            f"SELECT * FROM {SOURCE}.{table}")
        for sequence, (table, column) in SEQUENCES.items():
            top = cur.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]  # noqa: S608
            if top:
                _continue_after(store, cur, sequence, int(top))
        for table in tables:
            cur.execute(f"USE {SOURCE}")
            before = _fingerprint(cur, table)
            cur.execute(f'USE "{home}"')
            after = _fingerprint(cur, table)
            if before != after:
                raise StoreError("MIGRATE_MISMATCH", table=table, source=before[0],
                                 target=after[0])
            out[table] = {"rows": after[0], "md5": after[1]}
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    return out


def _continue_after(store: Store, cur, sequence: str, top: int) -> None:
    """New rows on the target are numbered after the copied ones."""
    if isinstance(store, ServerStore):
        store.execute_native(cur, f"SELECT setval('{sequence}', {top})")
    else:
        advance_sequence(cur, sequence, top)


def restore_to_server(url: str, directory: str | os.PathLike) -> dict:
    """Restore a backup into an empty server database: the backup is restored into a
    temporary file first (checked against its manifest, as for a file), then copied."""
    from paicha_geo.store.backup import restore

    with tempfile.TemporaryDirectory(prefix="paicha-restore-") as tmp:
        file = Path(tmp) / "restored.duckdb"
        result = restore(file, directory)
        copy_database(file, url)
    return {**result, "previous": None}

