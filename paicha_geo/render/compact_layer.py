"""Many features, few bytes: a GeoJSON layer sent as small integers, drawn on a canvas when big.

folium.GeoJson sends pretty-printed coordinates (~24 bytes a vertex) and a style map keyed by
feature id; a province's 15,000 villages came to 18.5 MB and froze Chromium on every zoom (one
SVG path per village). Here every coordinate is snapped to a grid no finer than a screen can
show a few zooms in (`grid_for_zoom`), consecutive repeats dropped, and the whole layer sent as
one delta-encoded string (the polyline encoding: 1-3 bytes a number); properties go column by
column and each distinct style once. The browser rebuilds the GeoJSON and Leaflet draws it: on
a canvas above `CANVAS_ABOVE` features, as SVG paths below (small maps keep their DOM, and a
click or a hover behaves the same either way: the feature's properties reach streamlit-folium).
Texts must be escaped by the caller: tooltips are HTML.
"""

from __future__ import annotations

import json

import numpy as np
import shapely
from branca.element import MacroElement, Template

from paicha_geo.render import geometry_store

CANVAS_ABOVE = 1500  # features; below, SVG paths (a city's drill levels and points; tests see them)
ZOOM_HEADROOM = 3  # the grid is one screen pixel this many zoom steps past the opening view


def grid_for_zoom(zoom: float) -> float:
    """Degrees of longitude per screen pixel `ZOOM_HEADROOM` steps beyond `zoom`."""
    return 360.0 / (256 * 2 ** (zoom + ZOOM_HEADROOM))


def _polyline(values: np.ndarray) -> str:
    """Signed integers in Google's polyline encoding (zigzag, 5-bit groups), vectorised."""
    v = values.astype(np.int64)
    z = (v << 1) ^ (v >> 63)
    if not len(z):
        return ""
    width = max(1, int(np.ceil(int(z.max()).bit_length() / 5)))
    shifts = 5 * np.arange(width)
    groups = (z[:, None] >> shifts) & 31
    count = 1 + ((z[:, None] >> shifts[1:]) > 0).sum(axis=1) if width > 1 else np.ones(len(z),
                                                                                         int)
    more = np.arange(width)[None, :] < (count[:, None] - 1)
    chars = (groups | (more * 32)) + 63
    keep = np.arange(width)[None, :] < count[:, None]
    return chars[keep].astype(np.uint8).tobytes().decode("ascii")


def encode_geometries(geoms, grid: float) -> dict:
    """{"o": origin, "g": grid, "c": one delta string, "n": vertices per ring per polygon per
    feature (or null for points)}. Shared edges snap identically, so neighbours still meet."""
    geoms = np.asarray(geoms, dtype=object)
    points = bool(len(geoms)) and bool(np.all(shapely.get_type_id(geoms) == 0))
    if points:
        xy = shapely.get_coordinates(geoms)
        origin = np.floor(xy.min(axis=0) / grid) if len(xy) else np.zeros(2)
        q = np.round(xy / grid).astype(np.int64) - origin.astype(np.int64)
        return {"o": (origin * grid).tolist(), "g": grid, "n": None,
                "c": _polyline(np.diff(q, axis=0, prepend=[[0, 0]]).ravel())}
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, vertex_of = shapely.get_coordinates(rings, return_index=True)
    q = np.round(xy / grid).astype(np.int64)
    # Drop each ring's closing vertex (Leaflet closes rings) and repeats left by the snapping.
    last = np.r_[vertex_of[1:] != vertex_of[:-1], True]
    first = np.r_[True, vertex_of[1:] != vertex_of[:-1]]
    repeat = np.r_[False, np.all(q[1:] == q[:-1], axis=1)] & ~first
    keep = ~last & ~repeat
    per_ring = np.bincount(vertex_of[keep], minlength=len(rings))
    exterior = np.r_[True, ring_of[1:] != ring_of[:-1]]
    kept_ring = exterior | (per_ring >= 3)  # a hole smaller than the grid disappears
    keep &= kept_ring[vertex_of]
    q = q[keep]
    origin = q.min(axis=0) if len(q) else np.zeros(2, np.int64)
    q = q - origin
    rings_per_part = np.bincount(ring_of, minlength=len(parts)).tolist()
    per_ring, kept_ring = per_ring.tolist(), kept_ring.tolist()
    structure: list[list[list[int]]] = [[] for _ in range(len(geoms))]
    r = 0
    for feature, n_rings in zip(part_of.tolist(), rings_per_part, strict=True):
        structure[feature].append([per_ring[i] for i in range(r, r + n_rings) if kept_ring[i]])
        r += n_rings
    return {"o": (origin * grid).tolist(), "g": grid, "n": structure,
            "c": _polyline(np.diff(q, axis=0, prepend=[[0, 0]]).ravel())}


def _unpolyline(text: str) -> list[int]:
    out, value, shift = [], 0, 0
    for char in text.encode("ascii"):
        b = char - 63
        value |= (b & 31) << shift
        shift += 5
        if b < 32:
            out.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    return out


def decode_geometries(data: dict) -> list[dict]:
    """GeoJSON geometries back from `encode_geometries` (what the browser rebuilds; tests and
    the benchmark read layers with it)."""
    ints, at = _unpolyline(data["c"]), 0
    x = y = 0
    (ox, oy), grid = data["o"], data["g"]

    def vertex():
        nonlocal x, y, at
        x, y, at = x + ints[at], y + ints[at + 1], at + 2
        return [ox + x * grid, oy + y * grid]

    if data["n"] is None:
        return [{"type": "Point", "coordinates": vertex()} for _ in range(len(ints) // 2)]
    geoms = []
    for polygons in data["n"]:
        coords = []
        for rings in polygons:
            closed = []
            for count in rings:
                ring = [vertex() for _ in range(count)]
                closed.append(ring + ring[:1])
            coords.append(closed)
        geoms.append({"type": "MultiPolygon", "coordinates": coords})
    return geoms


# branca renders each element's script output again as a Jinja template: "{{", "{%" or "{#"
# inside a string (the polyline alphabet has "{"; a village may be named so) would be run or
# break the page. JSON never has them outside strings, so the second character is escaped.
_JINJA_OPENERS = {"{{": "{\\u007b", "{%": "{\\u0025", "{#": "{\\u0023"}


def script_safe(payload: str) -> str:
    """JSON text that survives inside <script> and a second Jinja pass unchanged."""
    payload = payload.replace("</", "<\\/")
    for opener, escaped in _JINJA_OPENERS.items():
        payload = payload.replace(opener, escaped)
    return payload


def distinct_styles(styles: list[dict]) -> tuple[list[dict], list[int]]:
    """Each distinct style once, and each feature's index into them."""
    seen: dict[str, int] = {}
    index = [seen.setdefault(json.dumps(s, sort_keys=True), len(seen)) for s in styles]
    return [json.loads(k) for k in seen], index


class CompactGeoJson(MacroElement):
    """A Leaflet GeoJSON layer from `encode_geometries` output, columnar `properties`, one
    style per feature, an optional tooltip table (`fields`, `aliases` escaped HTML) and hover
    highlight. Point layers are circle markers (radius in the style). Drawn on a canvas shared
    by its group when the group holds a big layer (`on_canvas`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var d = {{ this.payload }};
            if (d.url) {  // geometry_store: fetched once, then from the browser's caches
                var memo = window.__paichaGeometry = window.__paichaGeometry || {};
                if (!memo[d.url]) {
                    var xhr = new XMLHttpRequest();
                    xhr.open("GET", d.url, false);  // the layer must exist when this returns
                    xhr.send();
                    memo[d.url] = JSON.parse(xhr.responseText);
                }
                L.extend(d, memo[d.url]);
                for (var fixed in d.pf) { d.p[fixed] = d.pf[fixed]; }
            }
            var s = d.c, at = 0, ints = [];
            while (at < s.length) {
                var b, shift = 0, r = 0;
                do { b = s.charCodeAt(at++) - 63; r |= (b & 31) << shift; shift += 5; }
                while (b >= 32);
                ints.push((r & 1) ? ~(r >> 1) : (r >> 1));
            }
            var x = 0, y = 0, k = 0, o = d.o, g = d.g;
            function next() {
                x += ints[k++]; y += ints[k++];
                return [o[0] + x * g, o[1] + y * g];
            }
            var cols = Object.keys(d.p), features = [];
            var total = d.n ? d.n.length : ints.length / 2;
            for (var i = 0; i < total; i++) {
                var geometry;
                if (d.n) {
                    geometry = {type: "MultiPolygon", coordinates: d.n[i].map(function (poly) {
                        return poly.map(function (count) {
                            var ring = [];
                            for (var j = 0; j < count; j++) { ring.push(next()); }
                            return ring;
                        });
                    })};
                } else {
                    geometry = {type: "Point", coordinates: next()};
                }
                var props = {};
                for (var c = 0; c < cols.length; c++) { props[cols[c]] = d.p[cols[c]][i]; }
                features.push({type: "Feature", geometry: geometry, properties: props,
                               _s: d.si[i]});
            }
            var options = {interactive: d.interactive,
                           style: function (f) { return d.styles[f._s]; },
                           pointToLayer: function (f, latlng) {
                               return L.circleMarker(latlng, L.extend({}, d.styles[f._s], {
                                   interactive: d.interactive, renderer: options.renderer}));
                           }};
            {%- if this.on_canvas() %}
            // One canvas for every layer of the group: a canvas on top of another (or of SVG
            // paths) would swallow the clicks meant for the shapes under it.
            var group = {{ this._parent.get_name() }};
            group._paichaCanvas = group._paichaCanvas || L.canvas();
            options.renderer = group._paichaCanvas;
            {%- endif %}
            var layer;
            if (d.fields) {
                options.onEachFeature = function (f, l) {
                    l.bindTooltip(function (t) {
                        var p = t.feature.properties, rows = "";
                        for (var i = 0; i < d.fields.length; i++) {
                            rows += "<tr>" + (d.aliases ? "<th>" + d.aliases[i] + "</th>" : "")
                                + "<td>" + p[d.fields[i]] + "</td></tr>";
                        }
                        return "<table>" + rows + "</table>";
                    }, {sticky: true, className: "foliumtooltip"});
                    if (d.highlight) {
                        l.on("mouseover", function (e) { e.target.setStyle(d.highlight); });
                        l.on("mouseout", function (e) { layer.resetStyle(e.target); });
                    }
                };
            }
            layer = L.geoJson({type: "FeatureCollection", features: features}, options);
            return layer;
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geoms, properties: dict[str, list], styles: list[dict], *, grid: float,
                 name: str, fields=None, aliases=None, highlight: dict | None = None,
                 interactive: bool = True, canvas: bool | None = None, fixed=()):
        """`fixed` names properties that change only with the data (a region's code and
        name): when the geometry goes by URL (geometry_store) they go with it."""
        super().__init__()
        self._name = name
        self.canvas = canvas
        geoms = list(geoms)
        distinct, index = distinct_styles(styles)
        self.feature_count = len(geoms)
        geometry = encode_geometries(geoms, grid)
        geometry["pf"] = {k: properties[k] for k in fixed if k in properties}
        url = geometry_store.url_for(geometry)
        self.data = data = {
            **geometry, "url": url,
            "p": properties, "styles": distinct, "si": index, "interactive": interactive,
            "fields": list(fields) if fields else None,
            "aliases": list(aliases) if aliases else None, "highlight": highlight,
        }
        if url:  # the browser has (or fetches once) the geometry and the fixed properties
            sent = {k: v for k, v in data.items() if k not in geometry}
            sent["p"] = {k: v for k, v in properties.items() if k not in geometry["pf"]}
        else:
            sent = {k: v for k, v in data.items() if k != "pf"}
        self.payload = script_safe(json.dumps(sent, ensure_ascii=False, separators=(",", ":")))

    def on_canvas(self) -> bool:
        """`canvas` if given, else whether this layer or any compact sibling in the same
        group is bigger than `CANVAS_ABOVE` (the whole group then shares one canvas)."""
        if self.canvas is not None:
            return self.canvas
        parent = getattr(self, "_parent", None)
        siblings = parent._children.values() if parent is not None else [self]
        return any(isinstance(c, CompactGeoJson) and c.feature_count > CANVAS_ABOVE
                   for c in siblings)

    def features(self) -> list[dict]:
        """The layer as GeoJSON features, as the browser rebuilds them."""
        props = self.data["p"]
        return [{"type": "Feature", "geometry": g,
                 "properties": {k: v[i] for k, v in props.items()},
                 "style": self.data["styles"][self.data["si"][i]]}
                for i, g in enumerate(decode_geometries(self.data))]
