"""Progress over time, on a five-issue ledger whose answers were worked out by hand.

Deadline of the campaign: 2020-06-30. Issues (found, deadline, history):
  A1  03-01, 03-31: rectifying 03-10, rectified 03-25, closed 03-28 (on time)
  A2  03-05, 03-20: rectifying 03-06, never finished (overdue from 03-21)
  A3  03-10, 04-10: rectifying 03-15, rectified 03-20, closed 03-22, 回头看 reopened 04-05,
                    rectifying 04-08, rectified 04-20, closed 04-25 (late)
  A4  04-01, 04-30: no history at all (待整改 from its found date; overdue from 05-01)
  A5  04-02, 05-31: rectifying 09:00 and rectified 15:00 on 04-03, closed 04-06
"""

import datetime as dt

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import metrics as m
from paicha_geo.domain import progress

CAMPAIGN, CHECKLIST = default_campaign()
D = dt.date

ISSUES = pd.DataFrame({
    "issue_code": ["A1", "A2", "A3", "A4", "A5"],
    "region_code": ["320401001201", "320401001202", "320402001201", "320402001201",
                    "320401000000"],
    "item_code": ["1.1.1", "1.2.1", "3.3.1", "3.3.2", "1.1.2"],
    "source": ["audit", "audit", "public_report", "self_inspection", "audit"],
    "responsible_unit": ["U1", "U1", "U2", "U2", None],
    "found_date": pd.to_datetime(["2020-03-01", "2020-03-05", "2020-03-10", "2020-04-01",
                                  "2020-04-02"]).date,
    "deadline": pd.to_datetime(["2020-03-31", "2020-03-20", "2020-04-10", "2020-04-30",
                                "2020-05-31"]).date,
})


def history():
    rows = [
        ("A1", "03-01 10:00", None, "pending"), ("A1", "03-10 10:00", "pending", "rectifying"),
        ("A1", "03-25 10:00", "rectifying", "rectified"),
        ("A1", "03-28 10:00", "rectified", "closed"),
        ("A2", "03-05 10:00", None, "pending"), ("A2", "03-06 10:00", "pending", "rectifying"),
        ("A3", "03-10 10:00", None, "pending"), ("A3", "03-15 10:00", "pending", "rectifying"),
        ("A3", "03-20 10:00", "rectifying", "rectified"),
        ("A3", "03-22 10:00", "rectified", "closed"),
        ("A3", "04-05 10:00", "closed", "pending"),
        ("A3", "04-08 10:00", "pending", "rectifying"),
        ("A3", "04-20 10:00", "rectifying", "rectified"),
        ("A3", "04-25 10:00", "rectified", "closed"),
        ("A5", "04-02 10:00", None, "pending"), ("A5", "04-03 09:00", "pending", "rectifying"),
        ("A5", "04-03 15:00", "rectifying", "rectified"),
        ("A5", "04-06 10:00", "rectified", "closed"),
    ]
    frame = pd.DataFrame(rows, columns=["issue_code", "changed_at", "from_status", "to_status"])
    frame["changed_at"] = pd.to_datetime("2020-" + frame["changed_at"])
    frame["history_id"] = range(1, len(frame) + 1)
    return frame.sample(frac=1, random_state=1)  # order must not matter


START, END = D(2020, 2, 25), D(2020, 7, 10)


def series(start=START, end=END):
    return progress.daily_series(ISSUES, history(), start, end)


def asof(day):
    return m.status_as_of(ISSUES, history(), day)


@pytest.mark.parametrize(("day", "found", "rectified", "closed", "open_", "overdue"), [
    (D(2020, 2, 29), 0, 0, 0, 0, 0),
    (D(2020, 3, 31), 3, 2, 2, 1, 1),   # A1, A3 closed; A2 overdue since 03-21
    (D(2020, 4, 6), 5, 2, 2, 3, 1),    # A3 reopened 04-05 (not yet due); A5 closed
    (D(2020, 4, 15), 5, 2, 2, 3, 2),   # A3 rectifying after its 04-10 deadline
    (D(2020, 4, 20), 5, 3, 2, 3, 1),   # A3 rectified: awaiting verification is not overdue
    (D(2020, 5, 5), 5, 3, 3, 2, 2),    # A3 closed again; A4 overdue since 05-01
])
def test_daily_series_by_hand(day, found, rectified, closed, open_, overdue):
    row = series().loc[pd.Timestamp(day)]
    assert (row.found, row.rectified, row.closed, row.open, row.overdue) == (
        found, rectified, closed, open_, overdue)


def test_the_reopen_takes_an_issue_out_of_the_closed_curve_and_back():
    closed = series()["closed"]
    assert closed[pd.Timestamp("2020-04-04")] == 2  # A1, A3
    assert closed[pd.Timestamp("2020-04-05")] == 1  # A3 reopened by 回头看
    assert closed[pd.Timestamp("2020-04-25")] == 3  # A1, A5, A3 again


def test_series_agrees_with_status_as_of_on_every_day():
    days = pd.date_range("2020-02-25", "2020-07-10").date
    fast = series()
    slow = progress.series_from_snapshots(ISSUES, history(), days)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, check_freq=False,
                                  check_names=False)


def test_series_agrees_with_status_as_of_on_the_demo(snap):
    days = [D(2020, 1, 20), D(2020, 3, 31), D(2020, 5, 31), D(2020, 6, 30), D(2020, 7, 10)]
    fast = progress.daily_series(snap.issues, snap.history, D(2020, 1, 1), D(2020, 7, 10))
    slow = progress.series_from_snapshots(snap.issues, snap.history, days)
    assert (fast.loc[slow.index] == slow).all().all()
    assert slow.loc[pd.Timestamp("2020-05-31"), "open"] > 0


def test_series_before_anything_was_found_is_all_zero():
    early = progress.daily_series(ISSUES, history(), D(2020, 1, 1), D(2020, 1, 3))
    assert len(early) == 3 and (early == 0).all().all()


def test_required_pace_is_open_over_days_left():
    b = progress.burndown(series(end=D(2020, 5, 5)), D(2020, 5, 5), CAMPAIGN.deadline)
    assert (b.open_now, b.days_left) == (2, 56)
    assert b.required_pace == pytest.approx(2 / 56)
    assert b.recent_pace == 0.0  # nothing closed 04-28 .. 05-05
    assert b.projected_finish is None  # at that pace it never ends
    assert b.plan["needed"].iloc[0] == 2 and b.plan["needed"].iloc[-1] == 0
    assert b.plan["date"].iloc[-1] == pd.Timestamp("2020-06-30")


def test_recent_pace_and_projected_finish():
    b = progress.burndown(series(end=D(2020, 4, 25)), D(2020, 4, 25), CAMPAIGN.deadline)
    assert b.open_now == 2  # A2, A4
    assert b.recent_pace == pytest.approx(1 / 7)  # A3 closed again in the last 7 days
    assert b.projected_finish == D(2020, 5, 9)  # 2 issues at 1/7 a day: 14 days
    assert b.required_pace == pytest.approx(2 / 66)


@pytest.mark.parametrize("day", [D(2020, 6, 30), D(2020, 7, 10)])
def test_no_required_pace_on_or_after_the_deadline(day):
    b = progress.burndown(series(end=day), day, CAMPAIGN.deadline)
    assert b.days_left <= 0
    assert pd.isna(b.required_pace)  # never a division by zero or a negative pace
    assert b.plan.empty


def test_pace_window_shrinks_to_the_days_available_and_nothing_open_is_done():
    short = progress.daily_series(ISSUES, history(), D(2020, 3, 26), D(2020, 3, 28))
    b = progress.burndown(short, D(2020, 3, 28), CAMPAIGN.deadline)
    assert b.window == 2
    assert b.recent_pace == pytest.approx(1 / 2)  # A1 closed 03-28
    one_day = progress.daily_series(ISSUES, history(), D(2020, 3, 28), D(2020, 3, 28))
    assert pd.isna(progress.burndown(one_day, D(2020, 3, 28), CAMPAIGN.deadline).recent_pace)
    empty = progress.daily_series(ISSUES, history(), D(2020, 2, 1), D(2020, 2, 2))
    done = progress.burndown(empty, D(2020, 2, 2), CAMPAIGN.deadline)
    assert done.open_now == 0 and done.required_pace == 0 and done.projected_finish == D(
        2020, 2, 2)


def buckets(day):
    return progress.ageing(asof(day)).set_index("key")["issues"].to_dict()


def test_ageing_by_hand():
    # 05-05: A2 is 46 days late, A4 5 days.
    assert buckets(D(2020, 5, 5)) == {"1_7": 1, "8_30": 0, "over_30": 1}


@pytest.mark.parametrize(("day", "bucket"), [
    (D(2020, 5, 7), "1_7"), (D(2020, 5, 8), "8_30"), (D(2020, 5, 30), "8_30"),
    (D(2020, 5, 31), "over_30"),
])
def test_ageing_boundaries_7_8_30_31(day, bucket):
    # A4 (deadline 04-30, never touched) is (day - 04-30) days late.
    a4 = asof(day)
    a4 = a4[a4["issue_code"] == "A4"]
    got = progress.ageing(a4).set_index("key")["issues"]
    assert got[bucket] == 1 and got.sum() == 1


def test_ageing_leaves_out_issues_that_are_not_overdue():
    frame = pd.DataFrame({"overdue_days": [0, 0, 1, 7, 8, 30, 31, 100]})
    assert progress.ageing(frame).set_index("key")["issues"].to_dict() == {
        "1_7": 2, "8_30": 2, "over_30": 2}


def test_breakdown_by_group_by_hand():
    got = progress.breakdown(asof(D(2020, 5, 5)), CHECKLIST, "group").set_index("key")
    impl, prec, guar = (got.loc[k] for k in ("implementation", "precision", "guarantees"))
    # 三落实: A1 closed on time, A2 overdue, A5 closed on time.
    assert (impl.issues_found, impl.issues_closed, impl.issues_open, impl.issues_overdue) == (
        3, 2, 1, 1)
    assert impl.closeout_rate == pytest.approx(2 / 3)
    assert impl.ontime_rate == pytest.approx(2 / 3)
    assert impl["name"] == "三落实"
    # 三精准: nothing found: listed, with undefined rates.
    assert prec.issues_found == 0
    assert pd.isna(prec.closeout_rate) and pd.isna(prec.ontime_rate)
    # 三保障: A3 closed late, A4 overdue.
    assert (guar.issues_found, guar.issues_closed, guar.issues_overdue) == (2, 1, 1)
    assert guar.ontime_rate == 0.0
    assert list(got.index) == ["implementation", "precision", "guarantees"]


def test_breakdown_by_part_item_and_source():
    issues = asof(D(2020, 5, 5))
    parts = progress.breakdown(issues, CHECKLIST, "part").set_index("key")
    assert len(parts) == CHECKLIST["part_key"].nunique()
    assert parts.loc["housing", "issues_found"] == 2 and parts.loc["policy", "issues_open"] == 1
    items = progress.breakdown(issues, CHECKLIST, "item").set_index("key")
    assert list(items.index) == ["1.1.1", "1.1.2", "1.2.1", "3.3.1", "3.3.2"]  # found only
    assert items.loc["3.3.2", "name"].startswith("3.3.2 ")
    sources = progress.breakdown(issues, CHECKLIST, "source").set_index("key")
    assert sources.loc["audit", "issues_found"] == 3
    assert sources.loc["audit", "closeout_rate"] == pytest.approx(2 / 3)
    assert sources.loc["inspection_tour", "issues_found"] == 0
    assert pd.isna(sources.loc["inspection_tour", "closeout_rate"])


def test_status_as_of_last_change_of_a_day_wins_and_a_reclose_is_judged_again():
    """Time-travel cases test_metrics lacks: two changes on one day, and an issue closed on
    time, reopened by 回头看 and closed again after its deadline."""
    day = asof(D(2020, 4, 3)).set_index("issue_code")
    assert day.loc["A5", "status_asof"] == "rectified"  # 09:00 rectifying, 15:00 rectified
    first = asof(D(2020, 3, 31)).set_index("issue_code").loc["A3"]
    assert first.status_asof == "closed" and first.closed_on_time
    reopened = asof(D(2020, 4, 12)).set_index("issue_code").loc["A3"]
    assert reopened.status_asof == "rectifying" and reopened.overdue_days == 2
    again = asof(D(2020, 5, 5)).set_index("issue_code").loc["A3"]
    assert again.status_asof == "closed" and not again.closed_on_time
    assert again.status_since.date() == D(2020, 4, 25)
