"""Colours that rank, in a real Chromium: on the demo at 2020-05-31, the city map never paints
its six districts in one colour whatever the metric, and the worst district by the ranking
rate (compare.DEFAULT_RANK_BY, the comparison page's and the wall's) is the one in red."""

import datetime as dt
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from paicha_geo import labels
from paicha_geo.domain import compare
from paicha_geo.render.scales import TRAFFIC_COLORS, worst_color
from paicha_geo.services import map_service
from paicha_geo.services.data import Scope
from tests.browser.test_browser_map import polygons
from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

ASOF = dt.date(2020, 5, 31)


def district_fills(page, query: str) -> list[str]:
    """The fill of each district polygon (drawn in region-code order) on the city map."""
    page.goto(f"{page.app_url}/?asof={ASOF}{query}")
    wait_for_app(page)
    expect(polygons(page)).to_have_count(6, timeout=30_000)
    return [polygons(page).nth(i).get_attribute("fill") for i in range(6)]


@pytest.fixture
def city_page(page, app_url):
    page.app_url = app_url
    return page


@pytest.fixture(scope="module")
def worst(snap):
    """(position in code order, name) of the worst district by the ranking rate."""
    view = map_service.region_view(snap, Scope(""), ASOF)
    ranks = compare.rank(view.child_metrics, compare.DEFAULT_RANK_BY)
    position = int(ranks.idxmax())
    assert (ranks == ranks.max()).sum() == 1  # one worst, no tie
    return position, view.children["name"][position]


@pytest.mark.parametrize("metric", labels.MAP_METRIC_CHOICES)
def test_six_districts_never_share_one_colour(city_page, metric):
    fills = district_fills(city_page, f"&metric={quote(labels.MAP_METRICS[metric][0])}")
    assert len(set(fills)) >= 2, f"{metric}: every district is {fills[0]}"
    expect(city_page.locator(".paicha-legend")).to_contain_text(labels.MAP_METRICS[metric][0])
    assert city_page.locator('[data-testid="stException"]').count() == 0


def test_the_worst_district_by_the_ranking_rate_is_alone_in_the_worst_colour(city_page, worst):
    position, name = worst
    fills = district_fills(city_page, "")  # the map opens on the ranking rate
    legend = city_page.locator(".paicha-legend")
    expect(legend).to_contain_text(labels.MAP_METRICS[compare.DEFAULT_RANK_BY][0])
    expect(legend).to_contain_text(labels.CLASSINGS["data"])
    assert fills[position] == worst_color(compare.DEFAULT_RANK_BY), (name, fills)
    assert fills.count(fills[position]) == 1, f"{name} does not stand out: {fills}"
    save_screenshot(city_page, "rank_city_worst")


def test_area_warning_tells_districts_apart_and_says_its_rule(city_page, worst):
    position, _ = worst
    fills = district_fills(city_page, f"&metric={quote(labels.MAP_METRICS['traffic'][0])}")
    assert len(set(fills)) >= 2
    # The worst district is red by its villages' shares.
    assert fills[position] == TRAFFIC_COLORS["red"]
    expect(city_page.locator(".paicha-legend")).to_contain_text("红色村占比 ≥ 50.0%")
    rule = city_page.get_by_text("乡镇、市(区)按所辖村的红黄绿占比着色", exact=False)
    expect(rule).to_be_visible()


def test_policy_bands_stay_selectable(city_page):
    district_fills(city_page, f"&metric={quote('按期销号率')}&cls={quote('政策分档')}")
    expect(city_page.locator(".paicha-legend")).to_contain_text(labels.CLASSING_METHODS["policy"])
