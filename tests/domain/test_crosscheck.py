"""数据比对 on a hand-built village: which failing households are 销号存疑 (every issue of
the guarantee 已整改 or 已销号), which are 漏报线索 (no issue of it), and which are neither."""


import pandas as pd

from paicha_geo.config import default_campaign
from paicha_geo.domain import crosscheck

CAMPAIGN = default_campaign()[0]
V = "320412001001"


def home(hid, **facts):
    base = {"household_id": hid, "village_code": V, "per_capita_income": 9000.0,
            "exit_status": "exited",
            "school_age_children": 0, "children_out_of_school": 0,
            "children_out_of_school_physical": 0, "all_insured": True,
            "inpatient_selfpay_share": None, "house_grade": "A", "safe_water": True,
            "excess_fluoride": False, "social_floor_eligible": False,
            "social_floor_covered": False}
    return {**base, **facts}


HOMES = pd.DataFrame([
    home("A", house_grade="D"),  # fails housing, its one housing issue closed: doubt
    home("B", house_grade="C"),  # fails housing, an issue still 整改中: neither
    home("C", house_grade="C"),  # fails housing, no housing issue (a water one): lead
    home("D"),  # passes everything though its issue is closed: nothing
    home("E", house_grade="D", all_insured=False),  # housing 已整改+已销号: doubt, not all
    #                                                 closed; medical: lead
])


def issue(code, hid, item, status, region=V):
    return {"issue_code": code, "household_id": hid, "item_code": item, "region_code": region,
            "status_asof": status, "status_since": pd.Timestamp("2020-05-01")}


ISSUES = pd.DataFrame([
    issue("I1", "A", "3.3.4", "closed"),
    issue("I2", "B", "3.3.1", "closed"), issue("I3", "B", "3.3.2", "rectifying"),
    issue("I4", "C", "3.4.2", "closed"),
    issue("I5", "D", "3.3.4", "closed"),
    issue("I6", "E", "3.3.1", "rectified"), issue("I7", "E", "3.3.4", "closed"),
])


def test_household_lines_sort_failures_into_doubts_and_leads():
    lines = crosscheck.household_lines(HOMES, ISSUES, CAMPAIGN)
    got = {(r.household_id, r.check): (r.kind, r.all_closed, tuple(r.issues))
           for r in lines.itertuples()}
    assert got == {
        ("A", "housing"): ("doubt", True, ("I1",)),
        ("C", "housing"): ("lead", False, ()),
        ("E", "housing"): ("doubt", False, ("I6", "I7")),
        ("E", "medical"): ("lead", False, ()),
    }
    counts = crosscheck.counts(lines)
    assert counts.loc["housing"].to_dict() == {"doubts": 2, "all_closed": 1, "leads": 1}
    assert counts.loc["medical"].to_dict() == {"doubts": 0, "all_closed": 0, "leads": 1}
    assert counts.loc["water"].sum() == 0  # C's water issue is no failure of water


def test_part_names_the_guarantee_in_one_place():
    items = pd.Series(["3.1.2", "3.2.5", "3.3.1", "3.4.1", "3.5.1", "2.3.3", "1.1.1"])
    assert crosscheck.guarantee_of_item(items).fillna("-").tolist() == [
        "education", "medical", "housing", "water", "social_floor", "-", "-"]


def test_weak_villages_below_their_standard_with_closed_or_no_income_issue():
    villages = pd.DataFrame({
        "code": ["V1", "V2", "V3", "V4"],
        "weak_type": ["province", "city", "province", None],
        "collective_operating_income": [170_000.0, 0.0, 180_000.0, 0.0],  # V3 at standard
        "collective_disposable_income": [0.0, 340_000.0, 0.0, 0.0],
    })
    issues = pd.DataFrame([issue("W1", None, "2.3.3", "closed", "V1"),
                           issue("W2", None, "2.3.3", "closed", "V3"),
                           issue("W3", None, "1.2.2", "closed", "V2")])
    lines = crosscheck.village_lines(villages, issues, CAMPAIGN)
    got = {(r.region_code, r.kind) for r in lines.itertuples()}
    assert got == {("V1", "doubt"), ("V2", "lead")}


def test_new_issue_item_follows_the_failing_fact():
    insured = pd.Series({"all_insured": True, "excess_fluoride": True})
    uninsured = pd.Series({"all_insured": False, "excess_fluoride": False})
    assert crosscheck.new_issue_item("medical", insured) == "3.2.2"
    assert crosscheck.new_issue_item("medical", uninsured) == "3.2.1"
    assert crosscheck.new_issue_item("water", insured) == "3.4.1"
    assert crosscheck.new_issue_item("water", uninsured) == "3.4.2"
    assert crosscheck.new_issue_item("village_income", None) == "2.3.3"


def test_a_region_with_nothing_in_it_counts_zeros():
    empty_villages = pd.DataFrame({"code": [], "weak_type": [], "collective_operating_income": [],
                                   "collective_disposable_income": []})
    lines = pd.concat([crosscheck.household_lines(HOMES.iloc[:0], ISSUES.iloc[:0], CAMPAIGN),
                       crosscheck.village_lines(empty_villages, ISSUES.iloc[:0], CAMPAIGN)])
    counts = crosscheck.counts(lines)
    assert len(counts) == 6 and int(counts.to_numpy().sum()) == 0


def test_an_office_sheet_may_name_the_new_source():
    from paicha_geo.io.imports.values import parse_source

    assert parse_source("数据比对") == "data_check" and parse_source("比对") == "data_check"


def test_a_blank_fact_picks_the_item_of_the_recorded_cause():
    """Issue 17.1: all_insured blank and a self-paid share over the cap is the self-pay item;
    fluoride blank with unsafe water is the water-safety item (no crash on a blank)."""
    import pandas as pd

    medical = pd.Series(home("H", all_insured=pd.NA, inpatient_selfpay_share=0.2))
    water = pd.Series(home("H", safe_water=False, excess_fluoride=pd.NA))
    assert crosscheck.new_issue_item("medical", medical) == crosscheck.NEW_ISSUE_ITEM[
        "medical_selfpay"]
    assert crosscheck.new_issue_item("water", water) == crosscheck.NEW_ISSUE_ITEM["water"]
