"""The tables under the map: the weak-village list (page and workbook) and the N worst places.

Numbers stay numbers (the page sorts them); names are data, shown as text and written inert
(escape.cells, XlsxWriter with formula conversion off).
"""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.excel import sheet_name
from paicha_geo.render.scales import is_rate
from paicha_geo.render.tables import COLUMN_FORMATS

COUNT_COLUMNS = ("issues_open", "issues_overdue", "issues_closed", "households_failing_any")


def weak_list_table(weak: pd.DataFrame) -> pd.DataFrame:
    """services.weak_service.weak_list rows -> the list's columns, Chinese headers."""
    out = pd.DataFrame({
        "path": weak["path"].to_numpy(),
        "name": weak["name"].to_numpy(),
        "kind": [labels.WEAK_TYPES[w] for w in weak["weak_type"]],
        "status": [labels.VILLAGE_STATUS[s] for s in weak["status"]],
    })
    for col in COUNT_COLUMNS:
        out[col] = weak[col].astype(int).to_numpy()
    out["code"] = weak["code"].to_numpy()
    return out.rename(columns=labels.WEAK_LIST_COLUMNS)


def weak_list_summary(weak: pd.DataFrame) -> dict[str, int]:
    """How many weak villages are in each status (every status named, zeros included)."""
    counts = weak["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in labels.VILLAGE_STATUS}


def to_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    """One sheet, frozen header, inert text."""
    buffer = io.BytesIO()
    name = sheet_name(sheet, set())
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": escape.XLSX_OPTIONS}) as writer:
        escape.cells(table).to_excel(writer, sheet_name=name, index=False)
        ws = writer.sheets[name]
        ws.freeze_panes(1, 0)
        for idx, col in enumerate(table.columns):
            ws.set_column(idx, idx, max(10, len(str(col)) * 2 + 2))
    return buffer.getvalue()


def top_table(rows: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Rank, path, name and the indicator's value, numeric so the page can sort it (the
    page formats it with `top_value_format`, as the region table does)."""
    header = {**labels.TOP_COLUMNS, "value": labels.MAP_METRICS[metric][0]}
    values = pd.to_numeric(rows["value"], errors="coerce")
    if is_rate(metric):  # percent points, for the one percentage format (56.2%)
        values = values * 100
    return pd.DataFrame({
        "rank": rows["rank"].astype(int).to_numpy(),
        "path": rows["path"].to_numpy(),
        "name": rows["name"].to_numpy(),
        "value": values.to_numpy() if metric in COLUMN_FORMATS else values.astype(int).to_numpy(),
    }).rename(columns=header)


def top_value_format(metric: str) -> dict[str, str]:
    """{value column header: number format} for st.column_config (rates as percentages,
    per-village and per-100 figures with two decimals, counts as whole numbers)."""
    if is_rate(metric):
        return {labels.MAP_METRICS[metric][0]: "%.1f%%"}
    return {labels.MAP_METRICS[metric][0]: COLUMN_FORMATS.get(metric, "%d")}

