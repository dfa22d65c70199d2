"""Villages in their own right on the hand-built city of tests/compare_fixture.py.

As of 05-31, by hand:
  village  weak      issues                       status   failing households
  甲一村   省定      I1 closed                    cleared  1 (C-grade house)
  甲二村   市定      I2 rectifying, due 05-20     overdue  0
  甲三村   -         I3 closed                    cleared  0
  乙一村   -         I4 closed, I5 pending (due 06-30)  open  0
  丙一村   省定      none                         cleared  0
"""

from paicha_geo.services import data, weak_service
from tests.compare_fixture import ASOF, snapshot


def table(prefix=""):
    snap = snapshot()
    scope = data.Scope(prefix) if prefix else data.resolve_region(snap.regions, None).scope
    return weak_service.village_table(snap, scope, ASOF)


def test_each_village_has_its_own_status_counts_and_path():
    t = table().set_index("name")
    assert t.loc["甲二村", "status"] == "overdue"
    assert t.loc["乙一村", "status"] == "open"
    assert t.loc["甲一村", "status"] == "cleared" and t.loc["丙一村", "status"] == "cleared"
    assert t.loc["甲一村", ["issues_open", "issues_overdue", "issues_closed",
                            "households_failing_any"]].tolist() == [0, 0, 1, 1]
    assert t.loc["乙一村", ["issues_open", "issues_closed"]].tolist() == [1, 1]
    assert t.loc["甲二村", "path"] == "甲区 · 甲镇"


def test_points_are_the_weak_villages_plus_non_weak_ones_with_overdue_issues():
    t = table()
    # 乙一村 has an open issue but nothing overdue and is not weak: no point.
    assert set(t.loc[t["on_map"], "name"]) == {"甲一村", "甲二村", "丙一村"}


def test_weak_list_puts_the_overdue_first():
    assert list(weak_service.weak_list(table())["name"]) == ["甲二村", "甲一村", "丙一村"]


def test_weak_list_keeps_to_the_scope():
    assert list(weak_service.weak_list(table("320401"))["name"]) == ["甲二村", "甲一村"]


def test_worst_villages_and_townships_of_the_city():
    snap = snapshot()
    city = data.resolve_region(snap.regions, None).scope
    villages = weak_service.worst_places(snap, city, ASOF, "village", "issues_open", 1)
    assert list(villages.rows["name"]) == ["甲二村"]  # ties 乙一村 on 1 open: overdue first
    assert villages.tied_beyond == 1
    towns = weak_service.worst_places(snap, city, ASOF, "town", "households_failing_any", 5)
    assert list(towns.rows["name"]) == ["甲镇"] and list(towns.rows["value"]) == [1]
    rates = weak_service.worst_places(snap, city, ASOF, "village", "closeout_rate", 5)
    assert list(rates.rows["name"]) == ["甲二村", "乙一村"]  # 0 %, 50 %; 100 % left out


def test_a_township_ranks_only_its_villages():
    assert weak_service.top_levels("city") == ("town", "village")
    assert weak_service.top_levels("district") == ("town", "village")
    assert weak_service.top_levels("town") == ("village",)
