"""The figures a weekly 通报 is written from: the week's flow, who moved in the ranking, and
who is behind the region and by how much.

- the week is (asof - RANK_LOOKBACK_DAYS, asof], the same 7 days the ranking change spans;
  本周新增 / 整改 / 销号 are the changes of the cumulative found / rectified / closed curves
  (progress.daily_series) over the week: net figures, so a 回头看 reopen in the week
  subtracts from 销号, exactly as the progress page's curves step down.
- the worst child is the last in the ranking on the chosen rate (compare.comparison_table);
  the one definition of "worst" the comparison page uses too.
- behind: a child whose rate is worse than the region's own (the whole region, issues at
  its own offices included); gap = how much worse, in the rate's unit (for a rate in %,
  percentage points: 0.612 against 0.784 is 17.2 points).
- units behind: responsible units whose on-time rate is below the region's, among units with
  at least UNIT_MIN_OUTCOMES issues due or closed (one late issue is not a trend); the
  on-time rate is how domain.units ranks units.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain.compare import FAIR_RATES, lookback_date

UNIT_MIN_OUTCOMES = 10
UNITS_LISTED = 5
UNIT_RATE = "ontime_rate"


@dataclass(frozen=True)
class WeekFlow:
    """Net change over the week (first day .. last day, both included)."""

    first_day: dt.date
    last_day: dt.date
    found: int
    rectified: int
    closed: int


def cumulative_at(series: pd.DataFrame, day: dt.date) -> pd.Series:
    """The cumulative figures at the end of `day` (zeros before the series starts)."""
    upto = series.loc[series.index <= pd.Timestamp(day)]
    if upto.empty:
        return pd.Series(0, index=series.columns)
    return upto.iloc[-1]


def week_flow(series: pd.DataFrame, asof: dt.date) -> WeekFlow:
    """本周新增 / 整改 / 销号 from a daily series (index date; found, rectified, closed)."""
    before = lookback_date(asof)
    now, then = cumulative_at(series, asof), cumulative_at(series, before)
    return WeekFlow(before + dt.timedelta(days=1), asof,
                    *(int(now[c] - then[c]) for c in ("found", "rectified", "closed")))


def worst(table: pd.DataFrame) -> pd.Series | None:
    """The last-ranked child of a comparison table (None when no child has a rank)."""
    ranked = table[table["rank"].notna()]
    if ranked.empty:
        return None
    return ranked.sort_values(["rank", "code"]).iloc[-1]


def rank_moves(table: pd.DataFrame) -> pd.DataFrame:
    """Children whose rank changed over the week: climbers first, then fallers."""
    moved = table[table["rank_change"].notna() & (table["rank_change"] != 0)]
    return moved.sort_values(["rank_change", "rank"], ascending=[False, True],
                             ignore_index=True)[["name", "rank_before", "rank", "rank_change"]]


def gap(value, region_value, rate: str) -> float:
    """How much worse `value` is than `region_value` on `rate` (negative: better)."""
    return (region_value - value) if FAIR_RATES[rate] else (value - region_value)


def behind(table: pd.DataFrame, region_value: float, rate: str) -> pd.DataFrame:
    """Children worse than the region on `rate`, worst first: name, value, gap."""
    values = table[rate].astype(float)
    gaps = gap(values, float(region_value), rate)
    out = pd.DataFrame({"name": table["name"], "value": values, "gap": gaps})
    out = out[out["gap"].notna() & (out["gap"] > 0)]
    return out.sort_values(["gap", "name"], ascending=[False, True], ignore_index=True)


def units_behind(units: pd.DataFrame, region_value: float,
                 min_outcomes: int = UNIT_MIN_OUTCOMES,
                 limit: int = UNITS_LISTED) -> pd.DataFrame:
    """Responsible units below the region's on-time rate (domain.units.unit_table rows),
    worst first, at most `limit`: unit, value, gap, issues_outcome_known, issues_overdue."""
    known = units[units["issues_outcome_known"] >= min_outcomes]
    out = pd.DataFrame({
        "unit": known["unit"], "value": known[UNIT_RATE].astype(float),
        "gap": gap(known[UNIT_RATE].astype(float), float(region_value), UNIT_RATE),
        "issues_outcome_known": known["issues_outcome_known"].astype(int),
        "issues_overdue": known["issues_overdue"].astype(int),
    })
    out = out[out["gap"].notna() & (out["gap"] > 0)]
    return out.sort_values(["gap", "unit"], ascending=[False, True],
                           ignore_index=True).head(limit)


def count_by_child(region_codes: pd.Series, children: pd.DataFrame,
                   prefix_length: int) -> pd.DataFrame:
    """How many of the given issues (their region codes) lie in each child: name, count,
    most first; children with none are left out."""
    prefixes = children["code"].str[:prefix_length]
    counts = region_codes.dropna().astype(str).str[:prefix_length].value_counts()
    out = pd.DataFrame({"name": children["name"].to_numpy(),
                        "count": prefixes.map(counts).fillna(0).astype(int).to_numpy()})
    out = out[out["count"] > 0]
    return out.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)
