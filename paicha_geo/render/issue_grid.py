"""The 问题台账 grid in words: the rows of services.issue_grid as the screen and the download
show them (Chinese headers and values, dates without a time), and the workbook of exactly
those rows and columns (inert: written through render.excel)."""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render.excel import DATE_FORMAT, add_sheet, new_workbook, write_cell

COLUMNS = tuple(labels.GRID_COLUMNS)  # the keys, in the order shown
_WIDTHS = {"issue_code": 24, "place": 22, "item": 22, "description": 40,
           "responsible_unit": 18}


def _dates(values: pd.Series) -> list:
    return [None if pd.isna(v) else pd.Timestamp(v).date() for v in values]


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the grid for the screen (st.dataframe shows them as text, never markup)."""
    out = pd.DataFrame({
        "issue_code": rows["issue_code"].to_numpy(),
        "place": rows["place"].to_numpy(),
        "item": rows["item"].to_numpy(),
        "description": rows["description"].fillna("").to_numpy(),
        "responsible_unit": rows["responsible_unit"].fillna(labels.NO_DATA).to_numpy(),
        "source": rows["source"].map(lambda s: labels.SOURCES.get(s, s)).to_numpy(),
        "severity": rows["severity"].map(lambda s: labels.SEVERITIES.get(s, s)).to_numpy(),
        "status": rows["status_asof"].map(labels.status_label).to_numpy(),
        "deadline": _dates(rows["deadline"]),
        "overdue_days": rows["overdue_days"].astype(int).to_numpy(),
        "escalated": rows["escalated"].map(lambda b: labels.LEDGER_YES_NO[bool(b)]).to_numpy(),
    })
    return out[list(COLUMNS)].rename(columns=labels.GRID_COLUMNS)


def workbook(rows: pd.DataFrame, title: str) -> bytes:
    """One sheet: a title line, the grid's headers, every selected row in the grid's order."""
    shown = table(rows)
    buffer = io.BytesIO()
    wb = new_workbook(buffer, constant_memory=True)
    title_fmt = wb.add_format({"bold": True, "font_size": 14})
    header_fmt = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
    date_fmt = wb.add_format({"num_format": DATE_FORMAT})
    ws = add_sheet(wb, labels.LEDGER_TITLE)
    for j, key in enumerate(COLUMNS):
        ws.set_column(j, j, _WIDTHS.get(key, 11))
    ws.freeze_panes(2, 0)
    write_cell(ws, 0, 0, title, title_fmt)
    for j, header in enumerate(shown.columns):
        write_cell(ws, 1, j, header, header_fmt)
    for i, record in enumerate(shown.itertuples(index=False, name=None), start=2):
        for j, value in enumerate(record):
            write_cell(ws, i, j, value, None, date_fmt)
    ws.autofilter(1, 0, max(len(shown) + 1, 1), len(COLUMNS) - 1)
    wb.close()
    return buffer.getvalue()


def title(region: str, asof, text: str, filtered: bool) -> str:
    """The workbook's title line: the region, the day, and what narrowed the rows."""
    query = labels.GRID_SHEET_QUERY.format(text=text.strip()) if text.strip() else ""
    return labels.GRID_SHEET_TITLE.format(
        region=region, asof=asof, query=query + (labels.GRID_FILTERED if filtered else ""))
