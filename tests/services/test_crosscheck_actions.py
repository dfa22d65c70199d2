"""Acting on a 数据比对 line: 回头看 reopens the line's closed issue with a tagged note in its
history; 立案 files a new issue with source 数据比对; a read-only role and a region outside
the account's are refused (in Chinese), and nothing is written."""

from __future__ import annotations

import pytest

from paicha_geo import labels
from paicha_geo.services import clock, crosscheck_service, data, issue_service
from paicha_geo.store import ledger as sl
from tests.signin import viewer

DISTRICT = "320412"  # the demo's district account: 武进区


def _plant_a_doubt(store) -> None:
    """One closed 住房安全 issue of 武进区 whose house the ledger (again) grades D: the demo
    leaves only a few such contradictions, not necessarily in this district (issue 17.8)."""
    store.cursor().execute("""
        UPDATE household SET house_grade = 'D', house_renovation = 'none'
        WHERE household_id = (
            SELECT min(i.household_id) FROM issue i JOIN household h USING (household_id)
            WHERE i.region_code LIKE '320412%' AND i.item_code = '3.3.4'
              AND i.status = 'closed' AND h.exit_status = 'exited')""")


def _lines(store, me, kind):
    _plant_a_doubt(store)
    snap = data.load_snapshot(store)
    result = crosscheck_service.crosscheck_view(snap, me.scope, clock.today(store))
    return snap, crosscheck_service.shown_lines(store, snap, result, kind, "housing")


def test_reopen_from_a_doubt_writes_the_note_into_the_issue_history(store):
    me = viewer(store, "district")
    _, lines = _lines(store, me, "doubt")
    line = next(r for _, r in lines.iterrows() if "closed" in r["statuses"]).to_dict()
    assert line["region_code"].startswith(DISTRICT)
    assert "住房鉴定为" in line["text"] and "已销号" in line["text"]
    issue = crosscheck_service.reopen_as(store, me, line, "入户核实仍为危房")
    assert issue["status"] == "pending" and issue["issue_code"] in line["issues"]
    last = sl.issue_history(store, issue["issue_code"]).iloc[-1]
    assert last["to_status"] == "pending" and last["actor"] == "district"
    assert last["note"].startswith("【数据比对】入户核实仍为危房")


def test_a_new_issue_from_a_lead_has_source_data_check(store):
    me = viewer(store, "district")
    snap, lines = _lines(store, me, "lead")
    line = lines.iloc[0].to_dict()
    code = crosscheck_service.raise_as(store, snap, me, line, "")
    issue = sl.get_issue(store, code)
    assert issue["source"] == "data_check" and labels.SOURCES["data_check"] == "数据比对"
    assert issue["household_id"] == line["household_id"] and issue["item_code"] == "3.3.4"
    assert issue["status"] == "pending" and code.startswith("BD")
    first = sl.issue_history(store, code).iloc[0]
    assert first["note"].startswith("【数据比对】农户") and first["actor"] == "district"


def test_a_read_only_role_may_neither_reopen_nor_raise(store):
    leader = viewer(store, "leader")
    snap, doubts = _lines(store, leader, "doubt")
    line = next(r for _, r in doubts.iterrows() if "closed" in r["statuses"]).to_dict()
    before = sl.issue_history(store, line["issues"][0])
    with pytest.raises(issue_service.TransitionRefused) as refused:
        crosscheck_service.reopen_as(store, leader, line, "看一看")
    assert "无权" in labels.say(refused.value) or "权限" in labels.say(refused.value)
    with pytest.raises(issue_service.TransitionRefused):
        crosscheck_service.raise_as(store, snap, leader, line, "")
    assert len(sl.issue_history(store, line["issues"][0])) == len(before)


def test_a_village_outside_the_account_is_refused(store):
    admin, district = viewer(store, "admin"), viewer(store, "district")
    snap, lines = _lines(store, admin, "lead")
    line = next(r for _, r in lines.iterrows()
                if not r["region_code"].startswith(DISTRICT)).to_dict()
    count = store.cursor().execute("SELECT count(*) FROM issue").fetchone()[0]
    with pytest.raises(data.OutOfScope):
        crosscheck_service.raise_as(store, snap, district, line, "")
    assert store.cursor().execute("SELECT count(*) FROM issue").fetchone()[0] == count
