"""A household's or village's fact versions as a table: 核实日期, each fact, who recorded it.

Newest first; a version without a date reads 未注明日期; a blank fact reads as the page's
no-data mark (未填报 is the checks' word, not the cell's). Every text value is escaped.
"""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape

_MONEY = ("per_capita_income", "collective_operating_income", "collective_disposable_income")
_COUNTS = ("school_age_children", "children_out_of_school", "children_out_of_school_physical")


def _cell(column: str, value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return labels.NO_DATA
    if isinstance(value, bool) or column in ("all_insured", "safe_water", "excess_fluoride",
                                             "social_floor_eligible", "social_floor_covered",
                                             "first_secretary_present"):
        return labels.YES_NO[bool(value)]
    if column in _MONEY:
        return f"{float(value):,.0f}"
    if column in _COUNTS:
        return f"{int(value)}"
    if column == "inpatient_selfpay_share":
        return labels.format_rate(float(value))
    if column == "house_grade":
        return labels.FACT_GRADE.format(grade=value)
    if column == "house_renovation":
        return labels.HOUSE_RENOVATIONS.get(value, labels.NO_DATA)
    return escape.markdown(str(value))


def table(versions: pd.DataFrame, facts: tuple[str, ...]) -> pd.DataFrame:
    """One row per version, newest first, Chinese headers."""
    newest = versions.iloc[::-1]
    day = pd.to_datetime(newest["verified_on"])
    out = pd.DataFrame({labels.FACT_HISTORY_COLUMNS["verified_on"]: [
        labels.FACT_UNDATED if pd.isna(d) else d.strftime("%Y-%m-%d") for d in day]})
    for column in facts:
        out[labels.FIELD_LABELS[column]] = [_cell(column, v) for v in newest[column]]
    out[labels.FACT_HISTORY_COLUMNS["recorded_by"]] = [
        labels.NO_DATA if not isinstance(v, str) else escape.markdown(v)
        for v in newest["recorded_by"]]
    return out
