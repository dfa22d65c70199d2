"""The static map picture: classes from the data's spread, a CJK font, and a PNG even
without one."""

import io

import geopandas as gpd
import pytest
from PIL import Image
from shapely.geometry import box

from paicha_geo.render import static_map
from paicha_geo.render.scales import NO_DATA_COLOR, RDYLBU


def test_rates_close_together_still_get_the_worst_and_the_best_apart():
    scale = static_map.spread_scale([0.524, 0.537, 0.541, 0.560, 0.572, 0.574], True,
                                    percent=True)
    assert scale.color(0.524) == RDYLBU[0] and scale.color(0.574) == RDYLBU[-1]
    assert scale.legend_rows()[0] == (RDYLBU[0], "52.4% – 53.7%")
    assert scale.color(float("nan")) == NO_DATA_COLOR


def test_where_lower_is_better_the_highest_value_is_red():
    scale = static_map.spread_scale([1.0, 2.0, 3.0], False, percent=False)
    assert scale.color(3.0) == RDYLBU[0] and scale.color(1.0) == RDYLBU[-1]
    assert [t for _c, t in scale.legend_rows()] == ["1.00", "2.00", "3.00"]


def test_all_alike_is_one_neutral_class():
    scale = static_map.spread_scale([0.5, 0.5], True, percent=True)
    assert scale.legend_rows() == [(RDYLBU[2], "50.0%")]


SHAPES = gpd.GeoDataFrame({"code": ["a", "b"], "name": ["甲区", "乙区"]},
                          geometry=[box(119.0, 31.0, 119.5, 31.5), box(119.5, 31.0, 120, 31.5)],
                          crs="EPSG:4326")


def _fills(png: bytes) -> set:
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 20)
    return {"#" + bytes(rgb).hex() for n, rgb in colours if n > 5000 and len(set(rgb)) > 1}


def test_the_picture_has_each_regions_colour(monkeypatch):
    assert static_map.cjk_font()  # fonts-noto-cjk (scripts/test.sh)
    scale = static_map.spread_scale([0.2, 0.9], True, percent=True)
    png = static_map.map_png(SHAPES, [0.2, 0.9], scale, title="测试市", legend_title="销号率")
    assert _fills(png) == {RDYLBU[0], RDYLBU[-1]}


def test_without_a_cjk_font_the_picture_is_still_drawn(monkeypatch):
    monkeypatch.setattr(static_map, "cjk_font", lambda: None)
    scale = static_map.spread_scale([0.2, 0.9], True, percent=True)
    with pytest.warns(UserWarning):  # matplotlib: glyphs missing from the fallback font
        png = static_map.map_png(SHAPES, [0.2, 0.9], scale, title="测试市", legend_title="率")
    assert Image.open(io.BytesIO(png)).format == "PNG"
