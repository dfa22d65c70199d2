"""The read model (services.data): the scope rule, region resolution from the URL, and the
views built on it, on the demo; pure functions as parametrised tables."""

import datetime as dt

import pandas as pd
import pytest

from paicha_geo.services import data, map_service
from paicha_geo.services.data import EVERYTHING, IssueFilters, OutOfScope, Scope

ASOF = dt.date(2020, 5, 31)


@pytest.mark.parametrize(("code", "level", "prefix", "scope_level"), [
    ("320400000000", "city", "3204", "city"),
    ("320412000000", "district", "320412", "district"),
    ("320412001000", "town", "320412001", "town"),
    ("320412001201", "village", "320412001201", "village"),
    ("320000000000", "province", "32", "province"),
])
def test_a_region_is_a_scope(code, level, prefix, scope_level):
    scope = Scope.of(code, level)
    assert scope.prefix == prefix and scope.level == scope_level
    assert scope.code == code


@pytest.mark.parametrize(("outer", "code", "level", "inside"), [
    ("", "320412001201", "village", True),
    ("320412", "320412001000", "town", True),
    ("320412", "320412001201", "village", True),
    ("320412", "320411000000", "district", False),
    ("320412001", "320412002201", "village", False),
    ("320412001", "320400000000", "city", False),  # wider than the scope
])
def test_narrowing_stays_inside(outer, code, level, inside):
    if inside:
        assert Scope(outer).narrow(code, level) == Scope.of(code, level)
    else:
        with pytest.raises(OutOfScope):
            Scope(outer).narrow(code, level)


@pytest.mark.parametrize("bad", ["abc", "3204120", "32041200120112", "3204 12"])
def test_a_scope_is_a_region_prefix(bad):
    with pytest.raises(ValueError):
        Scope(bad)


def test_rows_keeps_only_the_scope():
    frame = pd.DataFrame({"code": ["320412001201", "320412002201", "320411001201"]})
    assert list(Scope("320412").rows(frame, "code")["code"]) == ["320412001201", "320412002201"]
    assert len(EVERYTHING.rows(frame, "code")) == 3


@pytest.fixture(scope="module")
def regions(snap):
    return snap.regions


@pytest.mark.parametrize("raw", ["320412", "320412000000"])
def test_six_and_twelve_digit_codes_open_the_district(regions, raw):
    resolved = data.resolve_region(regions, raw)
    assert resolved.region["code"] == "320412000000"
    assert [name for _, name, _ in resolved.trail] == ["常州市", "武进区"]
    assert resolved.selected_village is None and resolved.unknown is None
    assert resolved.scope == Scope("320412")


def test_a_village_code_shows_its_township_with_the_village_selected(regions):
    village = regions[regions["level"] == "village"].iloc[0]
    resolved = data.resolve_region(regions, village["code"])
    assert resolved.region["code"] == village["parent_code"]
    assert resolved.selected_village == village["code"]
    assert [level for *_, level in resolved.trail] == ["city", "district", "town", "village"]


@pytest.mark.parametrize("raw", ["999999", "abc", "'; DROP TABLE region;--", "3"])
def test_unknown_codes_fall_back_to_the_city_and_say_what_was_given(regions, raw):
    resolved = data.resolve_region(regions, raw)
    assert resolved.region["code"] == "320400000000"
    assert resolved.unknown == raw[:20] and not resolved.outside


def test_a_region_outside_the_scope_falls_back_to_the_top_of_the_scope(regions):
    resolved = data.resolve_region(regions, "320411", Scope("320412"))
    assert resolved.region["code"] == "320412000000" and resolved.outside
    assert resolved.unknown is None


def test_children_metrics_add_up_to_the_region(snap):
    view = map_service.region_view(snap, Scope("320412"), ASOF)
    assert view.child_level == "town"
    assert len(view.children) == len(view.child_metrics) == 16
    # Issues recorded at the district office belong to no township, so towns sum to <= total.
    assert view.child_metrics["issues_found"].sum() <= view.totals.issues_found
    assert view.child_metrics["households"].sum() == view.totals.households
    assert set(view.child_metrics["traffic"]) <= {"red", "yellow", "green"}


def test_filters_narrow_the_figures(snap):
    everything = map_service.region_view(snap, EVERYTHING, ASOF).totals
    housing = map_service.region_view(snap, EVERYTHING, ASOF,
                                      IssueFilters(parts=("housing",))).totals
    closed = map_service.region_view(snap, EVERYTHING, ASOF,
                                     IssueFilters(statuses=("closed",))).totals
    assert 0 < housing.issues_found < everything.issues_found
    assert closed.issues_found == closed.issues_closed == everything.issues_closed
    assert closed.issues_open == 0


def test_issues_in_scope_is_what_every_view_counts(snap):
    issues = data.issues_in_scope(snap, Scope("320412"), ASOF)
    assert issues["region_code"].str.startswith("320412").all()
    assert pd.to_datetime(issues["found_date"]).max() <= pd.Timestamp(ASOF)
    view = map_service.region_view(snap, Scope("320412"), ASOF)
    assert view.totals.issues_found == len(issues)
    assert view.totals.issues_open == len(data.open_issues(issues))


def test_village_profile_from_the_snapshot(snap, demo_store):
    weak = map_service.region_view(snap, EVERYTHING, ASOF).weak_villages
    code = weak.iloc[0]["code"]
    profile = map_service.village_profile(snap, Scope(code), ASOF)
    assert profile.weak_type in ("province", "city")
    assert profile.income["standard"] in (180_000, 350_000)
    assert profile.households > 0
    assert profile.name == snap.regions.set_index("code").loc[code, "name"]
    assert (profile.open_issues["status_asof"] != "closed").all()
    assert (profile.history["changed_at"] < "2020-06-01").all()
    # The same figures the database gives for this village (no second path to the truth).
    cur = demo_store.cursor()
    assert profile.households == cur.execute(
        "SELECT count(*) FROM household WHERE village_code = ?", [code]).fetchone()[0]
    assert len(profile.visits) == cur.execute(
        "SELECT count(*) FROM visit WHERE region_code = ? AND household_id IS NULL "
        "AND visit_date <= ?", [code, ASOF]).fetchone()[0]


def test_an_earlier_days_facts_are_kept_only_while_a_figure_holds_them(snap):
    import gc
    import weakref

    day = snap.household_history.last_day.date() - dt.timedelta(days=7)
    first, _ = data.facts_asof(snap, day)
    assert first is not snap.households  # facts of a week before the newest verification
    assert data.facts_asof(snap, day)[0] is first  # reused while held
    expected, gone = first.copy(), weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None  # ~35 MB at province scale, not kept for nothing
    pd.testing.assert_frame_equal(data.facts_asof(snap, day)[0], expected)  # made again
    assert data.facts_asof(snap, snap.household_history.last_day.date())[0] is snap.households
