"""The issue card and the batch actions on a copy of the demo, as its accounts: each issue of a
batch is checked by the workflow on its own and the summary says why one was refused."""

from __future__ import annotations

import datetime as dt

from paicha_geo import labels
from paicha_geo.services import data, issue_batch, issue_card, issue_service
from paicha_geo.store import ledger as sl
from tests.signin import viewer

WUJIN = "320412"


def issues(store, status: str, prefix: str = WUJIN, n: int = 3) -> list[dict]:
    rows = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE status = ? AND region_code LIKE ? "
        "ORDER BY issue_code LIMIT ?", [status, prefix + "%", n]).fetchall()
    return [sl.get_issue(store, r[0]) for r in rows]


def report(store, account_viewer, issue) -> None:
    issue_service.change_status_as(store, account_viewer, issue["issue_code"], "rectified",
                                   expected_version=issue["version"], measures="已整改到位")


def test_batch_close_refuses_the_one_its_verifier_reported_and_closes_the_others(store):
    district, admin = viewer(store, "district"), viewer(store, "admin")
    a, b, c = issues(store, "rectifying")
    report(store, admin, a)
    report(store, district, b)  # reported by the district official himself
    report(store, admin, c)
    elsewhere = issues(store, "rectified", prefix="320411", n=1)[0]["issue_code"]
    codes = [a["issue_code"], b["issue_code"], c["issue_code"], elsewhere]
    summary = issue_batch.run_batch(store, district, codes, "close", note="现场验收合格")
    assert (summary.done, summary.refused) == (2, 2)
    by_code = summary.rows.set_index("issue_code")
    assert list(by_code["done"]) == [True, False, True, False]
    assert by_code.loc[b["issue_code"], "reason"] == (
        "验收销号的人（district）不能是报告整改完成的人（district）")
    assert by_code.loc[elsewhere, "reason"] == f"找不到问题 {elsewhere}"
    assert sl.get_issue(store, a["issue_code"])["status"] == "closed"
    assert sl.get_issue(store, b["issue_code"])["status"] == "rectified"
    last = sl.issue_history(store, c["issue_code"]).iloc[-1]
    assert (last["to_status"], last["actor"], last["note"]) == ("closed", "district",
                                                                "现场验收合格")


def test_batch_unit_records_old_and_new_and_leaves_closed_issues_alone(store):
    district = viewer(store, "district")
    open_one, open_two = issues(store, "rectifying", n=2)
    closed = issues(store, "closed", n=1)[0]
    codes = [open_one["issue_code"], closed["issue_code"], open_two["issue_code"]]
    summary = issue_batch.run_batch(store, district, codes, "unit", value=" 武进区住建局 ",
                                    note="按职责调整")
    assert list(summary.rows["done"]) == [True, False, True]
    assert summary.rows.iloc[1]["reason"] == "已销号的问题不能修改责任单位（须先“回头看”重新打开）"
    after = sl.get_issue(store, open_one["issue_code"])
    assert after["responsible_unit"] == "武进区住建局"
    assert after["version"] == open_one["version"] + 1 and after["status"] == "rectifying"
    last = sl.issue_history(store, open_one["issue_code"]).iloc[-1]
    assert (last["from_status"], last["to_status"], last["actor"]) == (
        "rectifying", "rectifying", "district")
    assert last["note"] == (f"按职责调整；责任单位：{open_one['responsible_unit']}→武进区住建局")
    assert sl.get_issue(store, closed["issue_code"]) == closed  # untouched


def test_batch_deadline_checks_each_issue_and_the_version_seen(store):
    district = viewer(store, "district")
    a, b, c = issues(store, "rectifying")
    new = dt.date(2020, 6, 20)
    too_early = a["found_date"] - dt.timedelta(days=1)
    early = issue_batch.run_batch(store, district, [a["issue_code"]], "deadline",
                                  value=too_early)
    assert early.rows.iloc[0]["reason"] == (
        f"整改时限 {too_early} 早于发现日期 {a['found_date']}")
    seen = {c: i["version"] for c, i in ((a["issue_code"], a), (b["issue_code"], b),
                                         (c["issue_code"], c))}
    seen[b["issue_code"]] -= 1  # the reader saw an older version of b
    summary = issue_batch.run_batch(store, district, list(seen), "deadline", value=new,
                                    seen=seen)
    assert list(summary.rows["done"]) == [True, False, True]
    assert "刚被他人修改" in summary.rows.iloc[1]["reason"]
    assert sl.get_issue(store, a["issue_code"])["deadline"] == new
    assert sl.get_issue(store, b["issue_code"])["deadline"] == b["deadline"]


def test_a_role_without_edit_power_changes_nothing(store):
    leader = viewer(store, "leader")
    a = issues(store, "rectifying", n=1)[0]
    summary = issue_batch.run_batch(store, leader, [a["issue_code"]], "unit", value="某单位")
    assert summary.rows.iloc[0]["reason"] == "您的角色（市领导）无权修改问题"
    assert sl.get_issue(store, a["issue_code"]) == a


def test_the_card_names_the_item_household_masked_and_legal_actions(store):
    district, leader = viewer(store, "district"), viewer(store, "leader")
    code = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE status = 'rectified' AND household_id IS NOT NULL "
        "AND region_code LIKE ? ORDER BY 1 LIMIT 1", [WUJIN + "%"]).fetchone()[0]
    issue = sl.get_issue(store, code)
    head = sl.households_by_id(store, [issue["household_id"]]).iloc[0]["head_name"]
    snap = data.load_snapshot(store)
    item = snap.checklist.set_index("code").loc[issue["item_code"]]
    card = issue_card.issue_card(store, snap, district, code)
    assert card.item == f"{issue['item_code']} {item['short']}"
    assert card.item_text == item["text"] and card.item_units == tuple(item["responsible_units"])
    assert card.place.startswith("常州市 · 武进区 · ") and card.place.count(" · ") == 3
    assert card.household[0] == issue["household_id"]
    assert card.household[1] != head and card.household[1][0] == head[0]
    assert [a.to_status for a in card.actions] == ["closed", "rectifying"]
    assert issue_card.issue_card(store, snap, leader, code).actions == []
    assert labels.HISTORY_COLUMNS["actor"] in card.history.columns
    town = viewer(store, "town")  # 320412001: another township's issue is not found
    other = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE '320412%' "
        "AND region_code NOT LIKE '320412001%' LIMIT 1").fetchone()[0]
    assert issue_card.issue_card(store, snap, town, other) is None


def test_the_card_does_not_offer_closing_to_the_account_that_reported_the_rectification(store):
    district, admin = viewer(store, "district"), viewer(store, "admin")
    issue = issues(store, "rectifying", n=1)[0]
    report(store, district, issue)
    snap = data.load_snapshot(store)
    own = issue_card.issue_card(store, snap, district, issue["issue_code"])
    assert [a.action for a in own.actions] == ["send_back"]
    assert own.withheld == "整改完成由武进区扶贫办（district）报告，验收销号须由其他账号办理。"
    other = issue_card.issue_card(store, snap, admin, issue["issue_code"])
    assert [a.action for a in other.actions] == ["close", "send_back"]
    assert other.withheld is None
