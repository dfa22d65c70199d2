"""When the demo's facts were verified (issue 17.6: facts have dates).

The screening went village by village in spring 2020: each village's team arrived on a day
between SCREENING_START and SCREENING_END - VISIT_DAYS and verified the village's facts; its
households were visited over the VISIT_DAYS that followed, each household's facts verified at
its visit, and never after the first issue found on it (the screening is where its problems
were found; a village's day is never after its first household's). One version each,
holding the demo's facts as built, so that from SCREENING_END on every figure is what it was
before facts had dates; before a household's day it is 未填报. Drawn from its own random
stream (the build's seed and a fixed tag), so no other draw of the demo moves. The days are
illustrative.
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


def versions(seed: int, villages: pd.DataFrame, households: pd.DataFrame,
             issues: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(household_fact, village_fact) frames for the store: one dated version per household
    and per village, holding its facts as built (see the module)."""
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
    return homes, places
