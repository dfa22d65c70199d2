"""One issue on the ledger page: find it, read it, move it through the workflow, read its
history. Every call takes the reader's `Scope`: an issue outside it does not exist for them
(no read, no change), whatever code they type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import config, labels
from paicha_geo.domain import workflow
from paicha_geo.domain.errors import Term
from paicha_geo.domain.evidence import missing_required
from paicha_geo.domain.settings import Settings
from paicha_geo.services import clock, session_service
from paicha_geo.services.account_service import list_accounts
from paicha_geo.services.data import Scope
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import evidence as se
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from paicha_geo.store.ledger import (  # noqa: F401 - callers catch these
    ConflictError,
    IssueNotFound,
    TransitionRefused,
)


def open_issue_codes(store: Store, scope: Scope, limit: int = 500) -> list[str]:
    """Issues not yet closed in `scope`, earliest deadline first (the status form's picker)."""
    return q.open_issue_codes(store, scope.prefix, limit)


def get_issue(store: Store, scope: Scope, code: str) -> dict | None:
    """The issue as a dict, or None when there is none of that code in `scope`."""
    issue = sl.get_issue(store, code)
    return issue if issue is not None and scope.covers(issue["region_code"]) else None


@dataclass(frozen=True)
class ActionChoice:
    """A status change to offer: its target status, action key and wording."""

    to_status: str
    action: str
    label: str


def allowed_actions(status: str) -> list[ActionChoice]:
    """The status changes to offer for an issue in `status` (label and target status)."""
    return [ActionChoice(a.to_status, a.action, labels.WORKFLOW_ACTIONS[a.action])
            for a in workflow.allowed_actions(status)]


def change_status(store: Store, scope: Scope, code: str, to_status: str, *, actor: str,
                  expected_version: int, note: str | None = None,
                  measures: str | None = None, when: dt.datetime | None = None) -> dict:
    """Move an issue in `scope` along the workflow (store.ledger.change_status's rules, with
    the history notes the store adds worded in Chinese); returns the issue as this change left
    it. An issue outside `scope` is IssueNotFound, as if it did not exist; the other refusals
    are ConflictError and TransitionRefused (word them with labels.say). Dated by the data's
    clock unless `when` is given."""
    if get_issue(store, scope, code) is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
    return sl.change_status(store, code, to_status, actor=actor,
                            expected_version=expected_version, say=labels.say, note=note,
                            measures=measures, when=when or clock.now(store))


def get_issue_as(store: Store, viewer: Viewer, code: str) -> dict | None:
    """`get_issue` for the signed-in viewer; asking for an issue that exists outside the
    viewer's region is answered as not found, and written to the audit log."""
    issue = get_issue(store, viewer.scope, code)
    if issue is None and sl.get_issue(store, code) is not None:
        session_service.record(store, viewer, "out_of_scope", code, "issue")
    return issue


def change_status_as(store: Store, viewer: Viewer, code: str, to_status: str, *,
                     expected_version: int, note: str | None = None,
                     measures: str | None = None, settings: Settings | None = None) -> dict:
    """`change_status` by the signed-in account, recorded as its account id (so the rule
    that whoever reported the rectification may not verify it compares accounts, not typed
    names). A role without the power to edit, or an issue outside its region, is refused and
    the attempt audited; so is a report of 已整改 without the evidence kinds the settings
    require (evidence.require_before_rectified)."""
    if not viewer.may("edit"):
        session_service.record(store, viewer, "status_change_refused", code, "no power")
        raise TransitionRefused("REFUSE_NO_POWER", role=Term("ROLES", viewer.role))
    issue = get_issue_as(store, viewer, code)
    if issue is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
    rules = (settings or config.settings()).evidence
    if workflow.action_of(issue["status"], to_status) == "report" and (
            missing := missing_required(rules, se.kinds_present(store, code))):
        session_service.record(store, viewer, "status_change_refused", code,
                               "evidence missing: " + ",".join(missing))
        raise TransitionRefused("REFUSE_EVIDENCE_MISSING",
                                kinds=tuple(Term("EVIDENCE_KINDS", k) for k in missing))
    return change_status(store, viewer.scope, code, to_status, actor=viewer.account_id,
                         expected_version=expected_version, note=note, measures=measures)


HISTORY_SHOWN = ("changed_at", "from_status", "to_status", "actor", "note")


def actor_names(store: Store) -> dict[str, str]:
    """Account id -> '姓名（账号）', to show who acted (older rows hold a typed name)."""
    frame = list_accounts(store)
    return {a: f"{n}（{a}）" for a, n in zip(frame["account_id"], frame["display_name"],
                                              strict=True)}


def history_table(store: Store, scope: Scope, code: str) -> pd.DataFrame:
    """One issue's history, oldest first, statuses in Chinese and Chinese headers (no rows
    outside `scope`)."""
    frame = (sl.issue_history(store, code) if get_issue(store, scope, code) is not None
             else pd.DataFrame(columns=list(HISTORY_SHOWN)))
    for col in ("from_status", "to_status"):
        frame[col] = frame[col].map(lambda s: labels.status_label(s) if isinstance(s, str)
                                    else labels.HISTORY_EMPTY_VALUE)
    names = actor_names(store)
    frame["actor"] = frame["actor"].map(lambda a: names.get(a, a))
    return frame[list(HISTORY_SHOWN)].rename(columns=labels.HISTORY_COLUMNS)
