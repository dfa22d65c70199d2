"""两不愁三保障 figures: who is checked, who fails, and whether a region is 清零.

A region is 清零 for a check only when not a single household (or weak village) fails it:
one failure is never hidden by an average, so the flag is red while any one remains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.rules import GUARANTEE_KEYS, household_failures, village_income_standard

CHECKS = (*GUARANTEE_KEYS, "income", "village_income")


def applies(households: pd.DataFrame) -> pd.DataFrame:
    """Which households each check applies to (the denominator of its rate)."""
    everyone = pd.Series(True, index=households.index)
    return pd.DataFrame({
        "education": households["school_age_children"].fillna(0) > 0,
        "medical": everyone,
        "housing": everyone,
        "water": everyone,
        "social_floor": households["social_floor_eligible"].astype(bool),
        "income": everyone,
    })


def summary(households: pd.DataFrame, villages: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One row per check: checked, failing, rate (failing / checked), cleared (failing == 0)."""
    fails = household_failures(households, campaign)
    scope = applies(households)
    rows = []
    for key in (*GUARANTEE_KEYS, "income"):
        rows.append((key, int(scope[key].sum()), int((fails[key] & scope[key]).sum())))
    weak = villages[villages["weak_type"].notna()]
    income = village_income_standard(weak, campaign)
    rows.append(("village_income", len(weak), int(income["fails"].sum())))
    out = pd.DataFrame(rows, columns=["check", "checked", "failing"]).set_index("check")
    out["rate"] = (out["failing"] / out["checked"]).where(out["checked"] > 0)
    out["cleared"] = out["failing"] == 0
    return out


def household_checks(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """Per household: a boolean column per check and `failing` (list of failed check keys)."""
    fails = household_failures(households, campaign)
    keys = [*GUARANTEE_KEYS, "income"]
    matrix = fails[keys].to_numpy()
    failing = [[k for k, bad in zip(keys, row, strict=True) if bad] for row in matrix]
    out = fails[keys].copy()
    out["failing"] = failing
    out["failing_count"] = matrix.sum(axis=1)
    return out


def map_columns(child_metrics: pd.DataFrame, check: str) -> pd.DataFrame:
    """Map values for one guarantee: failing households per 100 and a 清零 status."""
    failing = child_metrics[f"failing_{check}"] if check in GUARANTEE_KEYS else child_metrics[
        "households_below_income"]
    households = child_metrics["households"]
    per_100 = (failing * 100 / households).where(households > 0)
    clear = np.where(households == 0, "none", np.where(failing > 0, "failing", "cleared"))
    return pd.DataFrame({"guarantee_per_100": per_100, "guarantee_clear": clear,
                         "guarantee_failing": failing}, index=child_metrics.index)


def income_distribution(households: pd.DataFrame, bins: int = 40) -> pd.DataFrame:
    """Histogram of per-capita income (counts per bin edge), for the chart with the threshold."""
    income = households["per_capita_income"].dropna()
    if income.empty:
        return pd.DataFrame({"left": [], "right": [], "households": []})
    top = float(np.quantile(income, 0.995))
    counts, edges = np.histogram(income.clip(upper=top), bins=bins, range=(0, top))
    return pd.DataFrame({"left": edges[:-1], "right": edges[1:], "households": counts})
