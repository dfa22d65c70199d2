"""挂牌督办 on the 整改进度 page, signed in as the 武进区 official (AppTest, no browser): tick
one issue of the rule's list, give a reason and a 督办时限, press 挂牌督办: the page says so,
the issue's history records it under the account, and the issue appears in the list of marked
issues with its reason; lifting the mark there takes it out again."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from paicha_geo.services import data, progress_service
from paicha_geo.services.data import Scope
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from tests.conftest import ROOT
from tests.signin import signed_in

ASOF = dt.date(2020, 5, 31)  # a day inside the campaign, with a long due list


def first_unmarked_due(db) -> tuple[int, str]:
    """(row, code) of the first issue of 武进区's due list not yet marked."""
    with Store(db, read_only=True) as s:
        view = progress_service.progress_view(data.load_snapshot(s), Scope("320412"), ASOF)
        now = {c: sl.get_issue(s, c)["status"] for c in view.escalations["issue_code"]}
    late = view.escalations.reset_index(drop=True)
    # the demo's data runs past its as-of day: some issues due then are closed by now
    free = ~late["escalated"].astype(bool) & (late["issue_code"].map(now) != "closed")
    row = int(late.index[free][0])
    return row, late.loc[row, "issue_code"]


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def key_of(at: AppTest, prefix: str) -> str:
    """The key of the table shown now (keys carry the round and a digest of the rows)."""
    keys = [e.key for e in at.dataframe if e.key and e.key.startswith(prefix)]
    assert len(keys) == 1, keys
    return keys[0]


def marked_codes(at: AppTest) -> list[str]:
    table = at.dataframe(key=key_of(at, "marked-"))
    return list(table.value[labels.SUPERVISION_COLUMNS["issue_code"]])


def test_the_official_marks_an_issue_and_lifts_the_mark(db):
    row, code = first_unmarked_due(db)
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/progress.py")
    at.query_params["asof"] = ASOF.isoformat()  # the day the due list above was read on
    ok(at.run())
    assert code not in marked_codes(at)
    at.session_state[key_of(at, "escalations-0-")] = {"selection": {"rows": [row], "columns": []}}
    ok(at.run())
    assert any("已选 1 个问题" in c.value for c in at.caption)
    at.text_area(key="sv-reason-0").input("两个月无实质进展")
    at.date_input(key="sv-deadline-0").set_value(dt.date(2020, 6, 20))
    at.text_input(key="sv-contact-0").input("王科长 0519-86001234")
    ok(at.button(key="sv-mark-go-0").click().run())
    assert [s.value for s in at.success][0] == "已挂牌督办 1 个问题。"
    with Store(db) as s:  # the app's own store is open read-write in this process
        note = sl.issue_history(s, code).iloc[-1]
        assert sl.get_issue(s, code)["escalated"]
    assert note["actor"] == "district"
    assert note["note"] == ("挂牌督办：两个月无实质进展，督办时限 2020-06-20，"
                            "联系人 王科长 0519-86001234")
    marked_key = key_of(at, "marked-1-")
    shown = at.dataframe(key=marked_key).value.set_index(labels.SUPERVISION_COLUMNS["issue_code"])
    assert shown.loc[code, labels.SUPERVISION_COLUMNS["reason"]] == "两个月无实质进展"
    assert shown.loc[code, labels.SUPERVISION_COLUMNS["sv_deadline"]] == "2020-06-20"
    assert any(b.label == labels.NOTICE_DOWNLOAD for b in at.get("download_button"))

    at.session_state[marked_key] = {"selection": {"rows": [shown.index.get_loc(code)],
                                                  "columns": []}}
    ok(at.run())
    at.text_input(key="sv-unmark-reason-1").input("已落实专人整改")
    ok(at.button(key="sv-unmark-go-1").click().run())
    assert [s.value for s in at.success][0] == "已撤销督办 1 个问题。"
    assert code not in marked_codes(at)


def test_a_leader_sees_the_lists_but_no_form(db):
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "leader")
    at.switch_page("app_pages/progress.py")
    ok(at.run())
    assert not [b for b in at.button if b.label == labels.SUPERVISION_MARK]
    assert any("无权挂牌督办" in i.value for i in at.info)
