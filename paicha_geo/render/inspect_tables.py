"""The inspection page's tables as shown: Chinese headers, names for codes, percent formats."""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels


def candidates(table: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """The choosing table (inspect_service.candidates) with the township's name, the weak
    type in words and Chinese headers; the first column is the tick box."""
    return pd.DataFrame({
        labels.INSPECT_SELECTED: table["selected"].to_numpy(),
        labels.INSPECT_COLUMNS["name"]: table["name"].to_numpy(),
        labels.INSPECT_COLUMNS["town"]: table["town"].map(names).to_numpy(),
        labels.INSPECT_COLUMNS["weak"]: [labels.WEAK_TYPES[w if isinstance(w, str) else None]
                                         for w in table["weak"]],
        labels.INSPECT_COLUMNS["score"]: table["score"].to_numpy(),
        labels.INSPECT_COLUMNS["reasons"]: table["reasons"].to_numpy(),
    })


def weights(rows: pd.DataFrame) -> pd.DataFrame:
    """inspect_service.weight_rows with Chinese headers."""
    return rows.rename(columns={"stop": labels.INSPECT_COLUMNS["stop"],
                                "name": labels.INSPECT_COLUMNS["name"],
                                "score": labels.INSPECT_COLUMNS["score"],
                                **{f"w_{k}": v for k, v in labels.RISK_COMPONENTS.items()}})


def route(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.rename(columns=labels.PACK_ROUTE_COLUMNS)


RATE_COLUMNS = ("weak_village_coverage", "household_coverage")
COVERAGE_PERCENT = tuple(labels.COVERAGE_COLUMNS[c] for c in RATE_COLUMNS)
PERCENT_FORMAT = "%.1f%%"  # as labels.format_rate writes a rate: one decimal, "56.2%"


def coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Chinese headers; the coverage rates in percent points, for PERCENT_FORMAT (Streamlit's
    own "percent" format shows up to two decimals, "70.97%", beside other pages' "56.2%")."""
    table = table.copy()
    for col in RATE_COLUMNS:
        table[col] = table[col].astype(float) * 100
    return table.rename(columns=labels.COVERAGE_COLUMNS)
