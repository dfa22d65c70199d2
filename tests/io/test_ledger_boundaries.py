"""Boundary import: formats, coordinate systems detected and converted, repairs, matching."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from paicha_geo.domain.gcj02 import geometry_wgs84_to_gcj02
from paicha_geo.services import ledger_service as ls
from paicha_geo.store import queries as q
from tests.ledger_helpers import copy_store, fingerprint

TOLERANCE = 1e-7  # degrees, about a centimetre


@pytest.fixture(scope="module")
def store(demo_db, tmp_path_factory, module_backend):
    s = copy_store(demo_db, tmp_path_factory.mktemp("geo"), backend=module_backend)
    yield s
    s.close()


@pytest.fixture(scope="module")
def towns(store) -> gpd.GeoDataFrame:
    """天宁区's townships, with 9-digit codes as a county bureau's file would have them."""
    frame = q.regions(store, level="town", scope="320402", geometry=True)
    out = frame[["code", "name", "geometry"]].copy()
    out["code"] = out["code"].str[:9]
    return out


def _bytes(frame: gpd.GeoDataFrame, tmp: Path, name: str, driver: str) -> bytes:
    path = tmp / name
    frame.to_file(path, driver=driver)
    return path.read_bytes()


def _zipped_shapefile(frame: gpd.GeoDataFrame, tmp: Path, keep_prj: bool = True,
                      prj: str | None = None) -> bytes:
    folder = tmp / "shp"
    folder.mkdir(exist_ok=True)
    frame.to_file(folder / "towns.shp")
    if prj is not None:
        (folder / "towns.prj").write_text(prj)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for f in folder.iterdir():
            if keep_prj or f.suffix != ".prj":
                zf.write(f, f"边界/{f.name}")
    return buffer.getvalue()


def _same_shapes(preview, towns) -> None:
    assert preview.ok, [p.describe() for p in preview.problems]
    got = preview.frame.set_index("code").geometry
    for code9, geom in zip(towns["code"], towns.geometry, strict=True):
        assert got[code9 + "000"].hausdorff_distance(geom) < TOLERANCE


def test_geojson_in_wgs84(store, towns, tmp_path):
    preview = ls.preview_boundaries(store, "t.geojson", _bytes(towns, tmp_path, "t.geojson",
                                                                "GeoJSON"))
    _same_shapes(preview, towns)


def test_geopackage_in_cgcs2000_gauss_kruger_without_zone_prefix(store, towns, tmp_path):
    data = _bytes(towns.to_crs(4549), tmp_path, "t.gpkg", "GPKG")
    preview = ls.preview_boundaries(store, "t.gpkg", data)
    _same_shapes(preview, towns)
    assert any("EPSG:4549" in n for n in preview.notices)


def test_zipped_shapefile_in_gauss_kruger_zone_40_with_prefix(store, towns, tmp_path):
    preview = ls.preview_boundaries(store, "t.zip", _zipped_shapefile(towns.to_crs(4528),
                                                                      tmp_path))
    _same_shapes(preview, towns)
    assert any("zone 40" in n for n in preview.notices)


def test_geographic_cgcs2000(store, towns, tmp_path):
    preview = ls.preview_boundaries(store, "t.gpkg", _bytes(towns.to_crs(4490), tmp_path,
                                                            "t.gpkg", "GPKG"))
    _same_shapes(preview, towns)


@pytest.mark.parametrize("epsg, hint", [(4528, "EPSG:4528"), (4549, "EPSG:4549")])
def test_no_usable_crs_is_refused_with_a_hint(store, towns, tmp_path, epsg, hint):
    data = _zipped_shapefile(towns.to_crs(epsg), tmp_path, keep_prj=False)
    preview = ls.preview_boundaries(store, "noprj.zip", data)
    assert not preview.ok
    message = preview.problems[0].describe()
    assert "没有可用的坐标系" in message and hint in message
    assert "noprj.zip" in message
    _same_shapes(ls.preview_boundaries(store, "noprj.zip", data, source_crs=hint), towns)


def test_lonlat_without_crs_is_read_as_wgs84_and_said_so(store, towns, tmp_path):
    data = _zipped_shapefile(towns, tmp_path, keep_prj=False)
    preview = ls.preview_boundaries(store, "lonlat.zip", data)
    _same_shapes(preview, towns)
    assert any("未声明坐标系" in n for n in preview.notices)


def test_zone_prefix_on_coordinates_declared_without_it_is_corrected(store, towns, tmp_path):
    from pyproj import CRS

    wrong_prj = CRS.from_epsg(4549).to_wkt("WKT1_ESRI")
    data = _zipped_shapefile(towns.to_crs(4528), tmp_path, prj=wrong_prj)
    preview = ls.preview_boundaries(store, "mixed.zip", data)
    _same_shapes(preview, towns)
    assert any("带号前缀" in n for n in preview.notices)


def test_gcj02_when_the_user_says_so(store, towns, tmp_path):
    shifted = towns.copy()
    shifted["geometry"] = geometry_wgs84_to_gcj02(towns.geometry.to_numpy())
    data = _bytes(shifted, tmp_path, "gaode.geojson", "GeoJSON")
    as_is = ls.preview_boundaries(store, "gaode.geojson", data)
    offset = as_is.frame.set_index("code").geometry.iloc[0].hausdorff_distance(
        towns.geometry.iloc[0])
    assert offset > 1e-4  # hundreds of metres off when read as WGS84
    preview = ls.preview_boundaries(store, "gaode.geojson", data, source_crs="gcj02")
    _same_shapes(preview, towns)
    assert any("GCJ-02" in n for n in preview.notices)


def test_invalid_geometry_is_repaired_and_said_so(store, towns, tmp_path):
    broken = towns.copy()
    # A bowtie inside the township (one over its whole bounding box would overlap neighbours,
    # which the plausibility checks rightly refuse).
    minx, miny, maxx, maxy = broken.geometry.iloc[0].representative_point().buffer(0.002).bounds
    bowtie = shapely.Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    broken.loc[broken.index[0], "geometry"] = bowtie
    assert not bowtie.is_valid
    preview = ls.preview_boundaries(store, "b.geojson", _bytes(broken, tmp_path, "b.geojson",
                                                               "GeoJSON"))
    assert preview.ok
    assert all(g.is_valid for g in preview.frame.geometry)
    assert any("修复了 1 个" in n for n in preview.notices)


def test_features_are_matched_by_name_when_there_is_no_code(store, towns, tmp_path):
    named = towns[["name", "geometry"]].copy()
    named["name"] = named["name"] + "人民政府"  # suffixes are tolerated
    data = _bytes(named, tmp_path, "n.geojson", "GeoJSON")
    preview = ls.preview_boundaries(store, "n.geojson", data, level="town")
    _same_shapes(preview, towns)


def test_unknown_codes_and_empty_geometries_are_reported(store, towns, tmp_path):
    odd = towns.copy()
    odd.loc[odd.index[0], "code"] = "320402999"
    odd.loc[odd.index[1], "geometry"] = None
    preview = ls.preview_boundaries(store, "o.geojson", _bytes(odd, tmp_path, "o.geojson",
                                                               "GeoJSON"))
    reasons = " ".join(p.describe() for p in preview.problems)
    assert "第1个要素（320402999）找不到对应的地区" in reasons
    assert "第2个要素没有几何图形" in reasons
    with pytest.raises(ls.ImportRejected):
        ls.commit_boundaries(store, preview)


@pytest.mark.parametrize("name, data, reason", [
    ("t.shp", b"xxxx", "不支持的边界文件类型"),
    ("t.geojson", b"{not json", "无法读取边界文件"),
    ("t.zip", b"PK\x03\x04broken", "无法读取边界文件"),
])
def test_unreadable_files(store, name, data, reason):
    preview = ls.preview_boundaries(store, name, data)
    assert not preview.ok and reason in preview.problems[0].reason


def test_commit_writes_outlines_in_one_go(demo_db, tmp_path, towns):
    store = copy_store(demo_db, tmp_path)
    moved = towns.copy()
    moved["geometry"] = moved.geometry.translate(0.001, 0)
    before = fingerprint(store)
    preview = ls.preview_boundaries(store, "m.geojson", _bytes(moved, tmp_path, "m.geojson",
                                                               "GeoJSON"))
    assert ls.commit_boundaries(store, preview) == len(towns)
    got = q.regions(store, level="town", scope="320402", geometry=True)
    assert got.geometry.iloc[0].hausdorff_distance(moved.geometry.iloc[0]) < TOLERANCE
    after = fingerprint(store)
    assert after["region"] != before["region"]
    assert {k: v for k, v in after.items() if k != "region"} == {
        k: v for k, v in before.items() if k != "region"}
