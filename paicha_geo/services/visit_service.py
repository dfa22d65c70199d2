"""Recording a visit as it happened: one finding per village (and per household seen), each
raised, when the inspector chooses, as a 督查 issue on the village where it was found.

Everything is checked before anything is written, and every problem is reported at once
(a household number that does not exist, or lives in another village, is named); then the
visit rows and the new issues go in one transaction. The visit is dated by the data's clock
(services.clock): a visit recorded today is stamped with the data's now.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paicha_geo import labels
from paicha_geo.domain.errors import Message, UserError
from paicha_geo.services import clock, session_service
from paicha_geo.services.data import OutOfScope, Scope
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from paicha_geo.store import visits as store_visits

_HOUSEHOLD_SPLIT = re.compile(r"[\s,，:：、;；]+")
GRACE = dt.timedelta(days=30)  # a finding made after the campaign's deadline gets a month


@dataclass(frozen=True)
class IssueDraft:
    """A village's finding raised as a 督查 issue: its item, unit, severity and deadline, and
    the household it is about, if one."""

    item_code: str
    responsible_unit: str | None
    severity: str
    deadline: dt.date
    household: str | None = None


@dataclass(frozen=True)
class Finding:
    """What was found in one village; `households` are the 户编号 seen, each with its own
    finding ("" for the village's)."""

    village: str
    text: str = ""
    households: tuple[tuple[str, str], ...] = ()
    issue: IssueDraft | None = None


class VisitRefused(UserError):
    """Nothing was saved; the message lists every problem (labels.say words it)."""


def household_lines(text: str) -> tuple[tuple[str, str], ...]:
    """One household a line: its 户编号, then (after a space, comma or colon) what was found
    there. Blank lines are skipped."""
    out = []
    for line in (text or "").splitlines():
        parts = _HOUSEHOLD_SPLIT.split(line.strip(), maxsplit=1)
        if parts and parts[0]:
            out.append((parts[0], parts[1].strip() if len(parts) > 1 else ""))
    return tuple(out)


def default_deadline(campaign_deadline: dt.date, today: dt.date) -> dt.date:
    """The deadline a raised finding starts with: the campaign's, or, once that has passed,
    a month from today (a deadline already past would be overdue the day it is set)."""
    return campaign_deadline if campaign_deadline >= today else today + GRACE


def summary(findings: list[Finding], codes: list[str]) -> str:
    """What was saved, in words: villages, households, and the new issues' codes."""
    text = labels.VISIT_SAVED.format(n=len(findings),
                                     homes=sum(len(f.households) for f in findings))
    if codes:
        text += labels.VISIT_SAVED_ISSUES.format(codes=labels.LIST_SEPARATOR.join(codes))
    return text


def _household_problem(number: str, village: str, name: str,
                       homes: dict[str, str]) -> Message | None:
    if number not in homes:
        return Message("VISIT_UNKNOWN_HOUSEHOLD", village=name, number=number)
    if homes[number] != village:  # where it does live is not the inspector's to learn
        return Message("VISIT_HOUSEHOLD_ELSEWHERE", village=name, number=number)
    return None


def _problems(store: Store, findings: list[Finding], visit_date: dt.date) -> list[Message]:
    """Every reason the visit cannot be saved as it is (empty: it can)."""
    if not findings:
        return [Message("VISIT_NEED_VILLAGE")]
    out = []
    if visit_date > (today := clock.today(store)):
        out.append(Message("VISIT_FUTURE_DATE", date=visit_date, today=today))
    names = store_visits.village_names(store, [f.village for f in findings])
    numbers = {n for f in findings for n, _ in f.households}
    numbers |= {f.issue.household for f in findings if f.issue and f.issue.household}
    homes = sl.household_villages(store, numbers) if numbers else {}
    items = set(q.checklist(store, q.campaign(store)["campaign_id"])["code"])
    for f in findings:
        name = names.get(f.village)
        if name is None:
            out.append(Message("VISIT_UNKNOWN_VILLAGE", code=f.village))
            continue
        out += [p for n, _ in f.households
                if (p := _household_problem(n, f.village, name, homes))]
        if f.issue is None:
            continue
        issue = f.issue
        if not f.text.strip():
            out.append(Message("VISIT_ISSUE_NEEDS_TEXT", village=name))
        if not (issue.responsible_unit or "").strip():
            out.append(Message("VISIT_ISSUE_NEEDS_UNIT", village=name))
        if issue.item_code not in items:
            out.append(Message("VISIT_ISSUE_BAD_ITEM", village=name, item=issue.item_code))
        if issue.severity not in labels.SEVERITIES:
            out.append(Message("VISIT_ISSUE_BAD_SEVERITY", village=name, value=issue.severity))
        if issue.deadline < visit_date:
            out.append(Message("VISIT_ISSUE_EARLY_DEADLINE", village=name,
                               deadline=issue.deadline, date=visit_date))
        if issue.household and (p := _household_problem(issue.household, f.village, name,
                                                         homes)):
            if p not in out:
                out.append(p)
    return out


def record_visit(store: Store, scope: Scope, *, visit_date: dt.date, findings: list[Finding],
                 visitors: str, actor: str | None = None) -> list[str]:
    """Check, then write the visit (a row per village and per household seen) and an issue
    per raised finding on its own village, in one transaction. Every village must lie in
    `scope` (OutOfScope); any other problem refuses the whole visit (VisitRefused, nothing
    written). Returns the new issues' codes."""
    for f in findings:
        if not scope.covers(f.village):
            raise OutOfScope(f.village)
    if found := _problems(store, findings, visit_date):
        raise VisitRefused(Message("VISIT_REFUSED", problems=tuple(found)))
    rows, issues = [], []
    for f in findings:
        text = f.text.strip() or None
        rows.append({"region_code": f.village, "household_id": None, "findings": text})
        rows += [{"region_code": f.village, "household_id": n,
                  "findings": note.strip() or text} for n, note in f.households]
        if f.issue:
            issues.append({"region_code": f.village, "household_id": f.issue.household or None,
                           "item_code": f.issue.item_code, "severity": f.issue.severity,
                           "deadline": f.issue.deadline, "description": text,
                           "responsible_unit": f.issue.responsible_unit.strip()})
    raised_at = clock.now(store) if visit_date == clock.today(store) else None
    return store_visits.record_visit(store, rows=rows, visit_date=visit_date, visitors=visitors,
                                     new_issues=issues, actor=actor, raised_at=raised_at)


def record_visit_as(store: Store, viewer: Viewer, *, visit_date: dt.date,
                    findings: list[Finding]) -> list[str]:
    """`record_visit` by the signed-in account: its role must record visits, and every
    village must be its to visit (its region; an inspector's assigned list when it has one).
    The visitors are the account (display name and account id); a refusal of power or place
    is audited (OutOfScope)."""
    codes = [f.village for f in findings]
    if not viewer.may("visit"):
        session_service.record(store, viewer, "visit_refused", ",".join(codes), "no power")
        raise OutOfScope(",".join(codes))
    for code in codes:
        if not viewer.may_act_on(code):
            session_service.record(store, viewer, "out_of_scope", code, "visit")
            raise OutOfScope(code)
    return record_visit(store, viewer.scope, visit_date=visit_date, findings=findings,
                        visitors=f"{viewer.display_name}（{viewer.account_id}）",
                        actor=viewer.account_id)
