"""Matching rules on a hand-built ledger: each confidence level, and what counts as a lead."""

from __future__ import annotations

import pandas as pd
import pytest

from paicha_geo.domain import dept_match as dm

VILLAGES = pd.DataFrame({
    "code": ["V1", "V2", "V3", "X1"], "name": ["东村", "西村", "南村", "东村"],
    "town_code": ["T1", "T1", "T1", "T9"], "town_name": ["甲镇", "甲镇", "甲镇", "乙镇"]})
HOMES = pd.DataFrame({
    "household_id": ["h1", "h2", "h3", "h4", "h5"],
    "village_code": ["V1", "V1", "V2", "V3", "V3"],
    "head_name": ["张三", "李四", "王五", "赵六", "赵六"],
    "id_number": ["ID1", "ID2", None, "ID4", "ID5"]})
INSIDE = {"ID1": ("h1", "V1")}


def _match(name, village, town=None, number=None) -> dm.Match:
    rows = pd.DataFrame([{"id_number": number, "name": name, "village": village, "town": town}])
    return dm.match_rows(rows, HOMES, VILLAGES, INSIDE, {"IDX"},
                         lambda code: code.startswith("V"))[0]


@pytest.mark.parametrize(("row", "expected"), [
    (("谁", "东村", None, "ID1"), dm.Match("id", "h1", "V1")),   # ID first, whatever the name
    (("李四", "东村", "甲镇"), dm.Match("high", "h2", "V1")),
    (("李四", "东村", "甲镇", "ID9"), dm.Match("medium", "h2", "V1")),  # both IDs, different
    (("王五", "西村", None, "ID9"), dm.Match("high", "h3", "V2")),  # ledger holds no ID
    (("王五", "东村", "甲镇"), dm.Match("low", "h3", "V2")),  # same township, other village
    (("赵六", "南村"), dm.Match("ambiguous")),
    (("赵六", "东村", "甲镇"), dm.Match("ambiguous")),
    (("孙七", "东村", "甲镇"), dm.Match("none")),
    (("李四", None), dm.Match("none")),  # a name alone is not enough
    (("谁", "东村", "乙镇"), dm.Match("outside")),  # the village exists only outside
    (("谁", "西村", None, "IDX"), dm.Match("outside")),  # the ID is of a household outside
])
def test_match_levels(row, expected):
    assert _match(*row) == expected


def test_a_village_name_in_two_towns_needs_the_town_for_a_low_match():
    assert _match("王五", "东村") == dm.Match("none")


HOUSE = {"house_grade": "B", "all_insured": True, "children_out_of_school": 1,
         "children_out_of_school_physical": 1, "safe_water": False,
         "social_floor_covered": True}


@pytest.mark.parametrize(("kind", "fact", "expected"), [
    ("dept_housing", "C", ("dept_fails", "3.3.4")),
    ("dept_housing", "A", None),
    ("dept_medical", False, ("dept_fails", "3.2.1")),
    ("dept_education", False, ("dept_fails", "3.1.1")),  # the ledger's dropout is physical
    ("dept_water", True, ("ledger_fails", "2.1.3")),
    ("dept_water", False, None),
    ("dept_social", False, ("dept_fails", "3.5.1")),
])
def test_contradictions(kind, fact, expected):
    lead = dm.contradiction(kind, fact, HOUSE, ("C", "D"))
    assert (lead and (lead["direction"], lead["item_code"])) == expected


def test_one_way_kinds_do_not_question_a_failing_ledger():
    failing = {**HOUSE, "all_insured": False}
    assert dm.contradiction("dept_medical", True, failing, ("C", "D")) is None


def test_a_blank_ledger_fact_is_unknown_not_a_failure_of_the_ledger():
    """Issue 17.1: a household's blank fact (未填报) neither fails nor passes: the department's
    word that it fails is a lead; its word that it passes contradicts nothing."""
    import pandas as pd

    from paicha_geo.domain import dept_match

    blank = {"all_insured": pd.NA, "safe_water": pd.NA, "social_floor_covered": pd.NA,
             "children_out_of_school": pd.NA, "children_out_of_school_physical": pd.NA,
             "house_grade": None}
    for kind in ("dept_medical", "dept_water", "dept_social", "dept_education"):
        assert dept_match.facts(kind, False, blank, ("C", "D")) == (
            True, False, "no", dept_match.UNKNOWN)
        assert dept_match.contradiction(kind, True, blank, ("C", "D")) is None
    assert dept_match.contradiction("dept_medical", False, blank, ("C", "D"))["direction"] \
        == "dept_fails"
