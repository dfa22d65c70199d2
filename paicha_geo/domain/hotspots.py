"""Hot spots (热点): where villages with a problem cluster more than chance would place them.

The local Getis-Ord Gi* statistic (esda.G_Local with star=True) compares the sum of a value
over a village and its neighbours (villages sharing a border or a corner: queen contiguity
from the village boundaries, libpysal) with what random placement of the same values would
give. Significance comes from conditional permutations (PERMUTATIONS, fixed seed so the same
data always give the same map): z is the observed statistic against the mean and spread of
the permuted ones (esda's z_sim) and p its one-sided normal tail (p_z_sim). esda's folded
count p_sim is not used: most villages have no failing household, and with so many tied
zeros it calls a quiet village surrounded by quiet villages significant at p = 0.001. A
village is a hot spot at 95 % when z > 0 and p ≤ 0.05 (99 % at p ≤ 0.01); cold spots
likewise with z < 0. A village without neighbours (an island
in the boundaries) has no local statistic and is classed as such, never as "not significant".
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd

PERMUTATIONS = 999
SEED = 2020
CLASSES = ("hot99", "hot95", "ns", "cold95", "cold99", "island")  # the map legend's order


def queen_weights(shapes: gpd.GeoDataFrame):
    """Queen contiguity between `shapes` (index = region code), row-standardised is NOT
    applied: Gi* wants binary weights."""
    from libpysal.weights import Queen

    with warnings.catch_warnings():  # islands are reported by the class, not by a warning
        warnings.simplefilter("ignore")
        return Queen.from_dataframe(shapes, use_index=True)


def _classify(z: float, p: float, island: bool) -> str:
    if island:
        return "island"
    if not np.isfinite(z) or not np.isfinite(p) or p > 0.05:
        return "ns"
    strength = "99" if p <= 0.01 else "95"
    return f"hot{strength}" if z > 0 else f"cold{strength}"


def gi_star(values: pd.Series, shapes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per village (index of `values`, aligned with `shapes`' index): value, neighbours, Gi* z,
    permutation p and class (CLASSES). Fewer than 3 villages, or no spread in the values,
    gives every village 'ns'."""
    from esda.getisord import G_Local

    shapes = shapes.loc[values.index]
    y = values.astype(float).fillna(0.0).to_numpy()
    w = queen_weights(shapes)
    neighbours = pd.Series([len(w.neighbors[c]) for c in shapes.index], index=shapes.index)
    out = pd.DataFrame({"value": y, "neighbours": neighbours.to_numpy()}, index=shapes.index)
    if len(y) < 3 or np.ptp(y) == 0:
        out["z"], out["p"], out["class"] = np.nan, np.nan, np.where(
            out["neighbours"] == 0, "island", "ns")
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # n_jobs=1: the same figures as esda's default (a worker per core), without
        # starting a pool of processes that outlive the call.
        g = G_Local(y, w, transform="B", permutations=PERMUTATIONS, star=True, seed=SEED,
                    n_jobs=1)
    out["z"], out["p"] = g.z_sim, g.p_z_sim
    out["class"] = [_classify(z, p, n == 0)
                    for z, p, n in zip(out["z"], out["p"], out["neighbours"], strict=True)]
    return out
