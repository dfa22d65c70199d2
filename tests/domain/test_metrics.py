"""Metrics on a tiny hand-built ledger whose answers were worked out by hand.

District A (320401): I1 closed on time, I2 overdue, I3 at the district office, rectified.
District B (320402): I4 closed late on 04-10, then reopened by 回头看 on 05-15; I5 found
after the as-of date. District C (320403): nothing at all.
"""

import datetime as dt
import json

import pandas as pd
import pytest

from paicha_geo.config import default_campaign
from paicha_geo.domain import metrics as m

CAMPAIGN = default_campaign()[0]
ASOF = dt.date(2020, 5, 31)

VILLAGES = pd.DataFrame(
    {
        "code": ["320401001201", "320401001202", "320402001201"],
        "weak_type": ["province", None, "city"],
    }
)
HOUSEHOLDS = pd.DataFrame(
    {
        "household_id": ["H1", "H2", "H3"],
        "village_code": ["320401001201", "320401001202", "320402001201"],
        "per_capita_income": [9000.0, 9000.0, 6999.0],
        "exit_status": ["exited", "exited", "exited"],
        "school_age_children": [0, 0, 0],
        "children_out_of_school": [0, 0, 0],
        "children_out_of_school_physical": [0, 0, 0],
        "all_insured": [True, True, True],
        "inpatient_selfpay_share": [None, None, None],
        "house_grade": ["C", "A", "B"],
        "safe_water": [True, True, True],
        "excess_fluoride": [False, False, False],
        "social_floor_eligible": [False, False, False],
        "social_floor_covered": [False, False, False],
    }
)
ISSUES = pd.DataFrame(
    {
        "issue_code": ["I1", "I2", "I3", "I4", "I5"],
        "region_code": ["320401001201", "320401001202", "320401000000", "320402001201",
                        "320402001201"],
        "found_date": pd.to_datetime(["2020-03-01", "2020-03-10", "2020-04-01", "2020-02-01",
                                      "2020-06-10"]).date,
        "deadline": pd.to_datetime(["2020-04-30", "2020-05-10", "2020-06-30", "2020-03-31",
                                    "2020-06-30"]).date,
    }
)


def _history():
    rows = [
        ("I1", "2020-03-01", None, "pending"), ("I1", "2020-03-05", "pending", "rectifying"),
        ("I1", "2020-04-20", "rectifying", "rectified"),
        ("I1", "2020-04-25", "rectified", "closed"),
        ("I2", "2020-03-10", None, "pending"), ("I2", "2020-03-15", "pending", "rectifying"),
        ("I3", "2020-04-01", None, "pending"), ("I3", "2020-04-02", "pending", "rectifying"),
        ("I3", "2020-05-20", "rectifying", "rectified"),
        ("I4", "2020-02-01", None, "pending"), ("I4", "2020-02-03", "pending", "rectifying"),
        ("I4", "2020-04-01", "rectifying", "rectified"),
        ("I4", "2020-04-10", "rectified", "closed"),
        ("I4", "2020-05-15", "closed", "pending"),
        ("I5", "2020-06-10", None, "pending"),
    ]
    frame = pd.DataFrame(rows, columns=["issue_code", "changed_at", "from_status", "to_status"])
    frame["changed_at"] = pd.to_datetime(frame["changed_at"]) + pd.Timedelta(hours=10)
    frame["history_id"] = range(1, len(frame) + 1)
    return frame


def metrics_at(asof, prefixes=("320401", "320402", "320403")):
    issues = m.status_as_of(ISSUES, _history(), asof)
    return m.region_metrics(pd.Index(list(prefixes)), len(prefixes[0]), VILLAGES, HOUSEHOLDS,
                            issues, CAMPAIGN)


def test_status_as_of_follows_the_history_including_a_reopen():
    before = m.status_as_of(ISSUES, _history(), dt.date(2020, 4, 30)).set_index("issue_code")
    after = m.status_as_of(ISSUES, _history(), ASOF).set_index("issue_code")
    assert before.loc["I4", "status_asof"] == "closed"
    assert after.loc["I4", "status_asof"] == "pending"
    assert "I5" not in after.index  # found after the as-of date
    assert after["status_asof"].to_dict() == {
        "I1": "closed", "I2": "rectifying", "I3": "rectified", "I4": "pending"
    }


def test_a_change_on_the_as_of_day_counts():
    on_the_day = m.status_as_of(ISSUES, _history(), dt.date(2020, 4, 25)).set_index("issue_code")
    assert on_the_day.loc["I1", "status_asof"] == "closed"


def test_overdue_days():
    issues = m.status_as_of(ISSUES, _history(), ASOF).set_index("issue_code")
    assert issues["overdue_days"].to_dict() == {"I1": 0, "I2": 21, "I3": 0, "I4": 61}


def test_district_figures_by_hand():
    got = metrics_at(ASOF)
    a, b = got.loc["320401"], got.loc["320402"]
    assert (a.issues_found, a.issues_open, a.issues_closed, a.issues_overdue) == (3, 2, 1, 1)
    assert a.closeout_rate == pytest.approx(1 / 3)
    assert a.ontime_rate == pytest.approx(1 / 2)  # I1 on time; I2 due and open; I3 not judged
    assert (b.issues_found, b.issues_open, b.issues_overdue, b.issues_pending) == (1, 1, 1, 1)
    assert b.closeout_rate == 0.0 and b.ontime_rate == 0.0
    assert (a.weak_villages, a.weak_villages_province, b.weak_villages_city) == (1, 1, 1)
    assert (a.households, b.households) == (2, 1)
    assert (a.households_failing_any, a.failing_housing, b.households_failing_any) == (1, 1, 0)
    assert b.households_below_income == 1
    assert a.open_per_weak_village == 2.0
    assert a.open_per_100_households == pytest.approx(100.0)


def test_a_region_with_nothing_has_undefined_rates_not_zero():
    c = metrics_at(ASOF).loc["320403"]
    assert c.issues_found == 0 and c.households == 0
    for rate in ("closeout_rate", "ontime_rate", "open_per_weak_village",
                 "open_per_100_households"):
        assert pd.isna(c[rate]), rate


def test_city_totals_and_township_attribution():
    city = metrics_at(ASOF, ("3204",)).iloc[0]
    assert (city.issues_found, city.issues_open, city.issues_overdue) == (4, 3, 2)
    assert city.closeout_rate == pytest.approx(0.25)
    assert city.ontime_rate == pytest.approx(1 / 3)
    town = metrics_at(ASOF, ("320401001",)).iloc[0]
    assert town.issues_found == 2  # I3 sits at the district office, in no township


def test_late_close_is_not_on_time():
    b = metrics_at(dt.date(2020, 5, 1)).loc["320402"]
    assert b.issues_closed == 1 and b.closeout_rate == 1.0
    assert b.ontime_rate == 0.0


def test_traffic_light():
    lights = m.traffic_light(metrics_at(ASOF)).to_dict()
    assert lights == {"320401": "red", "320402": "red", "320403": "green"}
    early = metrics_at(dt.date(2020, 3, 2), ("320401",))
    assert m.traffic_light(early).iloc[0] == "red"  # H1 lives in a C-grade house
    only_b_village = m.region_metrics(
        pd.Index(["320402"]), 6, VILLAGES, HOUSEHOLDS.iloc[[2]],
        m.status_as_of(ISSUES, _history(), dt.date(2020, 2, 10)), CAMPAIGN)
    assert m.traffic_light(only_b_village).iloc[0] == "yellow"


def test_days_to_deadline():
    assert m.days_to_deadline(CAMPAIGN, ASOF) == 30


def test_a_region_without_issues_gets_an_empty_frame_with_every_column():
    empty = m.status_as_of(ISSUES.iloc[:0], _history().iloc[:0], ASOF)
    assert empty.empty
    for col in ("status_asof", "status_since", "overdue_days", "closed_on_time",
                "outcome_known"):
        assert col in empty.columns


# Villages of three townships (9-digit prefixes) and their own lights; 320402003 has none.
AREA_LIGHTS = pd.Series(
    ["red", "red", "yellow", "green", "red", "green", "green", "green", "green", "green"],
    index=["320402001001", "320402001002", "320402001003", "320402001004",
           "320402002001", "320402002002", "320402002003", "320402002004",
           "320402004001", "320402004002"])
TOWNS = ["320402001", "320402002", "320402003", "320402004"]


def test_an_area_is_red_or_yellow_by_the_share_of_its_villages():
    # 001: red 2/4, red or yellow 3/4; 002: red 1/4 = red or yellow; 004: all green.
    lights = m.area_traffic(AREA_LIGHTS, TOWNS, 9, m.AreaWarning(red_share=0.5,
                                                                 yellow_share=0.3))
    assert lights.dropna().to_dict() == {"320402001": "red", "320402002": "green",
                                         "320402004": "green"}
    assert pd.isna(lights["320402003"])  # no village, no light
    looser = m.area_traffic(AREA_LIGHTS, TOWNS, 9, m.AreaWarning(0.6, 0.25))
    assert looser.dropna().to_dict() == {"320402001": "yellow", "320402002": "yellow",
                                         "320402004": "green"}


def test_one_red_village_no_longer_makes_its_district_red():
    district = m.area_traffic(AREA_LIGHTS, ["320402"], 6, m.AreaWarning(0.7, 0.3))
    assert district.iloc[0] == "yellow"  # 3 red of 10, 4 red or yellow of 10


def test_village_shares_are_counted_per_area():
    shares = m.village_shares(AREA_LIGHTS, TOWNS, 9)
    assert shares.loc["320402001", "red_share"] == 0.5
    assert shares.loc["320402001", "not_green_share"] == 0.75
    assert shares.loc["320402003", "villages"] == 0
    assert pd.isna(shares.loc["320402003", "red_share"])


@pytest.mark.parametrize(("red", "yellow"), [(0.3, 0.5), (1.2, 0.3), (0.5, 0)])
def test_warning_shares_out_of_order_are_refused(red, yellow):
    with pytest.raises(ValueError, match="share"):
        m.AreaWarning(red_share=red, yellow_share=yellow)


def test_warning_settings_are_read_and_checked():
    from paicha_geo.config import PACKAGE_DATA
    from paicha_geo.domain.settings import Settings

    shipped = Settings.from_dict(json.loads((PACKAGE_DATA / "settings.json").read_text()))
    assert shipped.warning == m.AreaWarning(red_share=0.5, yellow_share=0.3)
    custom = Settings.from_dict({"warning": {"red_share": 0.5, "yellow_share": 0.2}})
    assert custom.warning.red_share == 0.5
    with pytest.raises(ValueError, match="unknown warning"):
        Settings.from_dict({"warning": {"red": 0.5}})
