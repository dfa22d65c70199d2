"""两不愁三保障 figures and masking, on hand-built households."""

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import guarantees, privacy

CAMPAIGN = default_campaign()[0]


def households():
    base = {"village_code": "320412001201", "per_capita_income": 9000.0,
            "school_age_children": 0, "children_out_of_school": 0,
            "children_out_of_school_physical": 0, "all_insured": True,
            "inpatient_selfpay_share": None, "house_grade": "A", "safe_water": True,
            "excess_fluoride": False, "social_floor_eligible": False,
            "social_floor_covered": False}
    rows = [
        dict(base, school_age_children=2, children_out_of_school=1),  # education fails
        dict(base, school_age_children=1),  # education passes
        dict(base, house_grade="D", per_capita_income=6999.0),  # housing + income fail
        dict(base, social_floor_eligible=True, social_floor_covered=True),
        dict(base),
    ]
    return pd.DataFrame(rows)


VILLAGES = pd.DataFrame({
    "code": ["320412001201", "320412001202", "320412001203"],
    "weak_type": ["province", "city", None],
    "collective_operating_income": [179_999, 500_000, 0],
    "collective_disposable_income": [900_000, 350_000, 0],
})


def test_summary_counts_checked_failing_and_clearance():
    s = guarantees.summary(households(), VILLAGES, CAMPAIGN)
    assert (s.loc["education", "checked"], s.loc["education", "failing"]) == (2, 1)
    assert s.loc["education", "rate"] == pytest.approx(0.5)
    assert (s.loc["housing", "checked"], s.loc["housing", "failing"]) == (5, 1)
    assert (s.loc["social_floor", "checked"], s.loc["social_floor", "failing"]) == (1, 0)
    assert (s.loc["income", "failing"], s.loc["water", "failing"]) == (1, 0)
    assert (s.loc["village_income", "checked"], s.loc["village_income", "failing"]) == (2, 1)
    # One failure keeps the flag red however good the average is.
    assert not s.loc["housing", "cleared"] and s.loc["water", "cleared"]


def test_an_empty_region_has_no_rate_and_is_cleared():
    s = guarantees.summary(households().iloc[:0], VILLAGES.iloc[:0], CAMPAIGN)
    assert s["rate"].isna().all()
    assert s["cleared"].all()


def test_household_checks_name_each_failure():
    checks = guarantees.household_checks(households(), CAMPAIGN)
    assert checks["failing"].tolist() == [["education"], [], ["housing", "income"], [], []]
    assert checks["failing_count"].tolist() == [1, 0, 2, 0, 0]


def test_map_columns_per_100_and_clearance():
    metrics = pd.DataFrame({"failing_housing": [0, 3, 0], "households_below_income": [1, 0, 0],
                            "households": [10, 50, 0]})
    cols = guarantees.map_columns(metrics, "housing")
    assert cols["guarantee_per_100"].tolist()[:2] == [0.0, 6.0]
    assert pd.isna(cols["guarantee_per_100"].iloc[2])
    assert cols["guarantee_clear"].tolist() == ["cleared", "failing", "none"]


@pytest.mark.parametrize(("name", "masked"), [("张三", "张*"), ("张三丰", "张*丰"),
                                              ("欧阳小明", "欧**明"), ("", ""), (None, "")])
def test_names_are_masked(name, masked):
    assert privacy.mask_name(name) == masked


def test_id_numbers_are_masked():
    assert privacy.mask_id("320412199001011234") == "3204**********1234"
    assert privacy.mask_id(None) == ""


def test_household_list_masks_by_default(demo_store, snap):
    from paicha_geo.services.data import Scope
    from paicha_geo.services.guarantees_service import household_list

    town = Scope(snap.regions.query("level == 'town'").iloc[0]["code"][:9])
    asof = snap.campaign.default_asof
    masked = household_list(demo_store, snap, town, asof)
    assert masked["head_name"].str.contains(r"\*").all()
    assert masked["id_number"].str.fullmatch(r"\d{4}\*{10}[\dX]{4}").all()
    shown = household_list(demo_store, snap, town, asof, show_personal=True)
    assert not shown["head_name"].str.contains(r"\*").any()
    failing = household_list(demo_store, snap, town, asof, check="housing")
    assert all("housing" in f for f in failing["failing"])
