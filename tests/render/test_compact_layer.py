"""The compact map layer: what the browser rebuilds is the shapes (to the grid), neighbours
still meet, each style is sent once, and big geometry can be served once by URL."""

import json

import folium
import pytest
import shapely

from paicha_geo.render import geometry_store
from paicha_geo.render.compact_layer import CompactGeoJson, decode_geometries, encode_geometries


def wiggly(x0, n=60):
    """A 0.1° square whose top edge has `n` small teeth (many vertices), at longitude x0."""
    top = [(x0 + 0.1 * i / n, 31.1 + (0.002 if i % 2 else 0)) for i in range(n + 1)]
    return shapely.Polygon([(x0, 31.0), (x0 + 0.1, 31.0), *reversed(top)])


def test_shapes_come_back_on_the_grid_and_neighbours_still_share_their_edge():
    left, right = shapely.box(119.0, 31.0, 119.1, 31.1), shapely.box(119.1, 31.0, 119.2, 31.1)
    holed = shapely.Polygon(shapely.box(120, 31, 120.1, 31.1).exterior.coords,
                            [shapely.box(120.05, 31.05, 120.050001, 31.050001).exterior.coords])
    grid = 1e-4
    back = [shapely.geometry.shape(g) for g in decode_geometries(
        encode_geometries([left, right, holed], grid))]
    assert back[0].symmetric_difference(left).area < 1e-9
    assert back[0].intersection(back[1]).length > 0.0999  # the shared edge, not a gap
    assert len(back[2].geoms[0].interiors) == 0  # a hole smaller than the grid is dropped
    # A point more than a grid step away would show: every vertex is within half a step.
    assert shapely.hausdorff_distance(back[1], right) <= grid / 2 + 1e-12


def test_a_layer_is_several_times_smaller_than_folium_geojson_and_sends_each_style_once():
    shapes = [wiggly(119.0 + 0.1 * i) for i in range(40)]
    styles = [{"fillColor": "#d73027" if i % 2 else "#4575b4", "fillOpacity": 0.85}
              for i in range(40)]
    layer = CompactGeoJson(shapes, {"code": [str(i) for i in range(40)]}, styles, grid=1e-4,
                           name="regions")
    fmap = folium.Map(tiles=None)
    folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": g.__geo_interface__, "properties": {"code": str(i)}}
        for i, g in enumerate(shapes)]}, style_function=lambda f: styles[int(
            f["properties"]["code"])]).add_to(fmap)
    assert len(layer.payload) * 5 < len(fmap.get_root().render())
    assert layer.data["styles"] == [styles[0], styles[1]] and layer.data["si"][:3] == [0, 1, 0]
    assert [f["properties"]["code"] for f in layer.features()] == [str(i) for i in range(40)]


def test_big_geometry_goes_by_url_once_the_route_is_on_with_the_fixed_properties():
    shapes = [wiggly(119.0 + 0.1 * i) for i in range(60)]
    props = {"code": [f"C{i:04d}" for i in range(60)], "value": [f"V{i:04d}" for i in range(60)]}

    def layer(geoms, grid):
        return CompactGeoJson(geoms, {k: v[:len(geoms)] for k, v in props.items()},
                              [{}] * len(geoms), grid=grid, name="regions", fixed=("code",))

    inline = layer(shapes, 1e-5)
    assert '"c":' in inline.payload and '"url":null' in inline.payload
    assert "C0001" in inline.payload
    geometry_store.enable()
    try:
        served, small = layer(shapes, 1e-5), layer(shapes[:1], 1e-2)
    finally:
        geometry_store.enable(False)
    url = served.data["url"]
    assert url.startswith("/geo/") and '"c":' not in served.payload
    assert len(served.payload) * 10 < len(inline.payload)
    # The codes travel with the shapes; the values (they change with the metric) stay.
    assert "C0001" not in served.payload and "V0001" in served.payload
    body = geometry_store.body_of(url.removeprefix(geometry_store.PREFIX)).decode()
    assert inline.data["c"] in body and "C0001" in body and "V0001" not in body
    assert small.data["url"] is None  # a few hundred bytes stay inline


def test_a_layer_survives_folium_rendering_its_script_again_as_a_template():
    # 974 grid steps encode as "{{@": a Jinja opener inside the coordinates; and a name
    # that is a template expression must reach the page as typed, not evaluated.
    points = [shapely.Point(119.0, 31.0), shapely.Point(119.0 + 974 * 1e-4, 31.0)]
    assert "{{" in encode_geometries(points, 1e-4)["c"]
    layer = CompactGeoJson(points, {"name": ["{{ 7*7 }}", "{% if 1 %}x{% endif %}"]},
                           [{}, {}], grid=1e-4, name="points", fields=["name"])
    fmap = folium.Map(tiles=None)
    layer.add_to(fmap)
    html = fmap.get_root().render()  # raised TemplateSyntaxError before script_safe
    assert "49" not in html.split("var d = ", 1)[1][:200]
    start = html.index("var d = ") + len("var d = ")
    end = html.index(";\n", start)
    sent = json.loads(html[start:end])
    assert sent["p"]["name"] == ["{{ 7*7 }}", "{% if 1 %}x{% endif %}"]
    assert decode_geometries(sent)[1]["coordinates"][0] == pytest.approx(119.0974)
