"""Accounts and the audit log: the SQL. The audit log is append-only: nothing here updates or
deletes a row of it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.store.db import Store, cursor_of

ACCOUNT_FIELDS = ("account_id", "display_name", "role", "region_code", "disabled",
                  "must_change_password", "failed_attempts", "locked_until", "created_at",
                  "updated_at")


def insert_account(cur, account_id: str, display_name: str, role: str, region: str | None,
                   password_hash: str, now: dt.datetime) -> None:
    cur.execute(
        "INSERT INTO account (account_id, display_name, role, region_code, password_hash, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [account_id, display_name, role, region, password_hash, now, now])


def get_account(store_or_cur, account_id: str) -> dict | None:
    """The account's row as a dict, with its password hash, or None."""
    with cursor_of(store_or_cur) as cur:
        result = cur.execute("SELECT * FROM account WHERE account_id = ?", [account_id])
        row = result.fetchone()
        columns = [d[0] for d in result.description]
    return None if row is None else dict(zip(columns, row, strict=True))


def accounts(store: Store) -> pd.DataFrame:
    """Every account, without password hashes, by name."""
    cols = ", ".join(ACCOUNT_FIELDS)
    with store.reading() as cur:
        return cur.execute(
            f"SELECT {cols} FROM account ORDER BY account_id").fetchdf()  # noqa: S608


def update_account(cur, account_id: str, now: dt.datetime, **changes) -> None:
    """Set the named columns (a fixed set) of one account."""
    allowed = {"display_name", "role", "region_code", "password_hash", "disabled",
               "must_change_password", "failed_attempts", "locked_until"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not an account column: {sorted(unknown)}")
    sets = ", ".join(f"{k} = ?" for k in changes)
    cur.execute(f"UPDATE account SET {sets}, updated_at = ? WHERE account_id = ?",  # noqa: S608
                [*changes.values(), now, account_id])


def append_audit(cur, *, at: dt.datetime, account_id: str | None, role: str | None,
                 action: str, target: str | None = None, reason: str | None = None,
                 client: str | None = None) -> None:
    cur.execute(
        "INSERT INTO audit_log (occurred_at, account_id, role, action, target, reason, client) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [at, account_id, role, action, target, reason, client])


def audit_rows(store: Store, account_id: str | None = None) -> pd.DataFrame:
    """The audit log, oldest first (one account's rows when named)."""
    where, params = ("WHERE account_id = ?", [account_id]) if account_id else ("", [])
    with store.reading() as cur:
        return cur.execute(
            f"SELECT * FROM audit_log {where} ORDER BY audit_id", params).fetchdf()  # noqa: S608
