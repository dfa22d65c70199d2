"""Facts the demo's offices never filled in, so that 未填报 (unknown) is seen as it is met.

Real gaps come by sheet: one village's housing appraisal or insurance list is missing as a
whole, and a few single cells are blank. Drawn from their own random stream (the build's
seed and a fixed tag) after the ledger, so every other draw of the demo stays as it was.
Shares are illustrative.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TAG = 17  # issue 17: missing is not passing
VILLAGE_SHEET_GAPS = {"house_grade": 0.012, "all_insured": 0.008}  # share of villages
CELL_GAPS = {"per_capita_income": 0.004, "safe_water": 0.003}  # share of households
WEAK_VILLAGES_WITHOUT_INCOME = 2


def blank_some_facts(seed: int, villages: pd.DataFrame,
                     households: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Copies of `villages` and `households` with a few facts blank (see the module)."""
    rng = np.random.default_rng([seed, TAG])
    households = households.copy()
    villages = villages.copy()
    codes = villages["code"].to_numpy()
    for column, share in VILLAGE_SHEET_GAPS.items():
        picked = rng.choice(codes, size=max(1, round(share * len(codes))), replace=False)
        _blank(households, households["village_code"].isin(picked).to_numpy(), column)
    for column, share in CELL_GAPS.items():
        _blank(households, rng.random(len(households)) < share, column)
    weak = np.flatnonzero(villages["weak_type"].notna().to_numpy())
    if len(weak):
        picked = rng.choice(weak, size=min(WEAK_VILLAGES_WITHOUT_INCOME, len(weak)),
                            replace=False)
        for row in picked:
            column = ("collective_operating_income" if villages.iloc[row]["weak_type"] ==
                      "province" else "collective_disposable_income")
            villages.iloc[row, villages.columns.get_loc(column)] = np.nan
    return villages, households


def _blank(frame: pd.DataFrame, rows: np.ndarray, column: str) -> None:
    if pd.api.types.is_float_dtype(frame[column]):
        frame.loc[rows, column] = np.nan
    else:
        frame[column] = frame[column].astype(object)
        frame.loc[rows, column] = None
