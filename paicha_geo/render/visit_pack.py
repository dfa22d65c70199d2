"""The inspectors' visit pack: an Excel workbook and a printable page, villages in route order.

Household names are already masked by the service; every text going into HTML is escaped, and
the workbook is written through render.excel (no formulas; sheet names made valid and unique
from village names, which may hold any character).
"""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.excel import add_sheet, new_workbook, write_cell


def _failing(keys) -> str:
    return labels.LIST_SEPARATOR.join(labels.CHECK_NAMES[k] for k in keys) or labels.NO_DATA


def _frames(stop: dict) -> dict[str, pd.DataFrame]:
    open_issues = stop["open_issues"].assign(
        status_asof=stop["open_issues"]["status_asof"].map(labels.STATUSES))
    unverified = stop["unverified"]
    households = stop["failing_households"].assign(
        failing=stop["failing_households"]["failing"].map(_failing))
    return {
        labels.PACK_OPEN: open_issues.rename(columns=labels.PACK_ISSUE_COLUMNS),
        labels.PACK_UNVERIFIED: unverified.rename(columns=labels.PACK_ISSUE_COLUMNS),
        labels.PACK_HOUSEHOLDS: households.rename(columns=labels.PACK_HOUSEHOLD_COLUMNS),
    }


def _facts(stop: dict) -> list[tuple[str, str]]:
    facts = [(labels.PACK_CODE, stop["code"]),
             (labels.PANEL_WEAK, labels.WEAK_TYPES[stop["weak_type"]])]
    if stop["weak_type"]:
        income = stop["income"]
        facts.append((labels.PANEL_INCOME, labels.PACK_INCOME.format(
            income=income["income"] / 10000, standard=income["standard"] / 10000,
            verdict=labels.PANEL_FAILS if income["fails"] else labels.PANEL_MEETS)))
    last = stop["last_visit"]
    facts.append((labels.PACK_LAST_VISIT, labels.PACK_NEVER_VISITED if last is None else
                  f"{pd.Timestamp(last['visit_date']).date()} {last['visitors']}"))
    return facts


def workbook(stops: list[dict], route_rows: pd.DataFrame, title: str) -> bytes:
    """Sheet 1 the route; then one sheet per village with its facts and three tables."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, remove_timezone=True)
    bold = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1,
                            "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    date = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    sheet = add_sheet(book, labels.PACK_ROUTE_SHEET)
    write_cell(sheet, 0, 0, title, bold)
    for j, name in enumerate(route_rows.columns):
        write_cell(sheet, 2, j, name, head)
        sheet.set_column(j, j, 16)
    for i, row in enumerate(route_rows.itertuples(index=False), start=3):
        for j, value in enumerate(row):
            write_cell(sheet, i, j, value, cell, date)
    sheet.freeze_panes(3, 0)
    for n, stop in enumerate(stops, start=1):
        ws = add_sheet(book, f"{n}-{stop['name']}")
        write_cell(ws, 0, 0, f"{n}. {stop['name']}", bold)
        r = 1
        for key, value in _facts(stop):
            write_cell(ws, r, 0, key, head)
            write_cell(ws, r, 1, value, cell)
            r += 1
        ws.set_column(0, 0, 18)
        ws.set_column(1, 6, 22)
        for caption, frame in _frames(stop).items():
            r += 1
            write_cell(ws, r, 0, caption, bold)
            r += 1
            for j, name in enumerate(frame.columns):
                write_cell(ws, r, j, name, head)
            for row in frame.itertuples(index=False):
                r += 1
                for j, value in enumerate(row):
                    write_cell(ws, r, j, value, cell, date)
            r += 1
    book.close()
    return buffer.getvalue()


PRINT_CSS = """
<style>
body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#111;margin:24px}
h1{font-size:22px} h2{font-size:20px;margin:0 0 8px} h3{font-size:16px;margin:14px 0 4px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:6px}
th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef2f6} .facts td:first-child{width:9em;font-weight:600}
.village{page-break-before:always;break-before:page}
@media print{body{margin:0} .noprint{display:none}}
</style>
"""


def _html_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return f"<p>{labels.PACK_NONE}</p>"
    head = "".join(f"<th>{escape.text(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape.text(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><tr>{head}</tr>{body}</table>"


def printable(stops: list[dict], route_rows: pd.DataFrame, title: str) -> str:
    """A self-contained HTML page: the route first, then one village per printed page."""
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
             f"<title>{escape.text(title)}</title>{PRINT_CSS}</head><body>",
             f"<h1>{escape.text(title)}</h1>", _html_table(route_rows)]
    for n, stop in enumerate(stops, start=1):
        facts = "".join(f"<tr><td>{escape.text(k)}</td><td>{escape.text(v)}</td></tr>"
                        for k, v in _facts(stop))
        parts.append(f"<section class='village'><h2>{n}. {escape.text(stop['name'])}</h2>"
                     f"<table class='facts'>{facts}</table>")
        for caption, frame in _frames(stop).items():
            parts.append(f"<h3>{escape.text(caption)}</h3>{_html_table(frame)}")
        parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts)
