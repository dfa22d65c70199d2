"""Sign-in sessions and inspectors' village assignments: the SQL.

A session row is keyed by the SHA-256 of the random id the cookie carries (never the id).
"""

from __future__ import annotations

import datetime as dt

from paicha_geo.store.db import cursor_of

SESSION_FIELDS = ("session_hash", "account_id", "via", "client", "created_at", "last_seen",
                  "ended_at", "end_reason")


def insert_session(cur, session_hash: str, account_id: str, via: str, client: str | None,
                   now: dt.datetime) -> None:
    cur.execute(
        "INSERT INTO web_session (session_hash, account_id, via, client, created_at, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?)", [session_hash, account_id, via, client, now, now])


def get_session(store_or_cur, session_hash: str) -> dict | None:
    """The session row joined to its account's state (role, region, disabled...), or None."""
    with cursor_of(store_or_cur) as cur:
        result = cur.execute(
            "SELECT s.*, a.display_name, a.role, a.region_code, a.disabled, "
            "a.must_change_password FROM web_session s JOIN account a USING (account_id) "
            "WHERE s.session_hash = ?", [session_hash])
        row = result.fetchone()
        columns = [d[0] for d in result.description]
    return None if row is None else dict(zip(columns, row, strict=True))


def touch_session(cur, session_hash: str, now: dt.datetime) -> None:
    cur.execute("UPDATE web_session SET last_seen = ? WHERE session_hash = ? "
                "AND ended_at IS NULL", [now, session_hash])


def end_session(cur, session_hash: str, now: dt.datetime, reason: str) -> None:
    cur.execute("UPDATE web_session SET ended_at = ?, end_reason = ? WHERE session_hash = ? "
                "AND ended_at IS NULL", [now, reason, session_hash])


def end_account_sessions(cur, account_id: str, now: dt.datetime, reason: str,
                         keep: str = "") -> None:
    """End every live session of the account but `keep` (the one changing the password)."""
    cur.execute("UPDATE web_session SET ended_at = ?, end_reason = ? WHERE account_id = ? "
                "AND ended_at IS NULL AND session_hash <> ?", [now, reason, account_id, keep])


def assigned_villages(store_or_cur, account_id: str) -> list[str]:
    with cursor_of(store_or_cur) as cur:
        return [r[0] for r in cur.execute(
            "SELECT village_code FROM account_village WHERE account_id = ? ORDER BY village_code",
            [account_id]).fetchall()]


def set_assigned_villages(cur, account_id: str, villages: list[str]) -> None:
    cur.execute("DELETE FROM account_village WHERE account_id = ?", [account_id])
    for code in villages:
        cur.execute("INSERT INTO account_village VALUES (?, ?)", [account_id, code])


def meta_value(store_or_cur, key: str) -> str | None:
    with cursor_of(store_or_cur) as cur:
        row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def insert_meta_if_missing(cur, key: str, value: str) -> None:
    cur.execute("INSERT INTO meta SELECT ?, ? WHERE NOT EXISTS "
                "(SELECT 1 FROM meta WHERE key = ?)", [key, value, key])
