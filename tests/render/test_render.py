"""Maps and tables: user text is escaped, colours follow the scale, no CDN is referenced."""

import geopandas as gpd
import pandas as pd
import shapely

from paicha_geo.render import escape
from paicha_geo.render.maps import build_base_map, build_region_layer, view_for_bounds
from paicha_geo.render.scales import NO_DATA_COLOR, count_scale, rate_scale, scale_for

EVIL_HTML = "<img src=x onerror=alert(1)>"
EVIL_TEMPLATE = "${alert(1)}"


def test_escape_neutralises_html_and_js_template_syntax():
    assert "<" not in escape.text(EVIL_HTML)
    assert "${" not in escape.text(EVIL_TEMPLATE)
    assert "`" not in escape.text("`);alert(1);(`")
    assert escape.text(None) == "" and escape.text(float("nan")) == ""
    assert escape.text("武进区") == "武进区"


def test_escaped_text_survives_a_whole_folium_render_without_running():
    """branca renders each element's script again as a Jinja template: a name written as
    template syntax must come out as typed, neither run (回回回) nor failing to compile."""
    import html

    import folium

    names = ["{% for i in range(3) %}回{% endfor %}", "{{村", "甲{# 注释 #}乙"]
    fmap = folium.Map(location=[31.0, 119.0], tiles=None)
    for name in names:
        folium.Marker([31.0, 119.0], tooltip=escape.text(name),
                      icon=folium.DivIcon(html=f"<div>{escape.text(name)}</div>")).add_to(fmap)
    page = html.unescape(fmap.get_root().render())
    assert "回回回" not in page and "甲乙" not in page
    assert all(name in page for name in names)  # in the tooltips, as typed


def _map(names, open_counts):
    regions = gpd.GeoDataFrame(
        {"code": ["320412000000", "320481000000"], "name": names,
         "label_lon": [119.02, 119.07], "label_lat": [31.05, 31.05]},
        geometry=[shapely.box(119.0, 31.0, 119.05, 31.1), shapely.box(119.05, 31.0, 119.1, 31.1)],
        crs=4326,
    )
    metrics = pd.DataFrame({"issues_open": open_counts, "issues_overdue": [0, 0],
                            "closeout_rate": [0.5, float("nan")]})
    weak = pd.DataFrame({"code": ["320412001201"], "name": [EVIL_TEMPLATE],
                         "weak_type": ["province"], "label_lon": [119.03], "label_lat": [31.04]})
    scale = count_scale(metrics["issues_open"], "个")
    fmap = build_base_map(regions.total_bounds)
    build_region_layer(regions, metrics, "issues_open", scale, weak_markers=weak).add_to(fmap)
    return fmap


def test_region_and_village_names_reach_the_map_only_escaped():
    html = _map([EVIL_HTML, EVIL_TEMPLATE], [3, 0]).get_root().render()
    assert EVIL_HTML not in html
    assert "${alert(1)}" not in html
    # The escaped name is there (folium JSON-encodes '&' as \u0026 inside scripts).
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("\\u0026", "&")


def test_map_loads_no_asset_from_outside():
    html = _map(["武进区", "溧阳市"], [3, 0]).get_root().render()
    assert "cdn." not in html and "https://" not in html
    assert "/app/static/vendor/leaflet/leaflet.js" in html


def test_count_scale_classes_and_no_data_colour():
    scale = count_scale([0, 37, 180], "个")
    assert scale.breaks == (0, 50, 100, 150, 200)
    assert scale.color(0) == scale.colors[0]
    assert scale.color(37) == scale.colors[1]
    assert scale.color(180) == scale.colors[4]
    assert scale.color(float("nan")) == NO_DATA_COLOR
    assert [label for _, label in scale.legend_rows()] == [
        "0", "1 – 50", "51 – 100", "101 – 150", "151 – 200"]


def test_rate_scale_is_fixed_and_good_to_bad():
    scale = rate_scale()
    assert scale.color(0.3) == "#d73027"  # low close-out: red
    assert scale.color(0.99) == "#4575b4"  # nearly all closed: blue
    assert scale.color(float("nan")) == NO_DATA_COLOR
    assert scale_for("ontime_rate", [0.1, 0.2], "policy").breaks == scale.breaks


def test_small_counts_get_single_value_classes():
    labels = [label for _, label in count_scale([0, 4], "个").legend_rows()]
    assert labels == ["0", "1", "2", "3", "4"]


def test_view_for_bounds_zooms_in_for_smaller_regions():
    _, city_zoom = view_for_bounds((119.0, 31.0, 120.2, 32.1))
    _, town_zoom = view_for_bounds((119.9, 31.6, 120.0, 31.7))
    assert town_zoom > city_zoom + 2


# eviltransform's published test vectors: (WGS84 lat, lon) -> (GCJ-02 lat, lon).
GCJ_VECTORS = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]


def test_gaode_overlay_is_shifted_to_gcj02_on_known_pairs():
    wgs_lat, wgs_lon, gcj_lat, gcj_lon = GCJ_VECTORS[0]
    regions = gpd.GeoDataFrame(
        {"code": ["310115000000"], "name": ["浦东"], "label_lon": [wgs_lon],
         "label_lat": [wgs_lat]},
        geometry=[shapely.Point(wgs_lon, wgs_lat).buffer(0.01)], crs=4326)
    metrics = pd.DataFrame({"issues_open": [1], "issues_overdue": [0], "closeout_rate": [0.5]})
    scale = count_scale([1], "个")
    plain = build_region_layer(regions, metrics, "issues_open", scale, show_labels=False)
    shifted = build_region_layer(regions, metrics, "issues_open", scale, show_labels=False,
                                 gcj02=True)

    def centre(layer):
        compact = next(c for c in layer._children.values() if hasattr(c, "features"))
        ring = compact.features()[0]["geometry"]["coordinates"][0][0]
        return shapely.Polygon(ring).centroid, compact.data["g"]

    # Coordinates are snapped to a grid of a few metres (the shift is ~500 m).
    (plain_at, grid), (shifted_at, _) = centre(plain), centre(shifted)
    assert grid < 1e-4
    assert plain_at.distance(shapely.Point(wgs_lon, wgs_lat)) < grid
    assert shifted_at.distance(shapely.Point(gcj_lon, gcj_lat)) < grid


def test_gcj02_round_trip_on_published_vectors():
    from paicha_geo.domain.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

    for wgs_lat, wgs_lon, gcj_lat, gcj_lon in GCJ_VECTORS:
        lon, lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        assert abs(lon - gcj_lon) < 1e-9 and abs(lat - gcj_lat) < 1e-9
        lon, lat = gcj02_to_wgs84(gcj_lon, gcj_lat)
        assert abs(lon - wgs_lon) < 1e-8 and abs(lat - wgs_lat) < 1e-8


def test_basemaps_are_offered_only_when_configured():
    from paicha_geo.render import basemaps

    assert list(basemaps.available({})) == ["none"]
    with_key = basemaps.available({"PAICHA_TIANDITU_KEY": "abc"})
    assert "tianditu" in with_key and "tk=abc" in with_key["tianditu"].layers[0][0]
    assert len(with_key["tianditu"].layers) == 2  # vector + labels
    assert basemaps.available({}, {"tianditu_key": "k"})["tianditu"]
    custom = basemaps.available({"PAICHA_TILE_URL": "http://10.0.0.1/{z}/{x}/{y}.png"})
    assert custom["custom"].layers[0][0].startswith("http://10.0.0.1/")
    gaode = basemaps.available({"PAICHA_GAODE": "1"})["gaode"]
    assert basemaps.needs_gcj02(gaode) and not basemaps.needs_gcj02(with_key["tianditu"])


def test_the_scale_bar_is_in_kilometres_only():
    """Measured: the scale bar read "5 km" over "3 mi" (folium adds miles)."""
    from paicha_geo.render.maps import build_base_map

    html = build_base_map((119.0, 31.0, 120.0, 32.0)).get_root().render()
    assert "L.control.scale({imperial: false})" in html
    assert "L.control.scale()" not in html


def test_a_province_of_weak_villages_is_merged_where_crowded_not_hidden():
    from paicha_geo import labels
    from paicha_geo.render.compact_layer import CompactGeoJson
    from paicha_geo.render.village_points import MAX_POINTS

    regions = gpd.GeoDataFrame(
        {"code": ["320000000000"], "name": ["江苏省"], "label_lon": [119.5],
         "label_lat": [32.5]}, geometry=[shapely.box(117, 30.5, 122, 35)], crs=4326)
    metrics = pd.DataFrame({"issues_open": [1], "issues_overdue": [0], "closeout_rate": [0.5]})
    n = MAX_POINTS + 100  # 700 villages in one township, a few metres apart
    weak = pd.DataFrame({"code": [f"320412001{i:03d}" for i in range(n)],
                         "name": [EVIL_HTML] * n, "weak_type": ["city"] * n,
                         "label_lon": [119.9 + i * 1e-5 for i in range(n)],
                         "label_lat": [31.7] * n})
    group = build_region_layer(regions, metrics, "issues_open", count_scale([1], "个"),
                               weak_markers=weak, show_labels=False)
    points = [c for c in group._children.values() if isinstance(c, CompactGeoJson)][1]
    (only,) = points.features()
    assert only["properties"]["name"] == labels.POINTS_MERGED.format(n=n)
    assert only["properties"]["code"] == "320412001000"  # a click opens their township
    assert only["properties"]["kind"] == labels.POINTS_MERGED_KIND + labels.WEAK_TYPES["city"]
