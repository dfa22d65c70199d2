"""Which version of a dated fact holds on a day (issue 17.6: facts have dates).

A household's or village's facts are versions, each with the day it was verified (核实日期,
`verified_on`). As of day D the version that holds is the latest one verified on or before D
(a version verified on D counts on D); a version without a date (未注明日期, NaT) is known
since the beginning; versions of the same day are taken in the order they were recorded.
A household or village with no version by D has every fact blank: 未填报 (unknown) for
every check, never a pass or a failure.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


def latest_by(history: pd.DataFrame, key: str, asof: dt.date) -> pd.DataFrame:
    """The version of each key that holds on `asof`, indexed by the key.

    `history` must be in superseding order per key (undated first, then by verified_on,
    then as recorded): store.facts.history returns it so.
    """
    return known_by(history, asof).drop_duplicates(key, keep="last").set_index(key)


def known_by(history: pd.DataFrame, asof: dt.date) -> pd.DataFrame:
    """The versions verified on or before `asof` (and those without a date), in order."""
    verified = pd.to_datetime(history["verified_on"])
    return history[(verified.isna() | (verified <= pd.Timestamp(asof))).to_numpy()]


def last_change_day(history: pd.DataFrame) -> pd.Timestamp | None:
    """The newest 核实日期 of all versions: from that day on the current rows hold (None: no
    dated version, the current rows hold on every day)."""
    if history is None or history.empty:
        return None
    top = pd.to_datetime(history["verified_on"]).max()
    return None if pd.isna(top) else top


def facts_on(current: pd.DataFrame, history: pd.DataFrame | None, key: str,
             columns: tuple[str, ...], asof: dt.date,
             first_day: np.ndarray | None = None) -> pd.DataFrame:
    """`current` (one row per key) with its fact `columns` replaced by the values that held
    on `asof`: blank where no version was verified by then. Other columns (registration:
    village, members, exit status, weak type ...) are kept as they are.

    `history` holds every version of the keys it names (those with several versions, when
    the snapshot reads it); a key it does not name has one version, its current row, verified
    on `first_day` (aligned with `current`; NaT or None: 未注明日期, known since the
    beginning). Columnar: `history` may carry `row`, each version's position in `current`
    (computed once when the snapshot is read); a yes/no fact comes back as pandas' nullable
    boolean, a count as a float.
    """
    day = np.datetime64(pd.Timestamp(asof))
    blank = np.zeros(len(current), bool)
    if first_day is not None:
        blank = ~np.isnat(first_day) & (first_day > day)
    picked, named = None, np.array([], int)
    if history is not None and len(history):
        rows = (history["row"].to_numpy() if "row" in history
                else pd.Index(current[key]).get_indexer(history[key]))
        named = np.unique(rows[rows >= 0])
        verified = pd.to_datetime(history["verified_on"]).to_numpy()
        known = np.isnat(verified) | (verified <= day)
        idx = np.flatnonzero(known & (rows >= 0))
        order = idx[np.argsort(rows[idx], kind="stable")]  # superseding order kept per row
        r = rows[order]
        last = order[np.r_[r[1:] != r[:-1], True]] if len(order) else order
        picked = history.iloc[last][list(columns)]
        picked.index = rows[last]
        blank[named] = True  # unless a version by then is picked below
    out = current.copy(deep=False)  # the other columns shared (copy-on-write), not copied
    for column in columns:
        values = _nullable(out[column]).mask(blank)
        if picked is not None and len(picked):
            values.iloc[picked.index.to_numpy()] = _nullable(picked[column]).to_numpy()
        out[column] = values
    return out


def _nullable(values: pd.Series) -> pd.Series:
    """`values` in a dtype that holds a blank: bool as pandas' boolean, integers as floats."""
    if values.dtype == bool:
        return values.astype("boolean")
    if values.dtype.kind in "iu":
        return values.astype(float)
    return values
