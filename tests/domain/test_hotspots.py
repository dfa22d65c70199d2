"""Hot spots on a hand-built grid whose hot spot is known (issue 16)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from paicha_geo.domain.hotspots import gi_star


def _grid(n: int = 6) -> gpd.GeoDataFrame:
    cells = {f"{r}{c}": box(c, -r, c + 1, -r + 1) for r in range(n) for c in range(n)}
    return gpd.GeoDataFrame(geometry=list(cells.values()), index=list(cells), crs="EPSG:3857")


def test_a_block_of_high_values_in_a_corner_is_the_hot_spot_and_nothing_else_is():
    shapes = _grid()
    block = {"00", "01", "10", "11"}
    values = pd.Series({k: 10.0 if k in block else 1.0 for k in shapes.index})
    out = gi_star(values, shapes)
    assert set(out.index[out["class"] == "hot99"]) == block
    far = [k for k in out.index if int(k[0]) >= 3 or int(k[1]) >= 3]  # away from the block
    assert (out.loc[far, "class"] == "ns").all()
    assert (out.loc[list(block), "z"] > 3).all() and (out.loc[list(block), "p"] < 0.01).all()
    assert out.loc["00", "neighbours"] == 3 and out.loc["22", "neighbours"] == 8  # queen


def test_many_tied_zeros_are_not_a_cold_spot():
    """Most villages have no failing household: a quiet village among quiet ones is not
    'significantly cold' (esda's folded permutation count would say p = 0.001)."""
    shapes = _grid()
    values = pd.Series(0.0, index=shapes.index)
    values[["00", "01", "10"]] = [30.0, 25.0, 20.0]
    out = gi_star(values, shapes)
    assert not out["class"].str.startswith("cold").any()
    assert out.loc["55", "class"] == "ns"


def test_an_island_and_a_flat_map_are_said_as_such():
    shapes = _grid(3)
    island = gpd.GeoDataFrame(geometry=[box(10, 10, 11, 11)], index=["99"], crs="EPSG:3857")
    shapes = pd.concat([shapes, island])
    values = pd.Series(1.0, index=shapes.index)
    flat = gi_star(values, shapes)
    assert flat.loc["99", "class"] == "island" and (flat.drop("99")["class"] == "ns").all()
    values["00"] = 9.0
    assert gi_star(values, shapes).loc["99", "class"] == "island"
