"""The drill-down map in a real Chromium: clicks, breadcrumb, URL state, Back, escaping."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from paicha_geo.store import queries as q
from tests.conftest import EVIL_DESCRIPTION, EVIL_VILLAGE_NAME, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Region polygons are drawn with fill-opacity 0.85; weak-village points with 0.95.
POLYGONS = 'path.leaflet-interactive[fill-opacity="0.85"]'
POINTS = 'path.leaflet-interactive[fill-opacity="0.95"]'


def polygons(page):
    return page.frame_locator(MAP_FRAME).locator(POLYGONS)


def expect_breadcrumb(page, names: list[str]) -> None:
    expect(page.locator(".st-key-breadcrumb button")).to_have_text(names, timeout=30_000)


def click_region(page, index: int, url_part: str) -> None:
    """Click the index-th region polygon (features are drawn in region-code order)."""
    polygons(page).nth(index).dispatch_event("click")
    page.wait_for_url(re.compile(url_part), timeout=30_000)
    wait_for_app(page)


@pytest.fixture(scope="module")
def tree(demo_store):
    return q.regions(demo_store)


def children(tree, code):
    return tree[tree["parent_code"] == code].sort_values("code")


def test_city_map_shows_every_district_coloured_offline(page, app_url, demo_store):
    page.goto(app_url)
    wait_for_app(page)
    expect(polygons(page)).to_have_count(6, timeout=30_000)
    fills = {polygons(page).nth(i).get_attribute("fill") for i in range(6)}
    assert len(fills) >= 2, f"districts should not all share one colour: {fills}"
    weak = page.frame_locator(MAP_FRAME).locator(
        f'{POINTS}[stroke="#5e3c99"], {POINTS}[stroke="#1f78b4"]')
    # Every weak village of the demo city, as a point ringed by its type (purple 省定, blue 市定).
    expect(weak).to_have_count(q.table_counts(demo_store)["weak_villages"])
    labels = page.frame_locator(MAP_FRAME).locator(".paicha-label").all_inner_texts()
    assert "武进区" in labels and "溧阳市" in labels
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("演示数据").first.is_visible()
    expect_breadcrumb(page, ["常州市"])
    assert page.external_requests == []
    save_screenshot(page, "overview")


def test_click_district_then_township_then_village_and_back_up(page, app_url, tree):
    page.goto(app_url)
    wait_for_app(page)
    expect(polygons(page)).to_have_count(6, timeout=30_000)

    districts = children(tree, "320400000000")
    wujin = districts.iloc[3]
    assert wujin["name"] == "武进区"
    click_region(page, 3, r"region=320412000000")
    towns = children(tree, wujin["code"])
    expect(polygons(page)).to_have_count(len(towns), timeout=30_000)
    expect_breadcrumb(page, ["常州市", "武进区"])

    town = towns.iloc[0]
    click_region(page, 0, rf"region={town['code']}")
    villages = children(tree, town["code"])
    expect(polygons(page)).to_have_count(len(villages), timeout=30_000)
    expect_breadcrumb(page, ["常州市", "武进区", town["name"]])

    village = villages.iloc[1]
    click_region(page, 1, rf"region={village['code']}")
    panel = page.locator(".st-key-village-panel")
    expect(panel).to_be_visible(timeout=30_000)
    expect(panel).to_contain_text(village["name"])
    expect(panel).to_contain_text("建档立卡低收入农户")
    expect_breadcrumb(page, ["常州市", "武进区", town["name"], village["name"]])
    expect(polygons(page)).to_have_count(len(villages))  # the township stays on the map
    save_screenshot(page, "village_panel")

    # Back button: one step up the history is the township again.
    page.go_back()
    page.wait_for_url(re.compile(rf"region={town['code']}$"), timeout=30_000)
    wait_for_app(page)
    expect(page.locator(".st-key-village-panel")).to_have_count(0, timeout=30_000)

    # Breadcrumb: the city crumb goes back to the top.
    page.locator(".st-key-breadcrumb button", has_text="常州市").click()
    page.wait_for_url(re.compile(r"^[^?]*(\?(?!.*region=).*)?$"), timeout=30_000)
    wait_for_app(page)
    expect(polygons(page)).to_have_count(6, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize(
    ("param", "title", "crumbs"),
    [("320481", "溧阳市", ["常州市", "溧阳市"]), ("320481000000", "溧阳市", ["常州市", "溧阳市"])],
)
def test_region_links_open_that_level_directly(page, app_url, tree, param, title, crumbs):
    page.goto(f"{app_url}/?region={param}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(title)
    expect_breadcrumb(page, crumbs)
    expect(polygons(page)).to_have_count(len(children(tree, "320481000000")), timeout=30_000)


def test_a_link_keeps_its_filters_and_metric(page, app_url):
    page.goto(f"{app_url}/?region=320412&metric=销号率&cls=政策分档&asof=2020-04-30&src=自查")
    wait_for_app(page)
    legend = page.locator(".paicha-legend")
    expect(legend).to_contain_text("销号率", timeout=30_000)
    expect(legend).to_contain_text("≤ 50.0%")
    expect(page.get_by_text("已应用筛选")).to_be_visible()
    expect(page.locator(".paicha-asof")).to_contain_text("数据截至 2020-04-30")
    assert "region=320412" in page.url and "asof=2020-04-30" in page.url
    assert "cls=" in page.url


def test_unknown_region_code_says_so_and_shows_the_city(page, app_url):
    page.goto(f"{app_url}/?region=999999")
    wait_for_app(page)
    expect(page.get_by_text("找不到区划代码 999999")).to_be_visible()
    expect(polygons(page)).to_have_count(6, timeout=30_000)


def test_hostile_names_and_descriptions_show_as_plain_text(page, app_url, hostile_village):
    page.goto(f"{app_url}/?region={hostile_village}")
    wait_for_app(page)
    panel = page.locator(".st-key-village-panel")
    expect(panel).to_contain_text(EVIL_VILLAGE_NAME, timeout=30_000)
    issues = page.locator(".st-key-open-issues")
    expect(issues).to_contain_text(EVIL_DESCRIPTION)
    # Hover the village on the map so its tooltip (name inside Leaflet HTML) is rendered.
    # Neighbours drawn at the map's edge may lie outside the viewport; hover those on screen
    # until the hostile village's tooltip shows its name as text.
    frame = page.frame_locator(MAP_FRAME)
    tooltip = frame.locator(".leaflet-tooltip")
    # The panel can be drawn before the map's polygons: wait for them, or nothing is hovered.
    expect(polygons(page)).not_to_have_count(0, timeout=30_000)
    shown = False
    for i in range(polygons(page).count()):
        try:
            polygons(page).nth(i).hover(force=True, timeout=3_000)
        except PlaywrightError:
            continue
        for _ in range(10):  # a loaded machine draws the tooltip a moment after the hover
            if any(EVIL_VILLAGE_NAME in text for text in tooltip.all_inner_texts()):
                shown = True
                break
            page.wait_for_timeout(100)
        if shown:
            break
    assert shown, "no tooltip showed the hostile village's name"
    save_screenshot(page, "hostile_text")
    assert page.dialogs == []
    assert frame.locator("img[src='x']").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_changing_the_metric_recolours_without_remounting_the_map(page, app_url):
    page.goto(f"{app_url}/?region=320412")
    wait_for_app(page)
    expect(polygons(page)).to_have_count(16, timeout=30_000)
    frame = page.frame(url=re.compile("streamlit_folium"))
    frame.evaluate("window.__paicha_marker = 'same map'")
    before = [polygons(page).nth(i).get_attribute("fill") for i in range(16)]
    page.get_by_label("地图着色指标").click()
    page.get_by_role("option", name="未销号问题", exact=True).click()
    expect(page.locator(".paicha-legend")).to_contain_text("等间距分档", timeout=30_000)
    wait_for_app(page)
    frame = page.frame(url=re.compile("streamlit_folium"))
    assert frame.evaluate("window.__paicha_marker") == "same map"
    expect(polygons(page)).to_have_count(16)
    after = [polygons(page).nth(i).get_attribute("fill") for i in range(16)]
    assert after != before  # recoloured in place by the new metric
    assert "metric=" in page.url
