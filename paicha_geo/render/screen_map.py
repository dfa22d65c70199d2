"""The wall's map fills its box at any screen size: the iframe is sized by the page's CSS,
the map inside takes the whole frame, and the browser fits the view to the bounds (a zoom
computed in Python would assume one pixel size, which is how 4K got a half-size map)."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from paicha_geo.render.screen_layout import CENTRE_W

# Inside the map's frame: vw is the frame's width, so labels grow with the map.
_FRAME_CSS = (
    "<style>html,body{height:100%;margin:0}#parent,#map_div{height:100vh !important;"
    "width:100% !important}.paicha-label{font-size:calc(100vw / 49) !important}"
    ".leaflet-control-scale-line{font-size:calc(100vw / 63) !important}</style>"
)


class _FitInBrowser(MacroElement):
    """Fits the map to `bounds` once the frame has its size, and again on every resize."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  window.__paichaBounds = {{ this.bounds|tojson }};
  var fit = function () {
    var m = window.map;
    if (!m || !m.getContainer().clientHeight) { return setTimeout(fit, 60); }
    m.options.zoomSnap = 0;  // an exact fit: quarter steps left up to a sixth of the box empty
    m.invalidateSize(false);
    var pad = Math.round(Math.min(innerWidth, innerHeight) * 0.02);
    m.fitBounds(window.__paichaBounds, {padding: [pad, pad], animate: false});
    // Markers and outlines were sized for the 1080p frame width: grow them with the frame.
    var k = innerWidth / {{ this.design_width }};
    m.eachLayer(function (l) {
      if (!(l instanceof L.Path)) { return; }
      if (l.__paichaWeight === undefined) {
        l.__paichaWeight = l.options.weight;
        l.__paichaRadius = l.getRadius ? l.getRadius() : null;
      }
      l.setStyle({weight: l.__paichaWeight * k});
      if (l.__paichaRadius !== null && !(l instanceof L.Circle)) {
        l.setRadius(l.__paichaRadius * k);
      }
    });
  };
  if (!window.__paichaFitHooked) {
    window.__paichaFitHooked = true;
    window.addEventListener("resize", function () { setTimeout(fit, 30); });
  }
  setTimeout(fit, 0);
})();
{% endmacro %}
""")

    def __init__(self, bounds, design_width: float):
        super().__init__()
        self._name = "FitInBrowser"
        self.design_width = round(design_width, 1)
        minx, miny, maxx, maxy = (float(v) for v in bounds)
        self.bounds = [[miny, minx], [maxy, maxx]]


def fill_the_box(base: folium.Map, layer: folium.FeatureGroup, bounds,
                 design_width: float = CENTRE_W) -> None:
    """Make `base` fill its frame and `layer` (swapped in place on every tick) fit `bounds`;
    line widths and marker sizes, set for a frame `design_width` px wide, grow with it."""
    base.get_root().header.add_child(folium.Element(_FRAME_CSS))
    layer.add_child(_FitInBrowser(bounds, design_width))
