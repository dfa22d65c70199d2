"""Boundary files -> WGS84 polygons matched to region codes, with every doubt reported.

Reads GeoJSON, zipped Shapefile and GeoPackage (pyogrio). The coordinate system comes from
the file (.prj, GeoPackage SRS, GeoJSON crs member), or from the user (an EPSG code, or
"gcj02" for coordinates taken from 高德/腾讯 maps). A file with none is read as WGS84 only if
its coordinates are longitudes and latitudes; projected coordinates without a CRS are refused
with a hint: an 8-digit easting carries its 3-degree zone number (zone 40 -> EPSG:4528),
a 6-digit one needs the central meridian (EPSG:4549 for 120°E). A common mistake, a zone
prefix on coordinates whose .prj declares the CM variant (or the reverse), is corrected and
reported. Invalid polygons are repaired with make_valid (a named warning); what cannot be
repaired is an error. The matched outlines are then checked against each other and against
the stored map (boundary_checks: far away, duplicates, overlaps, outside the parent).

A file GDAL cannot read gets a message (a code: labels words it) naming the uploaded file and
its format; GDAL's own text (English, with temporary paths) goes to the server log only.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from paicha_geo.domain.boundary_checks import check_outlines
from paicha_geo.domain.errors import Message, Term
from paicha_geo.domain.gcj02 import geometry_gcj02_to_wgs84
from paicha_geo.domain.settings import BoundaryChecks
from paicha_geo.io.imports.common import CellError, ImportProblem
from paicha_geo.io.imports.plausibility import warning_notices
from paicha_geo.io.imports.regions import RegionIndex

log = logging.getLogger(__name__)

CODE_FIELDS = ("code", "adcode", "区划代码", "行政区划代码", "xzqdm", "qhdm", "dm",
               "统计用区划代码")
NAME_FIELDS = ("name", "名称", "xzqmc", "qhmc", "mc", "村名", "乡镇名称", "村名称")
CHINA = (73.0, 3.0, 136.0, 54.0)
_ZONE_EPSG_BASE, _CM_EPSG_BASE = 4513, 4534  # CGCS2000 3-degree GK: zone 25, CM 75°E
MAX_UNZIPPED = 512 * 1024 * 1024


@dataclass
class BoundaryPreview:
    file: str
    frame: gpd.GeoDataFrame | None = None  # code, name, geometry (WGS84), matched rows only
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[Message] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)  # named, also in notices
    features: int = 0
    crs: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _gk_epsg_for_zone(zone: int) -> int | None:
    return _ZONE_EPSG_BASE + zone - 25 if 25 <= zone <= 45 else None


def _gk_epsg_for_cm(cm: float) -> int | None:
    return _CM_EPSG_BASE + int(round((cm - 75) / 3)) if 75 <= cm <= 135 else None


def _false_easting(crs: CRS) -> float | None:
    op = crs.coordinate_operation
    if op is None or "Transverse Mercator" not in (op.method_name or ""):
        return None
    for param in op.params:
        if param.name == "False easting":
            return float(param.value)
    return None


def _central_meridian(crs: CRS) -> float | None:
    for param in crs.coordinate_operation.params:
        if param.name == "Longitude of natural origin":
            return float(param.value)
    return None


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".gpkg": "gpkg", ".shp": "shp", ".zip": "zip"}.get(suffix, "geojson")


def _unreadable(file: str, kind: str, exc: BaseException) -> CellError:
    """The user's message for a file GDAL (or zipfile) cannot read; the detail is logged."""
    log.warning("boundary file %r unreadable as %s: %s", file, kind, exc)
    return CellError("GEO_UNREADABLE", file=file, format=Term("GEO_FORMAT_NAMES", kind),
                     hint=Term("GEO_FORMAT_HINTS", kind))


def _open(file: str, data: bytes, workdir: Path) -> Path:
    """Where pyogrio can read the upload: the file itself, or the dataset inside a zip."""
    suffix = Path(file).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _unreadable(file, "zip", exc) from None
        with zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            size = sum(m.file_size for m in members)
            if size > MAX_UNZIPPED:
                raise CellError("GEO_ZIP_TOO_LARGE", file=file, size=f"{size / 2**20:.0f} MB",
                                limit=f"{MAX_UNZIPPED // 2**20} MB")
            for m in members:
                name = Path(m.filename).name  # flatten: no path traversal out of workdir
                if name:
                    try:
                        (workdir / name).write_bytes(zf.read(m))
                    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                        raise _unreadable(file, "zip", exc) from None
        found = sorted(p for p in workdir.iterdir()
                       if p.suffix.lower() in (".shp", ".gpkg", ".geojson", ".json"))
        if not found:
            raise CellError("GEO_ZIP_NO_SHP")
        path = found[0]
        if path.suffix.lower() == ".shp":
            lacking = [ext for ext in (".shx", ".dbf")
                       if not any(p.suffix.lower() == ext and p.stem == path.stem
                                  for p in workdir.iterdir())]
            if lacking:
                raise CellError("GEO_ZIP_SHP_PARTS", parts=tuple(lacking))
        return path
    if suffix not in (".geojson", ".json", ".gpkg"):
        raise CellError("GEO_UNSUPPORTED", ext=suffix or file)
    path = workdir / f"upload{suffix}"
    path.write_bytes(data)
    return path


def _decide_crs(frame: gpd.GeoDataFrame, source_crs: str | None, home_lon: float | None,
                notices: list[Message]):
    """The CRS to read the coordinates in ('gcj02' or a pyproj CRS); CellError if unknown."""
    if source_crs and source_crs.strip().lower().replace("-", "") in ("gcj02", "gcj"):
        notices.append(Message("GEO_CRS_GCJ02"))
        return "gcj02"
    if source_crs:
        try:
            crs = CRS.from_user_input(source_crs.strip())
        except CRSError:
            raise CellError("GEO_BAD_CRS", value=source_crs[:40]) from None
    else:
        crs = frame.crs
    minx, miny, maxx, maxy = frame.total_bounds
    if crs is None:
        if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
            notices.append(Message("GEO_ASSUMED_WGS84"))
            return CRS.from_epsg(4326)
        if maxx >= 1e7 and (epsg := _gk_epsg_for_zone(int(minx // 1e6))):
            hint = Message("GEO_NO_CRS_HINT_ZONE", zone=int(minx // 1e6), epsg=epsg)
        elif home_lon is not None and maxx < 1e6 and (epsg := _gk_epsg_for_cm(
                round(home_lon / 3) * 3)):
            hint = Message("GEO_NO_CRS_HINT_CM", cm=round(home_lon / 3) * 3, epsg=epsg)
        else:
            hint = Message("GEO_NO_CRS_HINT")
        raise CellError("GEO_NO_CRS", x=float(minx), y=float(miny), hint=hint)
    easting = _false_easting(crs)
    if easting is not None and crs.is_projected:
        cm = _central_meridian(crs)
        declared = crs.name
        if easting == 500000 and minx >= 1e7:
            zone = int(minx // 1e6)
            epsg = _gk_epsg_for_zone(zone)
            if epsg and cm is not None and abs(zone * 3 - cm) < 1e-6:
                crs = CRS.from_epsg(epsg)
                notices.append(Message("GEO_ZONE_PREFIX_FIXED", declared=declared,
                                       has=Message("GEO_ZONE_PREFIX_HAS"), used=crs.name))
        elif easting >= 1e7 and maxx < 1e6 and cm is not None and (epsg := _gk_epsg_for_cm(cm)):
            crs = CRS.from_epsg(epsg)
            notices.append(Message("GEO_ZONE_PREFIX_FIXED", declared=declared,
                                   has=Message("GEO_ZONE_PREFIX_LACKS"), used=crs.name))
    epsg = crs.to_epsg(min_confidence=70)
    notices.append(Message("GEO_CRS_DETECTED", name=crs.name,
                           epsg=Message("GEO_CRS_EPSG", epsg=epsg) if epsg else ""))
    return crs


def _polygonal(geom):
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        return shapely.union_all(parts) if parts else shapely.Polygon()
    return geom


def _key_column(frame, names) -> str | None:
    lowered = {str(c).lower(): c for c in frame.columns if c != "geometry"}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def read_boundaries(file: str, data: bytes, regions: RegionIndex, *, source_crs: str | None =
                    None, level: str | None = None, home_lon: float | None = None,
                    stored: gpd.GeoDataFrame | None = None,
                    checks: BoundaryChecks | None = None) -> BoundaryPreview:
    """Read, convert to WGS84, repair, match and check every feature; nothing is written here.

    `stored` (every region with its current outline) enables the checks against the map.
    """
    out = BoundaryPreview(file)

    def problem(reason: Message, row: int | None = None):
        out.problems.append(ImportProblem(file, row, None, reason))

    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = _open(file, data, Path(tmp))
            import pyogrio  # GDAL (~30 MB): only when a boundary file is uploaded

            try:
                frame = pyogrio.read_dataframe(path)
            except Exception as exc:  # noqa: BLE001 - GDAL raises many types
                raise _unreadable(file, _format_of(path), exc) from None
    except CellError as exc:
        problem(exc.message)
        return out
    out.features = len(frame)
    if frame.empty:
        problem(Message("ERR_EMPTY_FILE"))
        return out
    geoms = frame.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    for i in np.flatnonzero(~present):
        problem(Message("GEO_EMPTY", row=int(i + 1)), int(i + 1))
    if not present.any():
        return out
    try:
        crs = _decide_crs(frame[present], source_crs, home_lon, out.notices)
    except CellError as exc:
        problem(exc.message)
        return out
    if crs == "gcj02":
        wgs = geometry_gcj02_to_wgs84(geoms)
        out.crs = "GCJ-02"
    else:
        wgs = gpd.GeoSeries(geoms, crs=crs).to_crs(4326).to_numpy()
        out.crs = crs.name
    bounds = shapely.total_bounds(wgs[present])
    if not (CHINA[0] <= bounds[0] and bounds[2] <= CHINA[2] and CHINA[1] <= bounds[1]
            and bounds[3] <= CHINA[3]):
        problem(Message("GEO_OUT_OF_CHINA", bounds=", ".join(f"{b:.2f}" for b in bounds)))
        return out
    code_col, name_col = _key_column(frame, CODE_FIELDS), _key_column(frame, NAME_FIELDS)
    if code_col is None and name_col is None:
        problem(Message("GEO_NO_KEY", aliases=CODE_FIELDS[:4] + NAME_FIELDS[:3]))
        return out
    repaired, rows, seen = [], [], {}
    for i, geom in enumerate(wgs):
        if not present[i]:
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            problem(Message("GEO_NOT_POLYGON", row=i + 1, kind=geom.geom_type), i + 1)
            continue
        code = _match(frame, i, code_col, name_col, regions, level)
        if isinstance(code, Message):
            problem(code, i + 1)
            continue
        who = Message("GEO_FEATURE", row=i + 1, name=regions.name[code], code=code)
        if not geom.is_valid:
            geom = _polygonal(shapely.make_valid(geom))
            if geom.is_empty or not geom.is_valid:
                problem(Message("GEO_UNREPAIRABLE", who=who), i + 1)
                continue
            repaired.append(who)
        if code in seen:
            problem(Message("GEO_DUPLICATE", row=i + 1, other=seen[code], code=code), i + 1)
            continue
        seen[code] = i + 1
        rows.append((code, regions.name[code], shapely.orient_polygons(geom), i + 1))
    if repaired:
        out.notices.append(Message("GEO_REPAIRED", count=len(repaired),
                                   names=tuple(repaired[:10])))
    out.frame = gpd.GeoDataFrame(
        {"code": [r[0] for r in rows], "name": [r[1] for r in rows]},
        geometry=[r[2] for r in rows], crs=4326)
    if stored is not None and rows:
        numbered = out.frame.assign(row=[r[3] for r in rows])
        for found in check_outlines(numbered, stored, checks or BoundaryChecks()):
            where = ImportProblem(file, found.row, None, found.reason)
            (out.problems if found.severity == "error" else out.warnings).append(where)
        out.notices.extend(warning_notices(out.warnings))
    return out


def _match(frame, i, code_col, name_col, regions: RegionIndex,
           level: str | None) -> str | Message:
    """The region code of feature i, or the reason it has none."""
    if code_col is not None:
        value = frame.iloc[i][code_col]
        if value is not None and str(value).strip() not in ("", "nan", "None"):
            text = str(value).strip()
            text = re.sub(r"\.0$", "", text)
            try:
                return regions.by_code(text)
            except CellError as exc:
                return Message("GEO_NO_MATCH_BECAUSE", row=i + 1, key=text, reason=exc.message)
    name = frame.iloc[i][name_col] if name_col is not None else None
    if name is None or not str(name).strip():
        return Message("GEO_NO_MATCH", row=i + 1, key="")
    levels = [level] if level else ["district", "town", "village"]
    hits = [c for lv in levels for c in regions.candidates(str(name).strip(), lv)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        return Message("GEO_NO_MATCH", row=i + 1, key=str(name)[:40])
    shown = tuple(Message("REGION_CANDIDATE", path=regions.path(c), code=c)
                  for c in sorted(hits)[:6])
    return Message("GEO_NO_MATCH_BECAUSE", row=i + 1, key=str(name)[:40],
                   reason=Message("GEO_AMBIGUOUS", candidates=shown))
