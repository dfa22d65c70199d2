"""Evidence attached to issues: the SQL. Rows are only inserted, and a removal only fills in
removed_at/removed_by/remove_reason: no row, and no file in it, is ever deleted here."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.store.db import Store

# What a list shows: everything but the file itself.
LISTED = ("evidence_id", "issue_code", "kind", "file_name", "media_type", "type_key", "size",
          "sha256", "thumbnail", "added_at", "account_id", "removed_at", "removed_by",
          "remove_reason")


def insert(cur, *, issue_code: str, kind: str, file_name: str, media_type: str,
           type_key: str, content: bytes, sha256: str, thumbnail: bytes | None,
           at: dt.datetime, account_id: str) -> int:
    """Add one file; returns its evidence_id. Read back inside the caller's transaction
    (which sees its own row) rather than with RETURNING, which DuckDB cannot do on an
    attached PostgreSQL table (store.server)."""
    cur.execute(
        "INSERT INTO evidence (issue_code, kind, file_name, media_type, type_key, size, sha256,"
        " content, thumbnail, added_at, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [issue_code, kind, file_name, media_type, type_key, len(content), sha256, content,
         thumbnail, at, account_id])
    return int(cur.execute(
        "SELECT max(evidence_id) FROM evidence WHERE issue_code = ? AND sha256 = ? "
        "AND added_at = ? AND account_id = ?", [issue_code, sha256, at, account_id]
    ).fetchone()[0])


def count_current(cur, issue_code: str) -> int:
    """Files of an issue that are not removed."""
    return int(cur.execute("SELECT count(*) FROM evidence WHERE issue_code = ? "
                           "AND removed_at IS NULL", [issue_code]).fetchone()[0])


def kinds_present(store: Store, issue_code: str) -> set[str]:
    """The kinds an issue has at least one current (not removed) file of."""
    with store.reading() as cur:
        rows = cur.execute(
            "SELECT DISTINCT kind FROM evidence WHERE issue_code = ? AND removed_at IS NULL",
            [issue_code]).fetchall()
    return {r[0] for r in rows}


def for_issue(store: Store, issue_code: str, removed: bool = False) -> pd.DataFrame:
    """An issue's files without their content, oldest first; `removed` includes the removed."""
    cols = ", ".join(LISTED)
    where = "" if removed else " AND removed_at IS NULL"
    with store.reading() as cur:
        return cur.execute(
            f"SELECT {cols} FROM evidence WHERE issue_code = ?{where} "  # noqa: S608 - constants
            "ORDER BY added_at, evidence_id", [issue_code]).fetchdf()


def get(store: Store, evidence_id: int, content: bool = False) -> dict | None:
    """One file's row (with its bytes when `content`), or None."""
    cols = ", ".join(LISTED) + (", content" if content else "")
    with store.reading() as cur:
        result = cur.execute(
            f"SELECT {cols} FROM evidence WHERE evidence_id = ?",  # noqa: S608 - constants
            [int(evidence_id)])
        row = result.fetchone()
        columns = [d[0] for d in result.description]
    return None if row is None else dict(zip(columns, row, strict=True))


def mark_removed(cur, evidence_id: int, *, at: dt.datetime, account_id: str,
                 reason: str) -> bool:
    """Mark a current file removed; False when it was already removed (or is unknown)."""
    row = cur.execute(
        "UPDATE evidence SET removed_at = ?, removed_by = ?, remove_reason = ? "
        "WHERE evidence_id = ? AND removed_at IS NULL", [at, account_id, reason,
                                                          int(evidence_id)]).fetchone()
    return bool(row and row[0])


def note_in_history(cur, issue_code: str, *, at: dt.datetime, account_id: str,
                    note: str) -> None:
    """Append a history row for a change to an issue's files: the status stays (from = to),
    the issue's version does not move (nobody's open card is made stale by a photo)."""
    cur.execute(
        "INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, actor, note) "
        "SELECT issue_code, ?, status, status, ?, ? FROM issue WHERE issue_code = ?",
        [at, account_id, note, issue_code])
