"""Boundary files checked against the map before anything is written: a polygon far from the
city, two regions sharing one polygon, overlapping neighbours, a polygon outside its parent;
and unreadable files reported in Chinese with the uploaded file's name, never GDAL's text."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from paicha_geo.domain.settings import BoundaryChecks, Limits, Settings, Tolerance
from paicha_geo.services import ledger_service as ls
from paicha_geo.store import queries as q
from tests.ledger_helpers import copy_store, fingerprint


@pytest.fixture(scope="module")
def store(demo_db, tmp_path_factory, module_backend):
    s = copy_store(demo_db, tmp_path_factory.mktemp("geochecks"), backend=module_backend)
    yield s
    s.close()


@pytest.fixture(scope="module")
def villages(store) -> gpd.GeoDataFrame:
    """The villages of the first township with at least five, as stored."""
    towns = q.regions(store, level="town")
    for town in towns["code"]:
        frame = q.regions(store, parent=town, geometry=True)
        if len(frame) >= 5:
            return frame[["code", "name", "parent_code", "geometry"]].reset_index(drop=True)
    raise AssertionError("no township with five villages")


def _geojson(frame: gpd.GeoDataFrame, tmp: Path, name: str = "v.geojson") -> bytes:
    path = tmp / name
    frame[["code", "name", "geometry"]].to_file(path, driver="GeoJSON")
    return path.read_bytes()


def _refused(store, name, data, settings=None):
    before = fingerprint(store)
    preview = ls.preview_boundaries(store, name, data, settings=settings)
    assert not preview.ok
    with pytest.raises(ls.ImportRejected):
        ls.commit_boundaries(store, preview)
    assert fingerprint(store) == before
    return preview


def _reasons(preview) -> str:
    return "\n".join(p.describe() for p in preview.problems)


def _checks(**change) -> Settings:
    return Settings(plausibility=dataclasses.replace(
        Settings().plausibility, boundaries=dataclasses.replace(BoundaryChecks(), **change)))


def test_stored_outlines_imported_again_raise_nothing(store, villages, tmp_path):
    preview = ls.preview_boundaries(store, "v.geojson", _geojson(villages, tmp_path))
    assert preview.ok, _reasons(preview)
    assert preview.warnings == []
    towns = q.regions(store, level="town", scope="320412", geometry=True)
    preview = ls.preview_boundaries(store, "t.geojson", _geojson(towns, tmp_path, "t.geojson"))
    assert preview.ok and preview.warnings == [], _reasons(preview)


def test_village_lying_in_beijing_is_an_error_naming_it(store, villages, tmp_path):
    moved = villages.copy()
    at = moved.geometry.iloc[2].centroid
    moved.loc[2, "geometry"] = shapely.affinity.translate(moved.geometry.iloc[2],
                                                          116.40 - at.x, 39.90 - at.y)
    preview = _refused(store, "v.geojson", _geojson(moved, tmp_path))
    problem = [p for p in preview.problems if "超出全市范围" in p.reason]
    assert len(problem) == 1 and problem[0].row == 3
    assert moved["code"].iloc[2] in problem[0].reason and moved["name"].iloc[2] in problem[0].reason
    assert "116.40" in problem[0].reason and "39.90" in problem[0].reason


def test_two_villages_sharing_one_polygon_is_an_error_naming_both(store, villages, tmp_path):
    shared = villages.copy()
    shared.loc[1, "geometry"] = shared.geometry.iloc[0]
    reasons = _reasons(_refused(store, "v.geojson", _geojson(shared, tmp_path)))
    assert "边界相同" in reasons
    line = next(r for r in reasons.splitlines() if "边界相同" in r)
    assert villages["code"].iloc[0] in line and villages["code"].iloc[1] in line


def test_a_village_overlapping_its_neighbours_is_an_error_naming_them(store, villages, tmp_path):
    grown = villages.iloc[[0]].copy()
    grown["geometry"] = shapely.buffer(grown.geometry.to_numpy(), 0.004)  # ~400 m wider
    reasons = _reasons(_refused(store, "one.geojson", _geojson(grown, tmp_path)))
    assert "重叠" in reasons and "容许 2%" in reasons
    assert villages["code"].iloc[0] in reasons
    assert "库中已有的" in reasons  # the neighbour is the stored outline, named with its code


def test_a_village_outside_its_township_is_a_warning_or_an_error_as_settings_say(
        store, villages, tmp_path):
    moved = villages.iloc[[0]].copy()
    minx, _, maxx, _ = moved.geometry.iloc[0].bounds
    moved["geometry"] = moved.geometry.translate(maxx - minx, 0)
    data = _geojson(moved, tmp_path)
    no_overlap_check = _checks(overlap=Tolerance(1.0, "error"),
                               duplicate=Tolerance(1.0, "error"))
    preview = ls.preview_boundaries(store, "m.geojson", data, settings=no_overlap_check)
    town = q.regions(store, level="town").set_index("code").loc[villages["parent_code"].iloc[0]]
    assert preview.ok, _reasons(preview)
    assert len(preview.warnings) == 1
    warning = preview.warnings[0].reason
    assert "上级" in warning and town["name"] in warning and villages["code"].iloc[0] in warning
    assert any(warning in n for n in preview.notices)  # shown on the page and by the CLI
    strict = _checks(overlap=Tolerance(1.0, "error"), duplicate=Tolerance(1.0, "error"),
                     outside_parent=Tolerance(0.05, "error"))
    assert "上级" in _reasons(_refused(store, "m.geojson", data, settings=strict))


def test_repaired_polygon_is_named(store, villages, tmp_path):
    broken = villages.copy()
    x0, y0, x1, y1 = broken.geometry.iloc[0].representative_point().buffer(0.001).bounds
    broken.loc[0, "geometry"] = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])
    preview = ls.preview_boundaries(store, "b.geojson", _geojson(broken, tmp_path))
    note = next(n for n in preview.notices if "修复了 1 个" in n)
    assert villages["code"].iloc[0] in note and villages["name"].iloc[0] in note


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


UNREADABLE = [
    ("not-json", "界线.geojson", b"{not json", "GeoJSON"),
    ("cut-off-geojson", "界线.geojson",
     b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Pol',
     "GeoJSON"),
    ("sqlite-header-only", "界线.gpkg", b"SQLite format 3\x00" + bytes(2000), "GeoPackage"),
    ("garbage-gpkg", "界线.gpkg", b"garbage" * 100, "GeoPackage"),
    ("broken-shapefile", "界线.zip", _zip({"a.shp": b"xx", "a.shx": b"yy", "a.dbf": b"zz"}),
     "Shapefile"),
    ("broken-zip", "界线.zip", b"PK\x03\x04broken", "zip 压缩包"),
]


@pytest.mark.parametrize("name, data, fmt", [c[1:] for c in UNREADABLE],
                         ids=[c[0] for c in UNREADABLE])
def test_unreadable_boundary_files_are_named_in_chinese_without_gdal_text(store, name, data,
                                                                          fmt, caplog):
    with caplog.at_level(logging.WARNING, logger="paicha_geo.io.boundaries"):
        preview = _refused(store, name, data)
    reason = preview.problems[0].reason
    assert f"无法读取边界文件 {name}" in reason and f"不是有效的 {fmt} 文件" in reason
    assert "/tmp" not in reason and "tmp" not in reason
    words = reason.replace(name, "").replace(fmt, "").replace("GeoJSON", "")
    assert not re.search(r"[A-Za-z]{4,}", words), reason  # no English from GDAL
    assert caplog.records and name in caplog.text  # GDAL's own words stay in the server log


def test_boundary_file_over_the_upload_limit_is_not_read(store, villages, tmp_path):
    data = _geojson(villages, tmp_path)
    settings = Settings(limits=dataclasses.replace(Limits(), upload_max_mb=0.001))
    problem = _refused(store, "v.geojson", data, settings=settings).problems[0]
    assert "v.geojson" in problem.reason and "超过上限 0.001 MB" in problem.reason
