"""The large screen's grid and its tickers: colours, box sizes in 1920×1080 units, and lists
that scroll when they are longer than their box (never cut, never "…").

Every size is in units of --u (1/1920 of a 16:9 viewport's width), so the same arithmetic
holds at 1080p and 4K: a list's height can be estimated here, in Python, once.
"""

from __future__ import annotations

import math

from paicha_geo.render import escape

BG = "#0b1220"
PANEL = "#121c2e"
TEXT = "#f5f7fa"
MUTED = "#c3ccd8"  # contrast 10:1 on BG
ACCENT = "#ffd166"
GOOD = "#6fb5ff"
BAD = "#ff8a80"

_W, _H = 1920, 1080
PAD_TOP, PAD_X, HEAD, GAP, COL_GAP, BOTTOM = 14, 20, 56, 10, 16, 12
BODY = _H - PAD_TOP - HEAD - GAP - BOTTOM  # the three columns' height
COLUMNS = (1.05, 2.1, 1.25)  # left (KPIs, ranking), centre (map), right (chart, overdue)
_inner = _W - 2 * PAD_X - COL_GAP * (len(COLUMNS) - 1)
LEFT_W, CENTRE_W, RIGHT_W = (_inner * c / sum(COLUMNS) for c in COLUMNS)
KPI_H = 110  # one KPI tile; 5 tiles in 3 rows
LEGEND_H = 40
CHART_H = 440
LAYOUT = {
    "PAD_TOP": PAD_TOP, "PAD_X": PAD_X, "HEAD": HEAD, "GAP": GAP, "COL_GAP": COL_GAP,
    "LEFT_W": round(LEFT_W, 2), "CENTRE_W": round(CENTRE_W, 2), "RIGHT_W": round(RIGHT_W, 2),
    "KPI_H": KPI_H, "LEGEND_H": LEGEND_H, "CHART_H": CHART_H,
    "MAP_H": BODY - LEGEND_H - GAP,
    "RANK_H": BODY - (3 * KPI_H + 2 * GAP) - GAP,
    "OVERDUE_H": BODY - CHART_H - GAP,
}
PANEL_PAD = (10, 14)  # vertical, horizontal
FONT, TITLE_FONT, LINE = 18, 22, 1.3
CELL_PAD = 4
SAFETY = 0.95  # the estimate is rough: keep a margin before deciding a list fits
SECONDS_PER_ROW = 2.5


def _text_width(text: str, font: float) -> float:
    """Width of `text` in units: CJK characters are one em, others about half."""
    return sum(font if ord(ch) > 0x2E80 else 0.56 * font for ch in text)


def _row_height(cells, widths, panel_w: float) -> float:
    inner = panel_w - 2 * PANEL_PAD[1]
    lines = max(math.ceil(_text_width(text, FONT) / max(inner * w / 100 - 2 * CELL_PAD, 1))
                for (_cls, text), w in zip(cells, widths, strict=True)) or 1
    return max(lines, 1) * FONT * LINE + 2 * 3 + 1


def fits(rows, widths, box_h: float, panel_w: float) -> bool:
    """Whether `rows` (lists of (class, text) cells) fit a panel `box_h` units high."""
    room = (box_h - 2 * PANEL_PAD[0] - (TITLE_FONT * LINE + 6)
            - (FONT * LINE + 2 * 3 + 1))
    return sum(_row_height(r, widths, panel_w) for r in rows) <= room * SAFETY


def _cell(tag: str, cls: str, text: str) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>{escape.text(text)}</{tag}>"


def _rows(rows, marks) -> str:
    return "".join(
        (f'<tr class="{mark}">' if mark else "<tr>")
        + "".join(_cell("td", cls, text) for cls, text in row) + "</tr>"
        for row, mark in zip(rows, marks, strict=True))


def ticker(title: str, head, rows, widths, box_h: float, marks=None,
           panel_w: float = LEFT_W) -> str:
    """A panel `box_h` units high: a title, a fixed header row, and the rows; when the rows
    are taller than the box they scroll upwards in a loop (pausing under the pointer)."""
    marks = marks or [""] * len(rows)
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
    thead = "<tr>" + "".join(_cell("th", cls, t) for cls, t in head) + "</tr>"
    body = f'<table class="scr-table">{cols}{_rows(rows, marks)}</table>'
    moving = not fits(rows, widths, box_h, panel_w)
    if moving:  # the rows twice: scrolling by half the height loops without a jump
        body += body.replace('<table class="scr-table">',
                             '<table class="scr-table" aria-hidden="true">', 1)
    state = "moving" if moving else "still"
    duration = f"{max(len(rows), 1) * SECONDS_PER_ROW:g}s"
    return (f'<div class="scr-panel" style="height:calc({box_h:g} * var(--u))">'
            f'<div class="scr-h">{escape.text(title)}</div>'
            f'<table class="scr-table">{cols}{thead}</table>'
            f'<div class="scr-tick {state}" style="--dur:{duration}">'
            f'<div class="scr-roll">{body}</div></div></div>')
