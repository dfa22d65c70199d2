"""挂牌督办 in the database: a mark or an unmark is one row appended to `supervision`, the
issue's `escalated` flag set or cleared, its version bumped and a history row added, all in
one transaction (or nothing). `supervision` is only ever INSERTed into."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from paicha_geo.store.db import Store
from paicha_geo.store.ledger import ConflictError, IssueNotFound, conflict, get_issue

MARK, UNMARK = "mark", "unmark"


def current_marks(store: Store) -> pd.DataFrame:
    """The mark in force per issue (its latest row, when that is a mark): issue_code,
    marked_at, account_id, reason, deadline, contact."""
    with store.reading() as cur:
        return cur.execute(
            "SELECT issue_code, acted_at AS marked_at, account_id, reason, deadline, contact "
            "FROM (SELECT *, row_number() OVER (PARTITION BY issue_code "
            "      ORDER BY acted_at DESC, supervision_id DESC) AS n FROM supervision) "
            "WHERE n = 1 AND action = 'mark' ORDER BY issue_code").fetchdf()


def supervision_history(store: Store, issue_code: str) -> pd.DataFrame:
    """Every mark and unmark of one issue, oldest first."""
    with store.reading() as cur:
        return cur.execute(
            "SELECT supervision_id, issue_code, action, acted_at, account_id, reason, deadline, "
            "contact FROM supervision WHERE issue_code = ? ORDER BY acted_at, supervision_id",
            [issue_code]).fetchdf()


def record(store: Store, issue_code: str, action: str, *, account_id: str, reason: str,
           deadline: dt.date | None, contact: str | None, note: str, when: dt.datetime,
           expected_version: int) -> dict:
    """Append a mark or unmark of an issue the caller saw at `expected_version`; returns the
    issue as this change left it. The history row keeps the status (from = to) and carries
    `note`. IssueNotFound, or ConflictError when the issue changed since."""
    try:
        with store.transaction() as cur:
            current = get_issue(store, issue_code, cur)
            if current is None:
                raise IssueNotFound("REFUSE_NOT_FOUND", code=issue_code)
            marked = action == MARK
            changed = cur.execute(
                "UPDATE issue SET escalated = ?, version = version + 1 "
                "WHERE issue_code = ? AND version = ?",
                [marked, issue_code, expected_version]).fetchone()[0]
            if changed != 1:
                raise conflict(store, issue_code, expected_version)
            cur.execute(
                "INSERT INTO supervision (issue_code, action, acted_at, account_id, reason, "
                "deadline, contact) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [issue_code, action, when, account_id, reason, deadline, contact])
            cur.execute(
                "INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, "
                "actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                [issue_code, when, current["status"], current["status"], account_id, note])
    except (ConflictError, IssueNotFound):
        raise
    except duckdb.TransactionException:  # another writer holds the row right now
        raise conflict(store, issue_code, expected_version) from None
    return {**current, "escalated": marked, "version": expected_version + 1}
