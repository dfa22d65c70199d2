"""How a headline figure moved against 7 days earlier (the wall's ↑/↓ beside each KPI).

Whether a rise is good depends on the figure: more issues closed or a higher close-out rate is
good, more overdue issues is bad; more issues found is neither (finding problems is the
campaign's job), so it is shown without a verdict. Rates change in percentage points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from paicha_geo.domain.compare import RANK_LOOKBACK_DAYS

LOOKBACK_DAYS = RANK_LOOKBACK_DAYS
# KPI -> True when a rise is good, False when it is bad, None when it is neither.
RISE_IS_GOOD = {
    "issues_found": None,
    "issues_closed": True,
    "closeout_rate": True,
    "issues_overdue": False,
}


@dataclass(frozen=True)
class Change:
    delta: float  # now - before (a rate's delta is in percentage points)
    direction: int  # +1 rose, -1 fell, 0 unchanged
    tone: str  # "good", "bad" or "neutral"


def change(kpi: str, now, before) -> Change | None:
    """The move of `kpi` from `before` to `now`; None when either value is undefined."""
    if _missing(now) or _missing(before):
        return None
    delta = float(now) - float(before)
    if kpi.endswith("_rate"):
        delta = round(delta * 100, 1)  # percentage points, as shown
    direction = (delta > 0) - (delta < 0)
    good = RISE_IS_GOOD[kpi]
    if direction == 0 or good is None:
        tone = "neutral"
    else:
        tone = "good" if (direction > 0) == good else "bad"
    return Change(delta, direction, tone)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
