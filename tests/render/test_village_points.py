"""Village points, the worst places' outlines, names that fit, and the weak-village workbook."""

import io
import re

import geopandas as gpd
import openpyxl
import pandas as pd
from shapely.geometry import box

from paicha_geo import labels
from paicha_geo.render import map_overlays, village_points, weak_tables

HOSTILE = "<img src=x onerror=alert(1)>"


def villages():
    return pd.DataFrame({
        "code": ["320401001201", "320401001202", "320401001203", "320401001204"],
        "name": [HOSTILE, "乙村", "丙村", "丁村"],
        "path": ["甲区 · 甲镇"] * 4,
        "weak_type": ["province", "city", None, None],
        "label_lon": [119.90, 119.91, 119.92, 119.93], "label_lat": 31.8,
        "status": ["overdue", "cleared", "overdue", "open"],
        "issues_open": [9, 0, 2, 1], "issues_overdue": [2, 0, 1, 0],
        "issues_closed": [3, 4, 1, 0], "households_failing_any": [5, 0, 0, 0],
        "on_map": [True, True, True, False],
    })


def rendered(layers) -> str:
    import folium

    fmap = folium.Map(tiles=None)
    for layer in layers:
        layer.add_to(fmap)
    html = fmap.get_root().render()
    # folium JSON-encodes non-ASCII text and '&' inside its scripts (\\u4e19): read it back.
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


def test_status_colours_sizes_and_the_hollow_ring_of_a_non_weak_village():
    weak_overdue = village_points.point_style("province", "overdue", 9)
    weak_cleared = village_points.point_style("city", "cleared", 0)
    other = village_points.point_style(None, "overdue", 2)
    assert weak_overdue["fillColor"] == village_points.STATUS_COLORS["overdue"]
    assert weak_cleared["fillColor"] == village_points.STATUS_COLORS["cleared"]
    assert weak_overdue["radius"] > weak_cleared["radius"]  # more open issues, bigger
    assert other["fillColor"] == "#ffffff" and other["color"] == \
        village_points.STATUS_COLORS["overdue"]


def test_only_villages_on_the_map_get_a_point_with_escaped_counts_in_the_tooltip():
    html = rendered(village_points.points_layers(villages()))
    assert "丁村" not in html  # open but not weak and nothing overdue
    assert "丙村" in html and "乙村" in html
    assert HOSTILE not in html and "&lt;img" in html
    for field in ("issues_open", "issues_overdue", "issues_closed", "households_failing_any"):
        assert labels.POINT_FIELDS[field] in html


def test_the_legend_names_every_status_and_its_colour():
    legend = village_points.points_legend_html()
    for status, color in village_points.STATUS_COLORS.items():
        assert color in legend and labels.VILLAGE_STATUS[status] in legend


def shapes(sizes):
    """Squares of `sizes` degrees side by side along 31.8°N, named by index."""
    rows, x = [], 119.0
    for i, size in enumerate(sizes):
        rows.append({"code": str(i), "name": f"{i}号村名", "geometry": box(x, 31.8, x + size,
                                                                          31.8 + size),
                     "label_lon": x + size / 2, "label_lat": 31.8 + size / 2})
        x += size
    return gpd.GeoDataFrame(rows, geometry="geometry")


def test_a_name_is_drawn_only_where_its_region_has_room():
    # At zoom 10 one degree is ~730 px: 0.2° (~146 px) holds a 4-character name (~58 px),
    # 0.02° (~15 px) does not.
    keep = map_overlays.fitting_labels(shapes([0.2, 0.02, 0.2]), zoom=10)
    assert list(keep) == [True, False, True]


def test_names_that_would_overlap_keep_the_bigger_region():
    # Two regions whose label points are 0.01° (~7 px) apart: only the bigger keeps its name.
    frame = shapes([0.2, 0.3])
    frame.loc[1, "label_lon"] = frame.loc[0, "label_lon"] + 0.01
    frame.loc[1, "label_lat"] = frame.loc[0, "label_lat"]
    assert list(map_overlays.fitting_labels(frame, zoom=10)) == [False, True]


def test_the_worst_places_are_outlined_and_numbered():
    import folium

    group = folium.FeatureGroup()
    top = pd.DataFrame({"code": ["2", "0"], "name": ["2号村名", HOSTILE], "rank": [1, 2],
                        "label_lon": [119.5, 119.1], "label_lat": [31.9, 31.9]})
    map_overlays.add_top(group, top, shapes([0.2, 0.2, 0.2]))
    html = rendered([group])
    assert map_overlays.TOP_COLOR in html and ">1<" in html and ">2<" in html
    assert HOSTILE not in html


def test_the_weak_list_workbook_is_inert_and_has_the_list_headers():
    frame = villages().assign(name=["=HYPERLINK(\"x\")", "乙村", "丙村", "丁村"])
    table = weak_tables.weak_list_table(frame[frame["weak_type"].notna()])
    book = openpyxl.load_workbook(io.BytesIO(weak_tables.to_xlsx(table, "清单")))
    rows = list(book.active.values)
    assert list(rows[0]) == list(labels.WEAK_LIST_COLUMNS.values())
    assert rows[1][1] == "'=HYPERLINK(\"x\")"  # text with an apostrophe, not a formula
    assert rows[1][3] == labels.VILLAGE_STATUS["overdue"] and rows[1][4] == 9


def test_the_top_table_keeps_numbers_numeric_and_formats_rates_as_percentages():
    rows = pd.DataFrame({"rank": [1, 2], "path": ["甲区 · 甲镇"] * 2, "name": ["甲村", "乙村"],
                         "value": [0.0, 0.5]})
    table = weak_tables.top_table(rows, "closeout_rate")
    header = labels.MAP_METRICS["closeout_rate"][0]
    assert list(table[header]) == [0.0, 50.0]  # percent points: shown "0.0%", "50.0%"
    assert weak_tables.top_value_format("closeout_rate") == {header: "%.1f%%"}
    counts = weak_tables.top_table(rows.assign(value=[9, 3]), "issues_open")
    assert list(counts[labels.MAP_METRICS["issues_open"][0]]) == [9, 3]


def test_with_a_gaode_basemap_points_and_outlines_move_to_gcj02():
    import folium

    plain = village_points.points_layers(villages())[1].features()[0]
    shifted = village_points.points_layers(villages(), gcj02=True)[1].features()[0]
    # GCJ-02 moves Changzhou by a few hundred metres: the point is not where WGS84 put it.
    assert plain["geometry"]["coordinates"] != shifted["geometry"]["coordinates"]
    group = folium.FeatureGroup()
    top = pd.DataFrame({"code": ["0"], "name": ["0号村名"], "rank": [1],
                        "label_lon": [119.1], "label_lat": [31.9]})
    map_overlays.add_top(group, top, shapes([0.2]), gcj02=True)
    assert ">1<" in rendered([group])


def test_above_the_point_limit_neighbours_merge_into_one_point_that_opens_their_region(
        monkeypatch):
    crowd = villages().assign(on_map=True)
    crowd.loc[3, ["label_lon", "label_lat"]] = [121.0, 32.5]  # far from the other three
    monkeypatch.setattr(village_points, "MAX_POINTS", 2)
    dots = village_points.points_layers(crowd, zoom=7)[1]
    points = {f["properties"]["name"]: f for f in dots.features()}
    assert set(points) == {labels.POINTS_MERGED.format(n=3), "丁村"}
    merged = points[labels.POINTS_MERGED.format(n=3)]["properties"]
    assert merged["code"] == "320401001000"  # their township: a click drills there
    assert merged["issues_open"] == 11 and merged["issues_overdue"] == 3
    assert merged["status"] == labels.VILLAGE_STATUS["overdue"]
    assert merged["kind"] == labels.POINTS_MERGED_KIND + labels.WEAK_TYPES["province"]
    # Spread over two cities, the point opens the city holding most of them.
    crowd.loc[0, "code"] = "320501001201"
    monkeypatch.setattr(village_points, "MAX_POINTS", 2)
    spread = village_points.points_layers(crowd, zoom=7)[1].features()
    assert {f["properties"]["code"] for f in spread} == {"320400000000", "320401001204"}
    # Under the limit (a city's or a township's map) every village keeps its own point.
    monkeypatch.setattr(village_points, "MAX_POINTS", 600)
    assert len(village_points.points_layers(crowd, zoom=7)[1].features()) == 4


def test_a_merged_point_names_the_path_its_villages_share_and_a_tie_opens_the_first_city():
    crowd = villages().assign(on_map=True)
    crowd["path"] = ["甲市 · 甲区 · 甲镇", "甲市 · 甲区 · 乙镇", "甲市 · 乙区 · 丙镇",
                     "甲市 · 甲区 · 甲镇"]
    crowd.loc[[0, 1], "label_lon"] = 119.90  # two cells of two villages each
    crowd.loc[[2, 3], "label_lon"] = 121.00
    crowd.loc[1, "code"] = "320402001201"  # the first cell: two districts of one city
    crowd.loc[2, "code"] = "320501001201"  # the second: one village in each of two cities
    merged = village_points.merge_dense(crowd, zoom=7).set_index("label_lon")
    assert merged.loc[119.90, "code"] == "320400000000"
    assert merged.loc[119.90, "path"] == "甲市 · 甲区"
    assert merged.loc[121.00, "code"] == "320400000000"  # 3204 before 3205 on a tie
    assert merged.loc[121.00, "path"] == "甲市"
    assert list(merged["merged"]) == [2, 2]
