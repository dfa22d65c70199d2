"""Setting an issue's 责任单位 or 整改时限 outside the status workflow (a batch assignment).

Allowed on issues not yet closed: a closed issue's deadline decides whether it counted as closed
on time, so changing it afterwards would rewrite the record (reopen it with 回头看 first).
Pure: the store asks `refusal(...)` inside its transaction and writes nothing on a reason.
"""

from __future__ import annotations

import datetime as dt

from paicha_geo.domain.errors import Message, Term

FIELDS = ("responsible_unit", "deadline")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def refusal(status: str, field: str, old, new, found_date: dt.date | None) -> Message | None:
    """None when `field` of an issue in `status` may change from `old` to `new`, else why not."""
    label = Term("FIELD_LABELS", field)
    if field not in FIELDS:
        return Message("REFUSE_FIELD_UNKNOWN", field=field)
    if status == "closed":
        return Message("REFUSE_FIELD_CLOSED", field=label)
    if _blank(new):
        return Message("REFUSE_FIELD_EMPTY", field=label)
    if old == new:
        return Message("REFUSE_FIELD_SAME", field=label, value=new)
    if field == "deadline" and found_date is not None and new < found_date:
        return Message("REFUSE_DEADLINE_BEFORE_FOUND", deadline=new, found=found_date)
    return None
