"""Reading the audit log with filters: the SQL. Nothing here writes to it; rows are appended
by `store.accounts.append_audit` only, and no code updates or deletes one
(tests/services/test_audit_service.py greps store/ and services/ for that)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.store.db import Store

COLUMNS = ("audit_id", "occurred_at", "account_id", "role", "action", "target", "reason",
           "client")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


def search(store: Store, *, accounts: tuple[str, ...] = (), actions: tuple[str, ...] = (),
           start: dt.date | None = None, end: dt.date | None = None,
           text: str = "") -> pd.DataFrame:
    """The rows matching every filter given, newest first: by account, by action, from the
    start day through the end day (whole days), and holding `text` (any case, no wildcards)
    in the target or the reason."""
    where, params = ["TRUE"], []
    if accounts:
        where.append(_in("account_id", accounts))
        params += list(accounts)
    if actions:
        where.append(_in("action", actions))
        params += list(actions)
    if start is not None:
        where.append("occurred_at >= ?")
        params.append(dt.datetime.combine(start, dt.time()))
    if end is not None:
        where.append("occurred_at < ?")
        params.append(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    if text:
        where.append("(contains(lower(coalesce(target, '')), ?) "
                     "OR contains(lower(coalesce(reason, '')), ?))")
        params += [text.lower()] * 2
    sql = (f"SELECT {', '.join(COLUMNS)} FROM audit_log WHERE {' AND '.join(where)} "  # noqa: S608
           "ORDER BY occurred_at DESC, audit_id DESC")
    with store.reading() as cur:
        return cur.execute(sql, params).fetchdf()


def span(store: Store) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The first and last time in the log (None, None when it is empty)."""
    with store.reading() as cur:
        first, last = cur.execute(
            "SELECT min(occurred_at), max(occurred_at) FROM audit_log").fetchone()
    return first, last


def logged_accounts(store: Store) -> list[str]:
    """Every account named in the log (sign-in attempts by unknown names carry none)."""
    with store.reading() as cur:
        return [r[0] for r in cur.execute(
            "SELECT DISTINCT account_id FROM audit_log WHERE account_id IS NOT NULL "
            "ORDER BY account_id").fetchall()]
