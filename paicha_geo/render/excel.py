"""Spreadsheets for download: the 整改台账 workbook and CSV, and the rejected import rows.

Workbooks are written with XlsxWriter in constant-memory mode (openpyxl needed ~2 s per
thousand rows; a province-size ledger would take minutes). Dates are written as dates with a
date format; `strings_to_formulas` is off so a user-typed "=HYPERLINK(...)" stays text, and in
CSV such text (and + @) gets a leading apostrophe for the same reason.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import xlsxwriter

from paicha_geo import labels

DATE_FORMAT = "yyyy-mm-dd"
_WIDTHS = {"issue_code": 24, "description": 40, "measures": 36, "item": 22,
           "responsible_unit": 20, "district": 10, "town": 14, "village": 14}
_DATE_COLS = ("found_date", "deadline", "rectified_date", "closed_date")
_INVALID_SHEET = str.maketrans({c: "_" for c in "[]:*?/\\"})
_OPTIONS = {"in_memory": True, "constant_memory": True, "strings_to_formulas": False,
            "strings_to_urls": False, "strings_to_numbers": False}


def _sheet_name(name: str, used: set[str]) -> str:
    base = (str(name).translate(_INVALID_SHEET).strip("'") or "Sheet")[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


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


def _write(ws, r: int, c: int, value, fmt=None, date_fmt=None) -> None:
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
        ws.write_string(r, c, str(value), fmt)


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
    ws.write_string(0, 0, title, fmt.title)
    for j, key in enumerate(columns):
        ws.write_string(1, j, labels.FIELD_LABELS.get(key, key), fmt.header)
    overdue = columns.index("overdue_days")
    wrap = {columns.index(k) for k in ("description", "measures")}
    for i, record in enumerate(frame[columns].itertuples(index=False, name=None), start=2):
        for j, value in enumerate(record):
            if j == overdue and value and value > 0:
                _write(ws, i, j, int(value), fmt.red)
            else:
                _write(ws, i, j, value, fmt.wrap if j in wrap else None, fmt.date)
    ws.autofilter(1, 0, max(len(frame) + 1, 1), len(columns) - 1)


def ledger_workbook(sheets: list[tuple[str, pd.DataFrame]], title: str) -> bytes:
    """One sheet per (name, rows); the rows carry the keys of labels.LEDGER_COLUMNS."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, _OPTIONS)
    fmt = _Formats(wb)
    used: set[str] = set()
    columns = list(labels.LEDGER_COLUMNS)
    if not sheets:
        sheets = [(labels.LEDGER_TITLE, pd.DataFrame(columns=columns))]
    for name, frame in sheets:
        ws = wb.add_worksheet(_sheet_name(name, used))
        _write_ledger_sheet(ws, fmt, frame, columns,
                            f"{title}　{name}" if len(sheets) > 1 else title)
    wb.close()
    return buffer.getvalue()


def _csv_safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    return value


def ledger_csv(frame: pd.DataFrame) -> bytes:
    """The same columns as the workbook, UTF-8 with BOM so Excel shows the Chinese headers."""
    columns = list(labels.LEDGER_COLUMNS)
    out = frame[columns].copy()
    for key in ("found_date", "deadline", "rectified_date", "closed_date"):
        out[key] = [v.isoformat() if isinstance(v, dt.date) else "" for v in
                    pd.Series(out[key]).map(lambda x: None if pd.isna(x) else
                                            pd.Timestamp(x).date())]
    for key in columns:
        out[key] = out[key].map(_csv_safe)
    out = out.rename(columns=labels.FIELD_LABELS)
    return out.to_csv(index=False).encode("utf-8-sig")


def rejected_workbook(headers: list[str], rows: list[tuple[str | None, int, list, str]]) -> bytes:
    """The rows an import left out, with their original cells and the reason, ready to fix.

    `rows` holds (sheet, row number, original cells, reason).
    """
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, _OPTIONS)
    fmt = _Formats(wb)
    ws = wb.add_worksheet(labels.REJECTED_SHEET_TITLE)
    multi = len({r[0] for r in rows}) > 1
    lead = ([labels.REJECTED_SHEET_COLUMN] if multi else []) + [labels.REJECTED_ROW_COLUMN]
    titles = lead + list(headers) + [labels.REJECTED_REASON_COLUMN]
    ws.freeze_panes(1, 0)
    ws.set_column(len(titles) - 1, len(titles) - 1, 60)
    for j, t in enumerate(titles):
        ws.write_string(0, j, str(t), fmt.header)
    width = len(headers)
    for i, (sheet, number, raw, reason) in enumerate(rows, start=1):
        cells = list(raw[:width]) + [None] * (width - len(raw[:width]))
        values = ([sheet] if multi else []) + [number] + cells
        for j, value in enumerate(values):
            if not isinstance(_plain(value), str | int | float | bool | dt.date | type(None)):
                value = str(value)
            _write(ws, i, j, value, None, fmt.date)
        ws.write_string(i, len(values), reason, fmt.red)
    wb.close()
    return buffer.getvalue()
