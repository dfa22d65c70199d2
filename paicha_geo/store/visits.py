"""Recording an inspection visit, and turning its findings into new ledger issues, atomically."""

from __future__ import annotations

import datetime as dt
import uuid

import pandas as pd

from paicha_geo.store.db import Store
from paicha_geo.store.loads import insert_frame

VISIT_COLUMNS = ["region_code", "household_id", "visit_date", "visitors", "kind", "findings"]


def village_names(store: Store, codes) -> dict[str, str]:
    """Code -> name of those of `codes` that are villages."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    with store.reading() as cur:
        rows = cur.execute(
            "SELECT code, name FROM region WHERE level = 'village' AND code IN (SELECT unnest(?))",
            [wanted]).fetchall()
    return dict(rows)


def record_visit(
    store: Store,
    *,
    rows: list[dict],
    visit_date: dt.date,
    visitors: str,
    kind: str = "inspection",
    new_issues: list[dict] = (),
    actor: str | None = None,
    raised_at: dt.datetime | None = None,
) -> list[str]:
    """The visit's rows (`region_code`, `household_id` or None, `findings`), and for each of
    `new_issues` (region_code, household_id, item_code, severity, deadline, description,
    responsible_unit) a 督查 issue found on the visit's day with its first history entry (by
    `actor`, default the visitors, at `raised_at`, default the visit's evening). One
    transaction: all of it or nothing. Returns the new issues' codes, in order."""
    visits = pd.DataFrame([{**r, "visit_date": visit_date, "visitors": visitors, "kind": kind}
                           for r in rows], columns=VISIT_COLUMNS)
    raised_at = raised_at or dt.datetime.combine(visit_date, dt.time(18, 0))
    issues, history = issue_rows(new_issues, found_date=visit_date, raised_at=raised_at,
                                 actor=actor or visitors)
    with store.transaction() as cur:
        insert_frame(cur, "visit", visits)
        if issues:
            _insert_issues(cur, issues, history)
    return [i["issue_code"] for i in issues]


def issue_rows(new_issues, *, found_date: dt.date, raised_at: dt.datetime, actor: str,
               source: str = "supervision", prefix: str = "DC") -> tuple[list, list]:
    """The issue rows and their first history entries for `new_issues` (see record_visit),
    coded `{prefix}{date}-{village prefix}-{random}`; the first note is the description."""
    issues, history = [], []
    for new in new_issues:
        code = f"{prefix}{found_date:%Y%m%d}-{new['region_code'][:9]}-{uuid.uuid4().hex[:6]}"
        issues.append({
            "issue_code": code, "region_code": new["region_code"],
            "household_id": new.get("household_id"), "item_code": new["item_code"],
            "source": source, "severity": new["severity"],
            "responsible_unit": new.get("responsible_unit"),
            "description": new["description"], "found_date": found_date,
            "deadline": new["deadline"], "status": "pending", "measures": None,
            "rectified_date": None, "closed_date": None, "verifier": None,
            "escalated": False, "version": 1,
        })
        history.append({"issue_code": code, "changed_at": raised_at, "from_status": None,
                        "to_status": "pending", "actor": actor,
                        "note": new.get("note") or new["description"]})
    return issues, history


def _insert_issues(cur, issues: list, history: list) -> None:
    campaign = cur.execute(
        "SELECT campaign_id FROM campaign WHERE active ORDER BY campaign_id DESC LIMIT 1"
    ).fetchall()[0][0]
    insert_frame(cur, "issue", pd.DataFrame([{**i, "campaign_id": campaign} for i in issues]))
    insert_frame(cur, "issue_history", pd.DataFrame(history))


def raise_issues(store: Store, new_issues: list[dict], *, found_date: dt.date,
                 raised_at: dt.datetime, actor: str, source: str, prefix: str) -> list[str]:
    """New issues without a visit (e.g. from 数据比对, source `source`), each with its first
    history entry (note: `note` if given, else the description); one transaction."""
    issues, history = issue_rows(new_issues, found_date=found_date, raised_at=raised_at,
                                 actor=actor, source=source, prefix=prefix)
    with store.transaction() as cur:
        _insert_issues(cur, issues, history)
    return [i["issue_code"] for i in issues]
