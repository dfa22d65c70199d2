"""Static map pictures (PNG) for the weekly 通报 and for WeChat groups.

Drawn offline with matplotlib (Agg backend: no display, no network) from the same simplified
geometries the interactive map uses, coloured by the same scales, with a legend and the
regions' names. Chinese needs a CJK font: the first installed of CJK_FONTS (Noto Sans CJK is
installed by scripts/test.sh), else any font whose name says CJK; with none, the picture is
still drawn (the names then show as boxes) rather than failing the download.
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot (geopandas' plot does)

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager, patheffects  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from paicha_geo import labels  # noqa: E402
from paicha_geo.render.scales import NO_DATA_COLOR, RDYLBU  # noqa: E402

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC")
FIGSIZE = (10.0, 7.5)  # inches; at DPI, 2000 x 1500 px: sharp on a phone, < 1 MB
DPI = 200
EDGE = "#555555"
HIGHLIGHT = "#111111"


@functools.cache
def cjk_font() -> str | None:
    """The font family to draw Chinese with, or None when no CJK font is installed."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n), None)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class SpreadScale:
    """Classes from the values' own spread (quantiles among the regions shown), so the best
    and the worst region always differ in colour, whatever the level of the rates.
    Upper-inclusive breaks, like scales.ClassedScale; `percent` formats the legend."""

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    percent: bool
    low: float = 0.0  # the smallest value: where the first class starts
    exact: bool = False  # one class per distinct value: the legend names the value

    def color(self, value) -> str:
        if _missing(value):
            return NO_DATA_COLOR
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if value <= upper:
                return color
        return self.colors[-1]

    def _fmt(self, value: float) -> str:
        return labels.format_rate(value) if self.percent else f"{value:.2f}"

    def legend_rows(self) -> list[tuple[str, str]]:
        rows, lower = [], self.low
        for upper, color in zip(self.breaks, self.colors, strict=True):
            same = self.exact or self._fmt(lower) == self._fmt(upper)
            rows.append((color, self._fmt(upper) if same
                         else f"{self._fmt(lower)} – {self._fmt(upper)}"))
            lower = upper
        return rows


def spread_scale(values, higher_is_better: bool, percent: bool,
                 palette: tuple[str, ...] = RDYLBU) -> SpreadScale:
    """Up to len(palette) quantile classes; `palette` runs bad -> good."""
    finite = np.array([float(v) for v in values if not _missing(v)])
    if finite.size == 0:
        return SpreadScale((0.0,), (NO_DATA_COLOR,), percent)
    distinct = np.unique(finite)
    if distinct.size <= len(palette):
        breaks = distinct
    else:
        qs = np.linspace(0, 1, len(palette) + 1)[1:]
        breaks = np.unique(np.quantile(finite, qs))
    k = breaks.size
    if k == 1:  # every region alike: one neutral colour, neither good nor bad
        return SpreadScale((float(breaks[0]),), (palette[len(palette) // 2],), percent,
                           float(breaks[0]))
    colors = [palette[i] for i in np.linspace(0, len(palette) - 1, k).round().astype(int)]
    if not higher_is_better:  # a high value is bad: the low classes take the good colours
        colors = colors[::-1]
    return SpreadScale(tuple(float(b) for b in breaks), tuple(colors), percent,
                       float(finite.min()), exact=distinct.size <= len(palette))


def _label_points(shapes: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    if {"label_lon", "label_lat"} <= set(shapes.columns):
        pts = [(x, y) for x, y in zip(shapes["label_lon"], shapes["label_lat"], strict=True)]
        if all(not _missing(x) and not _missing(y) for x, y in pts):
            return pts
    rep = shapes.geometry.representative_point()
    return list(zip(rep.x, rep.y, strict=True))


def map_png(shapes: gpd.GeoDataFrame, values, scale, *, title: str, legend_title: str,
            note: str = "", fills: list[str] | None = None,
            highlight: tuple[str, ...] = ()) -> bytes:
    """The regions `shapes` (code, name, geometry; aligned with `values` by position)
    coloured by `scale` (anything with .color and .legend_rows), as a PNG; the regions
    whose codes are in `highlight` get a heavy outline (the 通报's last-ranked)."""
    font = cjk_font()
    fills = fills or [scale.color(v) for v in values]
    fig = Figure(figsize=FIGSIZE, dpi=DPI, facecolor="white")
    ax = fig.add_axes((0.02, 0.06, 0.70, 0.84))
    ax.set_axis_off()
    text = {"family": font} if font else {}
    if len(shapes):
        shapes.plot(ax=ax, color=fills, edgecolor=EDGE, linewidth=0.8)
        marked = shapes[shapes["code"].isin(highlight)]
        if len(marked):
            marked.boundary.plot(ax=ax, color=HIGHLIGHT, linewidth=3.0)
        halo = [patheffects.withStroke(linewidth=3, foreground="white")]
        size = 11 if len(shapes) <= 12 else 8 if len(shapes) <= 40 else 6
        for (x, y), name in zip(_label_points(shapes), shapes["name"], strict=True):
            ax.text(x, y, str(name), ha="center", va="center", fontsize=size,
                    path_effects=halo, **text)
    handles = [Patch(facecolor=c, edgecolor=EDGE, label=t) for c, t in scale.legend_rows()]
    handles.append(Patch(facecolor=NO_DATA_COLOR, edgecolor=EDGE, label=labels.MAP_NO_DATA))
    fig.legend(handles=handles, loc="center left", bbox_to_anchor=(0.74, 0.5),
               title=legend_title, frameon=False, prop=dict(text, size=10),
               title_fontproperties=dict(text, size=11, weight="bold"))
    fig.suptitle(title, fontsize=15, y=0.96, **text)
    if note:
        fig.text(0.02, 0.02, note, fontsize=9, color="#555555", **text)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
