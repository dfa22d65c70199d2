"""Build the demo database: real outlines, synthetic towns and villages, households, ledger.

Deterministic from `seed`. `city` scale is 常州市 (~1,000 villages, ~30,000 households,
~5,000 issues); `province` scale is 江苏省 (~15,000 villages, ~500,000 households,
~100,000 issues) for benchmarks.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from paicha_geo.config import PACKAGE_DATA, default_campaign, geo_dir
from paicha_geo.demo import fact_dates, gaps, ledger, people, regional
from paicha_geo.demo.accounts import add_demo_accounts
from paicha_geo.demo.names import village_names
from paicha_geo.demo.partition import partition_outline
from paicha_geo.store import Store
from paicha_geo.store.loads import replace_everything
from paicha_geo.store.queries import data_signature

DATA_END = dt.date(2020, 7, 15)  # the demo's "today": the ledger runs a little past the deadline


@dataclass(frozen=True)
class Scale:
    districts_file: str
    towns_file: str
    root_code: str
    root_name: str
    root_level: str
    villages: int
    households: int
    issues: int
    cells_per_village: int


SCALES = {
    "city": Scale("changzhou_districts.geojson", "changzhou_towns.csv", "320400000000",
                  "常州市", "city", 1000, 30_000, 5_000, 400),
    "province": Scale("jiangsu_counties.geojson", "jiangsu_towns.csv", "320000000000",
                      "江苏省", "province", 15_000, 500_000, 100_000, 60),
}


def _villages_per_district(areas: np.ndarray, total: int) -> np.ndarray:
    """Denser in small (urban) districts: share proportional to area^0.7."""
    weight = areas**0.7
    return np.maximum(np.round(weight / weight.sum() * total).astype(int), 1)


def _community_share(town_name: str, urban_district: bool) -> float:
    if town_name.endswith("街道"):
        return 0.9 if urban_district else 0.4
    return 0.12


def build_geography(scale: Scale, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """All regions (root, cities, districts, towns, villages) as one WGS84 GeoDataFrame.

    Villages are generated inside each real district outline, then the whole set is cleaned
    into one edge-matched coverage (`shapely.coverage_clean`: shared edges identical, also
    across district borders), and every higher level is the union of its villages. So each
    level is a valid coverage that coverage-preserving simplification can work on.
    """
    districts = gpd.read_file(geo_dir() / scale.districts_file)
    districts["code"] = districts["code"].astype(str)
    towns = pd.read_csv(PACKAGE_DATA / scale.towns_file, dtype=str)
    metric_crs = districts.estimate_utm_crs()
    areas = districts.to_crs(metric_crs).area.to_numpy()
    per_district = _villages_per_district(areas, scale.villages)

    uppers = []  # (code, name, level, parent) of districts and towns
    village_rows, village_geoms = [], []
    for d_idx, district in enumerate(districts.itertuples()):
        d_code = district.code.ljust(12, "0")
        parent = (district.city_code.ljust(12, "0") if scale.root_level == "province"
                  else scale.root_code)
        uppers.append((d_code, district.name, "district", parent))
        d_towns = towns[towns["district_code"] == district.code].reset_index(drop=True)
        if d_towns.empty:
            raise ValueError(f"no townships listed for district {district.code}")
        urban = d_towns["name"].str.endswith("街道").mean() >= 0.7
        counts = rng.multinomial(per_district[d_idx], np.full(len(d_towns), 1 / len(d_towns)))
        counts = np.maximum(counts, 2)
        local_crs = gpd.GeoSeries([district.geometry], crs=4326).estimate_utm_crs()
        projected = gpd.GeoSeries([district.geometry], crs=4326).to_crs(local_crs).iloc[0]
        part = partition_outline(projected, len(d_towns), counts.tolist(), rng,
                                 scale.cells_per_village)
        villages_wgs = gpd.GeoSeries(part.villages, crs=local_crs).to_crs(4326).to_numpy()
        order = rng.permutation(len(part.towns))  # partition index -> real town row
        for t_idx in range(len(part.towns)):
            town = d_towns.iloc[order[t_idx]]
            t_code = town["code"].ljust(12, "0")
            uppers.append((t_code, town["name"], "town", d_code))
            members = np.flatnonzero(part.town_of_village == t_idx)
            community = rng.random(len(members)) < _community_share(town["name"], urban)
            community = np.sort(community)[::-1]  # 社区 take the low (居委会) codes first
            names = village_names(rng, len(members), community)
            next_community, next_village = 1, 201
            for m, name, is_comm in zip(members, names, community, strict=True):
                if is_comm:
                    suffix, next_community = next_community, next_community + 1
                else:
                    suffix, next_village = next_village, next_village + 1
                village_rows.append((town["code"] + f"{suffix:03d}", name, "village", t_code))
                village_geoms.append(villages_wgs[m])

    geoms = shapely.set_precision(np.array(village_geoms, dtype=object), 1e-6)
    geoms = shapely.coverage_clean(geoms, snapping_distance=2e-6)
    villages = gpd.GeoDataFrame(village_rows, columns=["code", "name", "level", "parent_code"],
                                geometry=geoms, crs=4326)

    def union_of(prefix: str):
        return shapely.coverage_union_all(
            villages.geometry[villages["code"].str.startswith(prefix)].to_numpy())

    rows = [(scale.root_code, scale.root_name, scale.root_level, None, union_of("32")
             if scale.root_level == "province" else union_of(scale.root_code[:4]))]
    if scale.root_level == "province":
        cities = pd.read_csv(PACKAGE_DATA / "jiangsu_cities.csv", dtype=str)
        for city in cities.itertuples():
            rows.append((city.code.ljust(12, "0"), city.name, "city", scale.root_code,
                         union_of(city.code[:4])))
    for code, name, level, parent in uppers:
        prefix = code[:6] if level == "district" else code[:9]
        rows.append((code, name, level, parent, union_of(prefix)))
    regions = pd.concat(
        [gpd.GeoDataFrame(rows, columns=["code", "name", "level", "parent_code", "geometry"],
                          crs=4326), villages],
        ignore_index=True,
    )
    regions = gpd.GeoDataFrame(regions, geometry="geometry", crs=4326)
    labels = shapely.point_on_surface(regions.geometry.to_numpy())
    regions["label_lon"] = shapely.get_x(labels).round(6)
    regions["label_lat"] = shapely.get_y(labels).round(6)
    return regions


def build_demo(db: Path, scale_name: str = "city", seed: int = 2020) -> dict:
    """Build the demo database into the new file `db`; returns timing figures.

    Never replaces a file: `demo.install.install_demo` does that safely.
    """
    scale = SCALES[scale_name]
    rng = np.random.default_rng(seed)
    timings = {}
    t0 = time.perf_counter()
    regions = build_geography(scale, rng)
    timings["geography_s"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    campaign, checklist = default_campaign()
    village_rows = regions[regions["level"] == "village"].reset_index(drop=True)
    found_villages = people.village_attributes(
        rng, village_rows, regional.weak_probability(regions, village_rows))
    community = village_rows["name"].str.endswith("社区").to_numpy()
    fluoride = regional.fluoride_villages(rng, village_rows, scale_name)
    # The facts as the spring screening found them; the ledger returns them as they stand
    # at DATA_END (what a done issue fixed, fixed).
    found_households = people.households(rng, found_villages, community, scale.households,
                                         fluoride)
    issues, history, households, attrs = ledger.issues_and_history(
        rng, campaign, checklist, regions, found_villages, found_households, scale.issues,
        DATA_END
    )
    visits = ledger.visits(rng, attrs, households, DATA_END)
    attrs, households = gaps.blank_some_facts(seed, attrs, households)
    household_fact, village_fact = fact_dates.versions(
        seed, attrs, households, issues, history, found_villages, found_households)
    timings["ledger_s"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    campaign_row = pd.DataFrame([campaign.as_record()])
    tables = {
        "region": regions,
        "campaign": campaign_row,
        "checklist_item": checklist,
        "village": attrs,
        "household": households,
        "household_fact": household_fact,
        "village_fact": village_fact,
        "issue": issues,
        "issue_history": history,
        "visit": visits,
    }
    meta = {
        "is_demo": "1",
        "demo_scale": scale_name,
        "demo_seed": str(seed),
        "data_end": DATA_END.isoformat(),
        "clock_today": DATA_END.isoformat(),  # services.clock: the demo's actions are dated here
        "built_at": dt.datetime.now().isoformat(timespec="seconds"),
        "root_code": scale.root_code,
    }
    db = Path(db)
    if db.exists():
        raise FileExistsError(f"{db} exists; install_demo() replaces databases safely")
    with Store(db) as store:
        replace_everything(store, tables, meta)
        add_demo_accounts(store, regions)
        # What the demo looked like when built: a later change makes it someone's work.
        store.set_meta("demo_signature", data_signature(store))
        store.checkpoint()
    timings["store_s"] = time.perf_counter() - t2
    timings["total_s"] = time.perf_counter() - t0
    return timings


def main_json(timings: dict) -> str:
    return json.dumps({k: round(v, 2) for k, v in timings.items()})
