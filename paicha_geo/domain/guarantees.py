"""两不愁三保障 figures: who is checked, who fails, who is unknown, and whether a region is 清零.

Each check counts, within its population (rules.py states each one and cites the seed):
- failing: households (or weak villages) whose facts on record fail it;
- unknown (未填报): those a needed fact is missing for: never counted as passing;
- checked (核查): those judged, failing + passing; the rate is failing / checked.
A region is 清零 for a check only when not a single household fails it AND none is unknown:
one failure is never hidden by an average, and a blank sheet never turns a flag green. The
state is "failing" (未清零) while any fails, else "unknown" (未填报, cannot be called 清零)
while any is unknown, else "cleared". An empty region has nothing to fail: cleared on the
cards, "none" (无建档立卡农户) on the map.

Card, map and list read the same outcomes (rules.household_outcomes), so a region's failing
count on the card equals the sum over its map areas and the length of its list filtered by
that check (the education check included: every household with a child out of school).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.rules import (
    FAIL,
    GUARANTEE_KEYS,
    HOUSEHOLD_CHECKS,
    NOT_APPLICABLE,
    UNKNOWN,
    exited,
    household_outcomes,
    not_exited_failures,
    population,
    village_income_standard,
)

CHECKS = (*HOUSEHOLD_CHECKS, "village_income")
CLEAR_STATES = ("failing", "unknown", "cleared", "none")


def applies(households: pd.DataFrame) -> pd.DataFrame:
    """Which households each check applies to (its population, the denominator of its
    rate before unknowns are set aside)."""
    return population(households)


def clear_state(failing, unknown) -> np.ndarray:
    """清零 state per row: "failing" while any fails, else "unknown" while any is unknown,
    else "cleared"."""
    failing, unknown = np.asarray(failing), np.asarray(unknown)
    return np.where(failing > 0, "failing", np.where(unknown > 0, "unknown", "cleared"))


def summary(households: pd.DataFrame, villages: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One row per check: population, checked (judged), failing, unknown, rate (failing /
    checked), state and cleared (nothing failing nor unknown), and not_exited (未脱贫
    households below an exit criterion's standard, counted beside it, never in it)."""
    outcomes = household_outcomes(households, campaign)
    outside = not_exited_failures(households, campaign).sum()
    rows = []
    for key in HOUSEHOLD_CHECKS:
        col = outcomes[key]
        in_scope = int((col != NOT_APPLICABLE).sum())
        failing, unknown = int((col == FAIL).sum()), int((col == UNKNOWN).sum())
        rows.append((key, in_scope, in_scope - unknown, failing, unknown,
                     int(outside.get(key, 0))))
    weak = villages[villages["weak_type"].notna()]
    income = village_income_standard(weak, campaign)
    unknown = int(income["unknown"].sum())
    rows.append(("village_income", len(weak), len(weak) - unknown, int(income["fails"].sum()),
                 unknown, 0))
    out = pd.DataFrame(rows, columns=["check", "population", "checked", "failing", "unknown",
                                      "not_exited"]).set_index("check")
    out["rate"] = (out["failing"] / out["checked"]).where(out["checked"] > 0)
    out["state"] = clear_state(out["failing"], out["unknown"])
    out["cleared"] = out["state"] == "cleared"
    return out


def household_checks(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """Per household: a boolean column per check (True = fails), `failing` (list of failed
    check keys), `unknown` (list of checks that cannot be judged, 未填报) and their counts."""
    outcomes = household_outcomes(households, campaign)
    keys = list(HOUSEHOLD_CHECKS)
    matrix = outcomes[keys].to_numpy()
    out = (outcomes[keys] == FAIL).copy()
    out["failing"] = [[k for k, o in zip(keys, row, strict=True) if o == FAIL] for row in matrix]
    out["failing_count"] = (matrix == FAIL).sum(axis=1)
    out["unknown"] = [[k for k, o in zip(keys, row, strict=True) if o == UNKNOWN]
                      for row in matrix]
    out["unknown_count"] = (matrix == UNKNOWN).sum(axis=1)
    return out


def map_columns(child_metrics: pd.DataFrame, check: str) -> pd.DataFrame:
    """Map values for one household check: failing households per 100, the 清零 state
    (CLEAR_STATES: "none" where a region has no household) and the counts behind them.

    Per 100 is undefined (no data, grey) where no household of the region could be judged
    (every fact the check needs 未填报, e.g. before the screening's 核实日期): 0 would read as
    "nothing fails"."""
    failing = child_metrics[f"failing_{check}" if check in GUARANTEE_KEYS
                            else "households_below_income"]
    unknown = child_metrics.get(f"unknown_{check}", pd.Series(0, index=child_metrics.index))
    judged = child_metrics.get(f"judged_{check}", child_metrics["households"])
    households = child_metrics["households"]
    per_100 = (failing * 100 / households).where((households > 0) & (judged > 0))
    clear = np.where(households == 0, "none", clear_state(failing, unknown))
    return pd.DataFrame({"guarantee_per_100": per_100, "guarantee_clear": clear,
                         "guarantee_failing": failing, "guarantee_unknown": unknown},
                        index=child_metrics.index)


def income_distribution(households: pd.DataFrame, bins: int = 40) -> pd.DataFrame:
    """Histogram of per-capita income (households per bin), for the chart with the threshold:
    `exited` (the standard's population) and `not_exited` (shown beside it) per bin, and
    their sum `households`. Households with no income on record are not in it."""
    known = households[households["per_capita_income"].notna()]
    income = known["per_capita_income"].astype(float)
    if income.empty:
        return pd.DataFrame({"left": [], "right": [], "households": [], "exited": [],
                             "not_exited": []})
    top = float(np.quantile(income, 0.995))
    is_exited = exited(known).to_numpy()
    clipped = income.clip(upper=top).to_numpy()
    done, edges = np.histogram(clipped[is_exited], bins=bins, range=(0, top))
    rest, _ = np.histogram(clipped[~is_exited], bins=bins, range=(0, top))
    return pd.DataFrame({"left": edges[:-1], "right": edges[1:], "households": done + rest,
                         "exited": done, "not_exited": rest})
