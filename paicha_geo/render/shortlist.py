"""The 举一反三 inspection shortlist as a workbook (inert cells, like every workbook here)."""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import excel


def workbook(frame: pd.DataFrame, title: str) -> bytes:
    """`frame`'s columns under their Chinese headers (labels.SAME_COLUMNS), a title above."""
    buffer = io.BytesIO()
    wb = excel.new_workbook(buffer)
    ws = excel.add_sheet(wb, labels.SAME_SHEET)
    bold = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
    date = wb.add_format({"num_format": excel.DATE_FORMAT})
    excel.write_cell(ws, 0, 0, title, bold)
    columns = [c for c in labels.SAME_COLUMNS if c in frame.columns]
    for c, col in enumerate(columns):
        excel.write_cell(ws, 2, c, labels.SAME_COLUMNS[col], head)
        ws.set_column(c, c, 60 if col == "reason" else 16)
    for r, row in enumerate(frame[columns].itertuples(index=False), start=3):
        for c, value in enumerate(row):
            excel.write_cell(ws, r, c, value, date_fmt=date)
    wb.close()
    return buffer.getvalue()
