"""Village points at city level in a real Chromium: coloured by their own status, with the
counts in the tooltip, and the N worst villages outlined with their rank."""

import pytest
from playwright.sync_api import expect

from paicha_geo import labels
from paicha_geo.render.map_overlays import TOP_COLOR
from paicha_geo.render.village_points import STATUS_COLORS, TYPE_RINGS
from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
POINTS = 'path.leaflet-interactive[fill-opacity="0.95"]'


def test_city_points_show_their_status_and_counts(page, app_url):
    page.goto(app_url + "/?asof=2020-05-31")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    weak = frame.locator(", ".join(f'{POINTS}[stroke="{c}"]' for c in TYPE_RINGS.values()))
    expect(weak.first).to_be_attached(timeout=30_000)
    fills = {weak.nth(i).get_attribute("fill") for i in range(weak.count())}
    assert len(fills & set(STATUS_COLORS.values())) >= 2, fills
    # The biggest overdue weak village: its tooltip gives its counts.
    overdue = frame.locator(", ".join(
        f'{POINTS}[stroke="{c}"][fill="{STATUS_COLORS["overdue"]}"]'
        for c in TYPE_RINGS.values()))
    overdue.last.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip.first).to_be_visible(timeout=10_000)
    text = tooltip.first.inner_text()
    for field in ("issues_open", "issues_overdue", "issues_closed", "households_failing_any"):
        assert labels.POINT_FIELDS[field] in text, text
    assert labels.VILLAGE_STATUS["overdue"] in text
    # The 10 worst villages: red outlines (not clickable) and rank badges.
    expect(frame.locator(f'path[stroke="{TOP_COLOR}"]')).to_have_count(10)
    assert page.external_requests == []
    save_screenshot(page, "village_points_city")


@pytest.mark.parametrize("region", ["320412000000", "320412102000"])  # 武进区, 牛塘镇
def test_names_on_the_map_never_overlap(page, app_url, region):
    page.goto(app_url + f"/?asof=2020-05-31&region={region}")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    names = frame.locator(".paicha-label")
    expect(names.first).to_be_visible(timeout=30_000)
    boxes = [names.nth(i).bounding_box() for i in range(names.count())]
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, (a, b)
