"""Optional basemaps. None by default: the map works offline and loads nothing from outside.

A basemap is offered only when configured: 天地图 with a key ($PAICHA_TIANDITU_KEY or the
Streamlit secret `tianditu_key`), an intranet tile server ($PAICHA_TILE_URL, a Leaflet
URL template), or 高德 ($PAICHA_GAODE=1). 高德 tiles are in GCJ-02, so the overlay is shifted
from WGS84 to GCJ-02 before drawing (see `needs_gcj02`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import folium

from paicha_geo import labels

TIANDITU_URL = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
    "&TILECOL={x}&tk={key}"
)
GAODE_URL = ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1"
             "&style=8&x={x}&y={y}&z={z}")


@dataclass(frozen=True)
class Basemap:
    key: str
    layers: tuple[tuple[str, str], ...]  # (url template, attribution)
    subdomains: str
    gcj02: bool = False


def available(env: Mapping[str, str], secrets: Mapping[str, str] | None = None) -> dict:
    """{key: Basemap} for the basemaps this installation has configured ('none' always)."""
    out = {"none": Basemap("none", (), "")}
    key = env.get("PAICHA_TIANDITU_KEY") or (secrets or {}).get("tianditu_key")
    if key:
        out["tianditu"] = Basemap(
            "tianditu",
            tuple((TIANDITU_URL.replace("{layer}", layer).replace("{key}", key),
                   labels.BASEMAP_ATTRIBUTIONS["tianditu"])
                  for layer in ("vec", "cva")),
            "01234567",
        )
    url = env.get("PAICHA_TILE_URL")
    if url:
        out["custom"] = Basemap("custom", ((url, env.get("PAICHA_TILE_ATTRIBUTION", "")),),
                                env.get("PAICHA_TILE_SUBDOMAINS", "abc"))
    if env.get("PAICHA_GAODE") == "1":
        out["gaode"] = Basemap("gaode", ((GAODE_URL, labels.BASEMAP_ATTRIBUTIONS["gaode"]),),
                               "1234", gcj02=True)
    return out


def tile_layers(basemap: Basemap) -> list[folium.TileLayer]:
    return [
        folium.TileLayer(tiles=url, attr=attribution or labels.BASEMAPS[basemap.key],
                         subdomains=basemap.subdomains, max_zoom=18, overlay=False,
                         control=False, name=f"{basemap.key}-{i}")
        for i, (url, attribution) in enumerate(basemap.layers)
    ]


def needs_gcj02(basemap: Basemap) -> bool:
    return basemap.gcj02
