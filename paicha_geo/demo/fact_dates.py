"""When the demo's facts were verified (issue 17.6: facts have dates).

The screening went village by village in spring 2020: each village's team arrived on a day
between SCREENING_START and SCREENING_END - VISIT_DAYS and verified the village's facts; its
households were visited over the VISIT_DAYS that followed, each household's facts verified at
its visit, and never after the first issue found on it (the screening is where its problems
were found; a village's day is never after its first household's). That version holds the
facts as the screening found them; where a done issue later fixed a fact (a house rebuilt, a
member insured: demo.fact_issues), a second version holds the fixed facts, dated the day the
last of its done issues was reported rectified. Before a household's day it is 未填报.
Drawn from its own random stream (the build's seed and a fixed tag), so no other draw of the
demo moves. The days are illustrative.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from paicha_geo.store.schema import HOUSEHOLD_FACT_COLUMNS, VILLAGE_FACT_COLUMNS

TAG = 176  # issue 17.6
SCREENING_START = dt.date(2020, 1, 6)  # the first working day of the campaign's screening
SCREENING_END = dt.date(2020, 4, 30)
VISIT_DAYS = 20  # a village's households are visited within this many days of its team
RECORDED_BY = "排查组"
_RECORDED_HOUR = pd.Timedelta(hours=18)  # entered the evening of the visit


def _fix_days(issues: pd.DataFrame, history: pd.DataFrame | None, key: str) -> pd.Series:
    """Per household (key 'household_id') or village ('region_code' of village issues): the
    day its last done issue was reported rectified (or closed)."""
    if history is None or not len(issues):
        return pd.Series(dtype="datetime64[ns]")
    done = history[history["to_status"].isin(["rectified", "closed"])]
    first_done = pd.to_datetime(done.groupby("issue_code")["changed_at"].min()).dt.normalize()
    owners = issues.set_index("issue_code")[key]
    if key == "region_code":
        owners = owners[issues.set_index("issue_code")["household_id"].isna()]
    days = first_done[first_done.index.isin(owners.index)]
    return days.groupby(owners.reindex(days.index).to_numpy()).max()


def _with_fixes(first: pd.DataFrame, key: str, found: pd.DataFrame | None, columns,
                fix_days: pd.Series) -> pd.DataFrame:
    """`first` (one version per key, facts as they stand) split into the facts as found on
    the screening day and, where they differ, the facts as fixed on the fix day."""
    if found is None:
        return first
    found = found.set_index(key).reindex(first[key].to_numpy())
    current = first.set_index(key)
    screening = current.copy()
    differs = np.zeros(len(current), dtype=bool)
    for column in columns:
        was = found[column].where(current[column].notna())  # a blank stays blank
        changed = ~((was == current[column]) | (was.isna() & current[column].isna()))
        changed = changed.to_numpy(dtype=bool) & fix_days.reindex(current.index).notna().to_numpy()
        screening[column] = current[column].where(~changed, was)
        differs |= changed
    later = current[differs].copy()
    day = pd.to_datetime(fix_days.reindex(later.index))
    day = np.maximum(day, pd.to_datetime(later["verified_on"]) + pd.Timedelta(days=1))
    later["verified_on"] = day.dt.date.to_numpy()
    later["recorded_at"] = (day + _RECORDED_HOUR).to_numpy()
    return pd.concat([screening.reset_index(), later.reset_index()], ignore_index=True)


def versions(seed: int, villages: pd.DataFrame, households: pd.DataFrame,
             issues: pd.DataFrame, history: pd.DataFrame | None = None,
             found_villages: pd.DataFrame | None = None,
             found_households: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(household_fact, village_fact) frames for the store: per household and village the
    facts as the screening found them on its day, and the fixed facts on the day a done issue
    fixed them (see the module). Without `found_*`, one version of the facts as built."""
    rng = np.random.default_rng([seed, TAG])
    start, end = pd.Timestamp(SCREENING_START), pd.Timestamp(SCREENING_END)
    span = (end - start).days + 1 - VISIT_DAYS
    arrival = pd.Series(start + pd.to_timedelta(rng.integers(0, span, len(villages)), unit="D"),
                        index=villages["code"].to_numpy())
    drawn = (pd.to_datetime(households["village_code"].map(arrival)).to_numpy()
             + pd.to_timedelta(rng.integers(0, VISIT_DAYS + 1, len(households)), unit="D"))
    first_found = (pd.to_datetime(issues["found_date"]).groupby(issues["household_id"]).min()
                   if len(issues) else pd.Series(dtype="datetime64[ns]"))
    found = pd.to_datetime(households["household_id"].map(first_found)).to_numpy()
    day = np.where(pd.isna(found), drawn, np.minimum(drawn, found))
    day = pd.Series(pd.to_datetime(day), index=households.index).clip(lower=start)
    homes = pd.DataFrame({"household_id": households["household_id"].to_numpy(),
                          "verified_on": day.dt.date.to_numpy(),
                          "recorded_at": (day + _RECORDED_HOUR).to_numpy(),
                          "recorded_by": RECORDED_BY})
    for column in HOUSEHOLD_FACT_COLUMNS:
        homes[column] = households[column].to_numpy()

    earliest = day.groupby(households["village_code"].to_numpy()).min()
    village_day = pd.Series(np.minimum(
        arrival.to_numpy(), pd.to_datetime(villages["code"].map(earliest)).fillna(end).to_numpy()),
        index=villages.index)
    places = pd.DataFrame({"code": villages["code"].to_numpy(),
                           "verified_on": village_day.dt.date.to_numpy(),
                           "recorded_at": (village_day + _RECORDED_HOUR).to_numpy(),
                           "recorded_by": RECORDED_BY})
    for column in VILLAGE_FACT_COLUMNS:
        places[column] = villages[column].to_numpy()
    homes = _with_fixes(homes, "household_id", found_households, HOUSEHOLD_FACT_COLUMNS,
                        _fix_days(issues, history, "household_id"))
    places = _with_fixes(places, "code", found_villages, VILLAGE_FACT_COLUMNS,
                         _fix_days(issues, history, "region_code"))
    return homes, places
