"""The wall's read model on the demo: when the data last changed (not when the page was
drawn), the KPI moves against 7 days earlier, and the same worst district as the comparison."""

from __future__ import annotations

import datetime as dt

from paicha_geo.render import screen
from paicha_geo.services import compare_service, map_service, screen_service
from paicha_geo.services.data import EVERYTHING, Scope

WUJIN, LIYANG = Scope("320412"), Scope("320481")

def _wujin_issue(store) -> str:
    """The first 武进区 issue (its code's number depends on the demo's draw order)."""
    return store.cursor().execute("SELECT min(issue_code) FROM issue "
                                  "WHERE region_code LIKE '320412%'").fetchone()[0]


def _add_history(store, issue_code: str, at: dt.datetime) -> None:
    store.cursor().execute(
        "INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, actor) "
        "VALUES (?, ?, 'rectifying', 'rectified', '测试')", [issue_code, at])


def test_the_update_time_is_the_newest_change_in_scope_up_to_the_as_of_day(store):
    # The demo's last status changes are on 2020-07-14 at 09:00, in every district.
    assert screen_service.data_updated_at(store, WUJIN, dt.date(2020, 7, 15)) == \
        dt.datetime(2020, 7, 14, 9, 0)
    _add_history(store, _wujin_issue(store), dt.datetime(2020, 7, 15, 10, 30))
    at = dt.date(2020, 7, 15)
    assert screen_service.data_updated_at(store, WUJIN, at) == dt.datetime(2020, 7, 15, 10, 30)
    assert screen_service.data_updated_at(store, EVERYTHING, at) == \
        dt.datetime(2020, 7, 15, 10, 30)
    assert screen_service.data_updated_at(store, LIYANG, at) == dt.datetime(2020, 7, 14, 9, 0)
    # Seen as of the day before, a change made later does not count.
    assert screen_service.data_updated_at(store, WUJIN, dt.date(2020, 7, 14)) == \
        dt.datetime(2020, 7, 14, 9, 0)


def test_a_visit_counts_as_a_change_on_its_day(store):
    store.cursor().execute(
        "INSERT INTO visit (region_code, visit_date, visitors, kind) "
        "VALUES ('320481111207', DATE '2020-07-16', '测试', 'household')")
    got = screen_service.data_updated_at(store, LIYANG, dt.date(2020, 7, 16))
    assert got == dt.datetime(2020, 7, 16)
    assert screen.updated_text(got) == "数据更新于 2020-07-16"
    assert screen_service.data_updated_at(store, WUJIN, dt.date(2020, 7, 16)) == \
        dt.datetime(2020, 7, 14, 9, 0)


def test_kpi_moves_are_against_seven_days_earlier(snap):
    asof = dt.date(2020, 5, 31)
    view = screen_service.screen_view(snap, EVERYTHING, asof)
    week_ago = map_service.region_view(snap, EVERYTHING, dt.date(2020, 5, 24)).totals
    closed = view.changes["issues_closed"]
    assert closed.delta == view.view.totals["issues_closed"] - week_ago["issues_closed"] > 0
    assert closed.tone == "good"
    points = round((view.view.totals["closeout_rate"] - week_ago["closeout_rate"]) * 100, 1)
    assert view.changes["closeout_rate"].delta == points


def test_the_wall_and_the_comparison_page_agree_on_the_worst_district(snap):
    asof = dt.date(2020, 5, 31)
    view = screen_service.screen_view(snap, EVERYTHING, asof)
    html = screen.ranking(view.view.children["name"], view.view.child_metrics, "市(区)",
                          view.ranks, view.rank_by)
    table = compare_service.comparison_view(snap, EVERYTHING, asof).table
    worst = table.dropna(subset=["rank"]).iloc[-1]["name"]
    assert f'<tr class="worst"><td class="num">{int(table["rank"].max())}</td>' \
           f'<td>{worst}</td>' in html


def test_the_overdue_list_is_longest_overdue_first(snap):
    view = screen_service.screen_view(snap, EVERYTHING, dt.date(2020, 7, 15))
    days = view.most_overdue["overdue_days"]
    assert len(days) == 20 and days.is_monotonic_decreasing and (days > 0).all()
    assert not view.most_overdue.isna().any().any()


