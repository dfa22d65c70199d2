"""The weekly report (周报) workbook: the district comparison and the progress figures.

One sheet per table, each with a title row, a frozen header row in Chinese and an autofilter;
dates are real Excel dates, rates are numbers with a percent format (so Excel can sort and
chart them), an undefined rate is the text "—" (never 0), and the daily sheet carries native
Excel line charts of the cumulative curves and the burn-down, so the report needs no images.
XlsxWriter through render.excel (formula conversion off, text escaped by `escape.cell`):
region and unit names are inert text, whatever they start with.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.compare import COUNT_COLUMNS, FAIR_RATES
from paicha_geo.domain.progress import BREAKDOWNS
from paicha_geo.render.excel import add_sheet, new_workbook, write_cell

HEADER_ROW = 1  # row 0 holds the title


class _Formats:
    def __init__(self, wb):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.note = wb.add_format({"font_color": "#555555", "italic": True})
        self.header = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1,
                                     "text_wrap": True, "valign": "vcenter", "align": "center"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.percent = wb.add_format({"num_format": "0.0%"})
        self.decimal = wb.add_format({"num_format": "0.00"})
        self.integer = wb.add_format({"num_format": "#,##0"})
        self.rank = wb.add_format({"num_format": "0", "align": "center"})
        self.change = wb.add_format({"num_format": labels.REPORT_RANK_CHANGE_FORMAT,
                                     "align": "center"})
        self.missing = wb.add_format({"align": "center", "font_color": "#888888"})
        self.bold = wb.add_format({"bold": True})
        self.red = wb.add_format({"font_color": "#C00000", "bold": True, "num_format": "0"})


def _missing(value) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _put(ws, fmt: _Formats, r: int, c: int, value, kind: str = "text") -> None:
    """Write one cell by kind: text, int, percent, decimal, rank, change, date."""
    if _missing(value):
        if kind in ("percent", "decimal", "rank", "change"):  # an undefined figure
            ws.write_string(r, c, labels.NO_DATA, fmt.missing)
        else:
            ws.write_blank(r, c, None)
        return
    if kind == "date":
        ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), fmt.date)
    elif kind == "text":
        write_cell(ws, r, c, str(value))
    else:
        number = float(value)
        style = {"int": fmt.integer, "percent": fmt.percent, "decimal": fmt.decimal,
                 "plan": fmt.decimal, "rank": fmt.rank, "change": fmt.change}[kind]
        ws.write_number(r, c, int(number) if kind in ("int", "rank", "change") else number,
                        style)


def _sheet(wb, fmt: _Formats, name: str, title: str, columns: list[tuple[str, str, int]],
           rows: pd.DataFrame):
    """A titled sheet: `columns` holds (frame column, Chinese header, width); kinds by name."""
    ws = add_sheet(wb, name)
    write_cell(ws, 0, 0, title, fmt.title)
    for j, (_key, header, width) in enumerate(columns):
        ws.set_column(j, j, width)
        write_cell(ws, HEADER_ROW, j, header, fmt.header)
    ws.set_row(HEADER_ROW, 32)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    for i, record in enumerate(rows.itertuples(index=False), start=HEADER_ROW + 1):
        values = record._asdict()
        for j, (key, _header, _width) in enumerate(columns):
            _put(ws, fmt, i, j, values.get(key), _kind(key))
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(rows), 1), len(columns) - 1)
    return ws


def _kind(key: str) -> str:
    if key in ("date", "deadline"):
        return "date"
    if key.endswith("_rate"):
        return "percent"
    if key.startswith(("open_per_", "failing_per_", "avg_")):
        return "decimal"
    if key == "needed":
        return "plan"  # the pace line exists from the as-of day on: blank before
    if key in ("rank", "rank_before"):
        return "rank"
    if key == "rank_change":
        return "change"
    if key.startswith("issues") or key in COUNT_COLUMNS or key in (
            "found", "rectified", "closed", "open", "overdue", "overdue_days"):
        return "int"
    return "text"


def _compare_sheet(wb, fmt, view, title: str) -> None:
    table = view.table.copy()
    total = {c: view.totals[c] for c in (*FAIR_RATES, *COUNT_COLUMNS)}
    total["name"] = labels.TOTAL_ROW.format(region=view.region["name"])
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    columns = [("name", labels.COMPARE_COLUMNS["name"], 16),
               ("rank", labels.COMPARE_COLUMNS["rank"], 7),
               ("rank_before", labels.REPORT_RANK_BEFORE, 9),
               ("rank_change", labels.COMPARE_COLUMNS["rank_change"], 9)]
    columns += [(r, labels.COMPARE_COLUMNS[r], 12) for r in FAIR_RATES]
    columns += [(c, labels.COMPARE_COLUMNS[c], 11) for c in COUNT_COLUMNS]
    note = labels.COMPARE_NOTE.format(rate=labels.FAIR_RATES[view.rank_by][0],
                                      before=view.before)
    ws = _sheet(wb, fmt, labels.REPORT_SHEETS["compare"], title, columns, table)
    write_cell(ws, len(table) + HEADER_ROW + 2, 0, note, fmt.note)
    ws.set_row(len(table) + HEADER_ROW, None, fmt.bold)


def _series_sheet(wb, fmt, progress, title: str) -> None:
    series = progress.series.reset_index()
    plan = progress.burndown.plan
    frame = series.merge(plan, on="date", how="outer").sort_values("date")
    columns = [("date", labels.REPORT_DATE, 12)]
    columns += [(k, labels.SERIES_NAMES[k], 12) for k in ("found", "rectified", "closed",
                                                          "open", "overdue")]
    columns.append(("needed", labels.PLAN_LINE, 14))
    ws = _sheet(wb, fmt, labels.REPORT_SHEETS["series"], title, columns, frame)
    b = progress.burndown
    summary = [("deadline", b.deadline, "date"), ("days_left", b.days_left, "int"),
               ("open_now", b.open_now, "int"), ("required_pace", b.required_pace, "decimal"),
               ("recent_pace", b.recent_pace, "decimal"),
               ("projected_finish", b.projected_finish, "date")]
    ws.set_column(len(columns) + 1, len(columns) + 1, 20)
    ws.set_column(len(columns) + 2, len(columns) + 2, 12)
    for i, (key, value, kind) in enumerate(summary, start=HEADER_ROW):
        write_cell(ws, i, len(columns) + 1, labels.REPORT_SUMMARY[key], fmt.bold)
        _put(ws, fmt, i, len(columns) + 2, value, kind)
    last = HEADER_ROW + len(frame)
    if len(frame):
        _line_chart(wb, ws, labels.CHART_CUMULATIVE, [1, 2, 3], last, (HEADER_ROW + 8,
                    len(columns) + 1))
        _line_chart(wb, ws, labels.CHART_BURNDOWN, [4, 5, 6], last, (HEADER_ROW + 26,
                    len(columns) + 1))


def _line_chart(wb, ws, title: str, cols: list[int], last: int, at: tuple[int, int]) -> None:
    chart = wb.add_chart({"type": "line"})
    name = ws.get_name()
    for c in cols:
        chart.add_series({
            "name": [name, HEADER_ROW, c],
            "categories": [name, HEADER_ROW + 1, 0, last, 0],
            "values": [name, HEADER_ROW + 1, c, last, c],
        })
    chart.set_title({"name": title})
    chart.set_x_axis({"date_axis": True, "num_format": "mm-dd"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 320})
    ws.insert_chart(at[0], at[1], chart)


def _breakdown_rows(progress) -> pd.DataFrame:
    parts = []
    for by in BREAKDOWNS:
        frame = progress.breakdowns[by].copy()
        if by == "source":
            frame["name"] = frame["key"].map(labels.SOURCES).fillna(frame["key"])
        frame.insert(0, "dimension", labels.BREAKDOWNS[by])
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)


def build_weekly_report(comparison, progress) -> bytes:
    """The 周报 workbook for one region and day (a ComparisonView and a ProgressView)."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    fmt = _Formats(wb)
    title = labels.REPORT_TITLE.format(region=progress.region["name"], asof=progress.asof)
    _compare_sheet(wb, fmt, comparison, title)
    _series_sheet(wb, fmt, progress, title)
    ageing = progress.ageing.assign(name=progress.ageing["key"].map(labels.AGEING_BUCKETS))
    _sheet(wb, fmt, labels.REPORT_SHEETS["ageing"], title,
           [("name", labels.CHART_AGEING, 18), ("issues", labels.AXIS_ISSUES, 12)], ageing)
    columns = [("dimension", labels.REPORT_DIMENSION, 12)]
    columns += [(k, h, 24 if k == "name" else 11) for k, h in labels.BREAKDOWN_COLUMNS.items()]
    _sheet(wb, fmt, labels.REPORT_SHEETS["breakdown"], title, columns, _breakdown_rows(progress))
    units = progress.units.assign(unit=progress.units["unit"].where(
        progress.units["unit"] != "", labels.UNIT_NONE))
    columns = [(k, h, 24 if k == "unit" else 11) for k, h in labels.UNIT_COLUMNS.items()]
    _sheet(wb, fmt, labels.REPORT_SHEETS["units"], title, columns, units)
    late = progress.escalations.assign(
        status_asof=progress.escalations["status_asof"].map(labels.status_label))
    widths = {"issue_code": 24, "place": 28, "item": 22, "responsible_unit": 22}
    columns = [(k, h, widths.get(k, 11)) for k, h in labels.ESCALATE_COLUMNS.items()]
    _sheet(wb, fmt, labels.REPORT_SHEETS["escalate"], title, columns, late)
    wb.close()
    return buffer.getvalue()


def report_filename(region_name: str, asof: dt.date) -> str:
    return labels.REPORT_FILENAME.format(region=region_name, asof=asof)
