"""Route planning against brute force, and the risk score on a hand-computed fixture."""

import datetime as dt
import itertools

import duckdb
import numpy as np
import pandas as pd
import pytest

from paicha_geo.domain import risk, route


@pytest.mark.parametrize("n", range(1, 9))
def test_route_is_as_short_as_brute_force(n):
    rng = np.random.default_rng(n)
    for _ in range(15):
        start = (119.9 + rng.random() * 0.2, 31.7 + rng.random() * 0.2)
        stops = np.column_stack([119.8 + rng.random(n) * 0.4, 31.6 + rng.random(n) * 0.4])
        plan = route.plan_route(start, stops)
        assert sorted(plan.order) == list(range(n))
        points = np.vstack([start, stops])
        dist = route.distance_matrix(points)
        best = min(route.path_length([i + 1 for i in p], dist)
                   for p in itertools.permutations(range(n)))
        assert plan.km == pytest.approx(best, rel=1e-9)


def test_two_opt_alone_untangles_a_crossing_path():
    # Four stops on a line visited out of order: 2-opt must straighten it.
    dist = route.distance_matrix(np.array([[0, 0], [0.01, 0], [0.03, 0], [0.02, 0],
                                           [0.04, 0]], float))
    assert route._two_opt([1, 2, 3, 4], dist) == [1, 3, 2, 4]


def test_larger_plans_use_the_heuristic_and_visit_everything():
    rng = np.random.default_rng(7)
    stops = np.column_stack([119.8 + rng.random(20) * 0.4, 31.6 + rng.random(20) * 0.4])
    plan = route.plan_route((120.0, 31.8), stops)
    assert plan.method == "nearest_neighbour_2opt"
    assert sorted(plan.order) == list(range(20))


def test_haversine_and_travel_time():
    # One degree of latitude is about 111.2 km.
    assert route.haversine_km(120, 31, 120, 32) == pytest.approx(111.2, abs=0.1)
    assert route.travel_hours(40, road_factor=1.5, speed_kmh=30) == pytest.approx(2.0)


WEIGHTS = {"severity": {"general": 1, "serious": 2, "critical": 4}, "open_issues": 1.0,
           "overdue_months": 2.0, "unverified": 1.5, "failing_households": 1.0,
           "low_income_households": 0.5, "weak_type": {"province": 3.0, "city": 2.0},
           "months_since_visit": 1.0, "never_visited": 10.0}


def test_risk_score_by_hand():
    villages = pd.DataFrame({"code": ["V1", "V2"], "weak_type": ["province", None]})
    issues = pd.DataFrame({
        "region_code": ["V1", "V1", "V1", "V2"],
        "status_asof": ["pending", "rectified", "closed", "rectifying"],
        "severity": ["critical", "general", "serious", "serious"],
        "overdue_days": [60, 0, 0, 15],
    })
    visits = pd.DataFrame({"region_code": ["V1"], "visit_date": [dt.date(2020, 5, 1)]})
    parts = risk.components(villages, issues, pd.Series({"V1": 2}), pd.Series({"V2": 1}),
                            visits, dt.date(2020, 5, 31), WEIGHTS)
    scored = risk.score(parts, WEIGHTS)
    v1, v2 = scored.loc["V1"], scored.loc["V2"]
    # V1: open 4+1=5; overdue 60/30=2 -> 4; unverified 1 -> 1.5; failing 2; weak 3;
    #     visited 30 days ago -> 1 month -> 1; never 0. Total 5+4+1.5+2+0+3+1+0 = 16.5
    assert v1["score"] == pytest.approx(16.5)
    # V2: open 2; overdue 0.5 -> 1; low income 1 -> 0.5; never visited -> 10. Total 13.5
    assert v2["score"] == pytest.approx(13.5)
    assert list(scored.index) == ["V1", "V2"]
    names = {c: c + " {value:g}" for c in risk.COMPONENTS}
    assert risk.reasons(v2, names) == ["never_visited 1", "open_issues 2", "overdue_months 0.5"]


def test_visit_coverage_by_hand():
    from paicha_geo.domain.coverage import coverage

    villages = pd.DataFrame({"code": ["320412001201", "320412001202", "320481001201"],
                             "weak_type": ["province", "city", None]})
    households = pd.DataFrame({"household_id": ["H1", "H2", "H3"],
                               "village_code": ["320412001201", "320412001201",
                                                "320481001201"]})
    visits = pd.DataFrame({
        "region_code": ["320412001201", "320412001202", "320481001201"],
        "household_id": ["H1", None, "H3"],
        "visit_date": [dt.date(2020, 5, 20), dt.date(2020, 3, 1), dt.date(2020, 5, 30)],
    })
    got = coverage(villages, households, visits, dt.date(2020, 5, 31), 30,
                   ["320412", "320481"], 6)
    assert got.loc["320412", "weak_village_coverage"] == pytest.approx(0.5)  # 202 too long ago
    assert got.loc["320412", "household_coverage"] == pytest.approx(0.5)
    assert pd.isna(got.loc["320481", "weak_village_coverage"])  # no weak village there
    assert got.loc["320481", "household_coverage"] == 1.0


def test_recording_a_visit_with_a_finding_creates_a_supervision_issue(demo_db, tmp_path):
    import shutil

    from paicha_geo.store import Store
    from paicha_geo.store import queries as q
    from paicha_geo.store.visits import record_visit

    db = tmp_path / "visit.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        village = q.villages(store).iloc[0]["code"]
        homes = q.household_facts(store, village)["household_id"].head(2).tolist()
        before = q.table_counts(store)
        rows = [{"region_code": village, "household_id": None, "findings": "两户饮水未达标"}]
        rows += [{"region_code": village, "household_id": h, "findings": "饮水未达标"}
                 for h in homes]
        [code] = record_visit(
            store, rows=rows, visit_date=dt.date(2020, 6, 2), visitors="督查一组",
            new_issues=[{"region_code": village, "item_code": "3.4.2", "severity": "serious",
                         "deadline": dt.date(2020, 6, 30), "description": "两户饮水未达标"}])
        after = q.table_counts(store)
        assert after["visits"] == before["visits"] + 1 + len(homes)
        assert after["issues"] == before["issues"] + 1
        issue = q.issues(store, 1).set_index("issue_code").loc[code]
        assert (issue["source"], issue["status"]) == ("supervision", "pending")
        history = q.issue_history(store, 1)
        assert history[history["issue_code"] == code]["actor"].tolist() == ["督查一组"]


def test_a_failed_visit_record_writes_nothing(demo_db, tmp_path):
    import shutil

    from paicha_geo.store import Store
    from paicha_geo.store import queries as q
    from paicha_geo.store.visits import record_visit

    db = tmp_path / "visit2.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        village = q.villages(store).iloc[0]["code"]
        before = q.table_counts(store)
        with pytest.raises(duckdb.ConstraintException):  # severity outside the allowed set
            record_visit(store, rows=[{"region_code": village, "household_id": None,
                                       "findings": "x"}],
                         visit_date=dt.date(2020, 6, 2), visitors="督查一组",
                         new_issues=[{"region_code": village, "item_code": "3.4.2",
                                      "severity": "nonsense", "deadline": dt.date(2020, 6, 30),
                                      "description": "x"}])
        assert q.table_counts(store) == before
