"""Folium maps. `build_*` functions return folium objects and never touch Streamlit.

The drill-down map is split in two so filter changes do not remount the map: a constant base
map (controls only, no data) and a data layer (a FeatureGroup that streamlit-folium swaps in
place). Leaflet comes from the app's own static files (no CDN); there is no basemap unless
one is configured; every text that reaches a tooltip or label is escaped first.
"""

from __future__ import annotations

import json
import math

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement, Template

from paicha_geo import labels
from paicha_geo.domain.gcj02 import geometry_wgs84_to_gcj02, wgs84_to_gcj02
from paicha_geo.render import escape
from paicha_geo.render.assets import LOCAL_CSS, LOCAL_JS
from paicha_geo.render.compact_layer import CompactGeoJson, grid_for_zoom
from paicha_geo.render.scales import (
    NEUTRAL_COLOR,
    NO_DATA_COLOR,
    CategoricalScale,
    ClassedScale,
    is_rate,
)
from paicha_geo.render.village_points import MAX_POINTS, merge_dense, merged_kind

WEAK_STYLE = {
    "province": {"color": "#ffffff", "fillColor": "#5e3c99", "radius": 4.5, "outline": "#5e3c99"},
    "city": {"color": "#ffffff", "fillColor": "#1f78b4", "radius": 3.2, "outline": "#1f78b4"},
}
SELECTED_OUTLINE = "#000000"


class OfflineMap(folium.Map):
    """A folium map whose JS/CSS come from /app/static (Leaflet, jQuery only; no Bootstrap)."""

    default_js = LOCAL_JS
    default_css = LOCAL_CSS


class _MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's control_scale adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class _Fullscreen(MacroElement):
    """A fullscreen button using the browser's Fullscreen API (no plugin to download)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var ctl = L.control({position: 'topleft'});
            ctl.onAdd = function () {
                var div = L.DomUtil.create('div', 'leaflet-bar');
                var a = L.DomUtil.create('a', 'paicha-fullscreen', div);
                a.href = '#'; a.title = {{ this.title_json }};
                a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" '
                    + 'style="margin-top:7px"><path fill="none" stroke="#333" '
                    + 'stroke-width="2" d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';
                a.setAttribute('role', 'button');
                L.DomEvent.on(a, 'click', function (e) {
                    L.DomEvent.preventDefault(e);
                    var el = document.documentElement;
                    if (document.fullscreenElement) { document.exitFullscreen(); }
                    else if (el.requestFullscreen) { el.requestFullscreen(); }
                    setTimeout(function () { map.invalidateSize(); }, 300);
                });
                return div;
            };
            ctl.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str):
        super().__init__()
        self._name = "Fullscreen"
        self.title_json = json.dumps(title)


_MAP_CSS = (
    "<style>.paicha-label{font:600 13px 'Noto Sans CJK SC','Microsoft YaHei',sans-serif;"
    "color:#222;text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;"
    "white-space:nowrap;pointer-events:none}.leaflet-container{background:#f7f7f5}"
    ".paicha-fullscreen{font-size:18px;line-height:30px;text-align:center}"
    ".leaflet-tooltip table th{text-align:left;padding-right:8px;color:#555}"
    ".paicha-stop{width:26px;height:26px;border-radius:50%;background:#111;color:#fff;"
    "font:700 14px/26px sans-serif;text-align:center;border:2px solid #fff}</style>"
)


_DARK_CSS = (
    "<style>.leaflet-container{{background:#0b1220}}.paicha-label{{color:#f5f7fa;"
    "font-size:{label}px;text-shadow:0 0 4px #000,0 0 4px #000,0 0 2px #000}}"
    ".leaflet-control-scale-line{{background:rgba(11,18,32,.8);color:#e6edf3;"
    "border-color:#e6edf3;font-size:{small}px}}</style>"
)


def build_base_map(bounds, tiles: list[folium.TileLayer] = (), dark: bool = False,
                   controls: bool = True, text_scale: float = 1.0) -> folium.Map:
    """The constant part of the map: view, controls and (optionally) a basemap.

    `dark` restyles it for the large screen (labels `text_scale` times larger for a 4K
    wall); `controls=False` leaves out zoom and fullscreen buttons (nobody clicks a wall).
    """
    minx, miny, maxx, maxy = bounds
    fmap = OfflineMap(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        tiles=None,
        zoom_start=9,
        control_scale=False,  # _MetricScale below: kilometres only
        zoom_snap=0.25,
        zoom_delta=0.5,
        attribution_control=bool(tiles),  # no tiles, nothing to attribute or link to
        zoom_control=controls,
    )
    for layer in tiles:
        layer.add_to(fmap)
    _MetricScale().add_to(fmap)
    if controls:
        _Fullscreen(labels.FULLSCREEN).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(_MAP_CSS))
    if dark:
        fmap.get_root().header.add_child(folium.Element(
            _DARK_CSS.format(label=round(18 * text_scale), small=round(14 * text_scale))))
    return fmap


def view_for_bounds(bounds, width_px: int = 1000, height_px: int = 560) -> tuple[list, float]:
    """Centre and (fractional, quarter-step) Web-Mercator zoom that fit `bounds` on screen."""
    minx, miny, maxx, maxy = bounds

    def merc_y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(maxx - minx, 1e-6)
    y_span = max(merc_y(maxy) - merc_y(miny), 1e-9)
    zoom_x = math.log2(width_px * 360 / (256 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (256 * y_span))
    zoom = math.floor(min(zoom_x, zoom_y) * 4 - 0.5) / 4  # a little margin, quarter steps
    center = [(miny + maxy) / 2, (minx + maxx) / 2]
    return center, max(zoom, 3)


def _format_value(metric: str, value) -> str:
    if metric == "traffic":
        return labels.TRAFFIC_SHORT.get(value, labels.NO_DATA)
    if metric == "guarantee_clear":
        return labels.CLEAR_STATES.get(value, labels.NO_DATA)
    if metric == "hotspot":
        return labels.HOTSPOT_CLASSES.get(value, labels.NO_DATA)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return labels.NO_DATA
    if is_rate(metric):
        return labels.format_rate(value)
    if metric.startswith("open_per_") or metric.endswith("_per_100"):
        return f"{value:.2f}"
    return f"{int(value):,}"


def build_region_layer(
    regions: gpd.GeoDataFrame,
    metrics: pd.DataFrame,
    metric: str,
    scale: ClassedScale | CategoricalScale,
    *,
    weak_types: pd.Series | None = None,
    color_all: bool = True,
    selected: str | None = None,
    weak_markers: pd.DataFrame | None = None,
    show_labels: bool = True,
    gcj02: bool = False,
    outline: str = "#555555",
    grid: float | None = None,
) -> folium.FeatureGroup:
    """The data layer: regions coloured by `metric`, with tooltips, labels and weak villages.

    `regions` and `metrics` are aligned by position. At village level pass `weak_types`
    (aligned too): 省定 get a solid purple outline, 市定 a dashed blue one, and unless
    `color_all` only weak villages and villages with an overdue issue are coloured (the rest
    light grey). `gcj02` shifts all geometry from WGS84 to GCJ-02 so it lines up with a 高德
    basemap. Coordinates are snapped to `grid` degrees (default: what the screen shows a few
    zooms into the view that fits `regions`; compact_layer.grid_for_zoom).
    """
    if gcj02:
        regions, weak_markers = _to_gcj02(regions, weak_markers)
    group = folium.FeatureGroup(name="regions")
    values = metrics[metric].to_list()
    weak = (list(weak_types) if weak_types is not None else [None] * len(regions))
    weak = [w if isinstance(w, str) else None for w in weak]
    late = metrics["issues_overdue"].to_numpy() > 0  # never grey when something is overdue
    fills = [
        scale.color(v) if (color_all or w or overdue) else NEUTRAL_COLOR
        for v, w, overdue in zip(values, weak, late, strict=True)
    ]
    metric_label = labels.MAP_METRICS[metric][0]
    props = {
        "code": regions["code"].to_list(),
        "name": [escape.text(n) for n in regions["name"]],
        "value": [_format_value(metric, v) for v in values],
        "issues_open": metrics["issues_open"].astype(int).to_list(),
        "issues_overdue": metrics["issues_overdue"].astype(int).to_list(),
        "closeout_rate": [labels.format_rate(v) for v in metrics["closeout_rate"]],
        "kind": [labels.WEAK_TYPES[w] if w else "" for w in weak],
        "fill": fills,
        "weak": [w or "" for w in weak],
    }
    fields = ["name", "value", "issues_open", "issues_overdue", "closeout_rate"]
    aliases = [labels.TOOLTIP_FIELDS["name"], metric_label, labels.TOOLTIP_FIELDS["issues_open"],
               labels.TOOLTIP_FIELDS["issues_overdue"], labels.TOOLTIP_FIELDS["closeout_rate"]]
    if metric in fields:  # the coloured metric is already a fixed row
        del aliases[1], fields[1]
    if weak_types is not None:
        fields.append("kind")
        aliases.append(labels.TOOLTIP_FIELDS["weak_type"])

    def style(code, fill, kind):
        edge = WEAK_STYLE[kind]["outline"] if kind else outline
        selected_here = code == selected
        return {
            "fillColor": fill,
            "color": SELECTED_OUTLINE if selected_here else edge,
            "weight": 4 if selected_here else (2.5 if kind else 1),
            "dashArray": "6 4" if kind == "city" else None,
            "fillOpacity": 0.85,
        }

    styles = [style(c, f, w) for c, f, w in zip(props["code"], fills, weak, strict=True)]
    shown = {k: v for k, v in props.items() if k in fields or k == "code"}
    CompactGeoJson(regions.geometry.to_numpy(), shown, styles,
                   grid=grid or grid_for_zoom(view_for_bounds(regions.total_bounds)[1]),
                   name="regions", fields=fields, aliases=[escape.text(a) for a in aliases],
                   highlight={"weight": 3, "color": "#000000"},
                   fixed=("code", "name")).add_to(group)
    if show_labels:
        for name, lon, lat in zip(regions["name"], regions["label_lon"], regions["label_lat"],
                                  strict=True):
            folium.Marker(
                [lat, lon],
                icon=folium.DivIcon(html=f'<div class="paicha-label">{escape.text(name)}</div>',
                                    class_name="paicha-label-icon", icon_size=(120, 20),
                                    icon_anchor=(60, 10)),
                interactive=False,
            ).add_to(group)
    if weak_markers is not None and len(weak_markers):
        _weak_marker_layer(weak_markers, view_for_bounds(regions.total_bounds)[1]).add_to(group)
    return group


def _to_gcj02(regions: gpd.GeoDataFrame, points: pd.DataFrame | None):
    regions = regions.copy()
    regions["geometry"] = geometry_wgs84_to_gcj02(regions.geometry.to_numpy())
    regions["label_lon"], regions["label_lat"] = wgs84_to_gcj02(regions["label_lon"],
                                                                regions["label_lat"])
    if points is not None:
        points = points.copy()
        points["label_lon"], points["label_lat"] = wgs84_to_gcj02(points["label_lon"],
                                                                  points["label_lat"])
    return regions, points


def _weak_marker_layer(weak: pd.DataFrame, zoom: float) -> CompactGeoJson:
    """Weak villages as clickable points: a click opens that village, like its polygon. A
    whole province's are merged where they crowd (village_points.merge_dense): a merged
    point is bigger, and a click opens the smallest region holding its villages."""
    if len(weak) > MAX_POINTS:
        weak = merge_dense(weak, zoom)
    merged = weak["merged"].to_numpy() if "merged" in weak else [1] * len(weak)
    points = shapely.points(weak["label_lon"].to_numpy(float), weak["label_lat"].to_numpy(float))
    props = {"code": weak["code"].to_list(), "name": [escape.text(n) for n in weak["name"]],
             "kind": [merged_kind(w, n) for w, n in zip(weak["weak_type"], merged, strict=True)]}
    styles = [{"radius": WEAK_STYLE[w]["radius"] * (1.6 if n > 1 else 1),
               "color": WEAK_STYLE[w]["color"], "weight": 2 if n > 1 else 1, "fill": True,
               "fillColor": WEAK_STYLE[w]["fillColor"], "fillOpacity": 0.95}
              for w, n in zip(weak["weak_type"], merged, strict=True)]
    return CompactGeoJson(points, props, styles, grid=grid_for_zoom(zoom),
                          name="weak_villages", fields=["name", "kind"])


def build_route_layer(stops: pd.DataFrame, start: tuple[float, float]) -> folium.FeatureGroup:
    """The planned trip: a line from the start through the villages, numbered in order."""
    group = folium.FeatureGroup(name="route")
    path = [[start[1], start[0]], *zip(stops["label_lat"], stops["label_lon"], strict=True)]
    folium.PolyLine(path, color="#111111", weight=3, opacity=0.85, dash_array="8 6").add_to(group)
    folium.CircleMarker([start[1], start[0]], radius=7, color="#111111", fill=True,
                        fill_color="#ffffff", fill_opacity=1, weight=3,
                        tooltip=labels.ROUTE_START).add_to(group)
    for row in stops.itertuples(index=False):
        folium.Marker(
            [row.label_lat, row.label_lon],
            icon=folium.DivIcon(
                html=f'<div class="paicha-stop">{int(row.stop)}</div>',
                class_name="paicha-stop-icon", icon_size=(26, 26), icon_anchor=(13, 13)),
            tooltip=f"{int(row.stop)}. {escape.text(row.name)}",
        ).add_to(group)
    return group


def legend_html(title: str, scale, weak_legend: str | None = None) -> str:
    """The legend as HTML for the page (outside the map, so it never forces a remount)."""
    rows = "".join(
        f'<span class="paicha-key"><i style="background:{color}"></i>{escape.text(label)}</span>'
        for color, label in scale.legend_rows()
    )
    rows += (f'<span class="paicha-key"><i style="background:{NO_DATA_COLOR}"></i>'
             f"{escape.text(labels.MAP_NO_DATA)}</span>")
    unit = labels.LEGEND_UNIT.format(unit=escape.text(scale.unit)) \
        if scale.unit and scale.unit != "%" else ""
    weak = f'<div class="paicha-weak">{weak_legend}</div>' if weak_legend else ""
    method = getattr(scale, "method", "")
    method = f'<span class="paicha-method">{escape.text(method)}</span>' if method else ""
    return (f'<div class="paicha-legend"><b>{escape.text(title)}{unit}</b>{method}{rows}'
            f'{weak}</div>')



def weak_legend_html(village_level: bool) -> str:
    """How 省定 / 市定 weak villages are marked at this level (markers or outlines)."""
    p, c = WEAK_STYLE["province"], WEAK_STYLE["city"]
    if village_level:
        return (f'<span class="paicha-key"><i style="border:3px solid {p["outline"]};'
                f'background:transparent"></i>'
                f'{labels.WEAK_OUTLINE_SOLID.format(kind=labels.WEAK_TYPES["province"])}</span>'
                f'<span class="paicha-key"><i style="border:3px dashed {c["outline"]};'
                f'background:transparent"></i>'
                f'{labels.WEAK_OUTLINE_DASHED.format(kind=labels.WEAK_TYPES["city"])}</span>'
                f'<span class="paicha-key"><i style="background:{NEUTRAL_COLOR}"></i>'
                f"{labels.NOT_WEAK}</span>")
    return (f'<span class="paicha-key"><i style="background:{p["fillColor"]};border-radius:50%">'
            f'</i>{labels.WEAK_TYPES["province"]}</span>'
            f'<span class="paicha-key"><i style="background:{c["fillColor"]};border-radius:50%;'
            f'transform:scale(.75)"></i>{labels.WEAK_TYPES["city"]}</span>')


LEGEND_CSS = """
<style>
.paicha-legend{font-size:.9rem;line-height:1.9;margin:.2rem 0 .6rem}
.paicha-legend b{margin-right:1rem}
.paicha-key{display:inline-block;margin-right:1rem;white-space:nowrap}
.paicha-key i{display:inline-block;width:14px;height:14px;margin-right:5px;vertical-align:-2px;
  border:1px solid #888}
.paicha-weak{display:inline-block}
.paicha-method{display:inline-block;margin-right:1rem;color:#555}
</style>
"""
