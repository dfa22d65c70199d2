"""Colour scales for choropleths: classed, colour-blind-safe (ColorBrewer), with no-data grey.

Counts use a sequential scale (more is darker); rates use a good-to-bad scale (low close-out
is red, high is blue); 三色预警 uses three colours that also differ in lightness.

Rates and per-N densities are classed one of two ways (分级方式, named in the legend):
- "data" (按数据分布, the default): natural breaks of the values on this map, so the regions
  of one level never all share a colour when their values differ, and the worst region is
  always in the worst class (the palette's red end);
- "policy" (政策分档): fixed bands for rates, the same colour for the same rate on every map
  and day (densities have no policy, they keep equal intervals from 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from paicha_geo import labels
from paicha_geo.render.classing import natural_breaks, spread_colors

# ColorBrewer palettes (5 classes), readable by colour-blind viewers.
YLORRD = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
RDYLBU = ("#d73027", "#fc8d59", "#fee090", "#91bfdb", "#4575b4")  # bad -> good
NO_DATA_COLOR = "#d9d9d9"
NEUTRAL_COLOR = "#eeeeee"
TRAFFIC_COLORS = {"red": "#c62828", "yellow": "#f9d648", "green": "#2e8b57"}
CLASSINGS = ("data", "policy")  # 分级方式: 按数据分布 / 政策分档


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class ClassedScale:
    """Upper-inclusive class breaks: value <= breaks[i] takes colors[i].

    `lows` (classes from the data) are each class's smallest value, shown in the legend;
    `method` names how the classes were cut.
    """

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    unit: str
    integer: bool = True
    percent: bool = False
    lows: tuple[float, ...] | None = None
    method: str = ""

    def color(self, value) -> str:
        if _is_missing(value):
            return NO_DATA_COLOR
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if value <= upper:
                return color
        return self.colors[-1]

    def _fmt(self, v: float) -> str:
        if self.percent:
            return labels.format_rate(v)
        return f"{v:.2f}" if self.lows is not None else f"{v:g}"

    def legend_rows(self) -> list[tuple[str, str]]:
        """(colour, label) pairs from low to high: '0', '1 – 100', '101 – 200' for counts;
        each class's smallest and largest value for classes from the data."""
        if self.lows is not None:
            return [(color, self._fmt(low) if low == high
                     else f"{self._fmt(low)} – {self._fmt(high)}")
                    for low, high, color in zip(self.lows, self.breaks, self.colors,
                                                strict=True)]
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


def data_scale(values, unit: str, palette, *, percent: bool) -> ClassedScale:
    """Natural-break classes of `values`, coloured along `palette` (low values first)."""
    lows, highs = natural_breaks(values, len(palette))
    if not highs:
        return ClassedScale((0,), (NO_DATA_COLOR,), unit, False, percent, (0,),
                            labels.CLASSINGS["data"])
    return ClassedScale(highs, spread_colors(palette, len(highs)), unit, False, percent, lows,
                        labels.CLASSING_METHODS["data"].format(n=len(highs)))


def traffic_scale(warning=None) -> CategoricalScale:
    """The village rule's legend, or with `warning` (metrics.AreaWarning) the area rule's."""
    if warning is None:
        return CategoricalScale(TRAFFIC_COLORS, labels.TRAFFIC)
    shares = {"red": labels.format_rate(warning.red_share),
              "yellow": labels.format_rate(warning.yellow_share)}
    return CategoricalScale(TRAFFIC_COLORS, {k: v.format(**shares)
                                             for k, v in labels.TRAFFIC_AREA.items()})


# Gi* classes (domain.hotspots.CLASSES): hot red, cold blue, the rest pale; a diverging pair
HOTSPOT_COLORS = {"hot99": "#b2182b", "hot95": "#ef8a62", "ns": "#f2f2f2", "cold95": "#67a9cf",
                  "cold99": "#2166ac", "island": "#bdbdbd"}
# 未填报 (unknown) is a darker grey than "no household": neither red nor green.
CLEAR_COLORS = {"failing": "#c62828", "unknown": "#8c8c8c", "cleared": "#2e8b57",
                "none": NO_DATA_COLOR}


def traffic_help(warning) -> str:
    """How 三色预警 is decided, for villages and for areas, with the installation's shares."""
    return labels.TRAFFIC_AREA_HELP.format(red=labels.format_rate(warning.red_share),
                                           yellow=labels.format_rate(warning.yellow_share))


def worst_color(metric: str) -> str:
    """The colour of the worst class of `metric` under "data" classing (rates: low is worst;
    densities: high is worst)."""
    return RDYLBU[0] if is_rate(metric) else YLORRD[-1]


def is_rate(metric: str) -> bool:
    """Rates and coverages: fractions shown as percentages, where higher is better."""
    return metric.endswith("_rate") or metric.endswith("_coverage")


def _is_density(metric: str) -> bool:
    return metric.startswith("open_per_") or metric.endswith("_per_100")


def scale_for(metric: str, values, classing: str = "data",
              warning=None) -> ClassedScale | CategoricalScale:
    """The scale of `metric` over `values`; `classing` is one of CLASSINGS; `warning` (an
    AreaWarning) when the 三色预警 shown is an area's, not a village's."""
    if classing not in CLASSINGS:
        raise ValueError(f"classing must be one of {CLASSINGS}, not {classing!r}")
    unit = labels.MAP_METRICS[metric][1]
    if metric == "traffic":
        return traffic_scale(warning)
    if metric == "guarantee_clear":
        return CategoricalScale(CLEAR_COLORS, labels.CLEAR_STATES)
    if metric == "hotspot":
        return CategoricalScale(HOTSPOT_COLORS, labels.HOTSPOT_CLASSES)
    if is_rate(metric):
        if classing == "data":
            return data_scale(values, unit, RDYLBU, percent=True)
        return replace(rate_scale(unit), method=labels.CLASSING_METHODS["policy"])
    if _is_density(metric) and classing == "data":
        return data_scale(values, unit, YLORRD, percent=False)
    integer = not (_is_density(metric) or metric == "risk_score")
    return replace(count_scale(values, unit, integer=integer),
                   method=labels.CLASSING_METHODS["equal"])
