"""两不愁三保障 figures and masking, on hand-built households."""

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import guarantees, privacy

CAMPAIGN = default_campaign()[0]


def households():
    base = {"village_code": "320412001201", "per_capita_income": 9000.0, "exit_status": "exited",
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
    assert s.loc["housing", "state"] == "failing" and s.loc["water", "state"] == "cleared"


def test_an_empty_region_has_no_rate_and_is_cleared():
    s = guarantees.summary(households().iloc[:0], VILLAGES.iloc[:0], CAMPAIGN)
    assert s["rate"].isna().all()
    assert s["cleared"].all()


def with_gaps():
    """Five households: income unknown, grade unknown, one 未脱贫 below 7,000 in a D house,
    one failing income, one passing everything."""
    rows = households().iloc[[4, 4, 4, 4, 4]].reset_index(drop=True)
    rows.loc[0, "per_capita_income"] = None
    rows.loc[1, "house_grade"] = None
    rows.loc[2, ["exit_status", "per_capita_income", "house_grade"]] = ["not_exited", 5000.0, "D"]
    rows.loc[3, "per_capita_income"] = 6999.0
    return rows


def test_unknowns_are_counted_apart_and_keep_the_flag_from_turning_green():
    villages = VILLAGES.assign(collective_disposable_income=[900_000, None, 0])
    s = guarantees.summary(with_gaps(), villages, CAMPAIGN)
    income = s.loc["income"]
    # 未脱贫 household: neither checked nor failing, counted beside the check.
    assert (income.population, income.checked, income.failing, income.unknown,
            income.not_exited) == (4, 3, 1, 1, 1)
    assert income.rate == pytest.approx(1 / 3) and income.state == "failing"
    housing = s.loc["housing"]
    assert (housing.checked, housing.failing, housing.unknown, housing.not_exited) == (3, 0, 1, 1)
    # Nothing fails, but a blank grade: not 清零.
    assert housing.state == "unknown" and not housing.cleared
    village = s.loc["village_income"]
    assert (village.checked, village.failing, village.unknown) == (1, 1, 1)


def test_household_checks_name_each_failure_and_each_unknown():
    checks = guarantees.household_checks(households(), CAMPAIGN)
    assert checks["failing"].tolist() == [["education"], [], ["housing", "income"], [], []]
    assert checks["failing_count"].tolist() == [1, 0, 2, 0, 0]
    gaps = guarantees.household_checks(with_gaps(), CAMPAIGN)
    assert gaps["unknown"].tolist() == [["income"], ["housing"], [], [], []]
    assert gaps["failing"].tolist() == [[], [], [], ["income"], []]


def test_map_columns_per_100_and_clearance():
    metrics = pd.DataFrame({"failing_housing": [0, 3, 0, 0],
                            "unknown_housing": [0, 1, 2, 0],
                            "households_below_income": [1, 0, 0, 0],
                            "households": [10, 50, 20, 0]})
    cols = guarantees.map_columns(metrics, "housing")
    assert cols["guarantee_per_100"].tolist()[:3] == [0.0, 6.0, 0.0]
    assert pd.isna(cols["guarantee_per_100"].iloc[3])
    assert cols["guarantee_clear"].tolist() == ["cleared", "failing", "unknown", "none"]


def test_card_map_and_list_count_the_same_dropouts():
    """A child out of school in a household whose number of school-age children is blank
    (or 0: a sheet with no such column) fails 义务教育 on the card, the map and the list."""
    from paicha_geo.domain import metrics

    rows = households()
    rows["village_code"] = ["320412001201", "320412001201", "320412001202", "320412001202",
                            "320412001203"]
    rows.loc[3, ["school_age_children", "children_out_of_school"]] = [None, 1]
    rows.loc[4, ["school_age_children", "children_out_of_school"]] = [0, 1]
    card = guarantees.summary(rows, VILLAGES, CAMPAIGN).loc["education", "failing"]
    towns = metrics.region_metrics(["320412001"], 9, VILLAGES, rows,
                                   pd.DataFrame(columns=["region_code", "status_asof",
                                                         "overdue_days", "closed_on_time",
                                                         "outcome_known"]), CAMPAIGN)
    on_map = guarantees.map_columns(towns, "education")["guarantee_failing"].sum()
    listed = guarantees.household_checks(rows, CAMPAIGN)["education"].sum()
    assert card == on_map == listed == 3


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


def test_income_distribution_splits_exited_from_not_exited_and_leaves_blanks_out():
    rows = with_gaps()
    dist = guarantees.income_distribution(rows, bins=2)
    assert dist["exited"].sum() == 3 and dist["not_exited"].sum() == 1  # one income blank
    assert (dist["households"] == dist["exited"] + dist["not_exited"]).all()
