"""HTML for the large screen (大屏): KPI tiles, the ranking, the overdue list, the corner.

Dark, large and high-contrast. Only figures, region names, checklist wording and
responsible units reach this screen: never household data, never free text from the ledger.
"""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import compare
from paicha_geo.render import escape

BG = "#0b1220"
PANEL = "#121c2e"
TEXT = "#f5f7fa"
MUTED = "#c3ccd8"  # contrast 10:1 on BG
ACCENT = "#ffd166"
GOOD = "#6fb5ff"
BAD = "#ff8a80"

_CSS = f"""
<style>
:root{{--s:1}} @media (min-width: 3000px) {{:root{{--s:2}}}}
html, body, .stApp {{background:{BG} !important;color:{TEXT};overflow:hidden}}
header, footer, [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"] {{display:none !important}}
.block-container, [data-testid="stMainBlockContainer"] {{padding:calc(12px*var(--s)) calc(20px*var(--s)) 0 calc(20px*var(--s)) !important;
  max-width:100% !important}}
[data-testid="stVerticalBlock"] {{gap:calc(10px*var(--s))}}
.scr-head{{display:flex;justify-content:space-between;align-items:baseline;height:calc(52px*var(--s))}}
.scr-title{{font-size:calc(34px*var(--s));font-weight:800;letter-spacing:.08em;color:{TEXT}}}
.scr-corner{{font-size:calc(20px*var(--s));color:{MUTED};text-align:right}}
.scr-corner b{{color:{TEXT}}}
.scr-watermark{{position:fixed;left:50%;top:calc(10px*var(--s));transform:translateX(-50%);font-size:calc(30px*var(--s));
  font-weight:800;
  color:{ACCENT};border:calc(3px*var(--s)) solid {ACCENT};padding:calc(2px*var(--s)) calc(14px*var(--s));border-radius:calc(6px*var(--s));z-index:999;
  letter-spacing:.2em;opacity:.9}}
.scr-panel{{background:{PANEL};border-radius:calc(8px*var(--s));padding:calc(10px*var(--s)) calc(14px*var(--s));margin-bottom:calc(10px*var(--s))}}
.scr-panel h3{{font-size:calc(22px*var(--s));margin:0 0 calc(6px*var(--s)) 0;color:{TEXT};font-weight:700}}
.scr-kpis{{display:grid;grid-template-columns:1fr 1fr;gap:calc(10px*var(--s))}}
.scr-kpi{{background:{PANEL};border-radius:calc(8px*var(--s));padding:calc(8px*var(--s)) calc(12px*var(--s))}}
.scr-kpi .k{{font-size:calc(20px*var(--s));color:{MUTED}}}
.scr-kpi .v{{font-size:calc(44px*var(--s));font-weight:800;line-height:1.15;color:{TEXT}}}
.scr-kpi .v.bad{{color:{BAD}}} .scr-kpi .v.good{{color:{GOOD}}}
.scr-table{{width:100%;border-collapse:collapse;font-size:calc(18px*var(--s));table-layout:fixed}}
.scr-table th{{color:{MUTED};font-weight:600;text-align:left;padding:calc(3px*var(--s)) calc(6px*var(--s));
  border-bottom:calc(1px*var(--s)) solid #2d3b55}}
.scr-table td{{padding:calc(3px*var(--s)) calc(6px*var(--s));color:{TEXT};border-bottom:calc(1px*var(--s)) solid #1d2940;
  white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
.scr-table th{{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
.scr-table td.num{{text-align:right;font-variant-numeric:tabular-nums}}
.scr-legend{{font-size:calc(18px*var(--s));color:{MUTED}}}
.scr-legend i{{display:inline-block;width:calc(18px*var(--s));height:calc(18px*var(--s));margin:0 calc(6px*var(--s)) 0 calc(14px*var(--s));
  vertical-align:-3px}}
iframe[title="streamlit_folium.st_folium"]{{border-radius:calc(8px*var(--s))}}
</style>
"""


_AUTO_SCALE = ":root{--s:1} @media (min-width: 3000px) {:root{--s:2}}"


def css(scale: float | None = None) -> str:
    """The screen's style. Every size is multiplied by --s: 2 on a 4K viewport by a media
    query, or the `scale` the page passes (?scale=2 for a 4K wall), which also sizes the
    map and chart iframes so they match the HTML around them."""
    return _CSS if scale is None else _CSS.replace(_AUTO_SCALE, f":root{{--s:{scale:g}}}")


def header(title: str, asof, refreshed: str, count: int, demo: bool) -> str:
    mark = f'<div class="scr-watermark">{labels.SCREEN_WATERMARK}</div>' if demo else ""
    return (
        f'<div class="scr-head"><div class="scr-title">{escape.text(title)}</div>'
        f'<div class="scr-corner"><b>{labels.SCREEN_ASOF.format(asof=asof)}</b>　'
        f'<span class="scr-refresh" data-count="{count}">'
        f"{labels.SCREEN_REFRESHED.format(time=refreshed)}</span></div></div>{mark}"
    )


def kpi_tiles(totals: pd.Series, days_left: int) -> str:
    """Five large figures; the overdue count is red when non-zero."""
    def tile(key, value, tone=""):
        return (f'<div class="scr-kpi"><div class="k">{labels.SCREEN_KPIS[key]}</div>'
                f'<div class="v {tone}">{value}</div></div>')

    days = (labels.SCREEN_DAYS.format(days=days_left) if days_left >= 0
            else labels.SCREEN_DAYS_PAST.format(days=-days_left))
    tiles = [
        tile("issues_found", f"{int(totals['issues_found']):,}"),
        tile("issues_closed", f"{int(totals['issues_closed']):,}", "good"),
        tile("closeout_rate", labels.format_rate(totals["closeout_rate"])),
        tile("issues_overdue", f"{int(totals['issues_overdue']):,}",
             "bad" if totals["issues_overdue"] else "good"),
        tile("days_to_deadline", days, "bad" if days_left < 0 else ""),
    ]
    return f'<div class="scr-kpis">{"".join(tiles)}</div>'


def ranking(names: pd.Series, metrics: pd.DataFrame, level_name: str) -> str:
    """Children best first by compare.rank on compare.DEFAULT_RANK_BY (the one definition of
    "worst", as the comparison page; undefined rates last), fair rates only."""
    table = pd.DataFrame({"name": names.to_numpy(),
                          "closeout": metrics["closeout_rate"].to_numpy(),
                          "ontime": metrics["ontime_rate"].to_numpy(),
                          "per100": metrics["open_per_100_households"].to_numpy(),
                          "rank": compare.rank(metrics, compare.DEFAULT_RANK_BY).to_numpy()})
    table = table.sort_values("rank", kind="stable", na_position="last")
    rows = "".join(
        f"<tr><td class='num'>{i}</td><td>{escape.text(r.name)}</td>"
        f"<td class='num'>{labels.format_rate(r.closeout)}</td>"
        f"<td class='num'>{labels.format_rate(r.ontime)}</td>"
        f"<td class='num'>{labels.NO_DATA if pd.isna(r.per100) else f'{r.per100:.2f}'}</td></tr>"
        for i, r in enumerate(table.itertuples(index=False), start=1))
    widths = ("12%", "28%", "20%", "22%", "18%")
    head = "".join(f'<th style="width:{w}">{h}</th>'
                   for h, w in zip(labels.SCREEN_RANK_COLUMNS, widths, strict=True))
    return (f'<div class="scr-panel"><h3>{labels.SCREEN_RANKING.format(level=level_name)}</h3>'
            f'<table class="scr-table"><tr>{head}</tr>{rows}</table></div>')


def most_overdue(top: pd.DataFrame) -> str:
    """region place, checklist item (seed wording), responsible unit, days overdue."""
    widths = ("36%", "27%", "25%", "12%")
    head = "".join(f'<th style="width:{w}">{h}</th>'
                   for h, w in zip(labels.SCREEN_OVERDUE_COLUMNS, widths, strict=True))
    if top.empty:
        body = f"<tr><td colspan='4'>{labels.SCREEN_NO_OVERDUE}</td></tr>"
    else:
        body = "".join(
            f"<tr><td>{escape.text(' · '.join(r.place.split(' · ')[-2:]))}</td>"
            f"<td>{escape.text(r.item)}</td>"
            f"<td>{escape.text(r.responsible_unit)}</td>"
            f"<td class='num'>{int(r.overdue_days)}</td></tr>"
            for r in top.itertuples(index=False))
    return (f'<div class="scr-panel"><h3>{labels.SCREEN_OVERDUE}</h3>'
            f'<table class="scr-table"><tr>{head}</tr>{body}</table></div>')


def legend(title: str, scale) -> str:
    keys = "".join(f'<i style="background:{c}"></i>{escape.text(t)}'
                   for c, t in scale.legend_rows())
    return f'<div class="scr-legend">{escape.text(title)}{keys}</div>'


def dark(fig, height: int, scale: float = 1.0):
    """Restyle a plotly figure for the dark screen: large type, light text, no white box."""
    def px(v):
        return int(v * scale)

    fig.update_layout(template="plotly_dark", paper_bgcolor=PANEL, plot_bgcolor=PANEL,
                      height=px(height), font=dict(size=px(18), color=TEXT),
                      title=dict(font=dict(size=px(22), color=TEXT)),
                      legend=dict(font=dict(size=px(17), color=TEXT), orientation="h", y=-0.18),
                      margin=dict(l=px(60), r=px(20), t=px(50), b=px(40)))
    for axes in (fig.update_xaxes, fig.update_yaxes):
        axes(gridcolor="#2d3b55", tickfont=dict(size=px(16), color=TEXT),
             title_font=dict(size=px(17), color=MUTED))
    return fig


def carousel_focus(shapes, seconds: float, now: float):
    """Bounds the carousel shows at time `now`: each region of `shapes` in turn for `seconds`,
    then all of them again; None (the whole map) when the carousel is off."""
    if not seconds:
        return None
    stop = int(now // seconds) % (len(shapes) + 1)
    return shapes.geometry.iloc[stop].bounds if stop < len(shapes) else None
