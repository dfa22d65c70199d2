"""The N worst places by an indicator (the leader's "where first?").

- direction: a rate in compare.FAIR_RATES is worse in its bad direction (a low 销号率, a high
  每百户未销号); every count is worse when higher.
- a place with nothing wrong on the indicator (a count of 0, a rate at its ideal 100 % or 0)
  is never listed, and an undefined rate (NaN) is never listed: "worst" must mean something
  is wrong there.
- rank: 1 = worst; ties share the best rank (1, 1, 3), as on the comparison page. The list
  stops at N rows; among equal values the more overdue issues, then the more open issues,
  then the region code come first, so the order is stable. `tied_beyond` counts places left
  out that equal the last one listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain.compare import FAIR_RATES

TIE_BREAKERS = ("issues_overdue", "issues_open")


def higher_is_worse(metric: str) -> bool:
    """True for counts and for rates where more is bad (每百户未销号)."""
    return not FAIR_RATES.get(metric, False)


def _ideal(metric: str) -> float:
    return 1.0 if not higher_is_worse(metric) else 0.0


@dataclass
class Worst:
    rows: pd.DataFrame  # the input's rows, worst first, with `rank` and `value`
    tied_beyond: int  # places not listed with the same value as the last one listed


def worst(metrics: pd.DataFrame, metric: str, n: int) -> Worst:
    """The `n` worst rows of `metrics` (one row per place, a `code` column) by `metric`."""
    values = pd.to_numeric(metrics[metric], errors="coerce")
    bad = values.notna() & (values != _ideal(metric))
    frame = metrics[bad].assign(value=values[bad])
    descending = higher_is_worse(metric)
    keys = ["value", *[c for c in TIE_BREAKERS if c in frame and c != metric], "code"]
    order = [not descending, *[False] * (len(keys) - 2), True]
    frame = frame.sort_values(keys, ascending=order, kind="stable")
    frame["rank"] = frame["value"].rank(ascending=not descending, method="min").astype(int)
    listed = frame.head(max(n, 0))
    tied = 0
    if len(listed) and len(frame) > len(listed):
        tied = int((frame["value"].iloc[len(listed):] == listed["value"].iloc[-1]).sum())
    return Worst(listed.reset_index(drop=True), tied)
