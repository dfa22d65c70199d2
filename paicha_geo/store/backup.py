"""Backups that can be taken while the app runs, and restores into a fresh file.

A backup is a directory: one Parquet file per table plus manifest.json (schema version, row
counts, SHA-256 of every file). All tables are read inside ONE transaction, so the backup is
a consistent snapshot even while officials keep writing (DuckDB's MVCC). `EXPORT DATABASE`
would do the same but takes no bound parameters and writes absolute paths into load.sql; this
keeps paths as parameters and the directory movable.

On PostgreSQL the directory also gets the server's own dump (`postgresql.dump`, pg_dump's
custom format, for pg_restore) where pg_dump is installed: what a database administrator
restores with by habit. It is taken in pg_dump's own transaction, a moment after the Parquet
files', and `restore` does not read it.

Restore builds a new file beside the target (schema from our own migrations at the backup's
version, data from the Parquet files, sequences moved past the restored ids, then migrated to
the current version), checks the row counts, and only then swaps it in; the old file is kept.
It needs the database to be free: a running app holds DuckDB's single-writer lock, and the
StoreBusyError says so.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb

from paicha_geo.store.db import Store, StoreError, connect
from paicha_geo.store.guard import refuse_if_dashboard_runs
from paicha_geo.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES
from paicha_geo.store.server import without_password


def backed_up() -> list[str]:
    """Every table but the sign-in sessions: they are not data, and a restore must not bring
    a session back to life."""
    return [t for t in TABLES if t != "web_session"]

MANIFEST = "manifest.json"
FORMAT = "paicha-geo-backup/1"
# sequence -> (table, column) it numbers; restored sequences continue after the max id.
SEQUENCES = {"issue_history_seq": ("issue_history", "history_id"),
             "visit_seq": ("visit", "visit_id"),
             "audit_seq": ("audit_log", "audit_id"),
             "evidence_seq": ("evidence", "evidence_id"),
             "supervision_seq": ("supervision", "supervision_id"),
             "household_fact_seq": ("household_fact", "fact_id"),
             "village_fact_seq": ("village_fact", "fact_id")}
# BLOB columns enter a fingerprint as their MD5: the rows' text would be megabytes per file.
DIGESTED = {"evidence": ("content", "thumbnail")}


def advance_sequence(con, sequence: str, top: int) -> None:
    """Make `sequence`'s next value top + 1 (a fresh sequence, on a DuckDB file). DuckDB 1.5
    has no setval and cannot replace a sequence a column's default uses, so it is drawn
    `top` times (a fraction of a second for a province's 400,000 history rows)."""
    con.execute(f"SELECT max(nextval('{sequence}')) FROM range({int(top)})")  # noqa: S608


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(cur, table: str) -> list:
    # meta 'data_version' is a cache token that every write bumps, not content.
    where = "WHERE key <> 'data_version'" if table == "meta" else ""
    source = table
    if table in DIGESTED:
        digests = ", ".join(f"md5({c}) AS {c}" for c in DIGESTED[table])
        source = f"(SELECT * REPLACE ({digests}) FROM {table})"  # noqa: S608 - fixed names
    row = cur.execute(
        "SELECT count(*), md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) "  # noqa: S608
        f"ORDER BY CAST(t AS VARCHAR)), '')) FROM {source} t {where}"
    ).fetchall()[0]
    return [int(row[0]), row[1]]


def fingerprint(store: Store) -> dict[str, list]:
    """(row count, MD5 of the sorted rows) per table: equal fingerprints, equal content.

    Read in one transaction, so it describes one consistent state.
    """
    with store.reading() as cur:
        cur.execute("BEGIN TRANSACTION")
        out = {table: _fingerprint(cur, table) for table in TABLES}
        cur.execute("COMMIT")
    return out


def backup(store: Store, directory: str | os.PathLike) -> dict:
    """Write a consistent snapshot of every table to `directory` (new or empty)."""
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise StoreError("BACKUP_DIR_NOT_EMPTY", path=target)
    target.mkdir(parents=True, exist_ok=True)
    counts, files, prints = {}, {}, {}
    with store.reading() as cur:
        cur.execute("BEGIN TRANSACTION")
        version = cur.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        for table in backed_up():
            path = target / f"{table}.parquet"
            cur.execute(
                f"COPY (SELECT * FROM {table}) TO ? (FORMAT parquet)",  # noqa: S608
                [str(path)],
            )
            counts[table], prints[table] = _fingerprint(cur, table)
        cur.execute("COMMIT")
    for table in backed_up():
        files[f"{table}.parquet"] = _sha256(target / f"{table}.parquet")
    manifest = {"format": FORMAT, "schema_version": int(version),
                "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                "source": str(store.path), "counts": counts, "md5": prints, "sha256": files,
                "duckdb": duckdb.__version__, "pg_dump": _server_dump(store, target)}
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2),
                                   encoding="utf-8")
    return manifest


PG_DUMP_FILE = "postgresql.dump"


def pg_tool(name: str) -> str | None:
    """A PostgreSQL client program (pg_dump, pg_restore): the newest installed version's own
    binary, else the one on PATH; None when there is none."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(Path(p).parent.parent.name))
    return found[-1] if found else shutil.which(name)


def _server_dump(store: Store, target: Path) -> dict | None:
    """pg_dump of a PostgreSQL store into `target` (None for a DuckDB file): the file and its
    SHA-256, or why there is none (no pg_dump here, or it failed: the Parquet files remain)."""
    url = getattr(store, "url", None)
    if not url:
        return None
    tool = pg_tool("pg_dump")
    if tool is None:
        return {"made": False, "reason": "pg_dump not installed"}
    path = target / PG_DUMP_FILE
    address, password = without_password(url)
    env = {**os.environ, **({"PGPASSWORD": password} if password is not None else {})}
    try:
        run = subprocess.run([tool, "--format=custom", "--no-owner", "--no-privileges",
                              f"--file={path}", f"--dbname={address}"], env=env,
                             capture_output=True, text=True, timeout=DUMP_TIMEOUT)
    except subprocess.TimeoutExpired:
        run = None
    if run is None or run.returncode != 0:
        path.unlink(missing_ok=True)
        reason = "timed out" if run is None else (run.stderr.strip().splitlines() or ["?"])[0]
        return {"made": False, "reason": reason}
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    return {"made": True, "file": PG_DUMP_FILE, "sha256": _sha256(path),
            "tool": version.strip()}


DUMP_TIMEOUT = 3600  # seconds: a province's database dumps in well under a minute


def read_manifest(directory: str | os.PathLike) -> dict:
    """The manifest of a backup directory, with every file checked against its checksum."""
    source = Path(directory)
    path = source / MANIFEST
    if not path.exists():
        raise StoreError("RESTORE_NO_MANIFEST", path=source)
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("schema_version", 0) > SCHEMA_VERSION:
        raise StoreError("RESTORE_NEWER", version=manifest["schema_version"],
                         supported=SCHEMA_VERSION)
    for name, digest in manifest["sha256"].items():
        file = source / name
        if not file.exists():
            raise StoreError("RESTORE_MISSING_FILE", name=name)
        if _sha256(file) != digest:
            raise StoreError("RESTORE_BAD_FILE", name=name)
    return manifest


def _ensure_free(db: Path) -> None:
    """Raise StoreBusyError (with a message fit for the console) when another process has it."""
    if not db.exists():
        return
    refuse_if_dashboard_runs(db)
    try:
        connect(db).close()
    except duckdb.IOException as exc:
        raise StoreError("EXCEPTION_DB", path=db, reason=str(exc)) from exc


def restore(db: str | os.PathLike, directory: str | os.PathLike) -> dict:
    """Replace the database at `db` with the backup in `directory`; returns a summary."""
    db = Path(db)
    manifest = read_manifest(directory)
    _ensure_free(db)
    source = Path(directory)
    fresh = db.with_name(db.name + ".restoring")
    for stale in (fresh, Path(str(fresh) + ".wal")):
        stale.unlink(missing_ok=True)
    version = manifest["schema_version"]
    con = duckdb.connect(str(fresh))
    try:
        con.execute("BEGIN TRANSACTION")
        for v in range(1, version + 1):
            for statement in MIGRATIONS[v]:
                con.execute(statement)
        for table in (t for t in TABLES if t in manifest["counts"]):  # older backups have fewer
            con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            con.execute(
                f"INSERT INTO {table} SELECT * FROM read_parquet(?)",  # noqa: S608
                [str(source / f"{table}.parquet")],
            )
            count, digest = _fingerprint(con, table)
            if count != manifest["counts"][table] or digest != manifest["md5"][table]:
                raise StoreError("RESTORE_BAD_FILE", name=f"{table}.parquet")
        for sequence, (table, column) in SEQUENCES.items():
            if table not in manifest["counts"]:  # an older backup: the table comes later
                continue
            top = con.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]  # noqa: S608
            if top:
                advance_sequence(con, sequence, int(top))
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        fresh.unlink(missing_ok=True)
        raise
    con.close()
    with Store(fresh):  # migrate a backup from an older version to the current schema
        pass
    _ensure_free(db)
    previous = None
    if db.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        previous = db.with_name(f"{db.name}.before-restore-{stamp}")
        db.rename(previous)
        wal = Path(str(db) + ".wal")
        if wal.exists():
            wal.rename(Path(str(previous) + ".wal"))
    fresh.rename(db)
    rows = sum(manifest["counts"].values())
    return {"rows": rows, "previous": str(previous) if previous else None,
            "counts": manifest["counts"], "schema_version": SCHEMA_VERSION}
