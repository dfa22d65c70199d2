"""The streaming .xlsx reader on a workbook written by hand, the way Excel writes it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from paicha_geo import labels
from paicha_geo.io.imports.reader import read_file
from paicha_geo.io.imports.xlsx import Formula

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _book(sheet_xml: str, date1904: bool = False) -> bytes:
    files = {
        "[Content_Types].xml": "<Types/>",
        "xl/workbook.xml": f'<workbook {NS} {RNS}>'
                           f'<workbookPr date1904="{1 if date1904 else 0}"/>'
                           '<sheets><sheet name="清单" sheetId="1" r:id="rId1"/>'
                           '<sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/>'
                           '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
        "xl/sharedStrings.xml":
            f'<sst {NS}><si><t>区县</t></si><si><r><t>问题</t></r><r><t>描述</t></r>'
            '<rPh><t>もんだい</t></rPh></si><si><t>武进区</t></si></sst>',
        "xl/styles.xml":
            f'<styleSheet {NS}><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d"/>'
            '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="164"/>'
            '<xf numFmtId="2"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/worksheets/sheet2.xml": f'<worksheet {NS}><sheetData><row r="1"><c r="A1" '
                                    't="inlineStr"><is><t>secret</t></is></c></row>'
                                    '</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


SHEET = (f'<worksheet {NS}><dimension ref="A1:E4"/><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>危房&amp;饮水'
         '</t></is></c><c r="C2" s="1"><v>44012</v></c><c r="D2" s="2"><v>44013</v></c>'
         '<c r="E2" s="3"><v>44014</v></c></row>'
         '<row r="3"><c r="B3"><f>A2&amp;"x"</f><v>武进区x</v></c><c r="C3" t="b"><v>1</v></c>'
         '<c r="D3" t="str"><v>文本结果</v></c><c r="E3" t="e"><v>#N/A</v></c></row>'
         '<row r="5"><c r="B5" t="inlineStr"><is><t>最后</t></is></c></row>'
         '</sheetData><mergeCells count="1"><mergeCell ref="A2:A1048576"/></mergeCells>'
         '</worksheet>')


def test_values_dates_formulas_and_merges():
    result = read_file("a.xlsx", _book(SHEET))
    assert result.error is None
    assert [s.name for s in result.sheets] == ["清单"]  # the hidden sheet is skipped
    sheet = result.sheets[0]
    assert sheet.numbers == [1, 2, 3, 5]  # a merge over the whole column adds no rows
    header, second, third, last = sheet.rows
    assert header == ["区县", "问题描述"]  # rich text joined, phonetic run left out
    assert second[:2] == ["武进区", "危房&饮水"]
    assert second[2] == dt.datetime(2020, 6, 30)  # built-in CJK date format id 31
    assert second[3] == dt.datetime(2020, 7, 1)  # custom yyyy/m/d
    assert second[4] == 44014  # a plain number format stays a number
    assert third[0] == "武进区"  # filled from the merged cell above
    assert isinstance(third[1], Formula) and str(third[1]) == '=A2&"x"'
    assert third[2] is True and third[3] == "文本结果" and third[4] == "#N/A"
    assert last[0] == "武进区" and last[1] == "最后"


def test_1904_date_system():
    sheet = (f'<worksheet {NS}><sheetData><row r="1"><c r="A1" s="2"><v>42550</v></c></row>'
             '</sheetData></worksheet>')
    assert read_file("a.xlsx", _book(sheet, date1904=True)).sheets[0].rows[0][0] == \
        dt.datetime(2020, 6, 30)


def test_cut_off_sheet_xml_is_a_broken_file():
    result = read_file("a.xlsx", _book(SHEET[: len(SHEET) // 2]))
    assert result.error and "损坏或不完整" in labels.say(result.error)
