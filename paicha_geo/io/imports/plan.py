"""What an issue import will do to the ledger: insert, update (with expected version), or nothing.

History for a new issue starts at its found date (登记 as 待整改) and, when the sheet says it
is further along, adds the steps the sheet dates (整改完成日期, 销号日期); an undated step is
stamped with the import time (`changed_at` None here, filled in by the store at commit). An
updated issue gets one history entry listing every changed field with its old and new value.
History notes are Messages here; the service words them (labels) before the store writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from paicha_geo.domain import workflow
from paicha_geo.domain.errors import Message, Term
from paicha_geo.io.imports.issues import COMPARED, DEFAULTS
from paicha_geo.io.imports.rows import Row, Validated, problem_for

ISSUE_COLUMNS = ["issue_code", "campaign_id", "region_code", "household_id", "item_code",
                 "source", "severity", "responsible_unit", "description", "found_date",
                 "deadline", "status", "measures", "rectified_date", "closed_date", "verifier",
                 "escalated", "version"]
HISTORY_COLUMNS = ["issue_code", "changed_at", "from_status", "to_status", "actor", "note"]
_LABEL = {"region_code": "region_code", "item_code": "item"}


@dataclass
class IssuePlan:
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)  # full rows + expected_version
    history: list[dict] = field(default_factory=list)  # changed_at None = commit time;
    # note: a Message
    unchanged: int = 0
    stale: int = 0
    row_action: dict[int, str] = field(default_factory=dict)  # id(row) -> insert/update/...
    row_changes: dict[int, dict] = field(default_factory=dict)  # id(row) -> {field: (old, new)}

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        return (pd.DataFrame(self.inserts, columns=ISSUE_COLUMNS),
                pd.DataFrame(self.updates, columns=[*ISSUE_COLUMNS, "expected_version"]),
                pd.DataFrame(self.history, columns=HISTORY_COLUMNS))


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


_VOCABULARY = {"status": "STATUSES", "source": "SOURCES", "severity": "SEVERITIES"}


def _shown(key: str, value) -> Message | Term | str:
    """A field's value as the history note shows it (codes as their words)."""
    if value is None or value == "":
        return Message("HISTORY_EMPTY_VALUE")
    if key in _VOCABULARY:
        return Term(_VOCABULARY[key], value)
    if key == "escalated":
        return Term("LEDGER_YES_NO", bool(value))
    return str(value)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _new_issue(row: Row, given: dict, code: str, campaign_id: int, deadline: dt.date,
               file: str, actor: str) -> tuple[dict, list[dict]]:
    issue = {c: None for c in ISSUE_COLUMNS}
    issue.update(DEFAULTS)
    issue.update(given)
    issue.update(issue_code=code, campaign_id=campaign_id, version=1)
    if issue["deadline"] is None:
        issue["deadline"] = deadline
    where = dict(file=file, row=row.number)
    found = issue["found_date"]
    events = [(_midnight(found), None, "pending", Message("HISTORY_IMPORTED", **where))]
    status = issue["status"]
    if status != "pending":  # most imported rows are: no note to make for them
        note = Message("HISTORY_IMPORTED_STATUS", status=Term("STATUSES", status), **where)
    rectified, closed = issue["rectified_date"], issue["closed_date"]
    if status == "rectifying":
        events.append((None, "pending", "rectifying", note))
    if status == "rectified" or (status == "closed" and rectified):
        events.append((_midnight(rectified) if rectified else None, "pending", "rectified",
                       note))
    if status == "closed":
        events.append((_midnight(closed) if closed else None, events[-1][2], "closed", note))
    history = [{"issue_code": code, "changed_at": when, "from_status": frm, "to_status": to,
                "actor": actor, "note": text} for when, frm, to, text in events]
    return issue, history


def plan_issues(out: Validated, existing: pd.DataFrame, campaign_id: int,
                campaign_deadline: dt.date, actor: str) -> IssuePlan:
    """Decide each valid row's action; rows that break a ledger rule get a problem instead."""
    plan = IssuePlan()
    stored = {r["issue_code"]: {k: _clean(x) for k, x in r.items()}
              for r in existing.to_dict("records")} if len(existing) else {}
    for row in out.valid_rows:
        code, given = row.record["issue_code"], row.record["given"]
        old = stored.get(code)
        header = out.headers.get(row.sheet)
        status = given.get("status", old["status"] if old else DEFAULTS["status"])
        measures = given.get("measures", old["measures"] if old else None)
        if status in ("rectified", "closed") and not measures:
            row.problems.append(problem_for(row, "measures", Message(
                "ERR_MEASURES_REQUIRED", status=Term("STATUSES", status)), header, out.file))
            continue
        if old is None:
            issue, history = _new_issue(row, given, code, campaign_id, campaign_deadline,
                                        out.file, actor)
            plan.inserts.append(issue)
            plan.history.extend(history)
            plan.row_action[id(row)] = "insert"
            continue
        if "status" in given and workflow.is_behind(given["status"], old["status"]):
            plan.stale += 1
            plan.row_action[id(row)] = "stale"
            continue
        changes = {k: given[k] for k in COMPARED if k in given and given[k] != old.get(k)}
        if not changes:
            plan.unchanged += 1
            plan.row_action[id(row)] = "unchanged"
            continue
        new = {c: old.get(c) for c in ISSUE_COLUMNS}
        new.update(changes)
        new["version"] = old["version"] + 1
        new["expected_version"] = old["version"]
        plan.updates.append(new)
        plan.row_changes[id(row)] = {k: (old.get(k), x) for k, x in changes.items()}
        listed = tuple(
            Message("HISTORY_CHANGE", label=Term("FIELD_LABELS", _LABEL.get(k, k)),
                    old=_shown(k, old.get(k)), new=_shown(k, x))
            for k, x in changes.items())
        plan.history.append({
            "issue_code": code, "changed_at": None, "from_status": old["status"],
            "to_status": new["status"], "actor": actor,
            "note": Message("HISTORY_IMPORT_UPDATE", file=out.file, row=row.number,
                            changes=listed)})
        plan.row_action[id(row)] = "update"
    if plan.stale:
        out.notices.add(Message("NOTE_STATUS_BEHIND", rows=plan.stale))
    return plan
