"""Colour scales for choropleths: classed, colour-blind-safe (ColorBrewer), with no-data grey."""

from __future__ import annotations

import math
from dataclasses import dataclass

# ColorBrewer sequential palettes (5 classes), readable by colour-blind viewers.
YLORRD = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
NO_DATA_COLOR = "#d9d9d9"
NEUTRAL_COLOR = "#f0f0f0"


@dataclass(frozen=True)
class ClassedScale:
    """Upper-inclusive class breaks: value <= breaks[i] takes colors[i]."""

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    unit: str

    def color(self, value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return NO_DATA_COLOR
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if value <= upper:
                return color
        return self.colors[-1]

    integer: bool = True

    def legend_rows(self) -> list[tuple[str, str]]:
        """(colour, label) pairs from low to high: '0', '1 – 100', '101 – 200' for counts."""
        rows = []
        lower = None
        for upper, color in zip(self.breaks, self.colors, strict=True):
            if lower is None:
                label = f"{upper:g}"
            elif self.integer:
                label = f"{int(lower) + 1:d} – {int(upper):d}"
            else:
                label = f"{lower:g} – {upper:g}"
            rows.append((color, label))
            lower = upper
        return rows


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        step = mult * 10**exp
        if step >= raw:
            return step
    return 10 ** (exp + 1)


def count_scale(values, unit: str, colors=YLORRD) -> ClassedScale:
    """Equal-interval classes with round breaks from 0 to the maximum count.

    The first class holds zero alone when there are zeros, so 清零 regions stand out.
    """
    finite = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    top = max(finite, default=0)
    if top <= 0:
        return ClassedScale((0,), (colors[0],), unit)
    step = _nice_step(top / (len(colors) - 1))
    breaks = (0,) + tuple(step * i for i in range(1, len(colors)))
    return ClassedScale(breaks, tuple(colors), unit)
