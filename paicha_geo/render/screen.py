"""HTML for the large screen (大屏): KPI tiles, the ranking, the overdue list, the corner.

Dark, large and high-contrast. Only figures, region names, checklist wording and
responsible units reach this screen: never household data, never free text from the ledger.

The screen is laid out once, on a 1920×1080 grid of "units": every size is `n × --u`, and
--u is the viewport's width / 1920 (or height / 1080 if that is smaller), so any 16:9 wall
shows the same picture, 4K included, with no parameter. Boxes have fixed unit heights that
add up to the screen; a list longer than its box scrolls as a ticker instead of being cut.
"""

from __future__ import annotations

import re

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import compare
from paicha_geo.render import escape
from paicha_geo.render.screen_chart import progress_svg
from paicha_geo.render.screen_layout import (
    ACCENT,
    BAD,
    BG,
    COLUMNS,
    GOOD,
    LAYOUT,
    LEFT_W,
    MUTED,
    PANEL,
    RIGHT_W,
    TEXT,
    fits,
    ticker,
)

MAP_PX = LAYOUT["MAP_H"]  # the frame's nominal height; the CSS sizes it from the viewport

_CSS = """
<style>
:root{--u:min(calc(100vw / 1920), calc(100vh / 1080))}
html, body, .stApp {background:BG_ !important;color:TEXT_;overflow:hidden}
header, footer, [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] {display:none !important}
/* A rerun or a fragment tick marks elements stale and Streamlit fades them (to ~70 %):
   the wall must never dim, so stale elements keep full opacity, with no transition. */
[data-stale="true"], .stale-element, [data-testid="stElementContainer"],
[data-testid="stMain"], [data-testid="stAppViewContainer"] {opacity:1 !important;
  transition:none !important}
[data-testid="stElementContainer"]:has(.scr-css) {display:none}
.block-container, [data-testid="stMainBlockContainer"] {padding:U(PAD_TOP) U(PAD_X) 0 U(PAD_X) !important;
  max-width:100% !important}
[data-testid="stVerticalBlock"] {gap:U(GAP) !important}
[data-testid="stHorizontalBlock"] {gap:U(COL_GAP) !important;flex-wrap:nowrap !important}
[data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {min-width:0 !important;flex:none !important}
[data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:nth-child(1) {width:U(LEFT_W) !important}
[data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:nth-child(2) {width:U(CENTRE_W) !important}
[data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:nth-child(3) {width:U(RIGHT_W) !important}
[data-testid="stMarkdownContainer"], [data-testid="stMarkdown"], .stMarkdown {margin:0 !important;
  overflow:visible}
.scr-head{display:flex;justify-content:space-between;align-items:center;height:U(HEAD)}
.scr-title{font-size:U(34);font-weight:800;letter-spacing:.08em;color:TEXT_;white-space:nowrap}
.scr-corner{font-size:U(20);color:MUTED_;text-align:right;white-space:nowrap}
.scr-corner b{color:TEXT_}
.scr-watermark{position:fixed;left:50%;top:U(10);transform:translateX(-50%);font-size:U(30);
  font-weight:800;color:ACCENT_;border:U(3) solid ACCENT_;padding:U(2) U(14);border-radius:U(6);
  z-index:999;letter-spacing:.2em;opacity:.9}
.scr-panel{background:PANEL_;border-radius:U(8);padding:U(10) U(14);box-sizing:border-box;
  display:flex;flex-direction:column;overflow:hidden}
.scr-panel .scr-h{font-size:U(22);line-height:1.3;margin:0 0 U(6) 0;padding:0;color:TEXT_;font-weight:700}
.scr-kpis{display:grid;grid-template-columns:1fr 1fr;grid-auto-rows:U(KPI_H);gap:U(GAP)}
.scr-kpi{background:PANEL_;border-radius:U(8);padding:U(8) U(12);box-sizing:border-box;overflow:hidden}
.scr-kpi.wide{grid-column:span 2}
.scr-kpi .k{font-size:U(20);color:MUTED_;white-space:nowrap}
.scr-kpi .v{font-size:U(40);font-weight:800;line-height:1.15;color:TEXT_;white-space:nowrap}
.scr-kpi .v.bad, .scr-chg.bad{color:BAD_} .scr-kpi .v.good, .scr-chg.good{color:GOOD_}
.scr-chg{font-size:U(17);color:MUTED_;white-space:nowrap}
.scr-table{width:100%;margin:0;border-collapse:collapse;font-size:U(18);table-layout:fixed}
.scr-table th{color:MUTED_;font-weight:600;text-align:left;padding:U(3) U(4);line-height:1.3;
  border-bottom:U(1) solid #2d3b55;font-size:U(16);white-space:normal;overflow-wrap:anywhere}
.scr-table td{padding:U(3) U(4);color:TEXT_;border-bottom:U(1) solid #1d2940;line-height:1.3;
  white-space:normal;overflow-wrap:anywhere}
.scr-table td.num, .scr-table th.num{text-align:right;font-variant-numeric:tabular-nums}
.scr-table tr.worst td{color:BAD_;font-weight:700}
.scr-tick{flex:1;overflow:hidden;position:relative}
.scr-tick.moving .scr-roll{animation:scr-roll var(--dur) linear infinite}
.scr-tick:hover .scr-roll{animation-play-state:paused}
.scr-tick.still .scr-roll, .scr-tick.still .scr-table{height:100%}
@keyframes scr-roll{from{transform:translateY(0)}to{transform:translateY(-50%)}}
.scr-legend{font-size:U(18);color:MUTED_;height:U(LEGEND_H);display:flex;align-items:center;
  flex-wrap:nowrap;white-space:nowrap;overflow:hidden}
.scr-legend i{display:inline-block;width:U(18);height:U(18);margin:0 U(6) 0 U(14);
  outline:U(1) solid #8b98ab}
.scr-chart{height:U(CHART_H)}
.scr-chart .keys{font-size:U(17);color:TEXT_;display:flex;gap:U(16);flex-wrap:wrap;margin-bottom:U(4)}
.scr-chart .keys i{display:inline-block;width:U(26);height:0;border-top:U(4) solid;
  vertical-align:middle;margin-right:U(6)}
.scr-chart .keys i.dash{border-top-style:dashed}
.scr-chart > svg{flex:1;width:100%;min-height:0;display:block}
iframe[title="streamlit_folium.st_folium"]{height:U(MAP_H) !important;width:100% !important;
  border-radius:U(8);display:block}
</style>
"""


def _expand(css: str) -> str:
    colours = {"BG_": BG, "PANEL_": PANEL, "TEXT_": TEXT, "MUTED_": MUTED, "ACCENT_": ACCENT,
               "GOOD_": GOOD, "BAD_": BAD}
    for key, value in colours.items():
        css = css.replace(key, value)
    css = re.sub(r"U\(([A-Z_]+)\)", lambda m: f"U({LAYOUT[m.group(1)]})", css)
    return re.sub(r"U\(([\d.]+)\)", r"calc(\1 * var(--u))", css)


CSS = _expand(_CSS).replace("<style>", '<style class="scr-css">', 1)


def css(scale: float | None = None) -> str:
    """The screen's style. `scale` is accepted for old ?scale= links and has no effect: the
    screen sizes itself from the viewport."""
    return CSS


def header(title: str, asof, updated: str, count: int, demo: bool) -> str:
    """Title, the as-of date and when the data last changed; `count` (the refresh counter)
    rides along as an attribute for tests and monitoring."""
    mark = f'<div class="scr-watermark">{labels.SCREEN_WATERMARK}</div>' if demo else ""
    return (
        f'<div class="scr-head"><div class="scr-title">{escape.text(title)}</div>'
        f'<div class="scr-corner"><b>{labels.SCREEN_ASOF.format(asof=asof)}</b>　'
        f'<span class="scr-refresh" data-count="{count}">{escape.text(updated)}</span>'
        f"</div></div>{mark}"
    )


def updated_text(moment) -> str:
    """'数据更新于 2020-07-14 09:00' (the date alone when only a day is known)."""
    if moment is None or pd.isna(moment):
        return labels.SCREEN_NEVER_UPDATED
    moment = pd.Timestamp(moment)
    shown = (f"{moment:%Y-%m-%d}" if (moment.hour, moment.minute) == (0, 0)
             else f"{moment:%Y-%m-%d %H:%M}")
    return labels.SCREEN_UPDATED.format(time=shown)


def _change_line(key: str, change) -> str:
    if change is None:
        return f'<div class="scr-chg">{labels.SCREEN_VS_WEEK} {labels.NO_DATA}</div>'
    arrow = labels.SCREEN_ARROWS[change.direction]
    size = abs(change.delta)
    amount = (labels.SCREEN_POINTS.format(delta=size) if key.endswith("_rate")
              else f"{int(size):,}")
    return (f'<div class="scr-chg {change.tone}" data-delta="{change.delta:g}">'
            f"{labels.SCREEN_VS_WEEK} {arrow} {amount}</div>")


def kpi_tiles(totals: pd.Series, days_left: int, changes: dict | None = None) -> str:
    """Five large figures, each with its move against 7 days earlier (↑/↓, coloured good or
    bad); the overdue count is red when non-zero."""
    changes = changes or {}

    def tile(key, value, tone="", wide=False):
        line = _change_line(key, changes.get(key)) if key in changes else ""
        return (f'<div class="scr-kpi{" wide" if wide else ""}">'
                f'<div class="k">{labels.SCREEN_KPIS[key]}</div>'
                f'<div class="v {tone}">{value}</div>{line}</div>')

    days = (labels.SCREEN_DAYS.format(days=days_left) if days_left >= 0
            else labels.SCREEN_DAYS_PAST.format(days=-days_left))
    tiles = [
        tile("issues_found", f"{int(totals['issues_found']):,}"),
        tile("issues_closed", f"{int(totals['issues_closed']):,}", "good"),
        tile("closeout_rate", labels.format_rate(totals["closeout_rate"])),
        tile("issues_overdue", f"{int(totals['issues_overdue']):,}",
             "bad" if totals["issues_overdue"] else "good"),
        tile("days_to_deadline", days, "bad" if days_left < 0 else "", wide=True),
    ]
    return f'<div class="scr-kpis">{"".join(tiles)}</div>'


def _rate_text(rate: str, value) -> str:
    if pd.isna(value):
        return labels.NO_DATA
    return labels.format_rate(value) if rate.endswith("_rate") else f"{value:.2f}"


def ranking_columns(rank_by: str) -> list[str]:
    """The rate ranked by, then two other fair rates for context."""
    others = [r for r in ("closeout_rate", "ontime_rate", "open_per_100_households")
              if r != rank_by]
    return [rank_by, *others[:2]]


def ranking(names: pd.Series, metrics: pd.DataFrame, level_name: str,
            ranks: pd.Series | None = None, rank_by: str = compare.DEFAULT_RANK_BY) -> str:
    """Children in the shared order (compare.rank on rank_by: 1 = best, ties share a rank,
    undefined last); the last-ranked is red: the worst place stands out."""
    metrics = metrics.reset_index(drop=True)
    ranks = compare.rank(metrics, rank_by) if ranks is None else ranks.reset_index(drop=True)
    rates = ranking_columns(rank_by)
    table = pd.DataFrame({"name": names.to_numpy(), "rank": ranks.to_numpy()})
    for rate in rates:
        table[rate] = metrics[rate].astype(float).to_numpy()
    table = table.sort_values(["rank", "name"], na_position="last", kind="stable")
    worst = table["rank"].max()
    cells = [
        [("num", labels.NO_DATA if pd.isna(r["rank"]) else f"{int(r['rank'])}"),
         ("", r["name"])] + [("num", _rate_text(rate, r[rate])) for rate in rates]
        for _, r in table.iterrows()]
    marks = ["worst" if len(table) > 1 and r == worst else "" for r in table["rank"]]
    head = [("num", labels.SCREEN_RANK_HEAD[0]), ("", labels.SCREEN_RANK_HEAD[1])] + [
        ("num", labels.SCREEN_RATE_SHORT[rate]) for rate in rates]
    title = labels.SCREEN_RANKING.format(level=level_name, rate=labels.SCREEN_RATE_SHORT[rank_by])
    return ticker(title, head, cells, (11, 28, 22, 17, 22), LAYOUT["RANK_H"], marks,
                  LEFT_W)


def most_overdue(top: pd.DataFrame) -> str:
    """region place, checklist item (seed wording), responsible unit, days overdue."""
    head = [("", h) for h in labels.SCREEN_OVERDUE_COLUMNS[:3]] + [
        ("num", labels.SCREEN_OVERDUE_COLUMNS[3])]
    if top.empty:
        cells = [[("", labels.SCREEN_NO_OVERDUE), ("", ""), ("", ""), ("num", "")]]
    else:
        cells = [[("", " · ".join(r.place.split(" · ")[-2:])), ("", r.item),
                  ("", r.responsible_unit), ("num", f"{int(r.overdue_days)}")]
                 for r in top.itertuples(index=False)]
    title = labels.SCREEN_OVERDUE.format(n=len(top))
    return ticker(title, head, cells, (34, 26, 25, 15), LAYOUT["OVERDUE_H"],
                  panel_w=RIGHT_W)


def legend(title: str, scale) -> str:
    keys = "".join(f'<i style="background:{c}"></i>{escape.text(t)}'
                   for c, t in scale.legend_rows())
    return f'<div class="scr-legend">{escape.text(title)}{keys}</div>'


def carousel_focus(shapes, seconds: float, now: float):
    """Bounds the carousel shows at time `now`: each region of `shapes` in turn for `seconds`,
    then all of them again; None (the whole map) when the carousel is off."""
    if not seconds:
        return None
    stop = int(now // seconds) % (len(shapes) + 1)
    return shapes.geometry.iloc[stop].bounds if stop < len(shapes) else None


__all__ = ["COLUMNS", "MAP_PX", "BG", "PANEL", "TEXT", "MUTED", "GOOD", "BAD", "ACCENT", "fits", "css", "header",
           "kpi_tiles", "ranking", "most_overdue", "legend", "carousel_focus", "updated_text"]


def progress_panel(series: pd.DataFrame, asof, deadline) -> str:
    """The cumulative chart in a panel CHART_H units high; the SVG fills what the title and
    key leave."""
    inner_w = RIGHT_W - 2 * 14
    inner_h = LAYOUT["CHART_H"] - 2 * 10 - (22 * 1.3 + 6) - (17 * 1.3 + 4)
    return (f'<div class="scr-panel scr-chart"><div class="scr-h">{labels.CHART_CUMULATIVE}</div>'
            f"{progress_svg(series, asof, deadline, inner_w, round(inner_h))}</div>")
