"""Spreadsheets shaped like the ones township offices send, for the samples, tests and bench.

An office issue list has a merged title, a 填报单位/日期 line, a 序号 column, the district and
township merged down over their rows, dates typed every which way, the village sometimes as
"XX村委会", and a signature line at the bottom. Made from the database's own regions and
checklist, so every row imports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import xlsxwriter

from paicha_geo.demo.descriptions import ITEM_PROBLEMS, describe

OFFICE_HEADERS = ["序号", "县(市、区)", "镇(街道)", "村(社区)", "排查项目", "存在问题",
                  "整改措施", "责任单位", "整改时限", "整改进展", "问题来源", "发现时间", "备注"]
_MEASURES = ["逐户核查，补齐台账", "召开专题会议，明确责任人和时限", "已完成现场整改并留存影像资料",
             "资金已拨付到位"]
_STATUS = ["未整改", "正在整改", "整改中", "已完成", "已整改"]
_SOURCES = ["督查排查", "自查", "市委巡察", "群众反映", "专项审计"]


def _typed_date(day: dt.date, style: int):
    """The same day the way different clerks type it."""
    return [day, f"{day.year}年{day.month}月{day.day}日", f"{day.year}/{day.month}/{day.day}",
            f"{day.year}.{day.month}.{day.day}", day.isoformat()][style % 5]


def office_issue_rows(regions: pd.DataFrame, checklist: pd.DataFrame, n: int,
                      seed: int = 7, district: str | None = None) -> list[list]:
    """`n` issue rows (without 序号), sorted by district and township like an office list."""
    rng = np.random.default_rng(seed)
    names = dict(zip(regions["code"], regions["name"], strict=True))
    villages = regions[regions["level"] == "village"]
    if district:
        villages = villages[villages["code"].str.startswith(district[:6])]
    codes = villages["code"].to_numpy()
    items = checklist["code"].to_numpy()
    shorts = dict(zip(checklist["code"], checklist["short"], strict=True))
    parts = dict(zip(checklist["code"], checklist["part_name"], strict=True))
    rows = []
    for i in range(n):
        code = codes[rng.integers(len(codes))]
        item = items[rng.integers(len(items))]
        found = dt.date(2020, 1, 6) + dt.timedelta(days=int(rng.integers(0, 120)))
        deadline = min(found + dt.timedelta(days=int(rng.choice([30, 45, 60]))),
                       dt.date(2020, 6, 30))
        status = _STATUS[rng.integers(len(_STATUS))]
        village = names[code]
        if village.endswith("村") and rng.random() < 0.2:
            village += "委会"
        label = [item, f"{item} {shorts[item]}", shorts[item], parts[item]][i % 4]
        measures = _MEASURES[rng.integers(len(_MEASURES))] if status != "未整改" else None
        problems = ITEM_PROBLEMS[item]  # the item's own problems (issue 17.7)
        rows.append([names[code[:6] + "000000"], names[code[:9] + "000"], village, label,
                     f"{describe(shorts[item], problems[rng.integers(len(problems))])}"
                     f"（第{i + 1}条）",
                     measures,
                     f"{names[code[:9] + '000']}人民政府", _typed_date(deadline, i),
                     status, _SOURCES[rng.integers(len(_SOURCES))], _typed_date(found, i + 2),
                     None])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def office_workbook(rows: list[list], title: str, unit: str) -> bytes:
    """The office layout: merged title, 填报 line, header, merged district/township runs."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("问题清单")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter",
                          "font_size": 16})
    head = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center"})
    date = wb.add_format({"num_format": "yyyy年m月d日"})
    middle = wb.add_format({"valign": "vcenter"})
    last = len(OFFICE_HEADERS) - 1
    ws.merge_range(0, 0, 0, last, title, bold)
    ws.merge_range(1, 0, 1, 5, f"填报单位：{unit}（盖章）")
    ws.write(1, 9, "填报日期：2020年5月31日")
    ws.write_row(2, 0, OFFICE_HEADERS, head)
    start = 3
    for i, row in enumerate(rows):
        r = start + i
        ws.write_number(r, 0, i + 1)
        for j, value in enumerate(row, start=1):
            if isinstance(value, dt.date):
                ws.write_datetime(r, j, value, date)
            elif value is not None:
                ws.write_string(r, j, str(value))
    for col in (1, 2):  # merge runs of the same district / township down the sheet
        run = 0
        for i in range(1, len(rows) + 1):
            if i < len(rows) and rows[i][col - 1] == rows[run][col - 1] and (
                    col == 1 or rows[i][0] == rows[run][0]):
                continue
            if i - run > 1:
                ws.merge_range(start + run, col, start + i - 1, col, rows[run][col - 1], middle)
            run = i
    ws.write(start + len(rows) + 1, 0, "填表人：张三        审核人：李四")
    ws.set_column(4, 6, 30)
    wb.close()
    return buffer.getvalue()


def plain_csv(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    """The same rows as a plain CSV (header row first), in UTF-8 or GBK."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(OFFICE_HEADERS)
    for i, row in enumerate(rows, start=1):
        writer.writerow([i] + [v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return text.getvalue().encode(encoding)
