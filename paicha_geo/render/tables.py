"""Region tables for the page and for download: Chinese headers, numeric columns stay numeric
(so sorting works), rates as fractions the page formats as percentages. Downloads are inert:
region names pass through `escape.cell` (the CSV by render.excel.csv_bytes), and the workbook
is XlsxWriter with formula conversion off (openpyxl writes text starting with "=" as a
formula)."""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.excel import csv_bytes, sheet_name

REGION_COLUMNS = labels.REGION_COLUMNS  # the table's headers (pages format by them)
RATE_COLUMNS = ("closeout_rate", "ontime_rate")
DENSITY_COLUMNS = ("open_per_weak_village", "open_per_100_households")
# st.column_config number formats, for tables shown without `styled` (the region table uses
# `styled`: one percentage format, 56.2%, and "—" for an undefined value).
COLUMN_FORMATS = {"closeout_rate": "percent", "ontime_rate": "percent",
                  "open_per_weak_village": "%.2f", "open_per_100_households": "%.2f"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def region_table(regions: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """One row per region with every metric; names are data (shown as text, never HTML)."""
    out = pd.DataFrame({"name": regions["name"].to_numpy(), "code": regions["code"].to_numpy()})
    for col in REGION_COLUMNS:
        if col in ("name", "code"):
            continue
        values = metrics[col].to_numpy()
        if col == "traffic":
            out[col] = [labels.TRAFFIC_SHORT.get(v, labels.NO_DATA) for v in values]
        elif col in RATE_COLUMNS or col.startswith("open_per_"):
            out[col] = pd.to_numeric(values, errors="coerce")
        else:
            out[col] = values.astype(int)
    return out


def display_names(table: pd.DataFrame) -> pd.DataFrame:
    return table.rename(columns=REGION_COLUMNS)


def _density(value) -> str:
    return labels.NO_DATA if pd.isna(value) else f"{value:.2f}"


def styled(table: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The on-screen table: rates as the map's one percentage format (56.2%), densities with
    two decimals, '—' for an undefined value (never 'None'); the values stay numbers, so the
    columns still sort by value."""
    shown = display_names(table)
    formats = {REGION_COLUMNS[c]: labels.format_rate for c in RATE_COLUMNS if c in table}
    formats |= {REGION_COLUMNS[c]: _density for c in DENSITY_COLUMNS if c in table}
    return shown.style.format(formats, na_rep=labels.NO_DATA)


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel on Windows opens the Chinese headers correctly."""
    out = table.copy()
    for col in RATE_COLUMNS:
        if col in out:
            out[col] = (out[col] * 100).round(1)
    return csv_bytes(display_names(out))


def to_excel_bytes(table: pd.DataFrame, sheet: str) -> bytes:
    """A workbook with a frozen header row, rates formatted as percentages."""
    buffer = io.BytesIO()
    frame = escape.cells(display_names(table))
    name = sheet_name(sheet, set())
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": escape.XLSX_OPTIONS}) as writer:
        frame.to_excel(writer, sheet_name=name, index=False)
        ws = writer.sheets[name]
        ws.freeze_panes(1, 0)
        percent = writer.book.add_format({"num_format": "0.0%"})
        decimal = writer.book.add_format({"num_format": "0.00"})
        for idx, col in enumerate(table.columns):
            fmt = (percent if col in RATE_COLUMNS else
                   decimal if col.startswith("open_per_") else None)
            ws.set_column(idx, idx, max(10, len(REGION_COLUMNS.get(col, col)) * 2 + 2), fmt)
    return buffer.getvalue()
