"""Map benchmark (not a test): build time and HTML payload per level, ours vs naive explore(),
and the time Chromium needs to draw (and zoom) the map of a whole level's villages.

    .venv/bin/python bench/map_bench.py --db data/paicha.duckdb
    .venv/bin/python bench/map_bench.py --db /tmp/province.duckdb --browser

For each level it times the server work of one drill step (figures for the region and its
children from DuckDB, then the map layer) and measures the HTML that reaches the browser
(raw and gzipped: what a compressed websocket would carry). "Naive" is what
GeoDataFrame.explore() sends: the unsimplified polygons of the same regions with every column.
With --browser, the all-villages maps (ours and naive) are opened in Chromium
(/usr/bin/chromium, Playwright) from a file, with Leaflet from the app's vendored copy: the
time from navigation until the layer is painted, and the time one zoom step in takes to paint.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import tempfile
import time
from pathlib import Path

import folium
import geopandas as gpd

from paicha_geo.render.geometry import simplify_levels
from paicha_geo.render.map_overlays import add_village_layers
from paicha_geo.render.maps import OfflineMap
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import data, map_service, weak_service
from paicha_geo.store import Store
from paicha_geo.store import queries as q


def _timed(fn, repeat=3):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def our_map(layers, scope, asof, snapshot, root_level):
    """One drill step as the map page does it: the view, the one map assembly, the village
    points and the 10 worst villages outlined."""
    view = map_service.region_view(snapshot, scope, asof)
    village = view.child_level == "village"
    rmap = build_region_map(layers, view.child_level, view.children["code"], view.child_metrics,
                            "issues_open", root_level=root_level,
                            weak_types=view.child_weak_types, color_all=not village,
                            show_labels=False)
    villages = weak_service.village_table(snapshot, scope, asof)
    top = weak_service.worst_places(snapshot, scope, asof, "village", "issues_open", 10)
    add_village_layers(rmap, villages, top=top.rows, top_shapes=layers["village"])
    rmap.layer.add_to(rmap.base)
    return rmap.base.get_root().render()


def whole_level_map(layers, level, asof, snapshot):
    """Every region of one level at once (e.g. all villages of the city); villages with their
    own figures and weak types, as the hot-spot and inspection maps draw them."""
    shapes = layers[level].reset_index(drop=True)
    if level == "village":
        metrics = map_service.village_metrics(snapshot, data.EVERYTHING, asof).reindex(
            shapes["code"]).reset_index(drop=True)
        weak = shapes["code"].map(snapshot.villages.set_index("code")["weak_type"])
    else:
        view = map_service.region_view(snapshot, data.EVERYTHING, asof)  # root figures only
        metrics = view.child_metrics.iloc[[0] * len(shapes)].reset_index(drop=True)
        weak = None
    rmap = build_region_map(layers, level, shapes["code"], metrics, "issues_open",
                            root_level=level, weak_types=weak, show_labels=False)
    rmap.base.location = rmap.center
    rmap.base.options["zoom"] = rmap.zoom
    rmap.layer.add_to(rmap.base)
    return rmap.base.get_root().render()


def browser_times(html: str, assets: Path, browser) -> tuple[float, float]:
    """(seconds until the map is painted after navigation, seconds for one zoom step in)."""
    html = html.replace("/app/static/vendor", assets.as_uri())
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as f:
        f.write(html)
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(Path(f.name).as_uri(), wait_until="load", timeout=600_000)
        painted = page.evaluate(PAINTED_JS)
        zoom = page.evaluate(ZOOM_JS)
    finally:
        page.close()
        Path(f.name).unlink()
    return painted / 1000, zoom / 1000


# Two animation frames after the load event: the layer built by the page's scripts is painted.
PAINTED_JS = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
    () => done(performance.now()))))"""
ZOOM_JS = """() => new Promise(done => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const t0 = performance.now();
    map.once("zoomend", () => requestAnimationFrame(() => requestAnimationFrame(
        () => done(performance.now() - t0))));
    map.setZoom(map.getZoom() + 1, {animate: false});
})"""


def naive_map(raw: gpd.GeoDataFrame):
    """What GeoDataFrame.explore() sends (every column in the properties and the tooltip);
    written out because explore() itself needs mapclassify, which the project does not use."""
    fmap = OfflineMap(tiles=None)  # Leaflet from the app's copy, so Chromium can draw it
    fields = [c for c in raw.columns if c != "geometry"]
    folium.GeoJson(raw, tooltip=folium.GeoJsonTooltip(fields=fields)).add_to(fmap)
    minx, miny, maxx, maxy = raw.total_bounds
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])  # as explore() does
    return fmap.get_root().render()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--browser", action="store_true",
                        help="also time Chromium drawing the all-villages maps")
    args = parser.parse_args()
    store = Store(args.db, read_only=True)
    t0 = time.perf_counter()
    raw = q.regions(store, geometry=True)
    layers = simplify_levels(raw)
    print(f"simplify all levels once: {time.perf_counter() - t0:.2f} s "
          f"({len(raw)} regions)")
    t0 = time.perf_counter()
    snapshot = data.load_snapshot(store)
    asof = snapshot.campaign.default_asof
    snapshot.issues_asof(asof)
    print(f"load the snapshot once per data version: {time.perf_counter() - t0:.2f} s")
    regions = snapshot.regions
    root = snapshot.root
    # One drill path: root -> its first child -> ... down to a township.
    path = [root]
    while path[-1]["level"] != "town":
        kids = regions[regions["parent_code"] == path[-1]["code"]].sort_values("code")
        path.append(kids.iloc[len(kids) // 2])
    print(f"{'view':<28}{'children':>9}{'ours ms':>9}{'ours KB':>9}{'naive ms':>10}"
          f"{'naive KB':>10}")
    for region in path:
        row = regions.set_index("code").loc[region["code"]]
        region = row.copy()
        region["code"] = row.name
        kids = raw[raw["parent_code"] == region["code"]]
        scope = data.Scope.of(region["code"], region["level"])
        ms, html = _timed(lambda s=scope: our_map(layers, s, asof, snapshot, root["level"]))
        nms, nhtml = _timed(lambda k=kids: naive_map(k), repeat=1)
        print(f"{region['level'] + ' ' + region['name']:<28}{len(kids):>9}{ms * 1000:>9.0f}"
              f"{len(html) / 1024:>9.0f}{nms * 1000:>10.0f}{len(nhtml) / 1024:>10.0f}")
    drawn = {}
    for level in ("town", "village"):
        kids = raw[raw["level"] == level]
        ms, html = _timed(
            lambda lv=level: whole_level_map(layers, lv, asof, snapshot), repeat=1)
        nms, nhtml = _timed(lambda k=kids: naive_map(k), repeat=1)
        print(f"{'all ' + level + 's':<28}{len(kids):>9}{ms * 1000:>9.0f}"
              f"{len(html) / 1024:>9.0f}{nms * 1000:>10.0f}{len(nhtml) / 1024:>10.0f}"
              f"   {len(nhtml) / len(html):.1f}x smaller; gzipped {_gz(html):.0f} KB vs "
              f"{_gz(nhtml):.0f} KB ({_gz(nhtml) / _gz(html):.1f}x)")
        drawn[level] = (html, nhtml)
        _by_url(layers, level, asof, snapshot)
    if args.browser:
        _draw(*drawn["village"])


def _by_url(layers, level, asof, snapshot) -> None:
    """The same map as the app serves it (geometry_store on): what every rerun sends, and the
    geometry the browser fetches once per data version and then keeps."""
    try:
        from paicha_geo.render import geometry_store
    except ImportError:  # before the store existed
        return
    geometry_store.enable()
    try:
        html = whole_level_map(layers, level, asof, snapshot)
    finally:
        geometry_store.enable(False)
    urls = set(re.findall(r'"url":"/geo/([0-9a-f]+\.json)"', html))
    once = sum(len(geometry_store.body_of(u)) for u in urls) / 1024
    print(f"{'':<28}served by the app: {len(html) / 1024:.0f} KB on every rerun, "
          f"{once:.0f} KB of geometry once ({len(urls)} file)")


def _gz(text: str) -> float:
    return len(gzip.compress(text.encode(), 6)) / 1024


def _draw(html: str, naive: str) -> None:
    from playwright.sync_api import sync_playwright

    from paicha_geo.render.assets import ensure_static_assets

    assets = ensure_static_assets(Path(tempfile.mkdtemp(prefix="map-bench-")))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for name, page_html in (("ours", html), ("naive", naive)):
            painted, zoom = browser_times(page_html, assets, browser)
            print(f"Chromium, all villages, {name}: painted {painted:.2f} s after navigation, "
                  f"one zoom step in {zoom:.2f} s")
        browser.close()


if __name__ == "__main__":
    main()
