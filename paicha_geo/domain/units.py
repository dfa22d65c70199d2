"""Responsible units (责任单位): what each holds, how fast it closes, who must be escalated.

Definitions, all as of one day and on the output of `metrics.status_as_of`:
- held: issues found and assigned to the unit; open / overdue / closed as in `metrics`.
- on-time close-out rate: closed by the deadline / outcome known (the region's definition).
- average days to close: over the issues closed as of the day, calendar days from the found
  date to the day of the (last) close-out; NaN when the unit has closed nothing.
- escalation (挂牌督办): an issue still 待整改 or 整改中 more than ESCALATE_AFTER_DAYS past
  its deadline (31 days and up).
- ranking: by on-time rate, best first (1 = best, ties share a rank); a unit with no
  outcome known yet gets no rank (NaN, shown as "—"), since there is nothing to judge.
"""

from __future__ import annotations

import pandas as pd

from paicha_geo.domain import metrics as m

ESCALATE_AFTER_DAYS = 30
NO_UNIT = ""  # issues with no responsible unit recorded are grouped under this key


def unit_table(issues_asof: pd.DataFrame) -> pd.DataFrame:
    """One row per unit: counts, rates, average days to close, escalations and rank."""
    unit = issues_asof["responsible_unit"].fillna(NO_UNIT).to_numpy()
    ind = m.issue_indicators(issues_asof).drop(columns="code").astype(int)
    ind["issues_escalate"] = (issues_asof["overdue_days"] > ESCALATE_AFTER_DAYS).to_numpy()
    closed = issues_asof["status_asof"] == "closed"
    closed_on = pd.to_datetime(issues_asof["status_since"]).dt.normalize()
    found = pd.to_datetime(issues_asof["found_date"]).dt.normalize()
    ind["days_to_close"] = (closed_on - found).dt.days.where(closed).to_numpy()
    sums = ind.drop(columns="days_to_close").groupby(unit).sum().astype(int)
    sums = m.issue_rates(sums)
    sums["avg_days_to_close"] = ind["days_to_close"].groupby(unit).mean()
    sums["rank"] = sums["ontime_rate"].rank(ascending=False, method="min")
    sums = sums.rename_axis("unit").reset_index()
    return sums.sort_values(["rank", "issues_found", "unit"],
                            ascending=[True, False, True], na_position="last",
                            ignore_index=True)


def escalations(issues_asof: pd.DataFrame) -> pd.DataFrame:
    """The issues to put under 挂牌督办, most overdue first."""
    late = issues_asof[issues_asof["overdue_days"] > ESCALATE_AFTER_DAYS]
    return late.sort_values(["overdue_days", "issue_code"], ascending=[False, True],
                            ignore_index=True)
