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
    assert scale_for("ontime_rate", [0.1, 0.2]).breaks == scale.breaks


def test_small_counts_get_single_value_classes():
    labels = [label for _, label in count_scale([0, 4], "个").legend_rows()]
    assert labels == ["0", "1", "2", "3", "4"]


def test_view_for_bounds_zooms_in_for_smaller_regions():
    _, city_zoom = view_for_bounds((119.0, 31.0, 120.2, 32.1))
    _, town_zoom = view_for_bounds((119.9, 31.6, 120.0, 31.7))
    assert town_zoom > city_zoom + 2
