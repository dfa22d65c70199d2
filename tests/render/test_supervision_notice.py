"""The 督办通知单 read back with python-docx, as Word would show it: a notice per responsible
unit, each on its own page, with its issues, both deadlines, the contact, the signing office
and the date; pasted text comes out as the same text."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document

from paicha_geo import labels
from paicha_geo.render.supervision_notice import notice_docx

ISSUER = "常州市扶贫工作领导小组办公室"


def issues() -> pd.DataFrame:
    rows = [
        ("PC2020-320412-A1", "武进区 · 湖塘镇 · 甲村", "住房安全", "县住建局", "危房未改造",
         dt.date(2020, 4, 10), dt.date(2020, 6, 30), "超期50天", "李工 0519-1"),
        ("PC2020-320412-A2", "武进区 · 湖塘镇 · 乙村", "义务教育", "县教育局",
         "<script>alert(1)</script>\x0b辍学", dt.date(2020, 4, 1), dt.date(2020, 6, 15),
         "=1+1", None),
        ("PC2020-320412-A3", "武进区 · 礼嘉镇 · 丙村", "饮水安全", "县住建局", "水质不达标",
         dt.date(2020, 3, 1), pd.NaT, None, "王工 0519-2"),  # no mark row: NaT
        ("PC2020-320412-A4", "武进区 · 礼嘉镇 · 丁村", "医疗保障", None, "未参保",
         dt.date(2020, 3, 5), dt.date(2020, 6, 20), "无人负责", None),
    ]
    return pd.DataFrame(rows, columns=["issue_code", "place", "item", "responsible_unit",
                                       "description", "deadline", "sv_deadline", "reason",
                                       "contact"])


def read(data: bytes):
    return Document(io.BytesIO(data))


def notices(doc) -> list[dict]:
    """Split the document at its page breaks: per notice its paragraphs' text."""
    out, current = [], []
    for para in doc.paragraphs:
        if 'w:br w:type="page"' in para._p.xml:
            out.append(current)
            current = []
        elif para.text:
            current.append(para.text)
    out.append(current)
    return out


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_one_notice_per_unit_with_its_issues_dates_contact_and_signature():
    doc = read(notice_docx(issues(), issuer=ISSUER, date=dt.date(2020, 5, 31)))
    pages = notices(doc)
    assert [p[1] for p in pages] == ["县住建局：", "县教育局：", f"{labels.UNIT_NONE}："]
    for page in pages:
        assert page[0] == "脱贫攻坚问题整改督办通知单"
        assert page[-2:] == [ISSUER, "2020年5月31日"]
    assert "下列 2 个问题已列入挂牌督办" in pages[0][2] and ISSUER in pages[0][2]
    assert pages[0][-3] == "联系人及电话：李工 0519-1；王工 0519-2"
    assert pages[1][-3] == "联系人及电话：＿＿＿＿＿＿＿＿＿＿＿＿"  # none recorded: to fill in
    housing, education, nobody = (table_rows(t) for t in doc.tables)
    assert housing[0] == list(labels.NOTICE_COLUMNS)
    assert housing[1:] == [
        ["1", "PC2020-320412-A1", "武进区 · 湖塘镇 · 甲村", "住房安全", "危房未改造",
         "2020-04-10", "2020-06-30", "超期50天"],
        ["2", "PC2020-320412-A3", "武进区 · 礼嘉镇 · 丙村", "饮水安全", "水质不达标",
         "2020-03-01", "—", ""],
    ]
    assert education[1][4] == "<script>alert(1)</script>辍学"  # as typed, the control gone
    assert education[1][7] == "=1+1"  # text, not a formula: Word has none
    assert nobody[1][1] == "PC2020-320412-A4"


def test_the_contact_from_the_form_replaces_the_recorded_ones():
    doc = read(notice_docx(issues(), issuer=ISSUER, date=dt.date(2020, 6, 1),
                           contact="市扶贫办 张三 0519-88888888"))
    pages = notices(doc)
    assert {p[-3] for p in pages} == {"联系人及电话：市扶贫办 张三 0519-88888888"}
    assert {p[-1] for p in pages} == {"2020年6月1日"}


def test_the_page_is_a4_landscape_and_the_table_header_repeats():
    doc = read(notice_docx(issues(), issuer=ISSUER, date=dt.date(2020, 5, 31)))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    assert 'w:tblHeader w:val="true"' in doc.tables[0].rows[0]._tr.xml


def test_nothing_marked_gives_one_page_saying_so():
    doc = read(notice_docx(issues().iloc[0:0], issuer=ISSUER, date=dt.date(2020, 5, 31)))
    assert notices(doc) == [[labels.NOTICE_TITLE, labels.SUPERVISION_MARKED_NONE]]
    assert doc.tables == []
