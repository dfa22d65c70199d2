"""Recording an inspection visit, and turning a finding into a new ledger issue, atomically."""

from __future__ import annotations

import datetime as dt
import uuid

import pandas as pd

from paicha_geo.store.db import Store
from paicha_geo.store.loads import insert_frame


def record_visit(
    store: Store,
    *,
    village_codes: list[str],
    visit_date: dt.date,
    visitors: str,
    findings: str,
    households: list[str] = (),
    kind: str = "inspection",
    new_issue: dict | None = None,
    actor: str | None = None,
) -> str | None:
    """One visit row per village (and per household seen); with `new_issue` (village code,
    item_code, severity, deadline, description, responsible_unit) also a 督查 issue with its
    first history entry (by `actor`, default the visitors). All in one transaction. Returns
    the new issue's code, if any."""
    rows = [{"region_code": code, "household_id": None, "visit_date": visit_date,
             "visitors": visitors, "kind": kind, "findings": findings}
            for code in village_codes]
    rows += [{"region_code": hh[:12], "household_id": hh, "visit_date": visit_date,
              "visitors": visitors, "kind": kind, "findings": findings} for hh in households]
    code = None
    with store.transaction() as cur:
        insert_frame(cur, "visit", pd.DataFrame(rows))
        if new_issue:
            campaign = cur.execute(
                "SELECT campaign_id FROM campaign WHERE active ORDER BY campaign_id DESC LIMIT 1"
            ).fetchall()[0][0]
            code = f"DC{visit_date:%Y%m%d}-{new_issue['region_code'][:9]}-{uuid.uuid4().hex[:6]}"
            issue = {
                "issue_code": code, "campaign_id": campaign,
                "region_code": new_issue["region_code"], "household_id": None,
                "item_code": new_issue["item_code"], "source": "supervision",
                "severity": new_issue["severity"],
                "responsible_unit": new_issue.get("responsible_unit"),
                "description": new_issue["description"], "found_date": visit_date,
                "deadline": new_issue["deadline"], "status": "pending", "measures": None,
                "rectified_date": None, "closed_date": None, "verifier": None,
                "escalated": False, "version": 1,
            }
            insert_frame(cur, "issue", pd.DataFrame([issue]))
            insert_frame(cur, "issue_history", pd.DataFrame([{
                "issue_code": code,
                "changed_at": dt.datetime.combine(visit_date, dt.time(18, 0)),
                "from_status": None, "to_status": "pending", "actor": actor or visitors,
                "note": findings}]))
    return code
