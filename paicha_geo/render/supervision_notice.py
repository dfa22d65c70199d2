"""The 督办通知单 as a Word document (python-docx): one notice per responsible unit, each on its
own page, in one file to print.

A notice is the title, the unit addressed, a paragraph saying what is asked, the table of its
issues (region path, checklist item, description, the original deadline, the 督办时限 and the
reason), a contact line, the signing office and the date. Every text from the data goes in
as plain text runs (Word shows it, never interprets it); characters XML cannot hold (control
characters a pasted description may carry) are dropped so the file always opens.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from paicha_geo import labels

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
# column widths in cm on A4 landscape with 1.8 cm margins (26.1 cm of text width)
WIDTHS = (1.1, 3.7, 4.0, 3.2, 6.2, 2.3, 2.3, 3.3)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value) -> str:
    """A value as text a .docx can hold: missing as empty, no control characters."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _NOT_XML.sub("", str(value))


def _date(value) -> str:
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return labels.NO_DATA  # no 督办时限 recorded (a flag set by an import)
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)


def paragraph(doc, text: str, *, size: float | None = None, bold: bool = False,
              align=None, indent: float = 0, font: str | None = None):
    """One run of inert text (`clean`), the East-Asian font set too; `indent`: first line, pt."""
    para = doc.add_paragraph()
    run = para.add_run(clean(text))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if align is not None:
        para.alignment = align
    if indent:
        para.paragraph_format.first_line_indent = Pt(indent)
    return para


def _repeat_header(row) -> None:
    """The header row repeats at the top of every page the table runs over."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _table(doc, part: pd.DataFrame) -> None:
    table = doc.add_table(rows=1, cols=len(labels.NOTICE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, labels.NOTICE_COLUMNS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(head).bold = True
    _repeat_header(table.rows[0])
    for n, row in enumerate(part.itertuples(index=False), start=1):
        values = (str(n), row.issue_code, row.place, row.item, row.description,
                  _date(row.deadline), _date(row.sv_deadline), row.reason)
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = clean(value)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = Cm(width)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(10.5)


def _contact(part: pd.DataFrame, contact: str | None) -> str:
    if contact:
        return contact
    known = [clean(c) for c in dict.fromkeys(part["contact"]) if clean(c)]
    return "；".join(known) or labels.NOTICE_CONTACT_BLANK


def _unit_order(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(unit as addressed, its issues) by unit name; issues with no unit come last."""
    unit = frame["responsible_unit"].map(clean)
    named = sorted(u for u in unit.unique() if u)
    order = named + ([""] if (unit == "").any() else [])
    return [(u or labels.UNIT_NONE, frame[unit == u]) for u in order]


def notice_docx(frame: pd.DataFrame, *, issuer: str, date: dt.date,
                contact: str | None = None) -> bytes:
    """The notices of the marked issues in `frame` (supervision_service.list_marked's
    columns), grouped by responsible unit, dated `date` and signed by `issuer`."""
    doc = Document()
    _setup(doc)
    groups = _unit_order(frame)
    if not groups:
        paragraph(doc, labels.NOTICE_TITLE, size=20, align=WD_ALIGN_PARAGRAPH.CENTER,
                   font=TITLE_FONT)
        paragraph(doc, labels.SUPERVISION_MARKED_NONE)
    for i, (unit, part) in enumerate(groups):
        if i:
            doc.add_page_break()
        paragraph(doc, labels.NOTICE_TITLE, size=20, align=WD_ALIGN_PARAGRAPH.CENTER,
                   font=TITLE_FONT)
        paragraph(doc, labels.NOTICE_TO.format(unit=unit), bold=True)
        paragraph(doc, labels.NOTICE_BODY.format(count=len(part), issuer=issuer),
                   indent=24)
        _table(doc, part)
        paragraph(doc, labels.NOTICE_CONTACT.format(contact=_contact(part, contact)))
        paragraph(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph(doc, labels.NOTICE_DATE.format(date=date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
