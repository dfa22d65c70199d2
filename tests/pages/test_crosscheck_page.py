"""The 数据比对 page (AppTest): the leader reads the counts and lines and is told he may not
act; the district official sees only 武进区, reopens a contradicted closure with one click
and finds the note in the issue's history; 举一反三 for 3.3.4 explains its villages in words."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from tests.conftest import ROOT
from tests.signin import signed_in


def _open(account: str, **params) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=240), account)
    at.switch_page("app_pages/crosscheck.py")
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _total(at) -> int:
    """The 销号存疑 tab's line count, from its '共 N 条' caption."""
    text = next(c.value for c in at.caption if c.value.startswith("共 "))
    return int(text.split(" ")[1])


def _frames(at, column):
    """The tables on the page having `column` (AppTest does not expose a table's key)."""
    return [d.value for d in at.dataframe if column in d.value.columns]


def test_leader_reads_counts_and_lines_but_may_not_act(db):
    at = _open("leader", asof="2020-05-31")
    counts = _frames(at, "比对项")[0].set_index("比对项")
    # 178 after issue 17.2 (已脱贫 only); 4 since 17.8: closures fix their facts but for a
    # few deliberate contradictions (demo/fact_issues.py)
    assert counts.loc["住房安全", "其中全部已销号"] == 5  # 17.6: see test_crosscheck_demo
    assert counts.loc["义务教育", "其中全部已销号"] == 0  # 21 before issue 17.8
    assert counts.loc["基本医疗", "其中全部已销号"] == 7
    lines, leads = _frames(at, "台账记载")  # the two tabs: 销号存疑, 漏报线索
    assert lines["台账记载"].str.match(r"\d+ 条，(已销号|已整改)").all()
    assert lines["数据显示"].str.endswith("未达标）").all()
    assert (leads["台账记载"] == "没有该项问题").all()
    assert not lines.apply(lambda c: c.astype(str).str.contains("None|nan")).any().any()
    assert any("只能查看" in i.value for i in at.info)
    assert not [b for b in at.button if b.label.startswith("回头看")]


def test_district_reopens_a_contradicted_closure_from_the_page(db):
    at = _open("district")
    lines = _frames(at, "台账记载")[0]
    assert lines["地点"].str.startswith("武进区").all()
    before = _total(at)
    pick = at.selectbox(key="crosscheck-pick-doubt")
    first = next(o for o in pick.options if "已销号" in o)
    pick.select(first)
    at.text_input(key="crosscheck-note-doubt").input("回头看：入户核实")
    next(b for b in at.button if b.label.startswith("回头看")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = [s.value.replace("\\", "") for s in at.success]
    assert any("回头看" in s and "待整改" in s for s in done), done
    code = done[0].split("已对问题 ")[1].split(" ")[0]
    assert _total(at) == before - 1  # the line left the list: its issue is open again
    assert first not in at.selectbox(key="crosscheck-pick-doubt").options
    with Store(db) as s:
        last = sl.issue_history(s, code).iloc[-1]
        assert last["note"].startswith("【数据比对】回头看：入户核实")
        assert last["actor"] == "district" and last["to_status"] == "pending"


def test_same_problem_explains_its_villages(db):
    at = _open("leader", asof="2020-05-31", like="3.3.4")
    table = _frames(at, "理由")[0]
    likely = table[table["类别"] == "可能存在"]
    assert not likely.empty
    pattern = r"与有此问题的 \d+ 个村相似（相似度 0\.\d\d）：三保障未达标户比例"
    assert likely["理由"].str.match(pattern).all()
    assert (table["类别"] == "尚未销号").any()


def test_the_shortlist_link_opens_the_inspection_page_with_those_villages(db):
    with Store(db) as s:
        picked = [r[0] for r in s.cursor().execute(
            "SELECT code FROM village WHERE code LIKE '320412%' ORDER BY code LIMIT 3"
        ).fetchall()]
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=240), "district")
    at.switch_page("app_pages/inspect.py")
    at.query_params["region"] = "320412"
    at.query_params["pick"] = picked
    at.query_params["day"] = "2020-05-31"  # the link's day (a bound `asof` would be dropped)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value.startswith("走访线路：3 个村") for s in at.success), \
        [s.value for s in at.success]
    assert at.date_input(key="asof").value == dt.date(2020, 5, 31)


def test_the_issue_card_links_to_the_same_problem_elsewhere(db):
    with Store(db) as s:
        code, item = s.cursor().execute(
            "SELECT issue_code, item_code FROM issue WHERE region_code LIKE '320412%' "
            "AND item_code = '3.3.4' ORDER BY 1 LIMIT 1").fetchone()
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=240), "district")
    at.switch_page("app_pages/ledger.py")
    at.run()
    at.text_input(key="grid_q").input(code.lower()).run()
    grid = next(d for d in at.dataframe if (d.key or "").startswith("grid-"))
    at.session_state[grid.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    link = next(p for p in at.get("page_link") if p.value.startswith("举一反三"))
    assert "crosscheck" in link.proto.page and f"like={item}" in link.proto.query_string
