"""A village's own status and the N worst places, on frames small enough to check by eye."""

import math

import pandas as pd
import pytest

from paicha_geo.domain.village_status import gravity, on_map, village_status
from paicha_geo.domain.worst import higher_is_worse, worst


@pytest.mark.parametrize(("open_", "overdue", "want"), [
    (0, 0, "cleared"),  # nothing open (or nothing found): 已清零
    (3, 0, "open"),  # open, all within their deadline
    (3, 1, "overdue"),  # one overdue is enough
    (1, 1, "overdue"),
])
def test_a_village_is_counted_under_its_worst_state(open_, overdue, want):
    frame = pd.DataFrame({"issues_open": [open_], "issues_overdue": [overdue]})
    assert village_status(frame).iloc[0] == want


def test_gravity_sorts_overdue_first_and_cleared_last():
    status = pd.Series(["cleared", "overdue", "open"])
    assert list(status.iloc[gravity(status).argsort()]) == ["overdue", "open", "cleared"]


def test_points_show_every_weak_village_and_only_overdue_others():
    weak = pd.Series(["province", None, None, "city"])
    status = pd.Series(["cleared", "overdue", "open", "open"])
    assert list(on_map(weak, status)) == [True, True, False, True]


# Five places: A..E. issues_open 4, 2, 2, 0, 2; overdue 0, 0, 1, 0, 0; closeout_rate
# 0.5, 1.0, 0.2, NaN, 0.2.
PLACES = pd.DataFrame({
    "code": ["A", "B", "C", "D", "E"],
    "issues_open": [4, 2, 2, 0, 2],
    "issues_overdue": [0, 0, 1, 0, 0],
    "closeout_rate": [0.5, 1.0, 0.2, math.nan, 0.2],
})


def test_counts_worst_first_ties_share_a_rank_and_break_by_overdue_then_code():
    got = worst(PLACES, "issues_open", 3)
    # A (4) first; B, C, E tie on 2: C has an overdue issue, then B before E by code.
    assert list(got.rows["code"]) == ["A", "C", "B"]
    assert list(got.rows["rank"]) == [1, 2, 2]
    assert got.tied_beyond == 1  # E equals the last one listed


def test_a_place_with_nothing_wrong_is_never_among_the_worst():
    got = worst(PLACES, "issues_open", 10)
    assert "D" not in set(got.rows["code"])  # 0 open issues
    assert got.tied_beyond == 0


def test_low_rates_are_worse_and_ideal_or_undefined_rates_are_left_out():
    got = worst(PLACES, "closeout_rate", 10)
    # C and E at 20 % (C first: an overdue issue), then A at 50 %; B is at 100 %, D undefined.
    assert list(got.rows["code"]) == ["C", "E", "A"]
    assert list(got.rows["rank"]) == [1, 1, 3]


def test_direction_follows_the_comparison_page_for_rates_and_counts_grow_worse():
    assert not higher_is_worse("closeout_rate")
    assert not higher_is_worse("ontime_rate")
    assert higher_is_worse("open_per_100_households")
    assert higher_is_worse("issues_overdue")
    assert higher_is_worse("households_failing_any")
