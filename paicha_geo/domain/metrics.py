"""Every figure on screen, defined once. Inputs are plain DataFrames from the store.

Definitions (all "as of" the end of a chosen day, from the issue history):
- found: issues whose found date is on or before the as-of date.
- open: found and not closed (待整改, 整改中 or 已整改待验收).
- overdue: still 待整改 or 整改中 after the deadline day has passed (deadline < as-of).
  An issue reported rectified and awaiting verification is not overdue: the office has acted.
- close-out rate: closed / found.
- on-time rate: issues closed on or before their deadline / issues whose outcome is known
  (deadline already passed, or closed). Issues still open and not yet due are left out, so the
  rate never exceeds 100 % and is not flattered by issues nobody could yet judge.
- a rate with a zero denominator is undefined (NaN, shown as "—"), never 0.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.rules import GUARANTEE_KEYS, household_failures

OPEN_STATUSES = ("pending", "rectifying", "rectified")
UNRECTIFIED = ("pending", "rectifying")


def _end_of_day(asof: dt.date) -> pd.Timestamp:
    return pd.Timestamp(asof) + pd.Timedelta(days=1)


def status_as_of(issues: pd.DataFrame, history: pd.DataFrame, asof: dt.date) -> pd.DataFrame:
    """The issues found by `asof`, each with its status then, from the append-only history.

    Adds `status_asof`, `status_since` (when that status began) and `overdue_days` (days past
    the deadline for an unrectified issue, else 0). An issue with no history entry by then
    counts as 待整改 from its found date.
    """
    found = issues[pd.to_datetime(issues["found_date"]) <= pd.Timestamp(asof)]
    past = history[pd.to_datetime(history["changed_at"]) < _end_of_day(asof)]
    sort_cols = ["changed_at", "history_id"] if "history_id" in past else ["changed_at"]
    last = (past.sort_values(sort_cols).groupby("issue_code", sort=False).tail(1)
            [["issue_code", "to_status", "changed_at"]]
            .rename(columns={"to_status": "status_asof", "changed_at": "status_since"}))
    found = found.merge(last, on="issue_code", how="left", validate="one_to_one")
    found["status_asof"] = found["status_asof"].fillna("pending")
    found["status_since"] = pd.to_datetime(found["status_since"]).fillna(
        pd.to_datetime(found["found_date"]))
    deadline = pd.to_datetime(found["deadline"])
    late = (pd.Timestamp(asof) - deadline).dt.days
    unrectified = found["status_asof"].isin(UNRECTIFIED)
    found["overdue_days"] = np.where(unrectified & (late > 0), late, 0)
    closed = found["status_asof"] == "closed"
    found["closed_on_time"] = closed & (found["status_since"] < deadline + pd.Timedelta(days=1))
    found["outcome_known"] = closed | (deadline < pd.Timestamp(asof))
    return found


def _rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num = numerator.astype(float)
    den = denominator.astype(float)
    return (num / den).where(den > 0)


def _count_by(keys: pd.Series, mask: pd.Series | None, index: pd.Index) -> pd.Series:
    selected = keys if mask is None else keys[mask.to_numpy()]
    return selected.value_counts().reindex(index, fill_value=0).astype(int)


def region_metrics(
    region_prefixes: pd.Index,
    prefix_length: int,
    villages: pd.DataFrame,
    households: pd.DataFrame,
    issues_asof: pd.DataFrame,
    campaign: Campaign,
) -> pd.DataFrame:
    """All metrics for each region, keyed by its code prefix (e.g. 6 digits for districts).

    Entities are attributed by the prefix of their own region code, so an issue recorded at a
    district office counts for the district and the city but for no township.
    """
    idx = pd.Index(region_prefixes, name="prefix")
    v_key = villages["code"].str[:prefix_length]
    h_key = households["village_code"].str[:prefix_length]
    i_key = issues_asof["region_code"].str[:prefix_length]
    # Issues recorded above this level have a key padded with zeros that matches no region.
    status = issues_asof["status_asof"]
    out = pd.DataFrame(index=idx)
    out["villages"] = _count_by(v_key, None, idx)
    weak = villages["weak_type"]
    out["weak_villages"] = _count_by(v_key, weak.notna(), idx)
    out["weak_villages_province"] = _count_by(v_key, weak == "province", idx)
    out["weak_villages_city"] = _count_by(v_key, weak == "city", idx)
    out["households"] = _count_by(h_key, None, idx)
    out["issues_found"] = _count_by(i_key, None, idx)
    for code in ("pending", "rectifying", "rectified", "closed"):
        out[f"issues_{code}"] = _count_by(i_key, status == code, idx)
    out["issues_open"] = _count_by(i_key, status.isin(OPEN_STATUSES), idx)
    out["issues_overdue"] = _count_by(i_key, issues_asof["overdue_days"] > 0, idx)
    out["issues_on_time"] = _count_by(i_key, issues_asof["closed_on_time"], idx)
    out["issues_outcome_known"] = _count_by(i_key, issues_asof["outcome_known"], idx)
    out["closeout_rate"] = _rate(out["issues_closed"], out["issues_found"])
    out["ontime_rate"] = _rate(out["issues_on_time"], out["issues_outcome_known"])
    out["open_per_weak_village"] = _rate(out["issues_open"], out["weak_villages"])
    out["open_per_100_households"] = _rate(out["issues_open"] * 100, out["households"])
    fails = household_failures(households, campaign)
    for key in GUARANTEE_KEYS:
        out[f"failing_{key}"] = _count_by(h_key, fails[key], idx)
    out["households_failing_any"] = _count_by(h_key, fails["any_guarantee"], idx)
    out["households_below_income"] = _count_by(h_key, fails["income"], idx)
    out["failing_per_100_households"] = _rate(
        out["households_failing_any"] * 100, out["households"]
    )
    return out


def traffic_light(metrics: pd.DataFrame) -> pd.Series:
    """三色预警: red = any overdue issue or failing household; yellow = open issues within
    their deadline; green = everything closed and 清零 (nothing found counts as green)."""
    red = (metrics["issues_overdue"] > 0) | (metrics["households_failing_any"] > 0)
    yellow = metrics["issues_open"] > 0
    return pd.Series(np.select([red, yellow], ["red", "yellow"], "green"), index=metrics.index)


def days_to_deadline(campaign: Campaign, asof: dt.date) -> int:
    """Days left until the campaign deadline (negative once it has passed)."""
    return (campaign.deadline - asof).days
