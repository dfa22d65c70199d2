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
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.rules import FAIL, GUARANTEE_KEYS, PASS, UNKNOWN, household_outcomes

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
    by_then = (pd.to_datetime(issues["found_date"]) <= pd.Timestamp(asof)).to_numpy()
    # Kept per day by the snapshot: when every issue was found by then (most days of a
    # campaign), the issue columns are shared with `issues` (copy-on-write), not copied.
    found = (issues.copy(deep=False) if by_then.all() else issues[by_then]).reset_index(drop=True)
    past = history[pd.to_datetime(history["changed_at"]) < _end_of_day(asof)]
    sort_cols = ["changed_at", "history_id"] if "history_id" in past else ["changed_at"]
    last = (past.sort_values(sort_cols).groupby("issue_code", sort=False).tail(1)
            .set_index("issue_code"))
    at = last.index.get_indexer(found["issue_code"])
    seen = at >= 0
    status = np.full(len(found), "pending", dtype=object)
    status[seen] = last["to_status"].to_numpy(dtype=object)[at[seen]]
    found["status_asof"] = pd.Series(status, index=found.index, dtype="str")
    since = pd.to_datetime(found["found_date"]).to_numpy().copy()
    changed = pd.to_datetime(last["changed_at"]).to_numpy()
    since[seen] = changed[at[seen]].astype(since.dtype)
    found["status_since"] = since
    deadline = pd.to_datetime(found["deadline"])
    late = (pd.Timestamp(asof) - deadline).dt.days
    unrectified = found["status_asof"].isin(UNRECTIFIED)
    found["overdue_days"] = np.where(unrectified & (late > 0), late, 0)
    closed = found["status_asof"] == "closed"
    found["closed_on_time"] = closed & (found["status_since"] < deadline + pd.Timedelta(days=1))
    found["outcome_known"] = closed | (deadline < pd.Timestamp(asof))
    return found


def closeout_as_of(found: pd.DataFrame, history: pd.DataFrame, asof: dt.date) -> pd.DataFrame:
    """整改完成日期, 销号日期 and 验收人 as they stood at the end of `asof`, for issues from
    `status_as_of` (same index): the issue row holds only today's, which a later report,
    close or reopen has overwritten. A date is shown only while the status as of then carries
    it (an issue open then has no 销号日期 nor 验收人); when today's date is later than `asof`
    (closed, reopened and closed again), the history's step by then stands in for it."""
    past = history[pd.to_datetime(history["changed_at"]) < _end_of_day(asof)]
    sort_cols = ["changed_at", "history_id"] if "history_id" in past else ["changed_at"]
    past = past.sort_values(sort_cols)

    codes = found["issue_code"]

    def last_step(to_status: str, column: str) -> pd.Series:
        """Per issue of `found`, `column` of its last step to `to_status` by then."""
        steps = past[past["to_status"] == to_status].groupby("issue_code").tail(1)
        values = steps.set_index("issue_code")[column].reindex(codes.to_numpy())
        return pd.Series(values.to_numpy(), index=found.index)

    status = found["status_asof"]
    end = _end_of_day(asof)
    out = pd.DataFrame(index=found.index)
    for column, to_status, carried in (("rectified_date", "rectified", ("rectified", "closed")),
                                       ("closed_date", "closed", ("closed",))):
        today = pd.to_datetime(found[column])
        step = pd.to_datetime(last_step(to_status, "changed_at")).dt.normalize()
        kept = today.where(today.notna() & (today < end), step)
        out[column] = kept.where(status.isin(carried))
    closed_then = status == "closed"
    verifier_now = pd.to_datetime(found["closed_date"]) < end
    closer = last_step("closed", "actor")
    out["verifier"] = found["verifier"].where(verifier_now, closer).where(closed_then)
    return out


def _rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    num = numerator.astype(float)
    den = denominator.astype(float)
    return (num / den).where(den > 0)


def rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN where the denominator is 0 (shown as "—", never 0)."""
    return _rate(numerator, denominator)


def issue_indicators(issues_asof: pd.DataFrame) -> pd.DataFrame:
    """One row per issue: its region code and the 0/1 columns every issue count sums."""
    status = issues_asof["status_asof"]
    i = pd.DataFrame({"code": issues_asof["region_code"].to_numpy(), "issues_found": 1})
    for code in ("pending", "rectifying", "rectified", "closed"):
        i[f"issues_{code}"] = (status == code).to_numpy()
    i["issues_open"] = status.isin(OPEN_STATUSES).to_numpy()
    i["issues_overdue"] = (issues_asof["overdue_days"] > 0).to_numpy()
    i["issues_on_time"] = issues_asof["closed_on_time"].to_numpy()
    i["issues_outcome_known"] = issues_asof["outcome_known"].to_numpy()
    return i


def issue_rates(sums: pd.DataFrame) -> pd.DataFrame:
    """Add the close-out and on-time rates to summed issue indicators (any grouping)."""
    sums["closeout_rate"] = _rate(sums["issues_closed"], sums["issues_found"])
    sums["ontime_rate"] = _rate(sums["issues_on_time"], sums["issues_outcome_known"])
    return sums


@dataclass(frozen=True)
class Indicators:
    """One row per village, household and issue: its region code and 0/1 indicator columns.

    Built once per view; `aggregate` then sums them per region prefix with one groupby per
    entity type, whatever the number of metrics.
    """

    villages: pd.DataFrame
    households: pd.DataFrame
    issues: pd.DataFrame


def indicators(
    villages: pd.DataFrame, households: pd.DataFrame, issues_asof: pd.DataFrame,
    campaign: Campaign,
) -> Indicators:
    weak = villages["weak_type"]
    v = pd.DataFrame({
        "code": villages["code"].to_numpy(),
        "villages": 1,
        "weak_villages": weak.notna().to_numpy(),
        "weak_villages_province": (weak == "province").to_numpy(),
        "weak_villages_city": (weak == "city").to_numpy(),
    })
    outcomes = household_outcomes(households, campaign)
    fails = outcomes == FAIL
    h = pd.DataFrame({"code": households["village_code"].to_numpy(), "households": 1})
    for key in GUARANTEE_KEYS:
        h[f"failing_{key}"] = fails[key].to_numpy()
    h["households_failing_any"] = fails[list(GUARANTEE_KEYS)].any(axis=1).to_numpy()
    h["households_below_income"] = fails["income"].to_numpy()
    unknown = outcomes == UNKNOWN  # 未填报: neither failing nor passing
    judged = outcomes.isin((PASS, FAIL))  # a per-100 value needs some judged household
    for key in (*GUARANTEE_KEYS, "income"):
        h[f"unknown_{key}"] = unknown[key].to_numpy()
        h[f"judged_{key}"] = judged[key].to_numpy()
    return Indicators(v, h, issue_indicators(issues_asof))


def aggregate(ind: Indicators, region_prefixes, prefix_length: int) -> pd.DataFrame:
    """Sum the indicators per region prefix and derive the rates.

    Entities are attributed by the prefix of their own region code, so an issue recorded at a
    district office counts for the district and the city but for no township (its padded key
    matches no township's prefix).
    """
    idx = pd.Index(region_prefixes, name="prefix")
    parts = []
    for frame in (ind.villages, ind.households, ind.issues):
        sums = frame.drop(columns="code").astype(int).groupby(
            frame["code"].str[:prefix_length].to_numpy()).sum()
        parts.append(sums.reindex(idx, fill_value=0))
    out = pd.concat(parts, axis=1).astype(int)
    out = issue_rates(out)
    out["open_per_weak_village"] = _rate(out["issues_open"], out["weak_villages"])
    out["open_per_100_households"] = _rate(out["issues_open"] * 100, out["households"])
    out["failing_per_100_households"] = _rate(
        out["households_failing_any"] * 100, out["households"]
    )
    return out


def region_metrics(
    region_prefixes,
    prefix_length: int,
    villages: pd.DataFrame,
    households: pd.DataFrame,
    issues_asof: pd.DataFrame,
    campaign: Campaign,
) -> pd.DataFrame:
    """All metrics for each region, keyed by its code prefix (e.g. 6 digits for districts)."""
    ind = indicators(villages, households, issues_asof, campaign)
    return aggregate(ind, region_prefixes, prefix_length)


def traffic_light(metrics: pd.DataFrame) -> pd.Series:
    """三色预警 of a village: red = any overdue issue or failing household; yellow = open issues
    within their deadline; green = everything closed and 清零 (nothing found counts as green)."""
    red = (metrics["issues_overdue"] > 0) | (metrics["households_failing_any"] > 0)
    yellow = metrics["issues_open"] > 0
    return pd.Series(np.select([red, yellow], ["red", "yellow"], "green"), index=metrics.index)


@dataclass(frozen=True)
class AreaWarning:
    """三色预警 of an area (township, district, city) from the lights of its villages.

    One overdue issue anywhere would make every area red, so an area is judged by how much of
    it is in trouble: red when at least `red_share` of its villages are red; yellow when at
    least `yellow_share` of its villages are red or yellow; green otherwise. An area with no
    village has no light (shown as "—"). Thresholds are installation settings.
    """

    red_share: float = 0.5
    yellow_share: float = 0.3

    def __post_init__(self):
        if not 0 < self.yellow_share <= self.red_share <= 1:
            raise ValueError("warning shares must satisfy 0 < yellow_share <= red_share <= 1, "
                             f"not {self.yellow_share!r} and {self.red_share!r}")


def village_shares(village_lights: pd.Series, region_prefixes,
                   prefix_length: int) -> pd.DataFrame:
    """Per region prefix: villages, and the share of them red and red-or-yellow (NaN when the
    region has no village). `village_lights` is indexed by village code."""
    codes = pd.Index(village_lights.index).astype(str).str[:prefix_length]
    lights = pd.Series(village_lights.to_numpy(), index=codes)
    grouped = pd.DataFrame({"villages": 1, "red": lights == "red",
                            "not_green": lights.isin(("red", "yellow"))}).groupby(level=0).sum()
    grouped = grouped.reindex(pd.Index(region_prefixes), fill_value=0)
    return pd.DataFrame({
        "villages": grouped["villages"].to_numpy(),
        "red_share": _rate(grouped["red"], grouped["villages"]).to_numpy(),
        "not_green_share": _rate(grouped["not_green"], grouped["villages"]).to_numpy(),
    }, index=grouped.index)


def area_traffic(village_lights: pd.Series, region_prefixes, prefix_length: int,
                 rule: AreaWarning) -> pd.Series:
    """三色预警 per region prefix by `rule` (see AreaWarning); missing where no village."""
    shares = village_shares(village_lights, region_prefixes, prefix_length)
    light = np.select([shares["red_share"] >= rule.red_share,
                       shares["not_green_share"] >= rule.yellow_share], ["red", "yellow"],
                      "green").astype(object)
    light[shares["villages"].to_numpy() == 0] = None
    return pd.Series(light, index=shares.index)


def days_to_deadline(campaign: Campaign, asof: dt.date) -> int:
    """Days left until the campaign deadline (negative once it has passed)."""
    return (campaign.deadline - asof).days
