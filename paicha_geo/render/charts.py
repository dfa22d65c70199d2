"""Plotly figures for the 三保障 page and the village profile. `build_*` return figures.

Colours: Okabe-Ito, distinguishable by colour-blind viewers. Text is data: plotly reads tags
such as <a href> and <b> inside any text, so names and codes are escaped (`escape.chart`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from paicha_geo import labels
from paicha_geo.domain.rules import GUARANTEE_KEYS
from paicha_geo.render import escape

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
GUARANTEE_COLORS = dict(zip(GUARANTEE_KEYS, OKABE_ITO, strict=False))
PASS, FAIL = "#0072B2", "#D55E00"
NOT_EXITED = "#9e9e9e"  # 未脱贫: beside the income standard, not judged by it
FONT = dict(family="Noto Sans CJK SC, Microsoft YaHei, sans-serif", size=14)


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="#ffffff",
                      legend=dict(orientation="h", y=-0.2))
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def build_failing_by_subregion(names: pd.Series, child_metrics: pd.DataFrame,
                               title: str) -> go.Figure:
    """Stacked bars: failing households per guarantee in each sub-region."""
    fig = go.Figure()
    for key in GUARANTEE_KEYS:
        fig.add_bar(x=[escape.chart(n) for n in names], y=child_metrics[f"failing_{key}"].tolist(),
                    name=labels.GUARANTEES[key], marker_color=GUARANTEE_COLORS[key])
    fig.update_layout(barmode="stack", yaxis_title=labels.AXIS_FAILING_HOUSEHOLDS)
    return _layout(fig, title)


def build_income_histogram(dist: pd.DataFrame, threshold: float, title: str) -> go.Figure:
    """Per-capita income distribution with the campaign's standard as a line: 已脱贫
    households (the standard's population) coloured by the standard, 未脱贫 stacked in grey."""
    colors = [FAIL if right <= threshold else PASS for right in dist["right"]]
    x = ((dist["left"] + dist["right"]) / 2).tolist()
    width = (dist["right"] - dist["left"]).tolist()
    fig = go.Figure(go.Bar(
        x=x, y=dist["exited"].tolist(), width=width, marker_color=colors,
        hovertemplate=labels.INCOME_HOVER, name=labels.INCOME_SERIES, showlegend=False))
    fig.add_bar(x=x, y=dist["not_exited"].tolist(), width=width, marker_color=NOT_EXITED,
                hovertemplate=labels.INCOME_HOVER_NOT_EXITED, name=labels.INCOME_SERIES_NOT_EXITED)
    fig.add_vline(x=threshold, line=dict(color="#000000", dash="dash", width=2),
                  annotation_text=labels.INCOME_STANDARD_LINE.format(threshold=threshold),
                  annotation_position="top right")
    fig.update_layout(xaxis_title=labels.AXIS_INCOME, yaxis_title=labels.AXIS_HOUSEHOLDS,
                      barmode="stack", showlegend=True, bargap=0.02,
                      legend=dict(orientation="h", y=-0.25))
    return _layout(fig, title)


def build_weak_village_income(weak: pd.DataFrame, title: str) -> go.Figure:
    """Each weak village's collective income against its own standard (18万 or 35万)."""
    weak = weak.sort_values("gap")
    names = [labels.WEAK_VILLAGE_BAR.format(name=escape.chart(n), kind=labels.WEAK_TYPES_SHORT[w])
             for n, w in zip(weak["name"], weak["weak_type"], strict=True)]
    fig = go.Figure()
    unknown = weak["unknown"] if "unknown" in weak else pd.Series(False, index=weak.index)
    fig.add_bar(y=names, x=(weak["income"].fillna(0) / 10000).tolist(), orientation="h",
                marker_color=[FAIL if f else PASS for f in weak["fails"]],
                text=[labels.UNKNOWN if u else "" for u in unknown], textposition="outside",
                name=labels.WEAK_INCOME_SERIES, hovertemplate=labels.WEAK_INCOME_HOVER)
    fig.add_scatter(y=names, x=(weak["standard"] / 10000).tolist(), mode="markers",
                    marker=dict(symbol="line-ns-open", size=16, color="#000000",
                                line=dict(width=3)),
                    name=labels.WEAK_STANDARD_SERIES, hovertemplate=labels.WEAK_STANDARD_HOVER)
    fig.update_layout(xaxis_title=labels.AXIS_WAN_YUAN, yaxis=dict(automargin=True))
    return _layout(fig, title, height=max(300, 22 * len(weak) + 120))


def build_issue_timeline(history: pd.DataFrame, asof, title: str) -> go.Figure:
    """Each issue as a row of coloured status spans, from found to the end of the as-of day."""
    end = pd.Timestamp(asof) + pd.Timedelta(days=1)
    status_colors = {"pending": "#D55E00", "rectifying": "#E69F00", "rectified": "#56B4E9",
                     "closed": "#009E73"}
    fig = go.Figure()
    shown = set()
    for code, events in history.sort_values("changed_at").groupby("issue_code", sort=False):
        times = list(pd.to_datetime(events["changed_at"])) + [end]
        for (start, stop), status in zip(zip(times[:-1], times[1:], strict=True),
                                         events["to_status"], strict=True):
            fig.add_bar(
                y=[escape.chart(code)], x=[(stop - start).total_seconds() * 1000], base=[start],
                orientation="h", marker_color=status_colors[status],
                name=labels.STATUSES[status], showlegend=status not in shown,
                legendgroup=status,
                hovertemplate=f"{escape.chart(code)} {labels.STATUSES[status]}<extra></extra>")
            shown.add(status)
    fig.update_layout(barmode="overlay", xaxis=dict(type="date"),
                      yaxis=dict(autorange="reversed"))
    return _layout(fig, title, height=max(260, 28 * history["issue_code"].nunique() + 120))
