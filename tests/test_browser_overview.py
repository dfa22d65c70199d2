"""The overview page in a real Chromium: districts drawn and coloured, offline, no errors."""

import pytest

from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_overview_map_shows_one_polygon_per_district(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    polygons = frame.locator("path.leaflet-interactive")
    # Districts are GeoJSON polygons; weak villages are circle markers (also paths), so
    # count the district layer by its fill colours from the legend's scale.
    frame.locator(".paicha-legend").wait_for(timeout=30_000)
    district_paths = frame.locator("path.leaflet-interactive[stroke='#444444']")
    assert district_paths.count() == 6
    assert polygons.count() > 6  # weak-village markers are drawn too
    fills = {district_paths.nth(i).get_attribute("fill") for i in range(6)}
    assert len(fills) >= 2, f"districts should not all share one colour: {fills}"
    assert page.locator('[data-testid="stException"]').count() == 0
    labels = frame.locator(".paicha-label").all_inner_texts()
    assert "武进区" in labels and "溧阳市" in labels
    assert page.get_by_text("演示数据").first.is_visible()
    assert page.external_requests == []
    save_screenshot(page, "overview")
