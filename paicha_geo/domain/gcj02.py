"""GCJ-02 <-> WGS84, the offset Chinese web maps (高德, 腾讯) apply to every coordinate.

GCJ-02 is WGS84 plus a deterministic offset (Krasovsky ellipsoid constants). The forward
transform is exact; the inverse has no closed form, so `gcj02_to_wgs84` solves
wgs84_to_gcj02(w) == g by fixed-point iteration, converging well below 1e-9 degrees.
Valid inside mainland China only. tools/fetch_changzhou.py carries the original copy.
"""

from __future__ import annotations

import numpy as np
import shapely

_A = 6378245.0  # Krasovsky 1940 semi-major axis (m)
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 offset (dlon, dlat) in degrees at WGS84 position (lon, lat)."""
    x, y = lon - 105.0, lat - 35.0
    pi = np.pi
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    rad = lat / 180.0 * pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * pi)
    return dlon, dlat


def wgs84_to_gcj02(lon, lat):
    """Forward transform."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, tol: float = 1e-10, max_iter: int = 30):
    """Inverse transform by fixed-point iteration: find w with F(w) = g."""
    g_lon, g_lat = np.asarray(lon, float), np.asarray(lat, float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(max_iter):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = f_lon - g_lon, f_lat - g_lat
        w_lon, w_lat = w_lon - e_lon, w_lat - e_lat
        if max(np.abs(e_lon).max(initial=0), np.abs(e_lat).max(initial=0)) < tol:
            break
    return w_lon, w_lat


def _xy(fn):
    def apply(coords: np.ndarray) -> np.ndarray:
        lon, lat = fn(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return apply


def geometry_gcj02_to_wgs84(geometries):
    """Shapely geometry (or array of them) from GCJ-02 to WGS84."""
    return shapely.transform(geometries, _xy(gcj02_to_wgs84))


def geometry_wgs84_to_gcj02(geometries):
    """Shapely geometry (or array of them) from WGS84 to GCJ-02 (for Gaode basemaps, tests)."""
    return shapely.transform(geometries, _xy(wgs84_to_gcj02))
