"""A map of many regions in a real Chromium: drawn on one canvas (no SVG path per region), and
still a click on a region or on a village point over it reports that feature's code (what
streamlit-folium sends back for the drill), with escaped names in the tooltips."""

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from playwright.sync_api import expect

from paicha_geo.render import compact_layer
from paicha_geo.render.assets import ensure_static_assets
from paicha_geo.render.maps import build_base_map, build_region_layer
from paicha_geo.render.scales import count_scale
from paicha_geo.render.village_points import points_layers

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
SIDE = 20  # 400 regions: above CANVAS_ABOVE as this test sets it
CELL = 0.01
# The way streamlit-folium listens: a click handler on every layer of the map, reading the
# feature of the layer the event came from.
LISTEN = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    window.__clicked = [];
    for (const layer of Object.values(map._layers)) {
        layer.on("click", e => { if (e.layer && e.layer.toGeoJSON)
            window.__clicked.push(e.layer.toGeoJSON().properties.code); });
    }
}"""
PIXEL = """([lat, lon]) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const p = map.latLngToContainerPoint([lat, lon]);
    const box = map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
}"""


def grid_regions():
    rows = []
    for i in range(SIDE * SIDE):
        x, y = 119.0 + (i % SIDE) * CELL, 31.0 + (i // SIDE) * CELL
        rows.append({"code": f"3204{i:08d}", "name": HOSTILE if i == 0 else f"{i}村",
                     "label_lon": x + CELL / 2, "label_lat": y + CELL / 2,
                     "geometry": shapely.box(x, y, x + CELL, y + CELL)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def village_points(regions):
    picked = regions.iloc[[45, 210]]  # two points, over two regions
    return pd.DataFrame({
        "code": ["320499999901", "320499999902"], "name": ["甲村", "乙村"], "path": ["甲镇"] * 2,
        "weak_type": ["province", "city"], "label_lon": picked["label_lon"].to_numpy(),
        "label_lat": picked["label_lat"].to_numpy(), "status": ["overdue", "open"],
        "issues_open": [9, 1], "issues_overdue": [2, 0], "issues_closed": [0, 0],
        "households_failing_any": [0, 0], "on_map": [True, True]})


@pytest.fixture(scope="module")
def map_page(browser, tmp_path_factory):
    # The app draws on canvas only above a city's size; a smaller grid shows the same thing.
    kept, compact_layer.CANVAS_ABOVE = compact_layer.CANVAS_ABOVE, 300
    folder = tmp_path_factory.mktemp("canvas-map")
    regions = grid_regions()
    metrics = pd.DataFrame({"issues_open": range(len(regions)), "issues_overdue": 0,
                            "closeout_rate": 0.5})
    fmap = build_base_map(regions.total_bounds)
    fmap.fit_bounds([[31.0, 119.0], [31.0 + SIDE * CELL, 119.0 + SIDE * CELL]])
    group: folium.FeatureGroup = build_region_layer(
        regions, metrics, "issues_open", count_scale(metrics["issues_open"], "个"),
        show_labels=False)
    for layer in points_layers(village_points(regions), zoom=12):
        layer.add_to(group)
    group.add_to(fmap)
    assets = ensure_static_assets(folder)
    html = fmap.get_root().render().replace("/app/static/vendor", assets.as_uri())
    compact_layer.CANVAS_ABOVE = kept
    path = folder / "map.html"
    path.write_text(html)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("canvas", state="attached")
    page.wait_for_timeout(500)  # the first frame drawn before anyone clicks
    page.evaluate(LISTEN)
    yield page, regions
    context.close()


def click_at(page, lat, lon) -> set:
    """The codes the click reported (each parent layer hears it, like streamlit-folium)."""
    page.evaluate("window.__clicked = []")
    x, y = page.evaluate(PIXEL, [lat, lon])
    # As a hand does: the pointer arrives, rests (the canvas hit-tests moves at most every
    # 32 ms), then presses.
    page.mouse.move(x, y)
    page.wait_for_timeout(100)
    page.mouse.click(x, y)
    return set(page.evaluate("window.__clicked"))


def test_many_regions_share_one_canvas_and_send_no_svg_paths(map_page):
    page, _ = map_page
    assert page.locator("canvas").count() == 1
    assert page.locator("path.leaflet-interactive").count() == 0


def test_a_click_on_the_canvas_reports_the_region_or_the_point_under_it(map_page):
    page, regions = map_page
    # A region with no point on it: its own code comes back.
    corner = regions.iloc[123]
    assert click_at(page, corner["label_lat"] + CELL / 4, corner["label_lon"] + CELL / 4) == \
        {corner["code"]}
    # The village point drawn over region 45 takes the click, not the region beneath.
    under = regions.iloc[45]
    assert click_at(page, under["label_lat"], under["label_lon"]) == {"320499999901"}


def test_tooltips_on_the_canvas_show_names_as_text(map_page):
    page, regions = map_page
    first = regions.iloc[0]
    x, y = page.evaluate(PIXEL, [first["label_lat"], first["label_lon"] + CELL / 4])
    # Leaflet's canvas handles at most one pointer move per 32 ms: rest, then nudge, as a hand
    # does, so the last position is the one hit-tested.
    page.mouse.move(x, y)
    page.wait_for_timeout(100)
    page.mouse.move(x + 1, y)
    # Shown as text, never parsed as markup.
    expect(page.locator(".leaflet-tooltip", has_text=HOSTILE)).to_be_visible(timeout=10_000)
    assert page.locator("img[src='x']").count() == 0
