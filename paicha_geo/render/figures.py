"""Plotly figures for the progress and comparison pages. `build_*` return figures.

Colours are Okabe-Ito (distinguishable by colour-blind viewers) and the lines also differ in
dash and width, so a grey printout still reads. Dates are real dates on the x axis; the
campaign deadline is a vertical line with its label (drawn as a shape plus an annotation:
plotly's add_vline cannot annotate a date axis). Region and category names are data:
HTML-escaped, since plotly reads tags such as <a> and <br> inside text.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from paicha_geo import labels
from paicha_geo.domain.compare import FAIR_RATES
from paicha_geo.domain.progress import Burndown
from paicha_geo.render import escape

BLACK, ORANGE, SKY, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
BLUE, VERMILLION, PURPLE, GREY = "#0072B2", "#D55E00", "#CC79A7", "#999999"
AGEING_COLORS = ("#fecc5c", "#fd8d3c", "#bd0026")  # light to dark: older is darker
FONT = dict(family="Noto Sans CJK SC, Microsoft YaHei, sans-serif", size=14)
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
          "toImageButtonOptions": {"format": "png", "scale": 2}}


def _layout(fig: go.Figure, title: str, height: int = 430) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0), height=height, font=FONT,
                      margin=dict(l=10, r=20, t=60, b=10), plot_bgcolor="#ffffff",
                      legend=dict(orientation="h", yanchor="top", y=-0.18, x=0,
                                  xanchor="left"),
                      hovermode="x unified")
    fig.update_xaxes(gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(gridcolor="#eeeeee", zeroline=False, rangemode="tozero")
    return fig


def _day_line(fig: go.Figure, day: dt.date, text: str, color: str, dash: str,
              y: float = 1.0) -> None:
    """A vertical line on a day, labelled just left of it (the right edge has no room)."""
    x = pd.Timestamp(day)
    fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper",
                  line=dict(color=color, width=2, dash=dash))
    fig.add_annotation(x=x, y=y, yref="paper", text=text, showarrow=False, xanchor="right",
                       yanchor="top", xshift=-4, font=dict(color=color, size=13),
                       bgcolor="rgba(255,255,255,0.85)")


def _date_axis(fig: go.Figure, start, asof: dt.date, deadline: dt.date) -> None:
    end = max(asof, deadline) + dt.timedelta(days=5)
    fig.update_xaxes(title_text=labels.AXIS_DATE, tickformat="%m-%d", type="date",
                     range=[pd.Timestamp(start), pd.Timestamp(end)])
    fig.update_yaxes(title_text=labels.AXIS_ISSUES)


def build_progress_figure(series: pd.DataFrame, asof: dt.date, deadline: dt.date) -> go.Figure:
    """Cumulative found, rectified and closed per day, with the deadline marked."""
    fig = go.Figure()
    styles = {"found": (BLACK, "solid", 2), "rectified": (ORANGE, "dash", 2.5),
              "closed": (BLUE, "solid", 3)}
    for key, (color, dash, width) in styles.items():
        fig.add_scatter(x=series.index, y=series[key].tolist(), name=labels.SERIES_NAMES[key],
                        mode="lines", line=dict(color=color, dash=dash, width=width),
                        hovertemplate="%{y:,}<extra>" + labels.SERIES_NAMES[key] + "</extra>")
    _day_line(fig, deadline, labels.DEADLINE_LINE.format(date=deadline), VERMILLION, "dash")
    _date_axis(fig, series.index.min() if len(series) else asof, asof, deadline)
    return _layout(fig, labels.CHART_CUMULATIVE)


def build_burndown_figure(series: pd.DataFrame, plan: Burndown) -> go.Figure:
    """Open issues so far, and the straight line to zero on the deadline that finishing on
    time needs; the overdue part of the open issues below it."""
    fig = go.Figure()
    fig.add_scatter(x=series.index, y=series["open"].tolist(), name=labels.SERIES_NAMES["open"],
                    mode="lines", line=dict(color=VERMILLION, width=3),
                    hovertemplate="%{y:,}<extra>" + labels.SERIES_NAMES["open"] + "</extra>")
    fig.add_scatter(x=series.index, y=series["overdue"].tolist(),
                    name=labels.SERIES_NAMES["overdue"], mode="lines", fill="tozeroy",
                    line=dict(color=PURPLE, width=1.5), fillcolor="rgba(204,121,167,0.25)",
                    hovertemplate="%{y:,}<extra>" + labels.SERIES_NAMES["overdue"] + "</extra>")
    if len(plan.plan):
        fig.add_scatter(x=plan.plan["date"], y=plan.plan["needed"].round(1).tolist(),
                        name=labels.PLAN_LINE, mode="lines",
                        line=dict(color=BLUE, dash="dot", width=2.5),
                        hovertemplate="%{y:,.0f}<extra>" + labels.PLAN_LINE + "</extra>")
    _day_line(fig, plan.deadline, labels.DEADLINE_LINE.format(date=plan.deadline),
              VERMILLION, "dash")
    _day_line(fig, plan.asof, labels.ASOF_LINE.format(date=plan.asof), GREY, "dot", y=0.9)
    _date_axis(fig, series.index.min() if len(series) else plan.asof, plan.asof, plan.deadline)
    return _layout(fig, labels.CHART_BURNDOWN)


def build_ageing_figure(ageing: pd.DataFrame) -> go.Figure:
    """Overdue issues in three age buckets; older is darker."""
    names = [labels.AGEING_BUCKETS[k] for k in ageing["key"]]
    fig = go.Figure(go.Bar(x=names, y=ageing["issues"].tolist(), marker_color=AGEING_COLORS,
                           text=[f"{v:,}" for v in ageing["issues"]], textposition="outside",
                           hovertemplate=labels.HOVER_X_COUNT, cliponaxis=False))
    fig.update_layout(showlegend=False, yaxis_title=labels.AXIS_ISSUES, hovermode="closest")
    fig = _layout(fig, labels.CHART_AGEING, height=360)
    if ageing["issues"].max() <= 5:
        fig.update_yaxes(tick0=0, dtick=1)  # no 0.2-issue ticks
    return fig


def build_breakdown_figure(frame: pd.DataFrame, by: str, names=None) -> go.Figure:
    """Horizontal stacked bars per category: closed, open within deadline, overdue."""
    names = names or {}
    cats = [escape.chart(names.get(k, n)) for k, n in zip(frame["key"], frame["name"], strict=True)]
    within = frame["issues_open"] - frame["issues_overdue"]
    fig = go.Figure()
    for values, name, color in ((frame["issues_closed"], labels.SERIES_NAMES["closed"], BLUE),
                                (within, labels.METRICS["issues_open"][0], SKY),
                                (frame["issues_overdue"], labels.SERIES_NAMES["overdue"],
                                 VERMILLION)):
        fig.add_bar(y=cats, x=values.tolist(), name=name, orientation="h", marker_color=color,
                    hovertemplate=labels.HOVER_Y_COUNT + "<extra>" + name + "</extra>")
    fig.update_layout(barmode="stack", hovermode="closest", xaxis_title=labels.AXIS_ISSUES,
                      legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", automargin=True)
    height = max(260, 60 + 28 * len(cats))
    return _layout(fig, labels.CHART_BREAKDOWN.format(by=labels.BREAKDOWNS[by]), height)


def _rate_text(rate: str, value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return labels.NO_DATA
    if labels.FAIR_RATES[rate][1] == "%":
        return labels.format_rate(value)
    return f"{value:.2f}"


def build_small_multiples(table: pd.DataFrame, level_name: str) -> go.Figure:
    """One small bar chart per fair rate, regions in the same order in each (best first on
    the ranking rate); an undefined rate shows "—" instead of a bar."""
    rates = list(FAIR_RATES)
    fig = make_subplots(rows=1, cols=len(rates), shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=[f"{labels.FAIR_RATES[r][0]}<br><sup>"
                                        f"{labels.RATE_DIRECTION[FAIR_RATES[r]]}</sup>"
                                        for r in rates])
    names = [escape.chart(n) for n in table["name"]]
    for col, rate in enumerate(rates, start=1):
        values = table[rate].astype(float)
        scale = 100 if labels.FAIR_RATES[rate][1] == "%" else 1
        shown = (values * scale).fillna(0).round(2).tolist()
        fig.add_bar(y=names, x=shown, orientation="h", row=1, col=col, showlegend=False,
                    marker_color=BLUE if FAIR_RATES[rate] else VERMILLION,
                    text=[_rate_text(rate, v) for v in values], textposition="auto",
                    hovertemplate=labels.HOVER_Y_TEXT, cliponaxis=False)
        unit = labels.FAIR_RATES[rate][1]
        fig.update_xaxes(title_text=unit, row=1, col=col, rangemode="tozero",
                         range=[0, 100] if unit == "%" else None)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_annotations(font=dict(size=13))
    height = max(320, 130 + 34 * len(names))
    title = labels.CHART_SMALL_MULTIPLES.format(level=level_name)
    fig = _layout(fig, title, height)
    fig.update_layout(hovermode="closest", margin=dict(t=100))
    return fig
