"""Batch actions on the issues selected in the grid: 验收销号, 责任单位, 整改时限.

Each issue goes through the same rules as one at a time (the workflow, the viewer's power and
region, the version the reader saw), in its own transaction with its own history row; the
result is a summary of what was done and what was refused, and why, in Chinese.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.errors import Term
from paicha_geo.services import issue_service, session_service
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store.ledger import ConflictError, IssueNotFound, TransitionRefused

ACTIONS = ("close", "unit", "deadline")
_FIELD = {"unit": "responsible_unit", "deadline": "deadline"}


def set_field_as(store: Store, viewer: Viewer, code: str, field: str, value, *,
                 expected_version: int, note: str | None = None,
                 when: dt.datetime | None = None) -> dict:
    """Set an issue's 责任单位 or 整改时限 as the signed-in account (store.ledger.set_issue_field's
    rules); refused without the power to edit or outside the viewer's region (audited)."""
    if not viewer.may("edit"):
        session_service.record(store, viewer, "issue_change_refused", code, "no power")
        raise TransitionRefused("REFUSE_NO_EDIT_POWER", role=Term("ROLES", viewer.role))
    if issue_service.get_issue_as(store, viewer, code) is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
    return sl.set_issue_field(store, code, field, value, actor=viewer.account_id,
                              expected_version=expected_version, say=labels.say, note=note,
                              when=when)


@dataclass(frozen=True)
class BatchSummary:
    action: str
    rows: pd.DataFrame  # issue_code, done (bool), reason (Chinese; "" when done)

    @property
    def done(self) -> int:
        return int(self.rows["done"].sum())

    @property
    def refused(self) -> int:
        return len(self.rows) - self.done


def _one(store: Store, viewer: Viewer, code: str, action: str, value, note: str | None,
         seen: int | None) -> None:
    if seen is None:
        issue = issue_service.get_issue_as(store, viewer, code)
        if issue is None:
            raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
        seen = issue["version"]
    if action == "close":
        issue_service.change_status_as(store, viewer, code, "closed", expected_version=seen,
                                       note=note)
    else:
        set_field_as(store, viewer, code, _FIELD[action], value, expected_version=seen,
                     note=note)


def run_batch(store: Store, viewer: Viewer, codes: list[str], action: str, *, value=None,
              note: str | None = None, seen: dict[str, int] | None = None) -> BatchSummary:
    """Apply `action` ("close", "unit" with a unit, "deadline" with a date) to each issue,
    each checked on its own; `seen` holds the versions the reader saw (a later change by
    someone else is then refused as a conflict, not overwritten)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown batch action: {action!r}")
    if isinstance(value, str):
        value = value.strip()
    rows = []
    for code in dict.fromkeys(codes):  # each once, in the order given
        try:
            _one(store, viewer, code, action, value, note, (seen or {}).get(code))
        except (ConflictError, TransitionRefused, IssueNotFound) as exc:
            rows.append((code, False, labels.say(exc)))
        else:
            rows.append((code, True, ""))
    return BatchSummary(action, pd.DataFrame(rows, columns=["issue_code", "done", "reason"]))
