"""The screening rules at their boundaries (thresholds from the campaign settings), with
missing facts (未填报: never a pass) and each rule's population (as the seed states it)."""

from dataclasses import replace

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import rules

CAMPAIGN = default_campaign()[0]
NA = None


def household(**facts):
    base = {
        "per_capita_income": 9000.0, "exit_status": "exited", "school_age_children": 0,
        "children_out_of_school": 0, "children_out_of_school_physical": 0,
        "all_insured": True, "inpatient_selfpay_share": None, "house_grade": "A",
        "safe_water": True, "excess_fluoride": False, "social_floor_eligible": False,
        "social_floor_covered": False,
    }
    base.update(facts)
    return pd.DataFrame([base])


def outcome(check, **facts):
    return rules.household_outcomes(household(**facts), CAMPAIGN)[check].iloc[0]


@pytest.mark.parametrize(
    ("facts", "check", "fails"),
    [
        ({"per_capita_income": 6999.0}, "income", True),
        ({"per_capita_income": 7000.0}, "income", False),
        ({"inpatient_selfpay_share": 0.100}, "medical", False),
        ({"inpatient_selfpay_share": 0.101}, "medical", True),
        ({"all_insured": False}, "medical", True),
        ({"house_grade": "B"}, "housing", False),
        ({"house_grade": "C"}, "housing", True),
        ({"house_grade": "D"}, "housing", True),
        ({"school_age_children": 1, "children_out_of_school": 1}, "education", True),
        ({"school_age_children": 1, "children_out_of_school": 1,
          "children_out_of_school_physical": 1}, "education", False),
        ({"excess_fluoride": True}, "water", True),
        ({"safe_water": False}, "water", True),
        ({"social_floor_eligible": True, "social_floor_covered": False}, "social_floor", True),
        ({"social_floor_eligible": True, "social_floor_covered": True}, "social_floor", False),
    ],
)
def test_household_rule_boundaries(facts, check, fails):
    result = rules.household_failures(household(**facts), CAMPAIGN)
    assert bool(result[check].iloc[0]) is fails
    if check != "income":
        assert bool(result["any_guarantee"].iloc[0]) is fails


@pytest.mark.parametrize(
    ("facts", "check", "expected"),
    [
        # A missing fact is unknown, never a pass.
        ({"per_capita_income": NA}, "income", rules.UNKNOWN),
        ({"house_grade": NA}, "housing", rules.UNKNOWN),
        ({"all_insured": NA}, "medical", rules.UNKNOWN),
        ({"safe_water": NA}, "water", rules.UNKNOWN),
        ({"excess_fluoride": NA}, "water", rules.UNKNOWN),
        ({"social_floor_eligible": NA}, "social_floor", rules.UNKNOWN),
        ({"social_floor_eligible": True, "social_floor_covered": NA}, "social_floor",
         rules.UNKNOWN),
        ({"school_age_children": NA}, "education", rules.UNKNOWN),
        ({"school_age_children": 2, "children_out_of_school": NA}, "education", rules.UNKNOWN),
        ({"school_age_children": 1, "children_out_of_school": 1,
          "children_out_of_school_physical": NA}, "education", rules.UNKNOWN),
        # A fact that alone decides a failure fails whatever else is missing.
        ({"all_insured": False, "inpatient_selfpay_share": NA}, "medical", rules.FAIL),
        ({"all_insured": NA, "inpatient_selfpay_share": 0.2}, "medical", rules.FAIL),
        ({"safe_water": NA, "excess_fluoride": True}, "water", rules.FAIL),
        ({"school_age_children": NA, "children_out_of_school": 1}, "education", rules.FAIL),
        # A blank self-paid share is no inpatient stay: it decides nothing.
        ({"inpatient_selfpay_share": NA}, "medical", rules.PASS),
        # No dropout needs no physical-reason count.
        ({"school_age_children": 1, "children_out_of_school_physical": NA}, "education",
         rules.PASS),
        # Outside the population: not counted at all.
        ({"school_age_children": 0}, "education", rules.NOT_APPLICABLE),
        ({"social_floor_eligible": False, "social_floor_covered": NA}, "social_floor",
         rules.NOT_APPLICABLE),
    ],
)
def test_three_outcomes_and_missing_facts(facts, check, expected):
    assert outcome(check, **facts) == expected


def test_missing_facts_are_neither_failures_nor_passes_in_the_boolean_views():
    people = pd.concat([household(per_capita_income=NA), household(house_grade=NA),
                        household()], ignore_index=True)
    fails = rules.household_failures(people, CAMPAIGN)
    unknown = rules.household_unknowns(people, CAMPAIGN)
    assert not fails[["income", "housing"]].to_numpy().any()
    assert unknown["income"].tolist() == [True, False, False]
    assert unknown["housing"].tolist() == [False, True, False]
    assert unknown["any_guarantee"].tolist() == [False, True, False]


@pytest.mark.parametrize(("check", "facts"), [("income", {"per_capita_income": 100.0}),
                                              ("housing", {"house_grade": "D"})])
def test_exit_criteria_apply_to_exited_households_only(check, facts):
    assert outcome(check, exit_status="exited", **facts) == rules.FAIL
    assert outcome(check, exit_status="not_exited", **facts) == rules.NOT_APPLICABLE
    aside = rules.not_exited_failures(household(exit_status="not_exited", **facts), CAMPAIGN)
    assert aside[check].iloc[0]
    assert not rules.not_exited_failures(household(exit_status="exited", **facts),
                                         CAMPAIGN)[check].iloc[0]


def test_guarantees_other_than_housing_apply_to_not_exited_households_too():
    for check, facts in (("medical", {"all_insured": False}), ("water", {"safe_water": False}),
                         ("education", {"school_age_children": 1, "children_out_of_school": 1})):
        assert outcome(check, exit_status="not_exited", **facts) == rules.FAIL


def test_low_income_alone_is_not_a_guarantee_failure():
    result = rules.household_failures(household(per_capita_income=100.0), CAMPAIGN)
    assert not result["any_guarantee"].iloc[0]


@pytest.mark.parametrize(
    ("weak_type", "operating", "disposable", "fails", "unknown"),
    [
        ("province", 179_999, 999_999, True, False),
        ("province", 180_000, 0, False, False),
        ("province", NA, 999_999, False, True),
        ("city", 999_999, 349_999, True, False),
        ("city", 0, 350_000, False, False),
        ("city", 999_999, NA, False, True),
        (None, 0, 0, False, False),
        (None, NA, NA, False, False),
    ],
)
def test_weak_village_income_standard(weak_type, operating, disposable, fails, unknown):
    villages = pd.DataFrame([{"weak_type": weak_type, "collective_operating_income": operating,
                              "collective_disposable_income": disposable}])
    result = rules.village_income_standard(villages, CAMPAIGN)
    assert bool(result["fails"].iloc[0]) is fails
    assert bool(result["unknown"].iloc[0]) is unknown


def test_thresholds_follow_the_campaign_not_literals():
    later = replace(CAMPAIGN, income_threshold=8000.0)
    result = rules.household_failures(household(per_capita_income=7500.0), later)
    assert result["income"].iloc[0]
