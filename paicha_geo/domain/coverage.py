"""遍访 coverage: the share of weak villages and of households visited in the last N days.

A village counts as visited when any visit to it falls in the window; a household only when
a visit names that household. Rates are NaN where there is nothing to visit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.domain.membership import isin


def coverage(
    villages: pd.DataFrame, households: pd.DataFrame, visits: pd.DataFrame,
    asof: dt.date, days: int, prefixes, prefix_length: int,
) -> pd.DataFrame:
    """Per region prefix: weak villages (visited/total/rate), households (visited/total/rate)."""
    end = pd.Timestamp(asof)
    when = pd.to_datetime(visits["visit_date"])
    recent = visits[(when <= end) & (when > end - pd.Timedelta(days=days))]
    weak = villages[villages["weak_type"].notna()]
    seen_village = isin(weak["code"], recent["region_code"])
    seen_household = isin(households["household_id"], recent["household_id"].dropna())
    idx = pd.Index(prefixes)

    def count(codes: pd.Series, mask=None) -> pd.Series:
        keys = codes.str[:prefix_length]
        if mask is not None:
            keys = keys[mask]
        return keys.value_counts().reindex(idx, fill_value=0)

    out = pd.DataFrame({
        "weak_villages": count(weak["code"]),
        "weak_villages_visited": count(weak["code"], seen_village),
        "households": count(households["village_code"]),
        "households_visited": count(households["village_code"], seen_household),
    })
    out["weak_village_coverage"] = (out["weak_villages_visited"] / out["weak_villages"]).where(
        out["weak_villages"] > 0)
    out["household_coverage"] = (out["households_visited"] / out["households"]).where(
        out["households"] > 0)
    return out
