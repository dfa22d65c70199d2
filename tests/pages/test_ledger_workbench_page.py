"""The 整改台账 page's 问题台账 as the 武进区 official (AppTest, no browser): search, pick a row,
read the card in words, close the issue; it stays on screen, even once the grid's filter no
longer lists it."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from tests.conftest import ROOT
from tests.signin import signed_in

TODAY = dt.date.today().isoformat()  # the grid as of today: the store's statuses now


def _rectified_by_someone_else(db) -> dict:
    with Store(db, read_only=True) as s:
        code = s.cursor().execute(
            "SELECT i.issue_code FROM issue i WHERE i.status = 'rectified' "
            "AND i.region_code LIKE '320412%' AND i.household_id IS NOT NULL "
            "ORDER BY 1 LIMIT 1").fetchone()[0]
        issue = sl.get_issue(s, code)
        issue["item_text"], issue["short"] = s.cursor().execute(
            "SELECT text, short FROM checklist_item WHERE code = ?",
            [issue["item_code"]]).fetchone()
    return issue


def _open(**query) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/ledger.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _grid(at):
    return next(d for d in at.dataframe if (d.key or "").startswith("grid-"))


def _pick(at, rows: list[int]) -> None:
    """Tick rows of the grid as a reader would (the selection state the browser sends)."""
    at.session_state[_grid(at).key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def _shown(at) -> str:
    parts = [m.value for m in (*at.subheader, *at.markdown, *at.caption, *at.success, *at.info,
                               *at.warning)]
    parts += [t.value.to_string() for t in at.table]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts).replace("\\", "")


def test_find_pick_close_and_the_issue_stays_on_screen(db):
    issue = _rectified_by_someone_else(db)
    code = issue["issue_code"]
    at = _open(asof=TODAY, status="已整改(待验收)")  # the sidebar filter, as the URL holds it
    at.text_input(key="grid_q").input(code.lower()).run()
    assert list(_grid(at).value["问题编号"]) == [code]
    _pick(at, [0])
    shown = _shown(at)
    assert f"问题 {code}" in shown and issue["item_text"] in shown and issue["short"] in shown
    assert "户主 " in shown and "None" not in shown and "nan" not in shown
    action = next(s for s in at.selectbox if s.label == "操作")
    assert action.options == ["验收销号", "验收不通过，退回整改"]  # the legal next steps only
    next(b for b in at.button if b.label == "提交").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _shown(at)
    assert f"已更新：{code} 现为“已销号”" in shown
    assert "当前状态：已销号" in shown  # the card, although the filter no longer lists it
    assert "已不在当前筛选结果中" in shown
    assert code not in list(_grid(at).value["问题编号"])
    with Store(db) as s:  # the app's own store is open read-write in this process
        assert sl.get_issue(s, code)["verifier"] == "district"


def test_several_rows_picked_get_batch_actions_and_a_summary(db):
    at = _open(asof=TODAY, status="已整改(待验收)")
    _pick(at, [0, 1, 2])
    picked = list(_grid(at).value["问题编号"][:3])
    assert any("批量操作：已选 3 个问题" in s.value for s in at.subheader)
    assert at.radio(key="batch_action").value == "close"  # 验收销号
    next(b for b in at.button if b.label == "对所选问题执行").click().run()
    assert not at.exception, [e.value for e in at.exception]
    summary = next(t for t in at.table).value
    assert list(summary.columns) == ["问题编号", "结果", "原因"]
    assert [c.replace("\\", "") for c in summary["问题编号"]] == picked
    assert set(summary["结果"]) == {"已完成"}  # reported by others: the official may verify
    assert any("验收销号：完成 3 个，未执行 0 个。" in s.value for s in at.success)
    with Store(db) as s:  # the app's own store is open read-write in this process
        assert {sl.get_issue(s, c)["status"] for c in picked} == {"closed"}
