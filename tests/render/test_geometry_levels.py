"""Display geometry per level: a coarser copy of the villages for views that open far out."""

import geopandas as gpd
import shapely

from paicha_geo.render.geometry import shapes_for_view, simplify_levels, wide_key


def villages():
    """Two neighbouring villages with wiggly (many-vertex) shared boundary."""
    edge = [(119.0 + 0.002 * (i % 2), 31.0 + 0.1 * i / 100) for i in range(101)]
    west = shapely.Polygon([(118.9, 31.0), *edge, (118.9, 31.1)])
    east = shapely.Polygon([*edge, (119.1, 31.1), (119.1, 31.0)])
    return gpd.GeoDataFrame({"code": ["320401001001", "320401001002"], "name": ["甲村", "乙村"],
                             "level": "village", "parent_code": "320401001000",
                             "label_lon": [118.95, 119.05], "label_lat": 31.05},
                            geometry=[west, east], crs=4326)


def test_far_views_get_the_coarser_villages_and_near_views_the_finer():
    layers = simplify_levels(villages())
    fine, coarse = layers["village"], layers[wide_key("village")]
    count = shapely.get_num_coordinates
    assert count(coarse.geometry.to_numpy()).sum() < count(fine.geometry.to_numpy()).sum()
    # Still a coverage: the two villages meet without a gap or an overlap.
    a, b = coarse.geometry
    assert a.intersection(b).area < 1e-12 and a.intersection(b).length > 0.09
    codes = ["320401001002"]
    far = shapes_for_view(layers, "village", codes, zoom=7)
    near = shapes_for_view(layers, "village", codes, zoom=11)
    assert far.geometry.iloc[0].equals(coarse.geometry.iloc[1])
    assert near.geometry.iloc[0].equals(fine.geometry.iloc[1])
    assert list(far["name"]) == ["乙村"]
