"""Screen data on the demo: region resolution from the URL, views, the village profile."""

import datetime as dt

import pytest

from paicha_geo import service
from paicha_geo.domain.filters import IssueFilters

ASOF = dt.date(2020, 5, 31)
UNKNOWN = "找不到区划代码 {code}"


@pytest.fixture(scope="module")
def regions(demo_store):
    return service.all_regions(demo_store)


@pytest.mark.parametrize("raw", ["320412", "320412000000"])
def test_six_and_twelve_digit_codes_open_the_district(regions, raw):
    resolved = service.resolve_region(regions, raw, UNKNOWN)
    assert resolved.region["code"] == "320412000000"
    assert [name for _, name, _ in resolved.trail] == ["常州市", "武进区"]
    assert resolved.selected_village is None and resolved.error is None


def test_a_village_code_shows_its_township_with_the_village_selected(regions):
    village = regions[regions["level"] == "village"].iloc[0]
    resolved = service.resolve_region(regions, village["code"], UNKNOWN)
    assert resolved.region["code"] == village["parent_code"]
    assert resolved.selected_village == village["code"]
    assert [level for *_, level in resolved.trail] == ["city", "district", "town", "village"]


@pytest.mark.parametrize("raw", ["999999", "abc", "'; DROP TABLE region;--", "3"])
def test_unknown_codes_fall_back_to_the_city_with_a_message(regions, raw):
    resolved = service.resolve_region(regions, raw, UNKNOWN)
    assert resolved.region["code"] == "320400000000"
    assert resolved.error.startswith("找不到区划代码")


def test_children_metrics_add_up_to_the_region(demo_store, regions):
    district = service.resolve_region(regions, "320412", UNKNOWN).region
    view = service.region_view(demo_store, district, ASOF)
    assert view.child_level == "town"
    assert len(view.children) == len(view.child_metrics) == 16
    # Issues recorded at the district office belong to no township, so towns sum to <= total.
    assert view.child_metrics["issues_found"].sum() <= view.totals.issues_found
    assert view.child_metrics["households"].sum() == view.totals.households
    assert set(view.child_metrics["traffic"]) <= {"red", "yellow", "green"}


def test_filters_narrow_the_figures(demo_store, regions):
    root = service.root_region(regions)
    everything = service.region_view(demo_store, root, ASOF).totals
    housing = service.region_view(demo_store, root, ASOF,
                                  IssueFilters(parts=("housing",))).totals
    closed = service.region_view(demo_store, root, ASOF,
                                 IssueFilters(statuses=("closed",))).totals
    assert 0 < housing.issues_found < everything.issues_found
    assert closed.issues_found == closed.issues_closed == everything.issues_closed
    assert closed.issues_open == 0


def test_village_profile(demo_store, regions):
    villages = service.all_regions(demo_store)
    weak = service.region_view(demo_store, service.root_region(regions), ASOF).weak_villages
    code = weak.iloc[0]["code"]
    profile = service.village_profile(demo_store, code, ASOF)
    assert profile.weak_type in ("province", "city")
    assert profile.income["standard"] in (180_000, 350_000)
    assert profile.households > 0
    assert profile.name == villages.set_index("code").loc[code, "name"]
    assert (profile.open_issues["status_asof"] != "closed").all()
    assert (profile.history["changed_at"] < "2020-06-01").all()
