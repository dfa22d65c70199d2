"""Validation a column at a time (rows._parse_cells): each distinct value is parsed once, yet
every row gets its own value and its own problem, in the order row-by-row parsing gave."""

from __future__ import annotations

from paicha_geo import labels
from paicha_geo.io.imports import values as v
from paicha_geo.io.imports.reader import ReadResult, Sheet
from paicha_geo.io.imports.rows import Kind, validate


def _kind(calls: list) -> Kind:
    def described(value, _unit):
        calls.append(value)
        return f"{type(value).__name__}:{value}"
    parsers = {"description": described, "status": lambda x, _u: v.parse_status(x),
               "found_date": lambda x, _u: v.parse_date(x)}
    return Kind("issues", parsers, lambda match: [], lambda row: dict(row.values))


def test_equal_values_of_other_types_are_parsed_apart_and_repeated_values_once():
    rows = [["问题描述", "整改状态", "发现日期"],
            [1, "待整改", "2020-03-01"], [1.5, "好了", "2020-13-01"], [True, "好了", None],
            ["1", "待整改", "2020-03-01"], [1, "待整改", "2020-03-01"]]
    calls: list = []
    out = validate(_kind(calls), "a.csv", ReadResult(
        sheets=[Sheet(None, rows, list(range(1, len(rows) + 1)))], kind="csv"))
    assert [r.values.get("description") for r in out.rows] == \
        ["int:1", "float:1.5", "bool:True", "str:1", "int:1"]  # 1 == True, yet not the same cell
    assert calls == [1, 1.5, True, "1"]  # the repeated 1 was parsed once
    said = [[(p.row, p.column, labels.say(p.reason)) for p in r.problems] for r in out.rows]
    assert [len(s) for s in said] == [0, 2, 1, 0, 0]
    (status_3, date_3), (status_4,) = said[1], said[2]
    assert status_3[:2] == (3, "整改状态") and status_4[:2] == (4, "整改状态")  # each its own row
    assert status_3[2] == status_4[2] and "好了" in status_3[2]
    assert date_3[:2] == (3, "发现日期")  # after the status: the columns' order, as before
    assert all(r.values.get("found_date") for r in (out.rows[0], out.rows[3], out.rows[4]))
