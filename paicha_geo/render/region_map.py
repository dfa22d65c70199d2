"""The one map assembly every page uses: shapes -> colour scale -> layer -> view -> legend.

Returns folium objects and the legend's HTML; the page only places them (st_folium with the
base map and the layer swapped in place, so a change of colours never remounts the map).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd

from paicha_geo.render.geometry import shapes_for_view
from paicha_geo.render.maps import (
    build_base_map,
    build_region_layer,
    legend_html,
    view_for_bounds,
)
from paicha_geo.render.scales import scale_for


@dataclass
class RegionMap:
    base: folium.Map  # constant per level of the root: never changes between reruns
    layer: folium.FeatureGroup  # the data, swapped in place
    center: list
    zoom: float
    shapes: gpd.GeoDataFrame
    scale: object  # ClassedScale | CategoricalScale

    def legend(self, title: str, extra: str | None = None) -> str:
        return legend_html(title, self.scale, extra)


def build_region_map(layers: dict[str, gpd.GeoDataFrame], level: str, codes, metrics: pd.DataFrame,
                     metric: str, *, root_level: str, tiles=(), dark: bool = False,
                     controls: bool = True, text_scale: float = 1.0, focus=None,
                     size_px: tuple[int, int] = (1000, 560), classing: str = "data",
                     warning=None, **layer_options) -> RegionMap:
    """Regions `codes` of `level` coloured by `metrics[metric]` (aligned with `codes`).

    `classing` and `warning` choose the scale (`scales.scale_for`): how rates are classed, and
    the area rule of 三色预警 above villages (RegionView.warning).

    `layers` are the simplified geometries per level; the base map spans the `root_level`
    layer; the view fits `focus` bounds (default: the shapes). `layer_options` go to
    `maps.build_region_layer` (weak_types, color_all, selected, weak_markers, show_labels,
    gcj02, outline).
    """
    shapes = layers[level].set_index("code").loc[list(codes)].reset_index()
    center, zoom = view_for_bounds(shapes.total_bounds if focus is None else focus, *size_px)
    shapes = shapes_for_view(layers, level, codes, zoom)
    values = metrics[metric]
    weak = layer_options.get("weak_types")
    if weak is not None and not layer_options.get("color_all", True):
        values = values[weak.notna().to_numpy()]  # class only the villages given a colour
    scale = scale_for(metric, values, classing, warning)
    layer = build_region_layer(shapes, metrics, metric, scale, **layer_options)
    base = build_base_map(layers[root_level].total_bounds, list(tiles), dark=dark,
                          controls=controls, text_scale=text_scale)
    return RegionMap(base, layer, center, zoom, shapes, scale)
