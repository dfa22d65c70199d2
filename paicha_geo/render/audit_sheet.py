"""The audit log as a workbook: one sheet, a title naming who exported it, frozen headers.

Written through render.excel's `new_workbook` and `write_cell`, so text a spreadsheet would
run (a target typed as "=HYPERLINK(...)") stays text.
"""

from __future__ import annotations

import io

import pandas as pd

from paicha_geo import labels
from paicha_geo.render.excel import add_sheet, new_workbook, write_cell

TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_WIDTHS = {"occurred_at": 20, "account": 24, "role": 14, "action": 18, "target": 28,
           "reason": 40, "client": 16}


def audit_workbook(frame: pd.DataFrame, title: str) -> bytes:
    """`frame` carries the keys of labels.AUDIT_COLUMNS, newest first."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer, constant_memory=True)
    bold = wb.add_format({"bold": True, "font_size": 13})
    header = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
    when = wb.add_format({"num_format": TIME_FORMAT})
    ws = add_sheet(wb, labels.AUDIT_SHEET)
    columns = list(labels.AUDIT_COLUMNS)
    for j, key in enumerate(columns):
        ws.set_column(j, j, _WIDTHS.get(key, 14))
    ws.freeze_panes(2, 0)
    write_cell(ws, 0, 0, title, bold)
    for j, key in enumerate(columns):
        write_cell(ws, 1, j, labels.AUDIT_COLUMNS[key], header)
    for i, record in enumerate(frame[columns].itertuples(index=False, name=None), start=2):
        for j, value in enumerate(record):
            write_cell(ws, i, j, value, None, when)
    wb.close()
    return buffer.getvalue()
