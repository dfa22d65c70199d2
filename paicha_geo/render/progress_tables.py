"""Tables for the progress and comparison pages: display frames and the heat table.

Numbers stay numbers in the frames handed to st.dataframe (so sorting works); the page
formats them. The comparison heat table is HTML built here, every name escaped, so what a
leader sees on the big screen (and what a test reads) is exactly the text below: rates as
percentages or two decimals, an undefined rate as "—", a rank change as ↑2 / ↓1 / 持平.
"""

from __future__ import annotations

import math

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.compare import COUNT_COLUMNS, FAIR_RATES
from paicha_geo.domain.progress import BREAKDOWNS  # noqa: F401 - the order pages show them in
from paicha_geo.render import escape
from paicha_geo.render.scales import NO_DATA_COLOR, RDYLBU, scale_for

DARK = {RDYLBU[0], RDYLBU[-1]}  # backgrounds that need white text


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_rank(value) -> str:
    return labels.NO_DATA if _missing(value) else f"{int(value)}"


def format_rank_change(value) -> str:
    """+2 -> ↑2 (climbed two places), -1 -> ↓1, 0 -> 持平, undefined -> —."""
    if _missing(value):
        return labels.NO_DATA
    n = int(value)
    if n > 0:
        return labels.RANK_UP.format(n=n)
    if n < 0:
        return labels.RANK_DOWN.format(n=-n)
    return labels.RANK_SAME


def format_fair_rate(rate: str, value) -> str:
    if _missing(value):
        return labels.NO_DATA
    if labels.FAIR_RATES[rate][1] == "%":
        return labels.format_rate(value)
    return f"{value:.2f}"


def rate_colors(rate: str, values: pd.Series) -> list[str]:
    """Background per cell: blue is good, red is bad (ColorBrewer RdYlBu, colour-blind safe).

    Close-out and on-time rates use the map's default classes (natural breaks of these
    values, scales.scale_for), so the district last by the ranking rate is red here as on the
    map, even when all rates sit within a few points; the per-village and per-household rates
    are coloured by their order in this table (lowest = best = blue, highest = red; an
    outlier does not wash the others into one colour). Undefined rates are grey.
    """
    if labels.FAIR_RATES[rate][1] == "%":
        scale = scale_for(rate, values)
        return [scale.color(v) for v in values]
    ranks = values.rank(ascending=True, method="average")  # 1 = lowest = best
    top = ranks.max()
    out = []
    for r in ranks:
        if _missing(r):
            out.append(NO_DATA_COLOR)
        elif top <= 1:
            out.append(RDYLBU[2])
        else:
            share = (r - 1) / (top - 1)  # 0 = best, 1 = worst
            out.append(RDYLBU[len(RDYLBU) - 1 - round(share * (len(RDYLBU) - 1))])
    return out


HEAT_CSS = """
<style>
.paicha-heat{border-collapse:collapse;width:100%;font-size:0.9rem}
.paicha-heat th{background:#f0f2f6;padding:4px 6px;border:1px solid #ddd;text-align:center;
  font-weight:600;min-width:3.5em;line-height:1.25}
.paicha-heat td{padding:5px 6px;border:1px solid #ddd;text-align:right;white-space:nowrap}
.paicha-heat td.name{text-align:left;font-weight:600}
.paicha-heat td.count{color:#333;background:#fafafa}
.paicha-heat tr.total td{font-weight:700;border-top:2px solid #888}
.paicha-heat th.sep,.paicha-heat td.sep{border-left:3px solid #888}
.paicha-heat .up{color:#0072B2;font-weight:700}.paicha-heat .down{color:#D55E00;font-weight:700}
</style>
"""


def _cell(text: str, cls: str = "", style: str = "") -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' style="{style}"' if style else "")
    return f"<td{attrs}>{escape.text(text)}</td>"


def heat_table_html(table: pd.DataFrame, totals: pd.Series | None = None,
                    total_name: str | None = None) -> str:
    """The comparison as an HTML table: name, rank, change, coloured rates, raw counts."""
    rates = list(FAIR_RATES)
    head = ["name", "rank", "rank_change", *rates, *COUNT_COLUMNS]
    ths = []
    for key in head:
        cls = ' class="sep"' if key == COUNT_COLUMNS[0] else ""
        ths.append(f"<th{cls}>{escape.text(labels.COMPARE_COLUMNS[key])}</th>")
    colors = {r: rate_colors(r, table[r].astype(float)) for r in rates}
    rows = []
    for i, row in enumerate(table.itertuples(index=False)):
        change = format_rank_change(row.rank_change)
        change_cls = ("up" if change.startswith("↑") else
                      "down" if change.startswith("↓") else "")
        cells = [_cell(row.name, "name"), _cell(format_rank(row.rank)),
                 _cell(change, change_cls)]
        for r in rates:
            bg = colors[r][i]
            fg = "#ffffff" if bg in DARK else "#000000"
            cells.append(_cell(format_fair_rate(r, getattr(row, r)), "rate",
                               f"background:{bg};color:{fg}"))
        for j, c in enumerate(COUNT_COLUMNS):
            cells.append(_cell(f"{int(getattr(row, c)):,}", "count sep" if j == 0 else "count"))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if totals is not None:
        cells = [_cell(total_name or "", "name"), _cell(labels.NO_DATA),
                 _cell(labels.NO_DATA)]
        cells += [_cell(format_fair_rate(r, float(totals[r]))) for r in rates]
        cells += [_cell(f"{int(totals[c]):,}", "count sep" if j == 0 else "count")
                  for j, c in enumerate(COUNT_COLUMNS)]
        rows.append('<tr class="total">' + "".join(cells) + "</tr>")
    return (HEAT_CSS + '<div style="overflow-x:auto"><table class="paicha-heat">'
            f"<thead><tr>{''.join(ths)}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>")


def escalation_display(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[list(labels.ESCALATE_COLUMNS)].copy()
    out["status_asof"] = out["status_asof"].map(labels.status_label)
    out["responsible_unit"] = out["responsible_unit"].fillna(labels.UNIT_NONE)
    out["deadline"] = pd.to_datetime(out["deadline"]).dt.date
    out = out.rename(columns=labels.ESCALATE_COLUMNS)
    if "escalated" in frame:  # marked for 挂牌督办 already
        out[labels.SUPERVISION_FLAG_COLUMN] = [labels.SUPERVISION_FLAG if flag else ""
                                               for flag in frame["escalated"]]
    return out


LIST_CSS = """
<style>
.paicha-list-wrap{overflow:auto;border:1px solid #ddd;border-radius:4px}
.paicha-list{border-collapse:collapse;width:100%;font-size:0.9rem}
.paicha-list th{position:sticky;top:0;background:#f0f2f6;padding:5px 8px;font-weight:600;
  border-bottom:1px solid #ccc;text-align:center;white-space:nowrap;z-index:1}
.paicha-list td{padding:4px 8px;border-bottom:1px solid #eee;text-align:right;
  white-space:nowrap}
.paicha-list td.text{text-align:left;white-space:normal}
.paicha-list td.na{color:#888;text-align:center}
.paicha-list tr.flag td{background:#fdecea}
</style>
"""


def _format(value, kind: str) -> tuple[str, str]:
    """(text, css class) of one cell; an undefined number is the dash, never 'nan'/'None'."""
    if kind == "text":
        return ("" if _missing(value) else str(value)), "text"
    if _missing(value):
        return labels.NO_DATA, "na"
    if kind == "percent":
        return labels.format_rate(float(value)), ""
    if kind == "decimal":
        return f"{float(value):.1f}", ""
    return f"{int(value):,}", ""


def list_table_html(frame: pd.DataFrame, columns: list[tuple[str, str, str]],
                    height: int | None = None, flag: str | None = None) -> str:
    """A plain HTML table with a sticky header: (column, header, kind) per column, kinds
    text / int / percent / decimal; rows where column `flag` is > 0 are tinted."""
    ths = "".join(f"<th>{escape.text(h)}</th>" for _k, h, _kind in columns)
    rows = []
    for record in frame[[k for k, _h, _kind in columns]].itertuples(index=False, name=None):
        cells = []
        for value, (_k, _h, kind) in zip(record, columns, strict=True):
            text, cls = _format(value, kind)
            cells.append(_cell(text, cls))
        flagged = flag is not None and record[[k for k, _h, _t in columns].index(flag)] > 0
        rows.append(('<tr class="flag">' if flagged else "<tr>") + "".join(cells) + "</tr>")
    style = f' style="max-height:{height}px"' if height else ""
    return (LIST_CSS + f'<div class="paicha-list-wrap"{style}><table class="paicha-list">'
            f"<thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


_UNIT_KINDS = {"rank": "int", "unit": "text", "closeout_rate": "percent",
               "ontime_rate": "percent", "avg_days_to_close": "decimal"}


def units_html(units: pd.DataFrame, height: int = 460) -> str:
    """The responsible-unit ranking; units with issues for 挂牌督办 are tinted."""
    frame = units.assign(unit=units["unit"].where(units["unit"] != "", labels.UNIT_NONE))
    columns = [(k, h, _UNIT_KINDS.get(k, "int")) for k, h in labels.UNIT_COLUMNS.items()]
    return list_table_html(frame, columns, height, flag="issues_escalate")


def breakdown_html(frame: pd.DataFrame, by: str, height: int = 460) -> str:
    shown = frame.copy()
    if by == "source":
        shown["name"] = shown["key"].map(labels.SOURCES).fillna(shown["key"])
    kinds = {"name": "text", "closeout_rate": "percent", "ontime_rate": "percent"}
    columns = [(k, h, kinds.get(k, "int")) for k, h in labels.BREAKDOWN_COLUMNS.items()]
    return list_table_html(shown, columns, height)


def pace_texts(plan) -> dict[str, str]:
    """The burn-down's figures as the page shows them: required pace, recent pace, finish."""
    def pace(value: float) -> str:
        return labels.NO_DATA if _missing(value) else f"{value:.1f} {labels.PACE_UNIT}"

    if plan.open_now == 0:
        required = labels.PACE_DONE
    elif plan.days_left <= 0:
        required = labels.PACE_PASSED
    else:
        required = pace(plan.required_pace)
    finish = (labels.PACE_NEVER if plan.projected_finish is None
              else f"{plan.projected_finish:%Y-%m-%d}")
    days = (f"{plan.days_left} {labels.METRICS['days_to_deadline'][1]}" if plan.days_left > 0
            else labels.PACE_PASSED)
    return {"required": required, "recent": pace(plan.recent_pace), "finish": finish,
            "days_left": days}
