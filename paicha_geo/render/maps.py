"""Folium maps. `build_*` functions return a folium.Map and never touch Streamlit.

Every map loads Leaflet from the app's own static files (no CDN), has no basemap by default,
and gets only pre-escaped text in its tooltips, legend and labels.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.assets import LOCAL_CSS, LOCAL_JS
from paicha_geo.render.scales import ClassedScale

WEAK_STYLE = {
    "province": {"color": "#ffffff", "fillColor": "#5e3c99", "radius": 4.5},
    "city": {"color": "#ffffff", "fillColor": "#1f78b4", "radius": 3.2},
}


class OfflineMap(folium.Map):
    """A folium map whose JS/CSS come from /app/static (Leaflet, jQuery only; no Bootstrap)."""

    default_js = LOCAL_JS
    default_css = LOCAL_CSS


class _Legend(MacroElement):
    """A legend control in the map corner; its HTML is built from escaped text only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'paicha-legend');
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = json.dumps(html)


def legend_html(title: str, scale: ClassedScale, extra_rows: list[tuple[str, str]] = ()) -> str:
    rows = "".join(
        f'<div><span style="background:{color}"></span>{escape.text(label)}</div>'
        for color, label in [*scale.legend_rows(), *extra_rows]
    )
    style = (
        "<style>.paicha-legend{background:rgba(255,255,255,.92);padding:6px 10px;"
        "border-radius:4px;font:13px/1.5 'Noto Sans CJK SC',sans-serif;color:#222;"
        "box-shadow:0 1px 4px rgba(0,0,0,.3)}.paicha-legend span{display:inline-block;"
        "width:14px;height:14px;margin-right:6px;vertical-align:-2px;border:1px solid #999}"
        ".paicha-legend b{display:block;margin-bottom:2px}</style>"
    )
    return f"{style}<b>{escape.text(title)}</b>{rows}"


def _base_map(bounds) -> folium.Map:
    minx, miny, maxx, maxy = bounds
    fmap = OfflineMap(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        tiles=None,
        zoom_start=9,
        attribution_control=False,  # no tiles, nothing to attribute, no outbound link
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    return fmap


def _feature_collection(regions: gpd.GeoDataFrame, props: pd.DataFrame) -> dict:
    """GeoJSON with only the listed, already-escaped properties (keeps the payload small)."""
    features = []
    for geom, (_, row) in zip(regions.geometry, props.iterrows(), strict=True):
        features.append(
            {
                "type": "Feature",
                "geometry": geom.__geo_interface__,
                "properties": {k: (None if pd.isna(v) else v) for k, v in row.items()},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_choropleth(
    regions: gpd.GeoDataFrame,
    metrics: pd.DataFrame,
    value_column: str,
    scale: ClassedScale,
    legend_title: str,
    weak_villages: pd.DataFrame | None = None,
) -> folium.Map:
    """Regions coloured by `value_column` of `metrics` (aligned with `regions` by position).

    Tooltips show the region name (escaped), open and overdue issues and the close-out rate.
    Weak villages, if given (name, weak_type, label_lon, label_lat), are drawn as markers:
    省定 larger purple, 市定 smaller blue.
    """
    fmap = _base_map(regions.total_bounds)
    values = metrics[value_column].to_numpy()
    props = pd.DataFrame(
        {
            "code": regions["code"].to_numpy(),
            "name": [escape.text(n) for n in regions["name"]],
            "issues_open": metrics["issues_open"].astype(int).to_numpy(),
            "issues_overdue": metrics["issues_overdue"].astype(int).to_numpy(),
            "closeout_rate": [labels.format_rate(v) for v in metrics["closeout_rate"]],
            "fill": [scale.color(v) for v in values],
        }
    )
    collection = _feature_collection(regions, props)
    fields = ["name", "issues_open", "issues_overdue", "closeout_rate"]
    folium.GeoJson(
        collection,
        name="regions",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#444444",
            "weight": 1.2,
            "fillOpacity": 0.85,
        },
        highlight_function=lambda f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=fields,
            aliases=[labels.TOOLTIP_FIELDS[f] for f in fields],
            sticky=True,
        ),
    ).add_to(fmap)
    for name, lon, lat in zip(
        regions["name"], regions["label_lon"], regions["label_lat"], strict=True
    ):
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html=f'<div class="paicha-label">{escape.text(name)}</div>',
                class_name="paicha-label-icon",
                icon_size=(120, 20),
                icon_anchor=(60, 10),
            ),
            interactive=False,
        ).add_to(fmap)
    if weak_villages is not None and len(weak_villages):
        _add_weak_markers(fmap, weak_villages)
    extra = [
        (WEAK_STYLE["province"]["fillColor"], labels.WEAK_TYPES["province"]),
        (WEAK_STYLE["city"]["fillColor"], labels.WEAK_TYPES["city"]),
    ] if weak_villages is not None else []
    _Legend(legend_html(legend_title, scale, extra)).add_to(fmap)
    fmap.get_root().header.add_child(
        folium.Element(
            "<style>.paicha-label{font:600 13px 'Noto Sans CJK SC',sans-serif;color:#222;"
            "text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;"
            "pointer-events:none}.leaflet-container{background:#f7f7f5}</style>"
        )
    )
    return fmap


def _add_weak_markers(fmap: folium.Map, weak: pd.DataFrame) -> None:
    group = folium.FeatureGroup(name="weak_villages")
    for row in weak.itertuples(index=False):
        style = WEAK_STYLE[row.weak_type]
        folium.CircleMarker(
            [row.label_lat, row.label_lon],
            radius=style["radius"],
            color=style["color"],
            weight=1,
            fill=True,
            fill_color=style["fillColor"],
            fill_opacity=0.95,
            tooltip=f"{escape.text(row.name)}（{labels.WEAK_TYPES[row.weak_type]}）",
        ).add_to(group)
    group.add_to(fmap)
