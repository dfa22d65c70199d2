"""Bad spreadsheets: each gets a clear Chinese reason with file, row and column, and the
database is exactly as before after the rejected import."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING
from paicha_geo.store import queries as q
from tests.ledger_helpers import (
    HEADER,
    copy_store,
    csv_bytes,
    fingerprint,
    village_path,
    xlsx_bytes,
)
from tests.said import raises_saying


@pytest.fixture(scope="module")
def store(demo_db, tmp_path_factory, module_backend):
    s = copy_store(demo_db, tmp_path_factory.mktemp("bad"), backend=module_backend)
    yield s
    s.close()


def _row(p, **change):
    district, town, village, _ = p
    row = dict(zip(HEADER, [1, district, town, village, "3.3.4", "危房未改造", None,
                            "2020-03-01", "2020-05-31", "待整改", "住建局", "自查"], strict=True))
    row.update(change)
    return [row[h] for h in HEADER]


def _sheet(p, *changes, header=HEADER):
    return [list(header)] + [_row(p, **c) for c in changes]


def _truncated(p):
    data = xlsx_bytes(_sheet(p, {}))
    return data[: len(data) // 2]


def _formula(p):
    rows = _sheet(p, {})
    rows[1][5] = '=CONCATENATE("危房","未改造")'
    return xlsx_bytes(rows)


def _gbk_read_as_utf8(p):
    # A GBK file once opened as UTF-8 and saved again: every Chinese character became U+FFFD.
    text = csv_bytes(_sheet(p, {}), "gbk").decode("utf-8", errors="replace")
    return text.encode("utf-8")


def _latin1_mojibake(p):
    text = csv_bytes(_sheet(p, {}), "gbk").decode("latin-1")
    return text.encode("utf-8")


def _old_xls(p):
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


def _zip_not_xlsx(p):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    return buffer.getvalue()


def _long_number_household(p):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫"])
    ws.append([3.20412199001011e17, p[0], p[1], p[2], 3, "已脱贫"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# (id, kind, file name, builder(p) -> bytes, reason fragment, row, column)
CASES = [
    ("missing-column", "issues", "a.xlsx",
     lambda p: xlsx_bytes([[h for h in HEADER if h != "问题描述"]]
                          + [[v for h, v in zip(HEADER, _row(p), strict=True) if h != "问题描述"]]),
     "缺少必填列“问题描述”", None, None),
    ("wrong-type-date", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {}, {"整改时限": "下周五"})), "无法识别的日期“下周五”", 3,
     "整改时限"),
    ("wrong-type-number", "households", "h.csv",
     lambda p: csv_bytes([["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫"],
                          ["X1", p[0], p[1], p[2], "三口", "已脱贫"]]), "不是数字", 2, "家庭人口"),
    ("unknown-village", "issues", "a.xlsx",
     lambda p: xlsx_bytes(_sheet(p, {"村": "乌有村"})), "找不到村(社区)“乌有村”", 2, "村"),
    ("ambiguous-village", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"区县": None, "乡镇": None, "村": "金桥社区"})),
     "有多个同名", 2, "村"),
    ("duplicate-code", "issues", "a.csv",
     lambda p: csv_bytes([["问题编号"] + HEADER, ["X-1"] + _row(p), ["X-1"] + _row(
         p, 问题描述="另一个问题")]), "问题编号与第2行重复", 3, "问题编号"),
    ("duplicate-content", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {}, {})), "与第3行是同一问题", 2, None),
    ("deadline-before-found", "issues", "a.xlsx",
     lambda p: xlsx_bytes(_sheet(p, {"整改时限": "2020年2月1日"})), "早于发现日期", 2, "整改时限"),
    ("unknown-status", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"整改状态": "基本搞定"})), "无法识别的整改状态“基本搞定”", 2,
     "整改状态"),
    ("rectified-without-measures", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"整改状态": "已整改"})), "整改措施为空", 2, "整改措施"),
    ("closed-without-measures-xlsx", "issues", "a.xlsx",
     lambda p: xlsx_bytes([["整改举措" if h == "整改措施" else h for h in HEADER],
                           _row(p, 整改状态="已销号")], title="清单"), "整改措施为空", 3,
     "整改举措"),
    ("unknown-item", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"排查项目": "9.9.9"})), "无法对应排查项目", 2, "排查项目"),
    ("item-not-placed", "issues", "a.csv",  # a category and a description like no item
     lambda p: csv_bytes(_sheet(p, {"排查项目": "其他", "问题描述": "今天天气很好"})),
     "无法从问题描述判断排查条目", 2, "排查项目"),
    ("date-without-year", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"发现日期": "3月1日"})), "缺少年份", 2, "发现日期"),
    ("empty-file", "issues", "a.csv", lambda p: b"", "文件是空的", None, None),
    ("empty-xlsx", "issues", "a.xlsx", lambda p: xlsx_bytes([]), "文件是空的", None, None),
    ("header-only", "issues", "a.xlsx", lambda p: xlsx_bytes([HEADER], title="清单"),
     "只有表头", None, None),
    ("no-header", "issues", "a.csv", lambda p: csv_bytes([["甲", "乙"], ["1", "2"]]),
     "找不到表头", None, None),
    ("not-a-spreadsheet", "issues", "photo.xlsx", lambda p: b"\x89PNG\r\n\x1a\n" + bytes(600),
     "损坏", None, None),
    ("binary-csv", "issues", "a.csv", lambda p: bytes(range(256)) * 4, "不是可读取的电子表格",
     None, None),
    ("zip-not-xlsx", "issues", "a.xlsx", _zip_not_xlsx, "损坏或不完整", None, None),
    ("truncated-xlsx", "issues", "a.xlsx", _truncated, "损坏或不完整", None, None),
    ("old-xls", "issues", "a.xls", _old_xls, "旧版 .xls", None, None),
    ("enormous-cell", "issues", "a.csv",
     lambda p: csv_bytes(_sheet(p, {"问题描述": "很长" * 100_000})), "内容过长（200000字", 2,
     "问题描述"),
    ("formula-cell", "issues", "a.xlsx", _formula, "单元格是公式", 2, "问题描述"),
    ("gbk-read-as-utf8", "issues", "a.csv", _gbk_read_as_utf8, "乱码", None, None),
    ("gbk-as-latin1", "issues", "a.csv", _latin1_mojibake, "乱码", None, None),
    ("unknown-code", "issues", "a.csv",
     lambda p: csv_bytes([["区划代码", "问题描述", "排查项目", "发现日期"],
                          ["320412999999", "x", "3.3.4", "2020-03-01"]]), "不在数据库中", 2,
     "区划代码"),
    ("code-name-mismatch", "issues", "a.csv",
     lambda p: csv_bytes([["区划代码", "村", "问题描述", "排查项目", "发现日期"],
                          [p[3], "乌有村", "x", "3.3.4", "2020-03-01"]]), "不一致", 2, "区划代码"),
    ("duplicate-columns", "issues", "a.csv",
     lambda p: csv_bytes([HEADER + ["存在问题"], _row(p) + ["又一个"]]), "出现在多个列", None,
     "问题描述"),
    ("long-number-rounded", "households", "h.xlsx", _long_number_household, "末几位已丢失", 2,
     "户编号"),
    ("unknown-household", "issues", "a.csv",
     lambda p: csv_bytes([HEADER + ["户编号"], _row(p) + ["NOPE-1"]]), "户编号 NOPE-1 不在", 2,
     "户编号"),
    ("bad-grade", "households", "h.csv",
     lambda p: csv_bytes([["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", "住房等级"],
                          ["X2", p[0], p[1], p[2], 2, "已脱贫", "E级"]]), "A、B、C、D", 2,
     "住房等级"),
    ("more-dropouts-than-children", "households", "h.csv",  # issue 17
     lambda p: csv_bytes([["户编号", "区县", "乡镇", "村", "家庭人口", "适龄儿童人数",
                           "失学辍学人数"], ["X3", p[0], p[1], p[2], 4, 1, 2]]),
     "失学辍学人数 2 多于适龄儿童人数 1", 2, "失学辍学人数"),
    ("village-level-needed", "villages", "v.csv",
     lambda p: csv_bytes([["区县", "乡镇", "经济薄弱村类型"], [p[0], p[1], "省定"]]),
     "须指明村(社区)", 2, None),
]


@pytest.mark.parametrize("kind, name, build, reason, row, column",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_reported_and_nothing_is_written(store, kind, name, build, reason, row,
                                                      column):
    data = build(village_path(store))
    before = fingerprint(store)
    preview = ls.preview_import(store, kind, name, data, scope=EVERYTHING)
    assert not preview.ok
    matching = [p for p in preview.problems if reason in p.reason]
    assert matching, [p.describe() for p in preview.problems]
    problem = matching[0]
    assert problem.file == name
    assert problem.row == row
    if column is not None:
        assert problem.column == column
    assert name in problem.describe()
    with pytest.raises(ls.ImportRejected):
        ls.commit_import(store, preview, scope=EVERYTHING)
    assert fingerprint(store) == before


def test_at_least_fifteen_kinds_of_bad_input():
    assert len(CASES) >= 15


def test_issue_table_untouched_by_a_file_with_one_bad_row_among_many(store):
    p = village_path(store)
    rows = _sheet(p, *[{"问题描述": f"问题{i}"} for i in range(50)], {"村": "乌有村"})
    before = len(q.issues(store, 1))
    preview = ls.preview_import(store, "issues", "a.csv", csv_bytes(rows), scope=EVERYTHING)
    assert preview.counts["valid"] == 50 and preview.counts["rejected"] == 1
    with raises_saying(ls.ImportRejected, "未写入任何数据"):
        ls.commit_import(store, preview, scope=EVERYTHING)
    assert len(q.issues(store, 1)) == before
