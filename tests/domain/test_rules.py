"""The screening rules at their boundaries (thresholds from the campaign settings)."""

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import rules

CAMPAIGN = default_campaign()[0]


def household(**facts):
    base = {
        "per_capita_income": 9000.0, "school_age_children": 0, "children_out_of_school": 0,
        "children_out_of_school_physical": 0, "all_insured": True,
        "inpatient_selfpay_share": None, "house_grade": "A", "safe_water": True,
        "excess_fluoride": False, "social_floor_eligible": False, "social_floor_covered": False,
    }
    base.update(facts)
    return pd.DataFrame([base])


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


def test_low_income_alone_is_not_a_guarantee_failure():
    result = rules.household_failures(household(per_capita_income=100.0), CAMPAIGN)
    assert not result["any_guarantee"].iloc[0]


@pytest.mark.parametrize(
    ("weak_type", "operating", "disposable", "fails"),
    [
        ("province", 179_999, 999_999, True),
        ("province", 180_000, 0, False),
        ("city", 999_999, 349_999, True),
        ("city", 0, 350_000, False),
        (None, 0, 0, False),
    ],
)
def test_weak_village_income_standard(weak_type, operating, disposable, fails):
    villages = pd.DataFrame([{"weak_type": weak_type, "collective_operating_income": operating,
                              "collective_disposable_income": disposable}])
    result = rules.village_income_standard(villages, CAMPAIGN)
    assert bool(result["fails"].iloc[0]) is fails


def test_thresholds_follow_the_campaign_not_literals():
    from dataclasses import replace

    later = replace(CAMPAIGN, income_threshold=8000.0)
    result = rules.household_failures(household(per_capita_income=7500.0), later)
    assert result["income"].iloc[0]
