"""The rectification workflow: which status changes are allowed, and on what conditions.

待整改 → 整改中 → 已整改(待验收) → 已销号, plus two ways back that need a written reason:
验收不通过 sends a rectified issue back to 整改中, and 回头看 reopens a closed issue as 待整改.
Pure functions: the store asks `refusal(...)` inside its transaction and writes nothing when
it gets a reason back (a Message: labels words it).
"""

from __future__ import annotations

from dataclasses import dataclass

from paicha_geo.domain.errors import Message, Term

STATUSES = ("pending", "rectifying", "rectified", "closed")

# (from, to) -> action key; anything else is refused.
TRANSITIONS = {
    ("pending", "rectifying"): "start",
    ("rectifying", "rectified"): "report",
    ("rectified", "closed"): "close",
    ("rectified", "rectifying"): "send_back",
    ("closed", "pending"): "reopen",
}
NOTE_REQUIRED = ("send_back", "reopen")


@dataclass(frozen=True)
class Action:
    to_status: str
    action: str  # its wording: labels.WORKFLOW_ACTIONS[action]


def allowed_actions(status: str) -> list[Action]:
    """The buttons to offer for an issue in `status`, in workflow order."""
    return [
        Action(to, action)
        for (frm, to), action in TRANSITIONS.items()
        if frm == status
    ]


def action_of(from_status: str, to_status: str) -> str | None:
    return TRANSITIONS.get((from_status, to_status))


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b) and "".join(a.split()) == "".join(b.split())


def refusal(
    from_status: str,
    to_status: str,
    *,
    actor: str | None,
    measures: str | None = None,
    note: str | None = None,
    rectified_by: str | None = None,
) -> Message | None:
    """None when the change is allowed, else the reason it is refused.

    `measures` is the issue's measures after the change; `rectified_by` is who reported the
    rectification (the actor of the latest change to 已整改), and may not also close it.
    """
    if to_status not in STATUSES:
        return Message("REFUSE_UNKNOWN_STATUS", status=to_status)
    if not actor or not actor.strip():
        return Message("REFUSE_NO_ACTOR")
    if from_status == to_status:
        return Message("REFUSE_SAME", status=Term("STATUSES", to_status))
    action = action_of(from_status, to_status)
    if action is None:
        return Message("REFUSE_TRANSITION", from_status=Term("STATUSES", from_status),
                       to_status=Term("STATUSES", to_status),
                       hint=Term("REFUSE_HINTS", from_status))
    if action == "report" and not (measures and measures.strip()):
        return Message("REFUSE_NO_MEASURES")
    if action == "close" and _same_person(actor, rectified_by):
        return Message("REFUSE_SAME_VERIFIER", verifier=actor.strip(), reporter=rectified_by)
    if action in NOTE_REQUIRED and not (note and note.strip()):
        return Message("REFUSE_NOTE_REQUIRED", action=Term("WORKFLOW_ACTIONS", action))
    return None


RANK = {status: i for i, status in enumerate(STATUSES)}


def is_behind(sheet_status: str, stored_status: str) -> bool:
    """True when a spreadsheet says an earlier stage than the ledger already records.

    Imports register facts and may jump forward (待整改 straight to 已销号), but never move an
    issue back: going back is 回头看 or 退回, done in the ledger with a reason.
    """
    return RANK[sheet_status] < RANK[stored_status]
