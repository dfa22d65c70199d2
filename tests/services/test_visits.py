"""Visits that match reality (issue 14, item 7): a finding per village (and per household
seen), each raised as an issue on the village where it was found; household numbers checked
against their village, every problem named, nothing written on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from paicha_geo import labels
from paicha_geo.services import clock, session_service, visit_service
from paicha_geo.services.visit_service import Finding, IssueDraft
from paicha_geo.store import ledger as sl
from tests.signin import viewer

DAY = dt.date(2020, 7, 15)  # the demo's today
DUE = dt.date(2020, 8, 31)


def two_villages(store) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    """Two 武进区 villages with their households (two each at least)."""
    rows = store.cursor().execute(
        "SELECT village_code, list(household_id ORDER BY household_id) FROM household "
        "WHERE village_code LIKE '320412%' GROUP BY village_code HAVING count(*) >= 2 "
        "ORDER BY village_code LIMIT 2").fetchall()
    return rows[0], rows[1]


def counts(store) -> tuple[int, int, int]:
    return store.cursor().execute(
        "SELECT (SELECT count(*) FROM visit), (SELECT count(*) FROM issue), "
        "(SELECT count(*) FROM issue_history)").fetchone()


def test_two_villages_two_findings_each_issue_on_its_own_village(store, monkeypatch):
    monkeypatch.setattr(clock, "_machine_now", lambda: dt.datetime(2026, 1, 2, 9, 45))
    (a, a_homes), (b, b_homes) = two_villages(store)
    before = counts(store)
    codes = visit_service.record_visit_as(store, viewer(store, "admin"), visit_date=DAY,
                                          findings=[
        Finding(a, "村内饮水管网老化", ((a_homes[0], "住房墙体开裂"), (a_homes[1], "")),
                IssueDraft("3.3.4", "水利局", "serious", DUE)),
        Finding(b, "一户低保未覆盖", (), IssueDraft("3.3.4", "民政局", "critical", DUE,
                                                     household=b_homes[0])),
    ])
    assert len(codes) == 2
    first, second = (sl.get_issue(store, c) for c in codes)
    assert (first["region_code"], first["description"], first["responsible_unit"],
            first["severity"], first["household_id"]) == (a, "村内饮水管网老化", "水利局",
                                                          "serious", None)
    assert (second["region_code"], second["description"], second["responsible_unit"],
            second["severity"], second["household_id"]) == (b, "一户低保未覆盖", "民政局",
                                                           "critical", b_homes[0])
    for issue in (first, second):
        assert (issue["source"], issue["status"], issue["found_date"], issue["deadline"]) == (
            "supervision", "pending", DAY, DUE)
    opened = sl.issue_history(store, codes[1]).iloc[0]
    assert opened["actor"] == "admin"
    assert opened["changed_at"] == dt.datetime(2020, 7, 15, 9, 45)  # the data's now
    visits = store.cursor().execute(
        "SELECT region_code, household_id, findings FROM visit WHERE visit_date = ? "
        "AND visitors LIKE '%（admin）' ORDER BY region_code, household_id NULLS FIRST",
        [DAY]).fetchall()
    assert visits == [(a, None, "村内饮水管网老化"), (a, a_homes[0], "住房墙体开裂"),
                      (a, a_homes[1], "村内饮水管网老化"), (b, None, "一户低保未覆盖")]
    assert counts(store) == (before[0] + 4, before[1] + 2, before[2] + 2)


def test_a_bad_household_is_refused_by_its_number_and_nothing_is_written(store):
    (a, a_homes), (b, b_homes) = two_villages(store)
    before = counts(store)
    with pytest.raises(visit_service.VisitRefused) as refused:
        visit_service.record_visit_as(store, viewer(store, "admin"), visit_date=DAY, findings=[
            Finding(a, "正常", ((a_homes[0], ""), ("320412999999H9999", ""))),
            Finding(b, "危房未改造", ((a_homes[1], "在外村"),),
                    IssueDraft("3.3.4", "住建局", "general", DUE)),
        ])
    said = labels.say(refused.value)
    assert "户编号 320412999999H9999 不存在" in said
    assert f"户编号 {a_homes[1]} 不是本村的农户" in said
    assert a_homes[0] not in said  # the good one is not blamed
    assert counts(store) == before


def test_every_problem_of_a_raised_finding_is_named_at_once(store):
    (a, _), _ = two_villages(store)
    before = counts(store)
    with pytest.raises(visit_service.VisitRefused) as refused:
        visit_service.record_visit_as(store, viewer(store, "admin"),
                                      visit_date=DAY + dt.timedelta(days=1), findings=[
            Finding(a, "  ", (), IssueDraft("9.9.9", " ", "general", DAY)),
        ])
    said = labels.say(refused.value)
    for part in ("晚于今天（2020-07-15）", "需填写本村发现情况", "需填写责任单位",
                 "排查条目 9.9.9 不在", "整改时限 2020-07-15 早于走访日期 2020-07-16"):
        assert part in said, part
    assert counts(store) == before


def test_a_visit_without_villages_is_refused():
    with pytest.raises(visit_service.VisitRefused):
        visit_service.record_visit(None, session_service.EVERYTHING, visit_date=DAY,
                                   findings=[], visitors="x")


@pytest.mark.parametrize(("text", "expected"), [
    ("320412001001H0001\n\n320412001001H0002 住房开裂", (("320412001001H0001", ""),
                                                          ("320412001001H0002", "住房开裂"))),
    (" 320412001001H0003：未享受低保, 需核查 ", (("320412001001H0003", "未享受低保, 需核查"),)),
    ("", ()),
])
def test_household_lines(text, expected):
    assert visit_service.household_lines(text) == expected


def test_a_late_finding_gets_a_month_not_a_past_deadline():
    assert visit_service.default_deadline(dt.date(2020, 6, 30), dt.date(2020, 5, 31)) == \
        dt.date(2020, 6, 30)
    assert visit_service.default_deadline(dt.date(2020, 6, 30), DAY) == dt.date(2020, 8, 14)
