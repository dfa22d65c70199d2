"""挂牌督办 as an action (issue 14, item 5): an official marks an issue of his district with a
reason and a 督办时限, the issue's history says so in Chinese under his account, the marked
list shows it with its mark, and lifting the mark is recorded the same way. What is refused
changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from paicha_geo import labels
from paicha_geo.services import data, issue_service, session_service
from paicha_geo.services import supervision_service as sv
from paicha_geo.services.account_service import audit_log
from paicha_geo.services.data import Scope
from paicha_geo.store import supervision as ss
from tests.said import raises_saying
from tests.signin import viewer

ASOF = dt.date(2020, 5, 31)
WUJIN = Scope("320412")


def an_issue(store, prefix: str, status: str = "rectifying", escalated: bool = False) -> dict:
    code = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE ? AND status = ? "
        "AND escalated = ? AND found_date <= ? ORDER BY issue_code LIMIT 1",
        [f"{prefix}%", status, escalated, ASOF]).fetchone()[0]
    return issue_service.get_issue(store, session_service.EVERYTHING, code)


def last_history(store, code: str) -> dict:
    frame = issue_service.sl.issue_history(store, code)
    return frame.iloc[-1].to_dict()


def marked(store, scope: Scope = WUJIN):
    return sv.list_marked(store, data.load_snapshot(store), scope, ASOF).set_index(
        "issue_code")


def test_an_official_marks_an_issue_and_its_history_and_the_list_say_so(store):
    district = viewer(store, "district")
    issue = an_issue(store, "320412")
    code = issue["issue_code"]
    done = sv.mark(store, district, code, "两个月无进展", dt.date(2020, 6, 30),
                   "王科长 0519-86001234", when=dt.datetime(2020, 5, 31, 10))
    assert done["escalated"] and done["version"] == issue["version"] + 1
    after = issue_service.get_issue(store, WUJIN, code)
    assert after["escalated"] and after["version"] == issue["version"] + 1
    assert after["status"] == issue["status"]  # a mark is no status change
    row = last_history(store, code)
    assert (row["from_status"], row["to_status"], row["actor"]) == (
        issue["status"], issue["status"], "district")
    assert row["note"] == "挂牌督办：两个月无进展，督办时限 2020-06-30，联系人 王科长 0519-86001234"
    shown = marked(store).loc[code]
    assert shown["reason"] == "两个月无进展"
    assert shown["sv_deadline"] == dt.date(2020, 6, 30)
    assert shown["sv_overdue_days"] == 0  # the 督办时限 is still ahead on 05-31
    assert shown["marked_by"] == "武进区扶贫办（district）"
    assert shown["marked_at"] == dt.date(2020, 5, 31)
    assert shown["place"].startswith("武进区 · ")


def test_lifting_the_mark_is_recorded_and_the_issue_leaves_the_list(store):
    district = viewer(store, "district")
    code = an_issue(store, "320412")["issue_code"]
    sv.mark(store, district, code, "无进展", dt.date(2020, 6, 30))
    sv.unmark(store, district, code, "已落实专人整改")
    assert not issue_service.get_issue(store, WUJIN, code)["escalated"]
    assert last_history(store, code)["note"] == "撤销督办：已落实专人整改"
    assert code not in marked(store).index
    assert list(ss.supervision_history(store, code)["action"]) == ["mark", "unmark"]


def test_days_past_the_supervision_deadline_are_counted_while_unrectified(store):
    district = viewer(store, "district")
    code = an_issue(store, "320412")["issue_code"]
    sv.mark(store, district, code, "无进展", dt.date(2020, 5, 21))
    assert marked(store).loc[code, "sv_overdue_days"] == 10  # 05-21 -> 05-31


def test_issues_flagged_without_a_mark_are_listed_with_empty_mark_fields(store):
    flagged = an_issue(store, "320412", escalated=True)
    shown = marked(store)
    assert flagged["issue_code"] in shown.index
    assert shown.loc[flagged["issue_code"], ["reason", "sv_deadline", "marked_by"]].isna().all()
    assert all(code.startswith("PC2020-320412") for code in shown.index)


@pytest.mark.parametrize(("reason", "deadline", "said"), [
    ("  ", dt.date(2020, 6, 30), "请填写挂牌督办的理由"),
    ("无进展", None, "请填写督办时限"),
    ("无进展", dt.date(2019, 1, 1), "早于问题的发现日期"),
    ("无" * 501, dt.date(2020, 6, 30), "理由最多 500 字，现为 501 字"),
])
def test_a_mark_without_a_proper_reason_or_deadline_is_refused(store, reason, deadline, said):
    issue = an_issue(store, "320412")
    with raises_saying(sv.SupervisionRefused, f"{issue['issue_code']}.*{said}"):
        sv.mark(store, viewer(store, "district"), issue["issue_code"], reason, deadline)
    assert issue_service.get_issue(store, WUJIN, issue["issue_code"]) == issue


def test_a_leader_may_not_mark_and_the_attempt_is_logged(store):
    leader = viewer(store, "leader")
    issue = an_issue(store, "320412")
    with raises_saying(sv.SupervisionRefused, "市领导.*无权挂牌督办"):
        sv.mark(store, leader, issue["issue_code"], "无进展", dt.date(2020, 6, 30))
    log = audit_log(store, "leader")
    assert ("supervision_refused", issue["issue_code"]) in set(zip(log["action"],
                                                                   log["target"],
                                                                   strict=True))
    assert issue_service.get_issue(store, WUJIN, issue["issue_code"]) == issue


def test_an_official_cannot_mark_another_districts_issue(store):
    foreign = an_issue(store, "320402")  # 天宁区
    with pytest.raises(sv.IssueNotFound):
        sv.mark(store, viewer(store, "district"), foreign["issue_code"], "无进展",
                dt.date(2020, 6, 30))
    assert issue_service.get_issue(store, session_service.EVERYTHING,
                                   foreign["issue_code"]) == foreign
    assert ss.supervision_history(store, foreign["issue_code"]).empty


def test_closed_already_marked_and_unmarked_issues_are_refused_by_name(store):
    district = viewer(store, "district")
    closed = an_issue(store, "320412", status="closed")["issue_code"]
    flagged = an_issue(store, "320412", escalated=True)["issue_code"]
    plain = an_issue(store, "320412")["issue_code"]
    with raises_saying(sv.SupervisionRefused, f"{closed} 已销号"):
        sv.mark(store, district, closed, "无进展", dt.date(2020, 6, 30))
    with raises_saying(sv.SupervisionRefused, f"{flagged} 已挂牌督办"):
        sv.mark(store, district, flagged, "无进展", dt.date(2020, 6, 30))
    with raises_saying(sv.SupervisionRefused, f"{plain} 未挂牌督办"):
        sv.unmark(store, district, plain, "误标")
    with raises_saying(sv.SupervisionRefused, f"{flagged}：请填写撤销督办的理由"):
        sv.unmark(store, district, flagged, "")


def test_a_batch_says_what_was_done_and_what_was_refused_and_why(store):
    district = viewer(store, "district")
    plain = an_issue(store, "320412")["issue_code"]
    closed = an_issue(store, "320412", status="closed")["issue_code"]
    foreign = an_issue(store, "320402")["issue_code"]
    out = sv.mark_many(store, district, [plain, closed, foreign, plain], "无进展",
                       dt.date(2020, 6, 30))
    assert [(o.code, o.done) for o in out] == [(plain, True), (closed, False),
                                               (foreign, False)]
    assert "已销号" in out[1].message
    assert out[2].message == labels.REFUSE_NOT_FOUND.format(code=foreign)
    undone = sv.unmark_many(store, district, [plain], "已整改")
    assert [(o.code, o.done) for o in undone] == [(plain, True)]


def test_a_mark_on_a_rectified_issue_does_not_count_as_reporting_the_rectification(store):
    """The verifier must not be the account that reported the rectification; a 督办 mark
    by the district on a rectified issue is no report, so the district may still verify."""
    town, district = viewer(store, "town"), viewer(store, "district")
    issue = an_issue(store, town.region_code[:9])
    code = issue["issue_code"]
    issue_service.change_status_as(store, town, code, "rectified",
                                   expected_version=issue["version"], measures="已整改到位")
    now = issue_service.get_issue(store, WUJIN, code)
    marked_now = sv.mark(store, district, code, "待验收时间过长", dt.date(2020, 6, 30))
    closed = issue_service.change_status_as(store, district, code, "closed",
                                            expected_version=marked_now["version"])
    assert now["status"] == "rectified" and closed["status"] == "closed"
    assert closed["verifier"] == "district"


def test_the_notice_lists_the_marked_issues_of_each_unit_signed_by_the_viewers_office(store):
    district = viewer(store, "district")
    units = store.cursor().execute(
        "SELECT min(issue_code) FROM issue WHERE region_code LIKE '320412%' "
        "AND status = 'rectifying' AND NOT escalated AND found_date <= ? "
        "AND responsible_unit IS NOT NULL GROUP BY responsible_unit ORDER BY 1 LIMIT 2",
        [ASOF]).fetchall()
    codes = [c for (c,) in units]
    for code in codes:
        sv.mark(store, district, code, f"督办{code[-4:]}", dt.date(2020, 6, 30))
    snap = data.load_snapshot(store)
    doc = Document(io.BytesIO(sv.notice_docx(store, snap, district, WUJIN, ASOF, codes,
                                             "区扶贫办 0519-1")))
    texts = [p.text for p in doc.paragraphs if p.text]
    expected_units = sorted(issue_service.get_issue(store, WUJIN, c)["responsible_unit"]
                            for c in codes)
    assert [t for t in texts if t.endswith("：") and not t.startswith("联系人")] == [
        f"{u}：" for u in expected_units]
    assert texts.count("武进区扶贫工作领导小组办公室") == 2
    assert texts.count("2020年5月31日") == 2
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows[1:]]
    assert sorted(r[1] for r in rows) == sorted(codes)
    assert {r[6] for r in rows} == {"2020-06-30"}
    assert sv.notice_file_name(snap, WUJIN, ASOF) == "督办通知单_武进区_20200531.docx"
    everything = Document(io.BytesIO(sv.notice_docx(store, snap, district, WUJIN, ASOF)))
    rows = [row.cells for t in everything.tables for row in t.rows[1:]]
    assert len(rows) == len(marked(store))  # with the demo's flags that have no 督办时限
    assert "—" in {cells[6].text for cells in rows}


def test_marks_are_in_backups_and_numbering_continues_after_a_restore(store, tmp_path):
    from paicha_geo.store import Store
    from paicha_geo.store.backup import backup, restore

    district = viewer(store, "district")
    first = an_issue(store, "320412")["issue_code"]
    sv.mark(store, district, first, "无进展", dt.date(2020, 6, 30))
    backup(store, tmp_path / "bak")
    restore(tmp_path / "restored.duckdb", tmp_path / "bak")
    with Store(tmp_path / "restored.duckdb") as back:
        assert list(ss.supervision_history(back, first)["reason"]) == ["无进展"]
        sv.unmark(back, district, first, "已整改")
        ids = list(ss.supervision_history(back, first)["supervision_id"])
    assert ids[1] > ids[0]  # the sequence was moved past the restored rows
