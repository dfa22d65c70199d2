"""Issue 17.6: which fact version holds on a day, on hand-built versions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from paicha_geo.config import default_campaign
from paicha_geo.domain import fact_versions as fv
from paicha_geo.domain import rules

CAMPAIGN = default_campaign()[0]

D = dt.date(2020, 4, 10)
FACTS = ("per_capita_income", "house_grade", "all_insured")


def _current() -> pd.DataFrame:
    return pd.DataFrame({"household_id": ["a", "b", "c"], "village_code": ["v"] * 3,
                         "exit_status": ["exited"] * 3,
                         "per_capita_income": [6500.0, 9000.0, 8000.0],
                         "house_grade": ["A", "D", "B"], "all_insured": [True, True, False]})


def _history() -> pd.DataFrame:
    """a: 8000 undated, then 6500 verified on D; b: verified on D+1 only (with a same-day
    correction recorded later); c: verified long before."""
    return pd.DataFrame({
        "household_id": ["a", "a", "b", "b", "c"],
        "verified_on": pd.to_datetime([None, D, D + dt.timedelta(days=1),
                                       D + dt.timedelta(days=1), "2020-02-01"]),
        "per_capita_income": [8000.0, 6500.0, 9500.0, 9000.0, 8000.0],
        "house_grade": ["C", "A", "C", "D", "B"],
        "all_insured": [True, True, True, True, False],
    })


def test_a_version_verified_on_d_counts_on_d_not_on_d_minus_1():
    before = fv.facts_on(_current(), _history(), "household_id", FACTS,
                         D - dt.timedelta(days=1)).set_index("household_id")
    on = fv.facts_on(_current(), _history(), "household_id", FACTS, D).set_index("household_id")
    assert before.loc["a", "per_capita_income"] == 8000 and before.loc["a", "house_grade"] == "C"
    assert on.loc["a", "per_capita_income"] == 6500 and on.loc["a", "house_grade"] == "A"


def test_a_household_with_no_version_by_d_has_every_fact_blank_and_is_unknown():
    on = fv.facts_on(_current(), _history(), "household_id", FACTS, D)
    b = on[on["household_id"] == "b"]
    assert b[list(FACTS)].isna().all(axis=None)
    assert b.iloc[0]["exit_status"] == "exited"  # registration is kept
    outcomes = rules.household_outcomes(b.assign(
        school_age_children=np.nan, children_out_of_school=np.nan,
        children_out_of_school_physical=np.nan, inpatient_selfpay_share=np.nan,
        safe_water=None, excess_fluoride=None, social_floor_eligible=None,
        social_floor_covered=None), CAMPAIGN).iloc[0]
    assert set(outcomes) == {"unknown"}


def test_same_day_versions_are_taken_in_the_order_recorded():
    later = fv.facts_on(_current(), _history(), "household_id", FACTS,
                        D + dt.timedelta(days=1)).set_index("household_id")
    assert later.loc["b", "per_capita_income"] == 9000 and later.loc["b", "house_grade"] == "D"


def test_a_false_fact_stays_false_and_the_dtype_keeps_blanks():
    on = fv.facts_on(_current(), _history(), "household_id", FACTS, D).set_index("household_id")
    assert pd.notna(on.loc["c", "all_insured"]) and not on.loc["c", "all_insured"]
    assert pd.isna(on.loc["b", "all_insured"])  # not True: a bool column with a blank


def test_from_the_newest_day_on_nothing_changes():
    assert fv.last_change_day(_history()) == pd.Timestamp(D + dt.timedelta(days=1))
    assert fv.last_change_day(_history().assign(verified_on=pd.NaT)) is None
    later = fv.facts_on(_current(), _history(), "household_id", FACTS,
                        D + dt.timedelta(days=30))
    pd.testing.assert_frame_equal(later, _current(), check_dtype=False)


def test_a_single_version_is_the_current_row_from_its_day_on():
    """The snapshot keeps only keys with several versions in `history`; the others are their
    current row, verified on `first_day` (NaT: undated, known since the beginning)."""
    first = pd.to_datetime(["2020-04-10", None, "2020-04-11"]).to_numpy()
    several = _history()[_history()["household_id"] == "a"]
    on = fv.facts_on(_current(), several, "household_id", FACTS, D,
                     first_day=first).set_index("household_id")
    assert on.loc["a", "per_capita_income"] == 6500  # from its versions
    assert on.loc["b", "house_grade"] == "D"  # undated: known since the beginning
    assert on[["per_capita_income", "house_grade", "all_insured"]].loc["c"].isna().all()
    on_next = fv.facts_on(_current(), several, "household_id", FACTS,
                          D + dt.timedelta(days=1), first_day=first).set_index("household_id")
    assert on_next.loc["c", "per_capita_income"] == 8000 and not on_next.loc["c", "all_insured"]
