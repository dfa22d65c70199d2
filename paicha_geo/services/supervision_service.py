"""挂牌督办 as an action: an account with the power to edit marks an issue of its region for
supervision (a reason and a 督办时限, optionally a contact) or lifts the mark (a reason), lists
the marked issues, and prints the 督办通知单 for their responsible units.

The rule on the progress page (overdue more than 30 days) says which issues *should* be
marked; this is where someone does it, and it is recorded: a row in `supervision`, the issue's
`escalated` flag, and a line in the issue's history in Chinese, under the account's id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import metrics as m
from paicha_geo.domain.errors import Term, UserError
from paicha_geo.render import supervision_notice
from paicha_geo.services import clock, issue_service, session_service
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import supervision as ss
from paicha_geo.store.ledger import (  # noqa: F401 - callers catch these
    ConflictError,
    IssueNotFound,
)

REASON_MAX = 500
CONTACT_MAX = 100


class SupervisionRefused(UserError):
    """The mark or unmark is not allowed (no power, no reason, closed, already marked...)."""


def _now(store: Store) -> dt.datetime:
    """When an action happens: the data's clock (the demo's own today)."""
    return clock.now(store)


def _text(value: str | None, code: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise SupervisionRefused("SUPERVISION_TOO_LONG", code=code,
                                 field=Term("SUPERVISION_FIELDS", field), limit=limit,
                                 length=len(text))
    return text


def _issue_to_act_on(store: Store, viewer: Viewer, code: str) -> dict:
    """The issue, if this viewer may mark it: the power to edit, and the issue in scope."""
    if not viewer.may("edit"):
        session_service.record(store, viewer, "supervision_refused", code, "no power")
        raise SupervisionRefused("SUPERVISION_NO_POWER", role=Term("ROLES", viewer.role))
    issue = issue_service.get_issue_as(store, viewer, code)
    if issue is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
    return issue


def mark(store: Store, viewer: Viewer, issue_code: str, reason: str,
         deadline: dt.date | None, contact: str | None = None, *,
         when: dt.datetime | None = None) -> dict:
    """Put an issue under 挂牌督办; returns the issue as this left it. Refused (and nothing
    written) without the power to edit, outside the viewer's region, without a reason or a
    deadline, for a closed issue or one already marked."""
    issue = _issue_to_act_on(store, viewer, issue_code)
    reason = _text(reason, issue_code, "reason", REASON_MAX)
    contact = _text(contact, issue_code, "contact", CONTACT_MAX) or None
    if not reason:
        raise SupervisionRefused("SUPERVISION_REASON_REQUIRED", code=issue_code)
    if deadline is None:
        raise SupervisionRefused("SUPERVISION_DEADLINE_REQUIRED", code=issue_code)
    found = pd.Timestamp(issue["found_date"]).date()
    if deadline < found:
        raise SupervisionRefused("SUPERVISION_DEADLINE_EARLY", code=issue_code,
                                 deadline=deadline, found=found)
    if issue["status"] == "closed":
        raise SupervisionRefused("SUPERVISION_CLOSED", code=issue_code)
    if issue["escalated"]:
        raise SupervisionRefused("SUPERVISION_ALREADY", code=issue_code)
    note = labels.HISTORY_SUPERVISION_MARK.format(reason=reason, deadline=deadline)
    if contact:
        note += labels.HISTORY_SUPERVISION_CONTACT.format(contact=contact)
    return ss.record(store, issue_code, ss.MARK, account_id=viewer.account_id, reason=reason,
                     deadline=deadline, contact=contact, note=note, when=when or _now(store),
                     expected_version=issue["version"])


def unmark(store: Store, viewer: Viewer, issue_code: str, reason: str, *,
           when: dt.datetime | None = None) -> dict:
    """Lift the 挂牌督办 of an issue, with a reason; the same refusals as `mark`."""
    issue = _issue_to_act_on(store, viewer, issue_code)
    reason = _text(reason, issue_code, "reason", REASON_MAX)
    if not reason:
        raise SupervisionRefused("SUPERVISION_UNMARK_REASON_REQUIRED", code=issue_code)
    if not issue["escalated"]:
        raise SupervisionRefused("SUPERVISION_NOT_MARKED", code=issue_code)
    return ss.record(store, issue_code, ss.UNMARK, account_id=viewer.account_id,
                     reason=reason, deadline=None, contact=None,
                     note=labels.HISTORY_SUPERVISION_UNMARK.format(reason=reason),
                     when=when or _now(store), expected_version=issue["version"])


@dataclass(frozen=True)
class Outcome:
    """One issue of a batch: done, or refused with the reason in Chinese."""

    code: str
    done: bool
    message: str = ""


def _each(codes: Iterable[str], act) -> list[Outcome]:
    out = []
    for code in dict.fromkeys(codes):  # once each, in the order given
        try:
            act(code)
        except (SupervisionRefused, IssueNotFound, ConflictError) as exc:
            out.append(Outcome(code, False, labels.say(exc)))
        else:
            out.append(Outcome(code, True))
    return out


def mark_many(store: Store, viewer: Viewer, codes: Iterable[str], reason: str,
              deadline: dt.date | None, contact: str | None = None) -> list[Outcome]:
    """`mark` each issue in turn: what was done, and what was refused and why."""
    return _each(codes, lambda c: mark(store, viewer, c, reason, deadline, contact))


def unmark_many(store: Store, viewer: Viewer, codes: Iterable[str],
                reason: str) -> list[Outcome]:
    return _each(codes, lambda c: unmark(store, viewer, c, reason))


MARKED_COLUMNS = ["issue_code", "place", "item", "responsible_unit", "description",
                  "deadline", "status_asof", "overdue_days", "sv_deadline",
                  "sv_overdue_days", "reason", "contact", "marked_by", "marked_at"]


def list_marked(store: Store, snap: Snapshot, scope: Scope, asof: dt.date) -> pd.DataFrame:
    """The issues of `scope` under 挂牌督办 now, with their state as of `asof`: region path,
    checklist item, unit, original deadline, days overdue, and the mark (reason, 督办时限,
    days past it, contact, who marked it and when). An issue flagged by an import or the demo
    has no mark row: its mark fields are empty. Most overdue first."""
    found = issues_in_scope(snap, scope, asof)
    found = found[found["escalated"].astype(bool)]
    marks = ss.current_marks(store).rename(columns={"deadline": "sv_deadline"})
    found = found.merge(marks, on="issue_code", how="left", validate="one_to_one")
    names = issue_service.actor_names(store)
    short = snap.checklist.set_index("code")["short"]
    sv_deadline = pd.to_datetime(found["sv_deadline"]).dt.normalize()
    late = (pd.Timestamp(asof) - sv_deadline).dt.days
    still_open = found["status_asof"].isin(m.UNRECTIFIED)
    out = pd.DataFrame({
        "issue_code": found["issue_code"],
        "place": place_names(found["region_code"], snap.regions),
        "item": found["item_code"].map(short),
        "responsible_unit": found["responsible_unit"],
        "description": found["description"],
        "deadline": pd.to_datetime(found["deadline"]).dt.date,
        "status_asof": found["status_asof"],
        "overdue_days": found["overdue_days"].astype(int),
        "sv_deadline": sv_deadline.dt.date,
        "sv_overdue_days": late.where(still_open & (late > 0), 0).fillna(0).astype(int),
        "reason": found["reason"],
        "contact": found["contact"],
        "marked_by": found["account_id"].map(lambda a: names.get(a, a)),
        "marked_at": pd.to_datetime(found["marked_at"]).dt.date,
    })
    out = out.sort_values(["overdue_days", "issue_code"], ascending=[False, True])
    return out.reset_index(drop=True)[MARKED_COLUMNS]


def issuer(snap: Snapshot, viewer: Viewer) -> str:
    """Who signs the notice: the poverty-alleviation office of the viewer's region (the
    city's for an account over everything)."""
    region = snap.region(viewer.scope)
    return labels.NOTICE_ISSUER.format(region=region["name"])


def notice_docx(store: Store, snap: Snapshot, viewer: Viewer, scope: Scope, asof: dt.date,
                codes: Iterable[str] | None = None, contact: str | None = None) -> bytes:
    """The 督办通知单 as a Word file: one section per responsible unit (a page each) listing
    its marked issues in `scope` (only `codes`, when given), dated `asof` and signed by
    `issuer`. The contact line is `contact`, else the contacts recorded with the marks."""
    frame = list_marked(store, snap, scope, asof)
    if codes is not None:
        frame = frame[frame["issue_code"].isin(set(codes))]
    return supervision_notice.notice_docx(frame, issuer=issuer(snap, viewer), date=asof,
                                          contact=(contact or "").strip() or None)


def notice_file_name(snap: Snapshot, scope: Scope, asof: dt.date) -> str:
    return labels.NOTICE_FILE.format(region=snap.region(snap.regional(scope))["name"],
                                     asof=asof)

