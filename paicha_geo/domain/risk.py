"""Where inspectors should go: a transparent risk score per village.

score = Σ weight × component, with components (per village, as of a day):
- open_issues:           Σ over open issues of the severity weight (一般 1, 较重 2, 严重 4)
- overdue_months:        Σ over overdue issues of days overdue / 30
- unverified:            issues reported rectified (已整改) but not yet verified and closed
- failing_households:    households failing any guarantee
- low_income_households: households below the income standard
- weak_type:             a flat term for 省定 / 市定 weak villages
- months_since_visit:    days since the last visit / 30 (0 if never visited: see next)
- never_visited:         1 if the village was never visited by the as-of day; weighted most
Weights are settings (data/risk_weights.json), not code; every contribution is kept so the
screen can show why a village ranks where it does.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.domain.membership import isin

COMPONENTS = ("open_issues", "overdue_months", "unverified", "failing_households",
              "low_income_households", "weak_type", "months_since_visit", "never_visited")


def components(
    villages: pd.DataFrame,
    issues_asof: pd.DataFrame,
    failing: pd.Series,
    low_income: pd.Series,
    visits: pd.DataFrame,
    asof: dt.date,
    weights: dict,
) -> pd.DataFrame:
    """Raw component values per village (index: village code), before weighting.

    `failing` / `low_income` are counts per village code; `visits` has region_code and
    visit_date; `issues_asof` comes from metrics.status_as_of.
    """
    codes = pd.Index(villages["code"], name="code")
    at_village = issues_asof[isin(issues_asof["region_code"], codes)]
    open_ = at_village[at_village["status_asof"].isin(("pending", "rectifying", "rectified"))]
    severity = open_["severity"].map(weights["severity"]).fillna(1.0)
    out = pd.DataFrame(index=codes)
    out["open_issues"] = severity.groupby(open_["region_code"]).sum()
    out["overdue_months"] = (at_village["overdue_days"] / 30).groupby(
        at_village["region_code"]).sum()
    out["unverified"] = (open_["status_asof"] == "rectified").groupby(
        open_["region_code"]).sum()
    out["failing_households"] = failing.reindex(codes)
    out["low_income_households"] = low_income.reindex(codes)
    out["weak_type"] = villages.set_index("code")["weak_type"].map(weights["weak_type"])
    seen = visits[pd.to_datetime(visits["visit_date"]) <= pd.Timestamp(asof)]
    last = pd.to_datetime(seen.groupby("region_code")["visit_date"].max()).reindex(codes)
    days = (pd.Timestamp(asof) - last).dt.days
    out["months_since_visit"] = days / 30
    out["never_visited"] = last.isna().astype(float)
    out["last_visit"] = last.dt.date
    return out.fillna({c: 0.0 for c in COMPONENTS})


def score(parts: pd.DataFrame, weights: dict) -> pd.DataFrame:
    """Weighted contributions (`w_<component>`) and the total `score`, highest first."""
    out = parts.copy()
    for name in COMPONENTS:
        weight = 1.0 if isinstance(weights[name], dict) else float(weights[name])
        out[f"w_{name}"] = out[name] * weight
    out["score"] = out[[f"w_{c}" for c in COMPONENTS]].sum(axis=1)
    return out.sort_values("score", ascending=False, kind="stable")


def reasons(row: pd.Series, names: dict[str, str], top: int = 3) -> list[str]:
    """The largest contributions of one village, as (Chinese) phrases for the table."""
    contributions = sorted(((row[f"w_{c}"], c) for c in COMPONENTS), reverse=True)
    return [names[c].format(value=row[c]) for value, c in contributions[:top] if value > 0]
