"""Villages as points on every region map, coloured by their own status (逾期 / 有未销号 /
已清零) and sized by their open issues, so a weak village's state shows at city level too.

Weak villages are solid dots ringed by their type (purple 省定, blue 市定); any other village
with an overdue issue is a hollow red ring, so it is never lost in the grey of "not weak".
A click on a point opens that village, like a click on its polygon (the `code` property).
Every text reaching a tooltip is escaped here.
"""

from __future__ import annotations

import math

import folium
import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.gcj02 import wgs84_to_gcj02
from paicha_geo.domain.village_status import STATUSES
from paicha_geo.render import escape

STATUS_COLORS = {"overdue": "#d7191c", "open": "#f28e2b", "cleared": "#1a9641"}
TYPE_RINGS = {"province": "#5e3c99", "city": "#1f78b4"}
NOT_WEAK_FILL = "#ffffff"
POINT_OPACITY = 0.95  # polygons are drawn at 0.85: the browser tests tell them apart by it
HALO_OPACITY = 0.9
MIN_RADIUS, MAX_RADIUS = 4.0, 13.0
NOT_WEAK_RADIUS = 3.5
# Above this many points (a whole province) they only clutter the map; one level down they
# appear again.
MAX_POINTS = 600
TOOLTIP_FIELDS = ("name", "path", "kind", "status", "issues_open", "issues_overdue",
                  "issues_closed", "households_failing_any")


def radius(open_issues: int) -> float:
    """4 px for none, growing with the square root of the count (area ~ count), capped."""
    return min(MAX_RADIUS, MIN_RADIUS + 1.6 * math.sqrt(max(open_issues, 0)))


def point_style(weak_type, status: str, open_issues: int) -> dict:
    """Leaflet circle-marker options of one village: a weak village sized by its open
    issues; any other (shown because something is overdue) a small fixed ring."""
    color = STATUS_COLORS[status]
    weak = isinstance(weak_type, str)
    return {
        "radius": radius(open_issues) if weak else NOT_WEAK_RADIUS,
        "color": TYPE_RINGS[weak_type] if weak else color,
        "weight": 2 if weak else 2.5,
        "fill": True,
        "fillColor": color if weak else NOT_WEAK_FILL,
        "fillOpacity": POINT_OPACITY,
    }


def _halo(style: dict) -> dict:
    """A white disc under a point, so a red dot still reads on a red region."""
    return {"radius": style["radius"] + style["weight"] / 2 + 1.5, "stroke": False,
            "fill": True, "fillColor": "#ffffff", "fillOpacity": HALO_OPACITY}


def _features(points: pd.DataFrame, gcj02: bool) -> list[dict]:
    lon, lat = points["label_lon"].to_numpy(float), points["label_lat"].to_numpy(float)
    if gcj02:
        lon, lat = wgs84_to_gcj02(lon, lat)
    features = []
    for i, row in enumerate(points.itertuples(index=False)):
        weak = row.weak_type if isinstance(row.weak_type, str) else None
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon[i]), float(lat[i])]},
            "properties": {
                "code": row.code,
                "name": escape.text(row.name),
                "path": escape.text(row.path),
                "kind": labels.WEAK_TYPES[weak] if weak else labels.NOT_WEAK,
                "status": labels.VILLAGE_STATUS[row.status],
                "issues_open": int(row.issues_open),
                "issues_overdue": int(row.issues_overdue),
                "issues_closed": int(row.issues_closed),
                "households_failing_any": int(row.households_failing_any),
            },
        })
    return features


def points_layers(villages: pd.DataFrame, gcj02: bool = False) -> list[folium.GeoJson]:
    """The points of `villages` (services.weak_service.village_table rows with `on_map`);
    cleared first, overdue last, so the worst are drawn on top, over white halos. Nothing
    when there are none or too many to read."""
    shown = villages[villages["on_map"]]
    if shown.empty or len(shown) > MAX_POINTS:
        return []
    order = shown["status"].map({s: -i for i, s in enumerate(STATUSES)})
    shown = shown.assign(_order=order).sort_values(["_order", "issues_open"], kind="stable")
    features = _features(shown, gcj02)
    # Styles stay on the Python side, keyed by code (folium sends each distinct style once).
    styles = {row.code: point_style(row.weak_type if isinstance(row.weak_type, str) else None,
                                    row.status, int(row.issues_open))
              for row in shown.itertuples(index=False)}
    halos = [{"type": "Feature", "geometry": f["geometry"],
              "properties": {"code": f["properties"]["code"]}} for f in features]
    halo_layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": halos}, name="village_halos",
        marker=folium.CircleMarker(radius=MIN_RADIUS, fill=True, interactive=False),
        style_function=lambda feature: _halo(styles[feature["properties"]["code"]]))
    points = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="village_points",
        marker=folium.CircleMarker(radius=MIN_RADIUS, fill=True),
        style_function=lambda feature: styles[feature["properties"]["code"]],
        tooltip=folium.GeoJsonTooltip(
            fields=list(TOOLTIP_FIELDS),
            aliases=[labels.POINT_FIELDS[f] for f in TOOLTIP_FIELDS], sticky=True),
    )
    return [halo_layer, points]


def points_legend_html() -> str:
    """The legend entries of the points: one per status, the hollow ring, the type rings."""
    dots = "".join(
        f'<span class="paicha-key" title="{escape.text(labels.VILLAGE_STATUS_LONG[s])}">'
        f'<i style="background:{STATUS_COLORS[s]};border-radius:50%"></i>'
        f"{escape.text(labels.VILLAGE_STATUS[s])}</span>"
        for s in STATUSES)
    ring = (f'<span class="paicha-key"><i style="background:{NOT_WEAK_FILL};border-radius:50%;'
            f'border:3px solid {STATUS_COLORS["overdue"]}"></i>'
            f"{escape.text(labels.POINT_NOT_WEAK_OVERDUE)}</span>")
    return (f'<span class="paicha-key"><b>{escape.text(labels.POINTS_LEGEND_TITLE)}</b></span>'
            f"{dots}{ring}<span class=\"paicha-key\">{escape.text(labels.POINT_RINGS)}</span>")
