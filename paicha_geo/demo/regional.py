"""Where the demo's weak villages and fluoride villages are: a geography like 江苏 in 2020.

Illustrative, not data (geo/README.md says so): in 常州 the weak villages lay mostly in the
hilly south-west (溧阳市, 金坛区), fewer in 武进区 and 新北区, none in the urban districts
(天宁区, 钟楼区); across 江苏 they lay mostly in the north (苏北), fewer in 苏中, few in 苏南, and
never in a district whose townships are nearly all 街道. 饮水型氟超标 is rare and comes by
groundwater area: a handful of neighbouring villages, not a spread of single households.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WEAK_SHARE = 0.15  # of all villages; about a third of them province-designated
PROVINCE_DESIGNATED = 1 / 3
MAX_WEAK_SHARE = 0.6  # of one district's rural villages

# 常州's districts by code: weight of a rural village in the draw of weak villages.
CHANGZHOU_WEAK_WEIGHT = {"320481": 3.0, "320413": 2.6, "320412": 0.8, "320411": 0.6,
                         "320402": 0.0, "320404": 0.0}
# 江苏's cities by code: 苏北 weighs most, 苏南 least (常州 keeps its own district weights).
JIANGSU_WEAK_WEIGHT = {
    "3203": 3.0, "3207": 3.0, "3208": 3.0, "3209": 2.5, "3213": 3.0,  # 苏北
    "3206": 1.3, "3210": 1.3, "3212": 1.3,  # 苏中
    "3201": 0.4, "3202": 0.3, "3204": 0.5, "3205": 0.3, "3211": 0.5,  # 苏南
}
URBAN_STREET_SHARE = 0.7  # a district with this share of 街道 townships has no weak village

# How slowly each 常州 district's offices rectify (a factor on the working time): the demo
# needs some districts visibly behind others; 新北区 the slowest, as the README shows.
DISTRICT_PACE = {"320411": 1.6, "320413": 1.2, "320481": 1.1, "320412": 1.0,
                 "320402": 0.9, "320404": 0.9}


def pace(region_codes: pd.Series) -> np.ndarray:
    """The working-time factor of each issue's district (1 outside 常州)."""
    return region_codes.str[:6].map(DISTRICT_PACE).fillna(1.0).to_numpy(float)


# Fluoride: clusters of neighbouring villages in one township each, in these districts.
FLUORIDE_DISTRICTS = {"city": ("320481", "320413"),  # groundwater areas of the south-west
                      "province": ("320321", "320322", "321322", "321324")}  # 丰县 沛县 沭阳 泗洪
FLUORIDE_CLUSTERS = {"city": 2, "province": 4}
FLUORIDE_VILLAGES_PER_CLUSTER = (2, 4)  # inclusive range
FLUORIDE_HOUSEHOLD_SHARE = 0.45  # of a fluoride village's households (their wells)


def _district_weight(district: str, urban: bool) -> float:
    if district in CHANGZHOU_WEAK_WEIGHT:
        return CHANGZHOU_WEAK_WEIGHT[district]
    if urban:
        return 0.0
    return JIANGSU_WEAK_WEIGHT.get(district[:4], 1.0)


def urban_districts(regions: pd.DataFrame) -> set[str]:
    """6-digit codes of districts whose townships are nearly all 街道."""
    towns = regions[regions["level"] == "town"]
    street = towns["name"].str.endswith("街道").groupby(towns["code"].str[:6]).mean()
    return set(street[street >= URBAN_STREET_SHARE].index)


def weak_probability(regions: pd.DataFrame, villages: pd.DataFrame) -> np.ndarray:
    """Each village's chance of being weak: WEAK_SHARE of all villages overall, by the
    district weights above, only for 村 (never 社区), at most MAX_WEAK_SHARE."""
    urban = urban_districts(regions)
    district = villages["code"].str[:6]
    weight = np.array([_district_weight(d, d in urban) for d in district], dtype=float)
    weight[villages["name"].str.endswith("社区").to_numpy()] = 0.0
    target = WEAK_SHARE * len(villages)
    p = np.zeros(len(villages))
    if weight.sum() == 0:
        return p
    scale = target / weight.sum()
    for _ in range(20):  # raise the others where some hit the cap
        p = np.minimum(weight * scale, MAX_WEAK_SHARE)
        if p.sum() >= target * 0.999 or (p[weight > 0] >= MAX_WEAK_SHARE).all():
            break
        scale *= target / p.sum()
    return p


def fluoride_villages(rng: np.random.Generator, villages: pd.DataFrame,
                      scale_name: str) -> np.ndarray:
    """Codes of the fluoride villages: a few clusters of 村 in one township each."""
    districts = FLUORIDE_DISTRICTS[scale_name]
    rural = villages[~villages["name"].str.endswith("社区")
                     & villages["code"].str[:6].isin(districts)]
    towns = rural["code"].str[:9]
    counts = towns.value_counts()
    candidates = np.sort(counts[counts >= FLUORIDE_VILLAGES_PER_CLUSTER[1]].index.to_numpy())
    if not len(candidates):
        return np.array([], dtype=object)
    picked_towns = rng.choice(candidates, size=min(FLUORIDE_CLUSTERS[scale_name],
                                                   len(candidates)), replace=False)
    codes = []
    low, high = FLUORIDE_VILLAGES_PER_CLUSTER
    for town in picked_towns:
        members = np.sort(rural.loc[towns == town, "code"].to_numpy())
        start = rng.integers(len(members))
        size = int(rng.integers(low, high + 1))
        # Neighbouring codes are usually neighbouring villages in a register.
        codes.extend(np.roll(members, -start)[:size])
    return np.array(codes, dtype=object)
