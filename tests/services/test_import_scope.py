"""Imports obey the importer's scope (issue 13): a district official's file may change only
that district, and every change it makes names the account in the issue history.

Small hand-made spreadsheets against a copy of the demo: 武进区 (320412) is the official's
district, 新北区 (320411) the neighbour whose data must come through untouched.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from paicha_geo import cli
from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from tests.ledger_helpers import copy_store, fingerprint, xlsx_bytes

WUJIN = Scope("320412")
ISSUE_HEADER = ["问题编号", "区划代码", "排查项目", "问题描述", "发现日期"]
HOUSEHOLD_HEADER = ["户编号", "区划代码", "户主姓名", "家庭人口", "是否脱贫"]


def _village(store, prefix: str) -> tuple[str, str]:
    """(code, name) of the first village under the region prefix."""
    regions = q.regions(store)
    villages = regions[(regions["level"] == "village") & regions["code"].str.startswith(prefix)]
    first = villages.sort_values("code").iloc[0]
    return first["code"], first["name"]


def _issue_row(code: str, region: str, text: str) -> list:
    return [code, region, "3.3.4", text, "2020-03-01"]


def _neighbour(store) -> dict[str, pd.DataFrame]:
    """Everything of 新北区 an import could touch, sorted so equal means unchanged."""
    issues = q.issues(store, 1, "320411").sort_values("issue_code").reset_index(drop=True)
    history = q.issue_history(store, 1, "320411")
    return {
        "issues": issues,
        "history": history.sort_values(list(history.columns)).reset_index(drop=True),
        "households": q.households(store, "320411").sort_values("household_id")
        .reset_index(drop=True),
        "villages": q.villages(store, "320411").sort_values("code").reset_index(drop=True),
    }


def _same(before: dict, after: dict) -> None:
    for name, frame in before.items():
        pd.testing.assert_frame_equal(frame, after[name], obj=name)


def _problems(preview) -> dict[int, tuple[str | None, str]]:
    return {p.row: (p.column, p.reason) for p in preview.problems}


def test_a_district_official_imports_only_the_rows_of_the_district(store):
    mine, _ = _village(store, "320412")
    theirs, theirs_name = _village(store, "320411")
    data = xlsx_bytes([ISSUE_HEADER, _issue_row("T-IN-1", mine, "武进的问题"),
                       _issue_row("T-OUT-1", theirs, "新北的问题")])
    preview = ls.preview_import(store, "issues", "混合.xlsx", data, scope=WUJIN)
    problems = _problems(preview)
    assert list(problems) == [3]  # the 新北区 row, and only it
    column, reason = problems[3]
    assert column == "区划代码"
    assert theirs in reason and theirs_name in reason and "新北区" in reason
    assert "不在您的管辖范围（武进区）内" in reason
    assert preview.counts == {"rows": 2, "valid": 1, "rejected": 1, "inserted": 1,
                              "updated": 0, "unchanged": 0}
    # The rejected-rows download carries the row and the reason, like any row problem.
    got = list(openpyxl.load_workbook(io.BytesIO(preview.rejected_xlsx())).active
               .iter_rows(values_only=True))
    assert [r[0] for r in got[1:]] == [3]
    assert got[1][1] == "T-OUT-1" and "管辖范围" in got[1][-1]
    before, mine_before = _neighbour(store), len(q.issues(store, 1, "320412"))
    with pytest.raises(ls.ImportRejected):
        ls.commit_import(store, preview, scope=WUJIN)
    result = ls.commit_import(store, preview, scope=WUJIN, only_valid=True)
    assert (result.inserted, result.rejected) == (1, 1)
    assert sl.get_issue(store, "T-IN-1")["region_code"] == mine
    assert sl.get_issue(store, "T-OUT-1") is None
    assert len(q.issues(store, 1, "320412")) == mine_before + 1
    _same(before, _neighbour(store))


def test_an_issue_of_another_district_is_not_changed_by_its_code(store):
    mine, _ = _village(store, "320412")
    theirs, _ = _village(store, "320411")
    other = q.issues(store, 1, "320411").sort_values("issue_code").iloc[0]["issue_code"]
    own = q.issues(store, 1, "320412").sort_values("issue_code").iloc[0]["issue_code"]
    data = xlsx_bytes([ISSUE_HEADER,
                       _issue_row(other, mine, "改成武进的问题"),  # claims an in-scope region
                       _issue_row(own, theirs, "挪到新北"),  # an own issue moved out
                       _issue_row("T-IN-2", mine, "武进的新问题")])
    preview = ls.preview_import(store, "issues", "编号.xlsx", data, scope=WUJIN)
    problems = _problems(preview)
    assert set(problems) == {2, 3}
    assert problems[2][0] == "问题编号"
    assert other in problems[2][1] and "新北区（320411000000）" in problems[2][1]
    assert "不能修改" in problems[2][1]
    assert problems[3][0] == "区划代码" and theirs in problems[3][1]
    before = _neighbour(store)
    own_before = sl.get_issue(store, own)
    assert ls.commit_import(store, preview, scope=WUJIN, only_valid=True).inserted == 1
    _same(before, _neighbour(store))
    assert sl.get_issue(store, own) == own_before  # still in 武进区, still version 1's


def test_the_same_file_imports_everything_for_the_operator(store):
    """What the official is refused is refused for the scope, not for the data."""
    theirs, _ = _village(store, "320411")
    other = q.issues(store, 1, "320411").sort_values("issue_code").iloc[0]["issue_code"]
    data = xlsx_bytes([ISSUE_HEADER, _issue_row("T-OUT-3", theirs, "新北的问题"),
                       _issue_row(other, theirs, "改写的描述")])
    preview = ls.preview_import(store, "issues", "全市.xlsx", data, scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    result = ls.commit_import(store, preview, scope=EVERYTHING)
    assert (result.inserted, result.updated) == (1, 1)
    assert sl.get_issue(store, other)["description"] == "改写的描述"


def test_an_issue_naming_a_household_of_another_district_is_refused(store):
    mine, _ = _village(store, "320412")
    town = mine[:9] + "000"  # an in-scope township: the row's region alone passes
    household = q.households(store, "320411").sort_values("household_id").iloc[0]
    data = xlsx_bytes([["户编号", "区划代码", "排查项目", "问题描述", "发现日期"],
                       [household["household_id"], town, "3.3.4", "别区的户", "2020-03-01"]])
    preview = ls.preview_import(store, "issues", "户.xlsx", data, scope=WUJIN)
    ((row, (column, reason)),) = _problems(preview).items()
    assert (row, column) == (2, "户编号")
    assert household["household_id"] in reason and "新北区" in reason


def test_a_household_of_another_district_is_refused(store):
    mine, _ = _village(store, "320412")
    theirs, _ = _village(store, "320411")
    existing = q.households(store, "320411").sort_values("household_id").iloc[0]
    data = xlsx_bytes([HOUSEHOLD_HEADER,
                       [existing["household_id"], mine, "改名", 3, "已脱贫"],  # moved in
                       ["H-OUT-NEW", theirs, "新户", 2, "未脱贫"],  # new, but elsewhere
                       ["H-IN-NEW", mine, "本区新户", 2, "未脱贫"]])
    preview = ls.preview_import(store, "households", "农户.xlsx", data, scope=WUJIN)
    problems = _problems(preview)
    assert set(problems) == {2, 3}
    assert problems[2][0] == "户编号" and "新北区" in problems[2][1]
    assert problems[3][0] == "区划代码" and theirs in problems[3][1]
    before = _neighbour(store)
    assert ls.commit_import(store, preview, scope=WUJIN, only_valid=True).inserted == 1
    _same(before, _neighbour(store))
    assert set(sl.households_by_id(store, ["H-IN-NEW", "H-OUT-NEW"])["household_id"]) == \
        {"H-IN-NEW"}


def test_a_person_registered_in_another_district_is_refused_by_id_number(store):
    """Without 户编号 the ID number finds the stored household: that one is not the
    official's to change, and the message does not show its number."""
    mine, _ = _village(store, "320412")
    hid = q.households(store, "320411").sort_values("household_id").iloc[0]["household_id"]
    number = sl.households_by_id(store, [hid]).iloc[0]["id_number"]
    data = xlsx_bytes([["身份证号", "区划代码", "户主姓名", "家庭人口", "是否脱贫"],
                       [number, mine, "改名", 3, "已脱贫"]])
    preview = ls.preview_import(store, "households", "身份证.xlsx", data, scope=WUJIN)
    ((row, (column, reason)),) = _problems(preview).items()
    assert (row, column) == (2, "身份证号")
    assert "新北区" in reason and hid not in reason


def test_a_village_of_another_district_is_refused(store):
    theirs, theirs_name = _village(store, "320411")
    data = xlsx_bytes([["区划代码", "经济薄弱村类型", "第一书记在岗"], [theirs, "省定", "是"]])
    preview = ls.preview_import(store, "villages", "村.xlsx", data, scope=WUJIN)
    ((row, (column, reason)),) = _problems(preview).items()
    assert row == 2 and column == "区划代码" and theirs_name in reason


def test_a_township_official_is_kept_to_the_township(store):
    town = Scope("320412001")
    regions = q.regions(store)
    neighbour = regions[(regions["level"] == "village") & regions["code"].str.startswith(
        "320412") & ~regions["code"].str.startswith("320412001")].sort_values("code").iloc[0]
    data = xlsx_bytes([ISSUE_HEADER, _issue_row("T-TOWN", neighbour["code"], "邻镇的问题")])
    preview = ls.preview_import(store, "issues", "镇.xlsx", data, scope=town)
    ((_, (_, reason)),) = _problems(preview).items()
    assert neighbour["name"] in reason and "不在您的管辖范围（武进区" in reason


def test_a_preview_for_a_wider_scope_cannot_be_committed_by_a_narrower_one(store):
    theirs, _ = _village(store, "320411")
    data = xlsx_bytes([ISSUE_HEADER, _issue_row("T-WIDE", theirs, "新北的问题")])
    preview = ls.preview_import(store, "issues", "宽.xlsx", data, scope=EVERYTHING)
    assert preview.ok
    state = fingerprint(store)
    with pytest.raises(ls.ImportRejected) as refused:
        ls.commit_import(store, preview, scope=WUJIN, only_valid=True)
    assert refused.value.code == "IMPORT_OUTSIDE_SCOPE"
    assert fingerprint(store) == state


def test_the_command_line_imports_every_district(demo_db, tmp_path, capsys):
    """The server's operator: the CLI's scope is everything (and its actor is --actor)."""
    copy_store(demo_db, tmp_path).close()
    db = tmp_path / "ledger.duckdb"
    with Store(db, read_only=True) as s:
        mine, _ = _village(s, "320412")
        theirs, _ = _village(s, "320411")
    path = tmp_path / "全市.xlsx"
    path.write_bytes(xlsx_bytes([ISSUE_HEADER, _issue_row("T-CLI-1", mine, "武进"),
                                 _issue_row("T-CLI-2", theirs, "新北")]))
    assert cli.main(["import", "issues", str(path), "--db", str(db), "--actor", "运维"]) == 0
    assert "新增 2" in capsys.readouterr().out
    with Store(db, read_only=True) as s:
        assert sl.get_issue(s, "T-CLI-2")["region_code"] == theirs
        assert set(sl.issue_history(s, "T-CLI-2")["actor"]) == {"运维"}
