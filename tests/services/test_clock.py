"""The data's clock (issue 14, item 8): the demo's actions are dated on the demo's today, the
day its pages open on, so a newcomer's 销号 shows at once; an export of an earlier day shows
that day's state, without a later 销号日期 or 验收人."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from paicha_geo.demo.build import DATA_END
from paicha_geo.services import clock, exports, issue_service, progress_service
from paicha_geo.services.data import Scope, issues_in_scope, load_snapshot
from paicha_geo.store import ledger as sl
from tests.signin import viewer

WUJIN = Scope("320412")
EARLIER = dt.date(2020, 5, 31)


def _rectified_in_wujin(store) -> str:
    """A 武进区 issue awaiting verification, reported by someone other than the official,
    already found on EARLIER (so an export of that day lists it)."""
    return store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE '320412%' AND status = 'rectified'"
        " AND found_date <= ? ORDER BY issue_code LIMIT 1", [EARLIER]).fetchone()[0]


def test_the_demo_clock_is_the_end_of_its_data_and_the_pages_open_on_it(store):
    assert clock.today(store) == DATA_END == dt.date(2020, 7, 15)
    campaign = load_snapshot(store).campaign
    assert clock.default_asof(campaign.start_date, campaign.deadline,
                              clock.today(store)) == DATA_END


def test_without_a_clock_the_machine_date_is_today(store, monkeypatch):
    store.cursor().execute("DELETE FROM meta WHERE key = 'clock_today'")
    monkeypatch.setattr(clock, "_machine_now", lambda: dt.datetime(2026, 3, 4, 9, 30))
    assert clock.today(store) == dt.date(2026, 3, 4)
    assert clock.now(store) == dt.datetime(2026, 3, 4, 9, 30)
    # A real deployment past the deadline opens on today; before the campaign, on its start.
    assert clock.default_asof(dt.date(2026, 1, 1), dt.date(2026, 6, 30),
                              dt.date(2026, 3, 4)) == dt.date(2026, 3, 4)
    assert clock.default_asof(dt.date(2026, 5, 1), dt.date(2026, 6, 30),
                              dt.date(2026, 3, 4)) == dt.date(2026, 5, 1)


def test_a_close_in_the_demo_is_dated_by_its_clock_and_shows_closed_at_once(store, monkeypatch):
    monkeypatch.setattr(clock, "_machine_now", lambda: dt.datetime(2026, 1, 2, 10, 11, 12))
    code = _rectified_in_wujin(store)
    before = progress_service.progress_view(load_snapshot(store), WUJIN, DATA_END).totals
    issue = sl.get_issue(store, code)
    issue_service.change_status_as(store, viewer(store, "district"), code, "closed",
                                   expected_version=issue["version"])
    assert sl.get_issue(store, code)["closed_date"] == DATA_END
    last = sl.issue_history(store, code).iloc[-1]
    assert last["changed_at"] == dt.datetime(2020, 7, 15, 10, 11, 12)  # demo day, machine time
    snap = load_snapshot(store)
    after = progress_service.progress_view(snap, WUJIN, DATA_END).totals
    assert after["issues_closed"] == before["issues_closed"] + 1
    assert after["issues_rectified"] == before["issues_rectified"] - 1
    row = issues_in_scope(snap, WUJIN, DATA_END).set_index("issue_code").loc[code]
    assert row["status_asof"] == "closed" and row["overdue_days"] == 0


def _export_rows(snap, asof: dt.date) -> dict[str, dict]:
    book = openpyxl.load_workbook(io.BytesIO(exports.export_ledger_xlsx(snap, WUJIN, asof)))
    ws = book.active
    header = [c.value for c in ws[2]]
    return {r[0]: dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=3, values_only=True)}


def test_an_export_of_an_earlier_day_shows_no_later_closing(store):
    code = _rectified_in_wujin(store)
    issue = sl.get_issue(store, code)
    issue_service.change_status_as(store, viewer(store, "district"), code, "closed",
                                   expected_version=issue["version"])
    snap = load_snapshot(store)
    now_rows, then_rows = _export_rows(snap, DATA_END), _export_rows(snap, EARLIER)
    assert now_rows[code]["整改状态"] == "已销号"
    assert now_rows[code]["销号日期"].date() == DATA_END and now_rows[code]["验收人"] == "district"
    assert then_rows[code]["整改状态"] != "已销号"
    assert then_rows[code]["销号日期"] is None and then_rows[code]["验收人"] is None
    # No row of that day carries a date after it, and only closed rows carry a 销号日期.
    for row in then_rows.values():
        for column in ("整改完成日期", "销号日期"):
            assert row[column] is None or row[column].date() <= EARLIER, (column, row)
        assert (row["销号日期"] is not None) == (row["整改状态"] == "已销号"), row
        assert (row["验收人"] is not None) <= (row["整改状态"] == "已销号"), row
