"""The import preview shows the change (issue 14, item 9): each row's place, item and
description, and for an update every changed field old → new; every problem of a row, not
only the first; a warning naming the regions of a file beyond the page's region.

Small hand-made files against a copy of the demo; 武进区 (320412) is the page's district.
"""

from __future__ import annotations

import datetime as dt

from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from tests.ledger_helpers import xlsx_bytes

WUJIN = Scope("320412")


def _villages(store, prefix: str, n: int = 1):
    regions = q.regions(store)
    rows = regions[(regions["level"] == "village") & regions["code"].str.startswith(prefix)]
    return rows.sort_values("code").head(n)


def _path(store, code: str) -> str:
    """District, township and village names run together, as the preview shows a place."""
    regions = q.regions(store).set_index("code")
    names = []
    while code in regions.index and regions.loc[code, "level"] not in ("city", "province"):
        names.append(regions.loc[code, "name"])
        code = regions.loc[code, "parent_code"]
    return "".join(reversed(names))


def _issue_in_wujin(store) -> dict:
    code = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE '320412%' AND source = "
        "'self_inspection' AND household_id IS NULL ORDER BY issue_code LIMIT 1").fetchone()[0]
    return sl.get_issue(store, code)


def test_rows_show_their_place_content_and_each_change_old_to_new(store):
    old = _issue_in_wujin(store)
    new_village = _villages(store, "320412").iloc[0]["code"]
    short = q.checklist(store, 1).set_index("code")["short"]
    header = ["问题编号", "区划代码", "排查项目", "问题描述", "发现日期", "责任单位", "整改时限"]
    data = xlsx_bytes([header,
                       [old["issue_code"], old["region_code"], old["item_code"],
                        old["description"], old["found_date"].isoformat(), "新责任单位",
                        "2020-09-30"],
                       ["P-NEW", new_village, "3.3.4", "自来水入户率低", "2020-03-01", "水利局",
                        None]])
    preview = ls.preview_import(store, "issues", "清单.xlsx", data, scope=EVERYTHING,
                                page=WUJIN)
    assert preview.ok and preview.page_warning is None
    rows = preview.actions_frame().set_index("行号")
    updated, added = rows.loc[2], rows.loc[3]
    assert updated["导入结果"] == "更新" and added["导入结果"] == "新增"
    assert updated["地区"] == _path(store, old["region_code"])
    assert updated["排查项目"] == f"{old['item_code']} {short[old['item_code']]}"
    assert updated["问题描述"] == old["description"]
    unit = old["responsible_unit"] or "（空）"
    assert updated["变更（原值→新值）"] == (
        f"责任单位：{unit}→新责任单位；整改时限：{old['deadline'].isoformat()}→2020-09-30")
    assert (added["地区"], added["排查项目"], added["问题描述"], added["变更（原值→新值）"]) == (
        _path(store, new_village), f"3.3.4 {short['3.3.4']}", "自来水入户率低", "—")


def test_every_problem_of_a_row_is_listed_not_only_the_first(store):
    mine = _villages(store, "320412").iloc[0]["code"]
    theirs = _villages(store, "320411").iloc[0]["code"]
    header = ["问题编号", "区划代码", "排查项目", "问题描述", "发现日期", "严重程度", "户编号"]
    data = xlsx_bytes([header,
                       # a bad date, an unknown item and no description: three problems
                       ["P-1", mine, "9.9.9", None, "2020-13-45", "一般", None],
                       # a bad severity, an unknown household, and a village outside the
                       # official's district: three problems
                       ["P-2", theirs, "3.3.4", "饮水不安全", "2020-03-01", "紫色",
                        "320411999999H9999"],
                       ["P-3", mine, "3.3.4", "饮水不安全", "2020-03-01", "一般", None]])
    preview = ls.preview_import(store, "issues", "清单.xlsx", data, scope=WUJIN, page=WUJIN)
    frame = preview.problems_frame()
    by_row = {int(row): sorted(part["列"]) for row, part in frame.groupby("行号")}
    assert by_row == {2: sorted(["排查项目", "问题描述", "发现日期"]),
                      3: sorted(["严重程度", "户编号", "区划代码"])}, by_row
    reasons = " / ".join(frame["原因"])
    assert "320411999999H9999" in reasons and "9.9.9" in reasons
    assert preview.rows_outside_scope == 1
    assert preview.counts["valid"] == 1  # P-3 alone may be imported
    actions = preview.actions_frame().set_index("行号")["导入结果"]
    assert list(actions) == ["有问题，未导入", "有问题，未导入", "新增"]


def test_a_village_file_beyond_the_page_is_named_in_a_warning(store):
    tianning = _villages(store, "320402", 5)
    header = ["区划代码", "人口"]
    data = xlsx_bytes([header] + [[c, 1000 + i] for i, c in enumerate(tianning["code"])])
    preview = ls.preview_import(store, "villages", "村.xlsx", data, scope=EVERYTHING,
                                page=WUJIN)
    assert preview.ok  # an administrator may import it, and is told where it lands
    warning = preview.page_warning
    assert warning.startswith("注意：本页地区为武进区，文件中有 5 个地区不在其中：")
    for code in tianning["code"]:
        assert _path(store, code) in warning
    changes = preview.actions_frame()["变更（原值→新值）"]
    assert all(text.startswith("人口：") for text in changes), list(changes)
    same_page = ls.preview_import(store, "villages", "村.xlsx", data, scope=EVERYTHING,
                                  page=Scope("320402"))
    assert same_page.page_warning is None
    assert ls.preview_import(store, "villages", "村.xlsx", data,
                             scope=EVERYTHING).page_warning is None


def test_personal_fields_are_masked_in_the_change_list(store):
    home = store.cursor().execute(
        "SELECT household_id, village_code, head_name FROM household WHERE village_code "
        "LIKE '320412%' AND head_name IS NOT NULL ORDER BY household_id LIMIT 1").fetchone()
    data = xlsx_bytes([["户编号", "区划代码", "户主姓名"], [home[0], home[1], "欧阳修远"]])
    preview = ls.preview_import(store, "households", "户.xlsx", data, scope=WUJIN, page=WUJIN)
    change = preview.actions_frame()["变更（原值→新值）"].iloc[0]
    assert change.startswith("户主姓名：") and "欧阳修远" not in change and home[2] not in change
    assert change.endswith("→欧**远")


def test_dates_in_changes_read_as_days(store):
    from paicha_geo.services.import_preview import value_text

    assert value_text("found_date", dt.datetime(2020, 3, 1, 0, 0)) == "2020-03-01"
    assert value_text("status", "rectified") == "已整改(待验收)"
    assert value_text("all_insured", False) == "否"
    assert value_text("population", 1200.0) == "1200"
    assert value_text("measures", None) == "（空）"
