"""The 通报's figures on small hand-computed tables: the week's flow, the rank moves, who is
behind the region and by how much, which units are behind."""

import datetime as dt

import pandas as pd
import pytest

from paicha_geo.domain import bulletin as b

ASOF = dt.date(2020, 5, 31)


def series(rows: dict) -> pd.DataFrame:
    """date -> (found, rectified, closed) as a daily cumulative series."""
    frame = pd.DataFrame([(pd.Timestamp(d), *v) for d, v in rows.items()],
                         columns=["date", "found", "rectified", "closed"])
    return frame.set_index("date")


def test_the_week_is_the_change_over_the_seven_days_ending_at_the_asof_date():
    s = series({"2020-05-23": (10, 4, 2), "2020-05-24": (12, 5, 3),
                "2020-05-30": (15, 9, 7), "2020-05-31": (16, 9, 6)})  # a reopen on 31st
    week = b.week_flow(s, ASOF)
    assert (week.first_day, week.last_day) == (dt.date(2020, 5, 25), ASOF)
    assert (week.found, week.rectified, week.closed) == (4, 4, 3)  # 16-12, 9-5, 6-3


def test_a_week_that_starts_before_the_series_counts_from_zero():
    week = b.week_flow(series({"2020-05-29": (3, 1, 1), "2020-05-31": (5, 2, 1)}), ASOF)
    assert (week.found, week.rectified, week.closed) == (5, 2, 1)


TABLE = pd.DataFrame({
    "code": ["a", "b", "c", "d"], "name": ["甲区", "乙区", "丙区", "丁区"],
    "rank": [1.0, 2.0, 3.0, float("nan")], "rank_before": [2.0, 1.0, 3.0, 2.0],
    "rank_change": [1.0, -1.0, 0.0, float("nan")],
    "ontime_rate": [0.9, 0.612, 0.5, float("nan")],
    "open_per_100_households": [1.0, 4.5, 2.0, 3.0],
})


def test_the_worst_is_the_last_ranked_child_and_unranked_ones_are_never_worst():
    assert b.worst(TABLE)["name"] == "丙区"
    assert b.worst(TABLE.assign(rank=float("nan"))) is None


def test_rank_moves_list_climbers_then_fallers_and_leave_out_the_unmoved():
    moves = b.rank_moves(TABLE)
    assert list(moves["name"]) == ["甲区", "乙区"]
    assert list(moves["rank_change"]) == [1.0, -1.0]


def test_behind_the_region_on_a_rate_where_higher_is_better():
    out = b.behind(TABLE, 0.784, "ontime_rate")
    assert list(out["name"]) == ["丙区", "乙区"]  # worst first; 丁区 has no rate
    assert out["gap"].to_list() == pytest.approx([0.284, 0.172])  # 17.2 points for 乙区


def test_behind_the_region_on_a_rate_where_lower_is_better():
    out = b.behind(TABLE, 2.5, "open_per_100_households")
    assert list(out["name"]) == ["乙区", "丁区"]
    assert out["gap"].to_list() == pytest.approx([2.0, 0.5])


def test_units_behind_need_enough_outcomes_and_are_capped():
    units = pd.DataFrame({
        "unit": ["市住建局", "市教育局", "一件事局", "市民政局", ""],
        "ontime_rate": [0.40, 0.70, 0.0, 0.55, 0.30],
        "issues_outcome_known": [20, 30, 1, 10, 12],
        "issues_overdue": [3, 0, 1, 2, 4],
    })
    out = b.units_behind(units, 0.6, min_outcomes=10, limit=2)
    assert list(out["unit"]) == ["", "市住建局"]  # 一件事局: one outcome is not a trend
    assert out["gap"].to_list() == pytest.approx([0.30, 0.20])
    assert list(out["issues_overdue"]) == [4, 3]


def test_issues_counted_by_child_most_first_empty_children_left_out():
    children = pd.DataFrame({"code": ["320402000000", "320404000000", "320411000000"],
                             "name": ["天宁区", "钟楼区", "新北区"]})
    codes = pd.Series(["320411001001", "320402000000", "320411100000", "320411000000"])
    out = b.count_by_child(codes, children, 6)
    assert out.to_dict("list") == {"name": ["新北区", "天宁区"], "count": [3, 1]}
