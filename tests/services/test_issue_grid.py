"""The 问题台账 grid on the hand-made city of tests/compare_fixture.py (5 issues, worked out
by hand): search words, the sidebar's filters, the orders, pages and the export.

As of 2020-05-31: I1 甲一村 closed, I2 甲二村 整改中 11 days overdue (deadline 05-20), I3 甲三村
closed, I4 乙一村 closed, I5 乙一村 待整改 (deadline 06-30).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from paicha_geo.render import issue_grid as grid_table
from paicha_geo.services import data, issue_grid
from paicha_geo.services.data import IssueFilters
from paicha_geo.services.issue_grid import GridQuery
from tests import compare_fixture as fx

TEXT = {  # description, measures
    "I1": ("住房漏雨", "已维修屋顶"),
    "I2": ("危房未改造 Roof", None),
    "I3": ("医保未参保", "已补缴"),
    "I4": ("危房改造滞后", None),
    "I5": ("=1+1 饮水不安全", None),  # a formula typed into a description
}


@pytest.fixture(scope="module")
def snap() -> data.Snapshot:
    base = fx.snapshot()
    issues = base.issues.copy()
    issues["description"] = issues["issue_code"].map(lambda c: TEXT[c][0])
    issues["measures"] = issues["issue_code"].map(lambda c: TEXT[c][1])
    issues["escalated"] = issues["issue_code"] == "I2"
    issues["version"] = 1
    issues.loc[issues["issue_code"] == "I5", "responsible_unit"] = None
    return dataclasses.replace(base, issues=issues, _asof_cache={})


def codes(rows: pd.DataFrame) -> list[str]:
    return list(rows["issue_code"])


def ask(snap, query: GridQuery, scope=None, asof=fx.ASOF) -> list[str]:
    frame = issue_grid.grid_frame(snap, scope or fx.city(), asof)
    return codes(issue_grid.select(frame, snap.checklist, query))


@pytest.mark.parametrize("text,expected", [
    ("危房", ["I2", "I4"]),  # descriptions
    ("危房 乙一", ["I4"]),  # every word must match: a description word and a village name
    ("乙一村", ["I4", "I5"]),  # a village name
    ("甲镇", ["I1", "I2", "I3"]),  # a township name
    ("屋顶", ["I1"]),  # measures
    ("ROOF", ["I2"]),  # case does not matter
    ("i3", ["I3"]),  # the issue code
    ("住建局", ["I2", "I4"]),  # the 责任单位
    ("危房 饮水", []),
    ("  ", ["I1", "I2", "I3", "I4", "I5"]),  # nothing typed: everything
])
def test_search_finds_every_word_anywhere_in_the_issue(snap, text, expected):
    assert sorted(ask(snap, GridQuery(text))) == expected


def test_the_sidebar_filters_apply_with_the_search(snap):
    closed = IssueFilters(statuses=("closed",))
    assert sorted(ask(snap, GridQuery(filters=closed))) == ["I1", "I3", "I4"]
    assert ask(snap, GridQuery("危房", closed)) == ["I4"]
    assert ask(snap, GridQuery(filters=IssueFilters(statuses=("rectifying",)))) == ["I2"]
    by_unit = IssueFilters(units=("甲区扶贫办",), sources=("audit",))
    assert sorted(ask(snap, GridQuery(filters=by_unit))) == ["I1", "I3"]


def test_orders(snap):
    # most overdue first (I2, 11 days), then by deadline, then by code
    assert ask(snap, GridQuery()) == ["I2", "I1", "I4", "I3", "I5"]
    assert ask(snap, GridQuery(sort="deadline")) == ["I1", "I2", "I4", "I3", "I5"]
    assert ask(snap, GridQuery(sort="status")) == ["I5", "I2", "I1", "I4", "I3"]
    assert ask(snap, GridQuery(sort="found")) == ["I5", "I4", "I1", "I2", "I3"]


def test_the_day_decides_which_issues_and_their_status(snap):
    frame = issue_grid.grid_frame(snap, fx.city(), dt.date(2020, 5, 9))
    assert codes(frame) == ["I1", "I2", "I3"]  # I4 and I5 were found later
    assert list(frame["status_asof"]) == ["rectified", "rectifying", "rectifying"]


def test_the_place_is_named_below_the_region_on_screen(snap):
    city = issue_grid.grid_frame(snap, fx.city(), fx.ASOF)
    assert city.loc["I1", "place"] == "甲区 · 甲镇 · 甲一村"
    district = issue_grid.grid_frame(snap, data.Scope("320401"), fx.ASOF)
    assert codes(district) == ["I1", "I2", "I3"]
    assert district.loc["I2", "place"] == "甲镇 · 甲二村"
    assert ask(snap, GridQuery("乙一"), data.Scope("320401")) == []  # not in the district


def test_pages(snap, monkeypatch):
    monkeypatch.setattr(issue_grid, "PAGE_SIZE", 2)
    rows = issue_grid.select(issue_grid.grid_frame(snap, fx.city(), fx.ASOF), snap.checklist,
                             GridQuery())
    assert issue_grid.page_count(len(rows)) == 3
    assert codes(issue_grid.page(rows, 2)) == ["I4", "I3"]
    assert codes(issue_grid.page(rows, 9)) == ["I5"]  # past the end: the last page
    assert issue_grid.page_count(0) == 1


def test_the_screen_table_speaks_chinese_and_shows_no_none(snap):
    frame = issue_grid.grid_frame(snap, data.Scope("320402"), fx.ASOF)
    shown = grid_table.table(issue_grid.select(frame, snap.checklist, GridQuery()))
    assert list(shown.columns) == ["问题编号", "所在地区", "整改状态", "整改时限", "超期天数",
                                   "排查条目", "问题描述", "责任单位", "问题来源", "严重程度",
                                   "挂牌督办"]
    i5 = shown[shown["问题编号"] == "I5"].iloc[0]
    assert (i5["所在地区"], i5["整改状态"], i5["责任单位"], i5["问题来源"]) == (
        "乙镇 · 乙一村", "待整改", "—", "市委巡察")
    assert i5["整改时限"] == dt.date(2020, 6, 30) and i5["挂牌督办"] == "否"
    assert i5["排查条目"].startswith("3.2.1 ")
    assert "None" not in shown.astype(str).to_numpy().ravel().tolist()


def test_the_export_holds_exactly_the_rows_shown_and_runs_nothing(snap):
    frame = issue_grid.grid_frame(snap, fx.city(), fx.ASOF)
    rows = issue_grid.select(frame, snap.checklist, GridQuery("乙一", sort="deadline"))
    book = openpyxl.load_workbook(io.BytesIO(grid_table.workbook(
        rows, grid_table.title("测试市", fx.ASOF, "乙一", False))))
    sheet = book.active
    assert sheet["A1"].value == "测试市问题台账（截至 2020-05-31，搜索“乙一”）"
    assert [c.value for c in sheet[2]][:4] == ["问题编号", "所在地区", "整改状态", "整改时限"]
    assert [sheet.cell(row=r, column=1).value for r in (3, 4)] == ["I4", "I5"]
    assert sheet.max_row == 4
    assert sheet["G4"].value == "'=1+1 饮水不安全"  # text, not a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_internal_notes_of_the_seed_are_not_shown():
    assert issue_grid.clean_wording("是否……（原文截断）") == "是否……"
    assert issue_grid.clean_wording("社会保障兜底（原文截断）") == "社会保障兜底"
    assert issue_grid.clean_wording(None) == ""


def test_an_issue_of_the_region_on_screen_itself_names_it(snap):
    """Measured on the demo: 武进区's own (district-level) issues had a blank 所在地区."""
    issues = snap.issues.copy()
    issues.loc[issues["issue_code"] == "I4", "region_code"] = "320402000000"  # 乙区 itself
    own = dataclasses.replace(snap, issues=issues, _asof_cache={})
    district = issue_grid.grid_frame(own, data.Scope("320402"), fx.ASOF)
    assert district.loc["I4", "place"] == own.regions.set_index("code").loc[
        "320402000000", "name"]
    assert district.loc["I5", "place"] != ""


def test_the_kept_order_pages_like_the_rows(snap):
    """The app keeps only where a search's rows are (select_order); a page of them is the
    same page of `select`'s rows, the last page when asked past the end."""
    frame = issue_grid.grid_frame(snap, fx.city(), fx.ASOF)
    for query in (GridQuery(sort="deadline"), GridQuery("危房")):
        order = issue_grid.select_order(frame, snap.checklist, query)
        rows = issue_grid.select(frame, snap.checklist, query)
        assert codes(issue_grid.rows_at(frame, order)) == codes(rows)
    assert codes(rows) == ["I2", "I4"]
    order = issue_grid.select_order(frame, snap.checklist, GridQuery(sort="deadline"))
    rows = issue_grid.select(frame, snap.checklist, GridQuery(sort="deadline"))
    for number in (1, 2, 9):
        assert codes(issue_grid.rows_at(frame, issue_grid.page(order, number))) == codes(
            issue_grid.page(rows, number))


def test_the_names_of_the_scope_itself_match_every_row_in_it(snap):
    """On 甲区's ledger its own name is in no row's 所在地区 (names below the district), yet
    every issue lies in it: searching it keeps them all, and narrows with another word."""
    district = data.Scope("320401")
    assert sorted(ask(snap, GridQuery("甲区"), district)) == ["I1", "I2", "I3"]
    assert ask(snap, GridQuery("甲区 医保"), district) == ["I3"]
    assert ask(snap, GridQuery("乙区"), district) == []


def test_the_scope_names_still_match_under_a_filter(snap):
    district = data.Scope("320401")
    query = GridQuery("甲区", filters=IssueFilters(sources=("audit",)))
    assert sorted(ask(snap, query, district)) == ["I1", "I3"]
