"""Responsible units and 挂牌督办 on the hand-built ledger of test_progress.

As of 05-05: U1 holds A1 (closed on time, 27 days after found) and A2 (46 days overdue);
U2 holds A3 (closed late, 46 days after found) and A4 (5 days overdue); A5 has no unit
(closed on time, 4 days after found).
"""

import datetime as dt

import pandas as pd
import pytest

from paicha_geo.domain import units
from tests.domain.test_progress import asof

D = dt.date


def table(day):
    return units.unit_table(asof(day)).set_index("unit")


def test_unit_figures_by_hand():
    got = table(D(2020, 5, 5))
    u1, u2, none = got.loc["U1"], got.loc["U2"], got.loc[units.NO_UNIT]
    assert (u1.issues_found, u1.issues_open, u1.issues_overdue, u1.issues_escalate,
            u1.issues_closed) == (2, 1, 1, 1, 1)
    assert u1.ontime_rate == 0.5  # A1 on time; A2's deadline passed
    assert u1.closeout_rate == 0.5
    assert u1.avg_days_to_close == 27  # A1: 03-01 -> 03-28
    assert (u2.issues_found, u2.issues_open, u2.issues_overdue, u2.issues_escalate) == (
        2, 1, 1, 0)
    assert u2.ontime_rate == 0.0  # A3 closed after its deadline; A4 overdue
    assert u2.avg_days_to_close == 46  # A3: found 03-10, closed (again) 04-25
    assert none.ontime_rate == 1.0 and none.avg_days_to_close == 4


def test_ranking_best_first_by_on_time_rate():
    got = units.unit_table(asof(D(2020, 5, 5)))
    assert list(got["unit"]) == [units.NO_UNIT, "U1", "U2"]
    assert list(got["rank"]) == [1, 2, 3]


def test_ties_share_a_rank():
    # 03-31: U1's A1 closed on time, A2 overdue -> 0.5; U2's A3 closed on time -> 1.0.
    got = table(D(2020, 3, 31))
    assert got.loc["U2", "rank"] == 1 and got.loc["U1", "rank"] == 2
    # 04-06: A5 (no unit) also 1.0 on time; U2's A3 reopened, not yet due -> nothing to judge.
    got = table(D(2020, 4, 6))
    assert got.loc[units.NO_UNIT, "rank"] == 1
    assert pd.isna(got.loc["U2", "ontime_rate"]) and pd.isna(got.loc["U2", "rank"])


def test_a_unit_with_nothing_to_judge_has_no_rate_and_no_rank():
    # 03-12: every issue is open and within its deadline; nothing closed yet.
    got = table(D(2020, 3, 12))
    for unit in ("U1", "U2"):
        row = got.loc[unit]
        assert row.issues_outcome_known == 0
        assert pd.isna(row.ontime_rate) and pd.isna(row["rank"])
        assert pd.isna(row.avg_days_to_close)  # nothing closed: undefined, not 0
    assert got.loc["U1", "closeout_rate"] == 0.0  # 0 of 2 found: a real zero


@pytest.mark.parametrize(("day", "escalated"), [
    (D(2020, 4, 19), []),                # A2 is 30 days late: not yet
    (D(2020, 4, 20), ["A2"]),            # 31 days
    (D(2020, 5, 30), ["A2"]),            # A4 is 30 days late
    (D(2020, 5, 31), ["A2", "A4"]),      # A4 31 days; most overdue first
])
def test_escalation_after_30_days(day, escalated):
    assert list(units.escalations(asof(day))["issue_code"]) == escalated


def test_empty_ledger_gives_an_empty_table():
    empty = units.unit_table(asof(D(2020, 1, 1)))
    assert empty.empty and "ontime_rate" in empty.columns
