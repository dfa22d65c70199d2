"""The wall's progress chart as inline SVG: cumulative found / rectified / closed per day.

Drawn here rather than with plotly because an SVG with a viewBox fills its box at any
screen size (text and lines scale with it), needs no script, and shows at once. Every
series and line colour reads on the dark panel at 4.5:1 or better (tests check the ratio
the text test uses); only the grid is deliberately faint.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.screen_layout import ACCENT, BAD, GOOD, MUTED, TEXT

SERIES = {  # key -> (colour, dashed)
    "found": (TEXT, False),
    "rectified": (ACCENT, True),
    "closed": (GOOD, False),
}
DEADLINE = BAD
GRID = "#2d3b55"
_L, _R, _T, _B = 64, 18, 12, 34  # plot margins, in the SVG's units
_FONT = 16


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def progress_svg(series: pd.DataFrame, asof: dt.date, deadline: dt.date,
                 width: float, height: float) -> str:
    """The chart and its key, `width` × `height` units (the box it fills)."""
    days = pd.to_datetime(pd.Index(series.index)) if len(series) else pd.DatetimeIndex([])
    start = days.min() if len(days) else pd.Timestamp(asof)
    end = max(pd.Timestamp(asof), pd.Timestamp(deadline)) + pd.Timedelta(days=3)
    span = max((end - start).days, 1)
    top = max([float(series[k].max()) for k in SERIES if len(series)] + [1])
    step = _nice_step(top)
    y_max = step * math.ceil(top / step)
    plot_w, plot_h = width - _L - _R, height - _T - _B

    def x(day) -> float:
        return _L + plot_w * (pd.Timestamp(day) - start).days / span

    def y(value) -> float:
        return _T + plot_h * (1 - float(value) / y_max)

    parts = []
    for i in range(int(round(y_max / step)) + 1):
        value = i * step
        parts.append(f'<line class="grid" x1="{_L}" x2="{width - _R:.1f}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="{GRID}" stroke-width="1"/>'
                     f'<text x="{_L - 8}" y="{y(value) + 5:.1f}" text-anchor="end" '
                     f'fill="{MUTED}" font-size="{_FONT}">{value:,.0f}</text>')
    month = pd.Timestamp(start.year, start.month, 1) + pd.offsets.MonthBegin(1)
    while month <= end:
        parts.append(f'<text x="{x(month):.1f}" y="{height - 10}" text-anchor="middle" '
                     f'fill="{MUTED}" font-size="{_FONT}">'
                     f"{labels.SCREEN_MONTH.format(month=month.month)}</text>")
        month += pd.offsets.MonthBegin(1)
    for key, (colour, dashed) in SERIES.items():
        if not len(series):
            continue
        points = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(days, series[key], strict=True))
        dash = ' stroke-dasharray="12 7"' if dashed else ""
        parts.append(f'<polyline class="series" data-key="{key}" points="{points}" fill="none" '
                     f'stroke="{colour}" stroke-width="4" stroke-linejoin="round"{dash}/>')
    dx = x(deadline)
    parts.append(f'<line class="series" x1="{dx:.1f}" x2="{dx:.1f}" y1="{_T}" '
                 f'y2="{_T + plot_h:.1f}" stroke="{DEADLINE}" stroke-width="3" '
                 f'stroke-dasharray="8 6"/>'
                 f'<text x="{dx - 6:.1f}" y="{_T + 18}" text-anchor="end" fill="{DEADLINE}" '
                 f'font-size="{_FONT}">{escape.text(labels.DEADLINE_LINE.format(date=deadline))}'
                 "</text>")
    keys = "".join(
        f'<span><i class="{"dash" if dashed else ""}" style="border-color:{colour}"></i>'
        f"{labels.SERIES_NAMES[key]}</span>" for key, (colour, dashed) in SERIES.items())
    svg = (f'<svg viewBox="0 0 {width:g} {height:g}" role="img" '
           f'aria-label="{labels.CHART_CUMULATIVE}">{"".join(parts)}</svg>')
    return f'<div class="keys">{keys}</div>{svg}'
