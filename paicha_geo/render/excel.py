"""Spreadsheets for download: the 整改台账 workbook and CSV, and the rejected import rows.

Workbooks are written with XlsxWriter in constant-memory mode (openpyxl needed ~2 s per
thousand rows; a province-size ledger would take minutes). Dates are written as dates with a
date format. Every workbook of the program is opened by `new_workbook` (formula, URL and number
conversion off), every cell goes through `write_cell` and every sheet named from data through
`sheet_name`; text that a spreadsheet would run (a user-typed "=HYPERLINK(...)", "-2+3+cmd|...")
gets a leading apostrophe by `escape.cell`, in the workbooks and in the CSV alike.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import xlsxwriter

from paicha_geo import labels
from paicha_geo.render import escape

DATE_FORMAT = "yyyy-mm-dd"
_WIDTHS = {"issue_code": 24, "description": 40, "measures": 36, "item": 22,
           "responsible_unit": 20, "district": 10, "town": 14, "village": 14}
_DATE_COLS = ("found_date", "deadline", "rectified_date", "closed_date")
_INVALID_SHEET = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")  # Excel's rules, control chars
SHEET_NAME_MAX = 31  # UTF-16 code units


def new_workbook(buffer, **options) -> xlsxwriter.Workbook:
    """An in-memory XlsxWriter workbook that turns no string into a formula, URL or number."""
    return xlsxwriter.Workbook(buffer, {"in_memory": True, **options, **escape.XLSX_OPTIONS})


def _fit(text: str, units: int) -> str:
    """`text` cut to `units` UTF-16 code units (how Excel counts a sheet name's length)."""
    while len(text.encode("utf-16-le")) > 2 * units:
        text = text[:-1]
    return text.strip().strip("'")


def sheet_name(name, used: set[str], fallback: str = "Sheet") -> str:
    """A valid worksheet name from data, unique (ignoring case) among `used`, which it joins.

    Excel forbids []:*?/\\ in names, a leading or trailing apostrophe, more than 31
    characters and two names differing only in case; "History" is reserved."""
    base = _fit(_INVALID_SHEET.sub("_", str(name)), SHEET_NAME_MAX) or fallback
    if base.lower() == "history":
        base = f"{base}_"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate, n = (_fit(base, SHEET_NAME_MAX - len(suffix)) or fallback) + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def add_sheet(wb: xlsxwriter.Workbook, name):
    """A new worksheet named after `name` (data or label), made valid and unique."""
    return wb.add_worksheet(sheet_name(name, {ws.name.lower() for ws in wb.worksheets()}))


def _plain(value):
    """None for every flavour of missing; dates as dt.date/datetime; numpy scalars unwrapped."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


def write_cell(ws, r: int, c: int, value, fmt=None, date_fmt=None) -> None:
    """One cell by the type of its value; text through `escape.cell`, missing as blank."""
    value = _plain(value)
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, value, date_fmt or fmt)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, fmt)
    else:
        ws.write_string(r, c, escape.cell(str(value)), fmt)


class _Formats:
    def __init__(self, wb):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.header = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1,
                                     "text_wrap": True, "valign": "vcenter"})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.red = wb.add_format({"font_color": "#C00000", "bold": True})


def _write_ledger_sheet(ws, fmt: _Formats, frame: pd.DataFrame, columns: list[str],
                        title: str) -> None:
    for j, key in enumerate(columns):
        ws.set_column(j, j, _WIDTHS.get(key, 12))
    ws.freeze_panes(2, 0)
    write_cell(ws, 0, 0, title, fmt.title)
    for j, key in enumerate(columns):
        write_cell(ws, 1, j, labels.FIELD_LABELS.get(key, key), fmt.header)
    overdue = columns.index("overdue_days")
    wrap = {columns.index(k) for k in ("description", "measures")}
    for i, record in enumerate(frame[columns].itertuples(index=False, name=None), start=2):
        for j, value in enumerate(record):
            if j == overdue and value and value > 0:
                write_cell(ws, i, j, int(value), fmt.red)
            else:
                write_cell(ws, i, j, value, fmt.wrap if j in wrap else None, fmt.date)
    ws.autofilter(1, 0, max(len(frame) + 1, 1), len(columns) - 1)


def ledger_workbook(sheets: list[tuple[str, pd.DataFrame]], title: str) -> bytes:
    """One sheet per (name, rows); the rows carry the keys of labels.LEDGER_COLUMNS."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer, constant_memory=True)
    fmt = _Formats(wb)
    columns = list(labels.LEDGER_COLUMNS)
    if not sheets:
        sheets = [(labels.LEDGER_TITLE, pd.DataFrame(columns=columns))]
    for name, frame in sheets:
        ws = add_sheet(wb, name)
        _write_ledger_sheet(ws, fmt, frame, columns,
                            labels.LEDGER_SHEET_TITLE.format(title=title, sheet=name)
                            if len(sheets) > 1 else title)
    wb.close()
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as CSV for Excel: UTF-8 with BOM (Chinese headers), text through `escape.cell`,
    CRLF line ends, so a field holding a line break (a bare CR too) is quoted and cannot
    start a new row whose first cell would be read as a formula."""
    return escape.cells(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def ledger_csv(frame: pd.DataFrame) -> bytes:
    """The same columns as the workbook, UTF-8 with BOM so Excel shows the Chinese headers."""
    columns = list(labels.LEDGER_COLUMNS)
    out = frame[columns].copy()
    for key in ("found_date", "deadline", "rectified_date", "closed_date"):
        out[key] = [v.isoformat() if isinstance(v, dt.date) else "" for v in
                    pd.Series(out[key]).map(lambda x: None if pd.isna(x) else
                                            pd.Timestamp(x).date())]
    return csv_bytes(out.rename(columns=labels.FIELD_LABELS))


def rejected_workbook(headers: list[str], rows: list[tuple[str | None, int, list, str]]) -> bytes:
    """The rows an import left out, with their original cells and the reason, ready to fix.

    `rows` holds (sheet, row number, original cells, reason).
    """
    buffer = io.BytesIO()
    wb = new_workbook(buffer, constant_memory=True)
    fmt = _Formats(wb)
    ws = add_sheet(wb, labels.REJECTED_SHEET_TITLE)
    multi = len({r[0] for r in rows}) > 1
    lead = ([labels.REJECTED_SHEET_COLUMN] if multi else []) + [labels.REJECTED_ROW_COLUMN]
    titles = lead + list(headers) + [labels.REJECTED_REASON_COLUMN]
    ws.freeze_panes(1, 0)
    ws.set_column(len(titles) - 1, len(titles) - 1, 60)
    for j, t in enumerate(titles):
        write_cell(ws, 0, j, str(t), fmt.header)
    width = len(headers)
    for i, (sheet, number, raw, reason) in enumerate(rows, start=1):
        cells = list(raw[:width]) + [None] * (width - len(raw[:width]))
        values = ([sheet] if multi else []) + [number] + cells
        for j, value in enumerate(values):
            if not isinstance(_plain(value), str | int | float | bool | dt.date | type(None)):
                value = str(value)
            write_cell(ws, i, j, value, None, fmt.date)
        write_cell(ws, i, len(values), reason, fmt.red)
    wb.close()
    return buffer.getvalue()
