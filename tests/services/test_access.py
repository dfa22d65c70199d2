"""What each role may do, enforced in the services for the signed-in account (issue 13):
status changes recorded as the account, verifier ≠ rectifier by account, personal data
revealed one household at a time with a reason, visits only where the account may act,
downloads and every refused attempt in the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from paicha_geo import labels
from paicha_geo.services import (
    exports,
    guarantees_service,
    issue_service,
    session_service,
    visit_service,
)
from paicha_geo.services.account_service import audit_log
from paicha_geo.services.data import OutOfScope
from paicha_geo.store import queries as q
from tests.signin import viewer


def actions(store, account: str) -> list[tuple[str, str | None, str | None]]:
    log = audit_log(store, account)
    return list(zip(log["action"], log["target"], log["reason"], strict=True))


def open_issue(store, prefix: str, status: str = "rectifying") -> dict:
    frame = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE ? AND status = ? "
        "ORDER BY issue_code LIMIT 1", [f"{prefix}%", status]).fetchone()
    return issue_service.get_issue(store, session_service.EVERYTHING, frame[0])


def test_a_leader_cannot_change_a_status_and_the_attempt_is_logged(store):
    leader = viewer(store, "leader")
    issue = open_issue(store, "320412")
    with pytest.raises(issue_service.TransitionRefused) as refused:
        issue_service.change_status_as(store, leader, issue["issue_code"], "rectified",
                                       expected_version=issue["version"], measures="x")
    assert "市领导" in labels.say(refused.value)
    assert ("status_change_refused", issue["issue_code"], "no power") in actions(store,
                                                                                 "leader")
    assert open_issue(store, "320412")["version"] == issue["version"]  # nothing changed


def test_an_official_cannot_touch_another_districts_issue(store):
    district = viewer(store, "district")  # 武进区
    foreign = open_issue(store, "320402")  # 天宁区
    assert issue_service.get_issue_as(store, district, foreign["issue_code"]) is None
    with pytest.raises(issue_service.IssueNotFound):
        issue_service.change_status_as(store, district, foreign["issue_code"], "rectified",
                                       expected_version=foreign["version"], measures="x")
    assert ("out_of_scope", foreign["issue_code"], "issue") in actions(store, "district")
    after = issue_service.get_issue(store, session_service.EVERYTHING, foreign["issue_code"])
    assert after["version"] == foreign["version"]


def test_the_verifier_must_be_another_account_than_the_rectifier(store):
    district, admin = viewer(store, "district"), viewer(store, "admin")
    issue = open_issue(store, "320412")
    code = issue["issue_code"]
    done = issue_service.change_status_as(store, district, code, "rectified",
                                          expected_version=issue["version"],
                                          measures="已逐户核查并整改")
    with pytest.raises(issue_service.TransitionRefused):  # the same account cannot verify
        issue_service.change_status_as(store, district, code, "closed",
                                       expected_version=done["version"])
    closed = issue_service.change_status_as(store, admin, code, "closed",
                                            expected_version=done["version"])
    assert closed["status"] == "closed" and closed["verifier"] == "admin"
    history = issue_service.history_table(store, district.scope, code)
    assert list(history[labels.HISTORY_COLUMNS["actor"]].tail(2)) == [
        "武进区扶贫办（district）", "市扶贫办管理员（admin）"]


def test_personal_data_is_revealed_one_household_with_a_reason_and_logged(store):
    admin, leader, district = (viewer(store, a) for a in ("admin", "leader", "district"))
    homes = q.households(store, "320412")
    home = homes.iloc[0]
    with pytest.raises(guarantees_service.RevealRefused):
        guarantees_service.reveal_household(store, leader, home["household_id"], "核实情况")
    with pytest.raises(guarantees_service.RevealRefused):  # a reason, not a keystroke
        guarantees_service.reveal_household(store, admin, home["household_id"], " a ")
    shown = guarantees_service.reveal_household(store, admin, home["household_id"],
                                                "入户核实住房安全")
    assert shown == {"head_name": home["head_name"], "id_number": home["id_number"]}
    assert ("reveal_personal", home["household_id"], "入户核实住房安全") in actions(store,
                                                                                  "admin")
    assert ("reveal_refused", home["household_id"], "no power") in actions(store, "leader")
    assert not district.may("personal")  # officials see masked data only, by default


def test_an_inspector_with_assigned_villages_records_visits_only_there(store):
    fixed = viewer(store, "inspector2")
    mine = sorted(fixed.villages)[0]
    other = q.villages(store, "320402").iloc[0]["code"]
    with pytest.raises(OutOfScope):
        visit_service.record_visit_as(store, fixed, visit_date=dt.date(2020, 6, 1),
                                      findings=[visit_service.Finding(other, "看过")])
    assert ("out_of_scope", other, "visit") in actions(store, "inspector2")
    visit_service.record_visit_as(store, fixed, visit_date=dt.date(2020, 6, 1),
                                  findings=[visit_service.Finding(mine, "饮水正常")])
    visit = store.cursor().execute(
        "SELECT visitors FROM visit WHERE region_code = ? AND findings = '饮水正常'",
        [mine]).fetchall()
    assert visit == [("市督查组（定点）（inspector2）",)]
    with pytest.raises(OutOfScope):  # a leader does not record visits
        visit_service.record_visit_as(store, viewer(store, "leader"),
                                      visit_date=dt.date(2020, 6, 1),
                                      findings=[visit_service.Finding(mine, "x")])


def test_every_download_is_logged_when_it_is_taken(store):
    district = viewer(store, "district")
    made = exports.audited(lambda: b"data", store, district, "武进区_20200531.csv")
    assert ("export", "武进区_20200531.csv", "320412000000") not in actions(store, "district")
    assert made() == b"data"
    assert ("export", "武进区_20200531.csv", "320412000000") in actions(store, "district")
