"""Region tables for st.dataframe: Chinese headers, rates as percentages, '—' for no data."""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels


def region_table(regions: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """One row per region; names are data (st.dataframe shows them as text, not HTML)."""
    out = pd.DataFrame({"name": regions["name"].to_numpy()})
    for col in labels.TABLE_COLUMNS:
        if col == "name":
            continue
        values = metrics[col].to_numpy()
        if col.endswith("_rate"):
            out[col] = [labels.format_rate(v) for v in values]
        else:
            out[col] = values.astype(int)
    return out.rename(columns=labels.TABLE_COLUMNS)
