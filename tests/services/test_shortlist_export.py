"""The 举一反三 shortlist workbook: Chinese headers, one row a village in rank order, dates as
dates, and text a spreadsheet would run written inert."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd

from paicha_geo.render import shortlist


def test_shortlist_workbook_is_inert_and_in_rank_order():
    frame = pd.DataFrame({
        "rank": [1, 2], "place": ["武进区 · 某镇 · 甲村", "=HYPERLINK(\"http://x\")"],
        "category_name": ["尚未销号", "近期销号（防反弹）"],
        "reason": ["该项问题 2 条尚未销号", "该项问题已于 2020-05-20 销号"],
        "open_issues": [2, 0], "last_closed": [None, dt.date(2020, 5, 20)],
        "score": [float("nan"), float("nan")], "code": ["320412001001", "320412001002"],
    })
    book = openpyxl.load_workbook(io.BytesIO(shortlist.workbook(frame, "标题")))
    ws = book.active
    assert ws.title == "举一反三排查清单" and ws["A1"].value == "标题"
    assert [c.value for c in ws[3]] == ["排序", "村", "类别", "理由", "未销号问题",
                                         "最近销号日期", "相似度", "区划代码"]
    assert [ws.cell(r, 1).value for r in (4, 5)] == [1, 2]
    assert ws["B5"].value.startswith("'=HYPERLINK") and ws["B5"].data_type == "s"
    assert ws["F5"].value == dt.datetime(2020, 5, 20) and ws["F4"].value is None
    assert ws["G4"].value is None  # no similarity for an open village: blank, not 'nan'
