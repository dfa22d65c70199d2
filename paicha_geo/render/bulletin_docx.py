"""The weekly 通报 as a Word document (python-docx), laid out as a 扶贫办 sends one.

Title and period, the written summary in five numbered sections (render.bulletin_text), the
ranking table and the map picture under section two, the signing office and the date, and
the 挂牌督办 list as an annex. Text from the data goes in as plain runs, cleaned of characters
XML cannot hold (supervision_notice.clean), so the file always opens.
"""

from __future__ import annotations

import io
import math

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from paicha_geo import labels
from paicha_geo.render import bulletin_text as text
from paicha_geo.render.supervision_notice import BODY_FONT, TITLE_FONT, clean
from paicha_geo.render.supervision_notice import paragraph as _para

MAP_WIDTH_CM = 15.5
TABLE_FONT_PT = 10.5


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)


def _grid(doc, header: list[str], rows: list[list[str]], bold_last: bool = False):
    """A centred grid; all cells made at once (python-docx's add_row is slow on long lists)."""
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table._cells  # row-major, once: row.cells walks the whole table each time
    width = len(header)
    for i, values in enumerate([header, *rows]):
        bold = i == 0 or (bold_last and i == len(rows))
        for j, value in enumerate(values):
            para = cells[i * width + j].paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(clean(value))
            run.bold = bold
            run.font.size = Pt(TABLE_FONT_PT)
    return table


def _change(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return labels.NO_DATA
    if value > 0:
        return labels.RANK_UP.format(n=int(value))
    if value < 0:
        return labels.RANK_DOWN.format(n=int(-value))
    return labels.RANK_SAME


def _rank(value) -> str:
    return labels.NO_DATA if pd.isna(value) else str(int(value))


def ranking_rows(b) -> tuple[list[str], list[list[str]]]:
    """The ranking table as text: header and rows, the region's total last."""
    rate = b.rank_by
    cols = labels.BULLETIN_TABLE_COLUMNS
    header = [cols[k].format(rate=labels.FAIR_RATES[rate][0]) for k in cols]
    counts = ("issues_found", "issues_closed", "issues_open", "issues_overdue")
    rows = [[_rank(r["rank"]), r["name"], text.rate_text(r[rate], rate),
             _change(r["rank_change"]), *(str(int(r[c])) for c in counts)]
            for _, r in b.table.iterrows()]
    t = b.totals
    rows.append(["", labels.TOTAL_ROW.format(region=b.region["name"]),
                 text.rate_text(t[rate], rate), "", *(str(int(t[c])) for c in counts)])
    return header, rows


def _day(value) -> str:
    return labels.NO_DATA if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def _annex(doc, b) -> None:
    doc.add_page_break()
    _para(doc, labels.BULLETIN_ANNEX.format(n=len(b.marked)), bold=True, font=TITLE_FONT)
    rows = [[str(i), r.issue_code, r.place, r.item, r.responsible_unit or labels.UNIT_NONE,
             str(int(r.overdue_days)), _day(r.sv_deadline)]
            for i, r in enumerate(b.marked.itertuples(), start=1)]
    _grid(doc, list(labels.BULLETIN_ANNEX_COLUMNS), rows)


def build_bulletin(b) -> bytes:
    """The 通报 of a services.bulletin_service.Bulletin as .docx bytes."""
    doc = Document()
    _setup(doc)
    title = labels.BULLETIN_TITLE.format(region=b.region["name"])
    _para(doc, title + (labels.BULLETIN_DEMO_NOTE if b.is_demo else ""), size=20,
          align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT)
    _para(doc, labels.BULLETIN_PERIOD.format(first=b.week.first_day, last=b.week.last_day),
          align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, b.issuer, align=WD_ALIGN_PARAGRAPH.CENTER)
    for key, heading, paragraphs in text.sections(b):
        _para(doc, heading, bold=True, font=TITLE_FONT)
        for paragraph in paragraphs:
            _para(doc, paragraph, indent=28)
        if key == "ranking" and not b.table.empty:
            level, rate = labels.LEVELS[b.child_level], labels.FAIR_RATES[b.rank_by][0]
            _para(doc, labels.BULLETIN_TABLE_TITLE.format(level=level, rate=rate),
                  align=WD_ALIGN_PARAGRAPH.CENTER, size=12, bold=True)
            _grid(doc, *ranking_rows(b), bold_last=True)
            if b.map_png:
                doc.add_picture(io.BytesIO(b.map_png), width=Cm(MAP_WIDTH_CM))
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                _para(doc, labels.BULLETIN_MAP_CAPTION.format(level=level, rate=rate),
                      align=WD_ALIGN_PARAGRAPH.CENTER, size=11)
    _para(doc, "")
    _para(doc, b.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, labels.BULLETIN_DATE.format(date=b.asof), align=WD_ALIGN_PARAGRAPH.RIGHT)
    if not b.marked.empty:
        _annex(doc, b)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
