"""Comparing districts fairly: rates, not raw counts; a rank, and how it moved in a week.

A big district has more villages, households and problems, so counts say more about size
than about work. Regions are ranked on one of the rates in FAIR_RATES (each defined once in
`metrics.aggregate`); the counts behind every rate travel with it so a reader can check it.

- rank: 1 = best on the chosen rate; ties share the best rank (1, 1, 3); a region whose rate
  is undefined (zero denominator) gets no rank (NaN, shown as "—").
- rank change = rank 7 days earlier - rank now: +2 means it climbed two places; NaN when
  either rank is missing.

One definition of "worst", used everywhere a leader looks: the worst region is the one last
by `rank(metrics, DEFAULT_RANK_BY)`, the 按期销号率 (issues closed by their deadline among
those whose deadline has come: it rewards work done on time and cannot be flattered by size
or by issues not yet due). The comparison page ranks by it; the large screen's ranking calls
`rank` with it; the map opens coloured by it with classes from the data's spread, so the
worst region is in the worst (red) class; the weekly 通报 reads it. Ties share a rank.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

RANK_LOOKBACK_DAYS = 7
# rate -> True when higher is better.
FAIR_RATES = {
    "closeout_rate": True,
    "ontime_rate": True,
    "open_per_weak_village": False,
    "open_per_100_households": False,
    "failing_per_100_households": False,
}
DEFAULT_RANK_BY = "ontime_rate"
# The counts each rate is made of, shown beside the rates.
COUNT_COLUMNS = (
    "issues_found", "issues_closed", "issues_on_time", "issues_outcome_known", "issues_open",
    "issues_overdue", "weak_villages", "households", "households_failing_any",
)


def lookback_date(asof: dt.date) -> dt.date:
    return asof - dt.timedelta(days=RANK_LOOKBACK_DAYS)


def rank(metrics: pd.DataFrame, rate: str) -> pd.Series:
    """1 = best on `rate`; NaN where the rate is undefined."""
    return metrics[rate].rank(ascending=not FAIR_RATES[rate], method="min")


def comparison_table(children: pd.DataFrame, now: pd.DataFrame, before: pd.DataFrame,
                     rank_by: str = DEFAULT_RANK_BY) -> pd.DataFrame:
    """One row per child region, best first: rank, rank a week earlier, change, rates, counts.

    `now` and `before` are metric frames aligned with `children` by position (as
    `RegionView.child_metrics`), computed at the as-of date and RANK_LOOKBACK_DAYS earlier.
    """
    now = now.reset_index(drop=True)
    before = before.reset_index(drop=True)
    out = pd.DataFrame({"code": children["code"].to_numpy(),
                        "name": children["name"].to_numpy()})
    out["rank"] = rank(now, rank_by).to_numpy()
    out["rank_before"] = rank(before, rank_by).to_numpy()
    out["rank_change"] = out["rank_before"] - out["rank"]
    for rate in FAIR_RATES:
        out[rate] = now[rate].astype(float).to_numpy()
        out[f"{rate}_before"] = before[rate].astype(float).to_numpy()
    for col in COUNT_COLUMNS:
        out[col] = now[col].astype(int).to_numpy()
    return out.sort_values(["rank", "code"], na_position="last", ignore_index=True)
