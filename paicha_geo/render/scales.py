"""Colour scales for choropleths: classed, colour-blind-safe (ColorBrewer), with no-data grey.

Counts use a sequential scale (more is darker); rates use a good-to-bad scale (low close-out
is red, high is blue); 三色预警 uses three colours that also differ in lightness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from paicha_geo import labels

# ColorBrewer palettes (5 classes), readable by colour-blind viewers.
YLORRD = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
RDYLBU = ("#d73027", "#fc8d59", "#fee090", "#91bfdb", "#4575b4")  # bad -> good
NO_DATA_COLOR = "#d9d9d9"
NEUTRAL_COLOR = "#eeeeee"
TRAFFIC_COLORS = {"red": "#c62828", "yellow": "#f9d648", "green": "#2e8b57"}


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class ClassedScale:
    """Upper-inclusive class breaks: value <= breaks[i] takes colors[i]."""

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    unit: str
    integer: bool = True
    percent: bool = False

    def color(self, value) -> str:
        if _is_missing(value):
            return NO_DATA_COLOR
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if value <= upper:
                return color
        return self.colors[-1]

    def _fmt(self, v: float) -> str:
        return f"{v * 100:g}%" if self.percent else f"{v:g}"

    def legend_rows(self) -> list[tuple[str, str]]:
        """(colour, label) pairs from low to high: '0', '1 – 100', '101 – 200' for counts."""
        rows = []
        lower = None
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if lower is None:
                label = ("≤ " if self.percent else "") + self._fmt(upper)
            elif self.integer and int(lower) + 1 == int(upper):
                label = f"{int(upper):d}"
            elif self.integer:
                label = f"{int(lower) + 1:d} – {int(upper):d}"
            else:
                label = f"{self._fmt(lower)} – {self._fmt(upper)}"
            rows.append((color, label))
            lower = upper
        return rows


@dataclass(frozen=True)
class CategoricalScale:
    colors: dict[str, str]
    names: dict[str, str]
    unit: str = ""

    def color(self, value) -> str:
        return self.colors.get(value, NO_DATA_COLOR)

    def legend_rows(self) -> list[tuple[str, str]]:
        return [(self.colors[k], self.names[k]) for k in self.colors]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        step = mult * 10**exp
        if step >= raw:
            return step
    return 10 ** (exp + 1)


def count_scale(values, unit: str, colors=YLORRD, integer: bool = True) -> ClassedScale:
    """Equal-interval classes with round breaks from 0 to the maximum.

    The first class holds zero alone, so regions that are 清零 stand out.
    """
    finite = [v for v in values if not _is_missing(v)]
    top = max(finite, default=0)
    if top <= 0:
        return ClassedScale((0,), (colors[0],), unit, integer)
    step = _nice_step(top / (len(colors) - 1))
    if integer:
        step = max(1.0, math.ceil(step))
    breaks = (0,) + tuple(step * i for i in range(1, len(colors)))
    return ClassedScale(breaks, tuple(colors), unit, integer)


def rate_scale(unit: str = "%") -> ClassedScale:
    """Fixed breaks for close-out / on-time rates: the same colour means the same rate
    on every map and every day, so screens can be compared."""
    return ClassedScale((0.5, 0.7, 0.85, 0.95, 1.0), RDYLBU, unit, integer=False, percent=True)


def traffic_scale() -> CategoricalScale:
    return CategoricalScale(TRAFFIC_COLORS, labels.TRAFFIC)


# Gi* classes (domain.hotspots.CLASSES): hot red, cold blue, the rest pale; a diverging pair
HOTSPOT_COLORS = {"hot99": "#b2182b", "hot95": "#ef8a62", "ns": "#f2f2f2", "cold95": "#67a9cf",
                  "cold99": "#2166ac", "island": "#bdbdbd"}
CLEAR_COLORS = {"failing": "#c62828", "cleared": "#2e8b57", "none": NO_DATA_COLOR}


def scale_for(metric: str, values) -> ClassedScale | CategoricalScale:
    unit = labels.MAP_METRICS[metric][1]
    if metric == "traffic":
        return traffic_scale()
    if metric == "guarantee_clear":
        return CategoricalScale(CLEAR_COLORS, labels.CLEAR_STATES)
    if metric == "hotspot":
        return CategoricalScale(HOTSPOT_COLORS, labels.HOTSPOT_CLASSES)
    if metric.endswith("_rate") or metric.endswith("_coverage"):
        return rate_scale(unit)
    integer = not (metric.startswith("open_per_") or metric.endswith("_per_100")
                   or metric == "risk_score")
    return count_scale(values, unit, integer=integer)
