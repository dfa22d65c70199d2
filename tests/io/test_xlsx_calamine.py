"""Reading .xlsx through python-calamine (calamine_xlsx): the same rows, values and formula
cells as the streaming reader (xlsx.py), or `Unsure` and the streaming reader reads it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from paicha_geo.io.imports.calamine_xlsx import Unsure, read_xlsx_fast, special_cells
from paicha_geo.io.imports.reader import read_file
from paicha_geo.io.imports.xlsx import Formula, read_xlsx
from tests.io.test_ledger_xlsx import SHEET, _book

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _as_excel_writes_it(data: bytes) -> bytes:
    """The hand-written workbook with the package relationships and relationship types every
    real .xlsx has (calamine refuses a package without them; xlsx.py does not need them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            text = zin.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                text = text.replace(b"<Relationship Id",
                                    f'<Relationship Type="{_REL}/worksheet" Id'.encode())
            zout.writestr(name, text)
        zout.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
    return out.getvalue()


def _openpyxl(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _office_sheet(wb) -> None:
    ws = wb.active
    ws.title = "问题清单"
    ws.append(["问题编号", "户编号", "发现日期", "问题描述", "家庭人口", "收入"])
    ws.append(["0012", "0012", dt.date(2020, 6, 30), '=CONCATENATE("危房","未改造")', 3, 7000.5])
    ws["C2"].number_format = "yyyy/m/d"
    ws.append(["PC-2", "000345", dt.datetime(2020, 7, 1, 8, 30), "=A2&\"<号>\"", 4, 0])
    ws["C3"].number_format = "yyyy-mm-dd hh:mm"
    ws["B5"] = "最后"  # row 4 blank: skipped, numbering kept
    ws.merge_cells("A6:A7")
    ws["A6"] = "合并"
    ws["B7"] = "下行"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "secret"
    hidden.sheet_state = "hidden"


def test_an_office_workbook_reads_as_the_streaming_reader_reads_it():
    data = _openpyxl(_office_sheet)
    fast = read_xlsx_fast(data)  # raises Unsure instead of falling back: calamine read it
    assert repr(fast) == repr(read_xlsx(data))  # same values, same types, same row numbers
    (name, rows), = fast  # the hidden sheet is skipped
    assert name == "问题清单"
    numbers = [n for n, _ in rows]
    assert numbers == [1, 2, 3, 5, 6, 7]
    second, third = rows[1][1], rows[2][1]
    assert second[:2] == ["0012", "0012"]  # leading zeros of an issue code and a 户编号 kept
    assert third[1] == "000345"
    assert second[2] == dt.datetime(2020, 6, 30)  # a date cell is a datetime, as before
    assert third[2] == dt.datetime(2020, 7, 1, 8, 30)
    assert second[3] == Formula('CONCATENATE("危房","未改造")')  # found in the sheet XML
    assert str(third[3]) == '=A2&"<号>"'  # XML entities undone
    assert second[4] == 3 and type(second[4]) is int  # a whole number is an int
    assert second[5] == 7000.5 and third[5] == 0
    assert rows[5][1][:2] == ["合并", "下行"]  # merged cell filled into the row below


def test_an_import_refuses_the_formula_cell_calamine_would_have_read_as_its_value():
    data = _openpyxl(_office_sheet)
    result = read_file("清单.xlsx", data)
    assert result.error is None
    assert isinstance(result.sheets[0].rows[1][3], Formula)


def test_the_hand_written_workbook_reads_the_same_through_calamine():
    """CJK date format id 31, custom yyyy/m/d, rich text with a phonetic run, inline strings,
    a formula string result, an error value, a merge down a whole column, a hidden sheet."""
    data = _as_excel_writes_it(_book(SHEET))
    assert repr(read_xlsx_fast(data)) == repr(read_xlsx(data))


def test_what_calamine_cannot_open_is_read_by_the_streaming_reader():
    data = _book(SHEET)  # no package relationships: calamine cannot detect the format
    with pytest.raises(Unsure):
        read_xlsx_fast(data)
    assert read_file("a.xlsx", data).sheets[0].rows[0] == ["区县", "问题描述"]


NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def test_formula_and_error_cells_are_found_by_their_references():
    xml = (f'<x:worksheet {NS}><x:sheetData><x:row r="2">'
           '<x:c r="B2"><x:f>SUM(A1:A2)&amp;"x"</x:f><x:v>3</x:v></x:c>'
           '<x:c r="C2"><x:f t="shared" si="0"/><x:v>4</x:v></x:c>'
           '<x:c r="D2" t="e"><x:v>#N/A</x:v></x:c><x:c r="E2" t="e"/>'
           '<x:c r="AA2" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData>'
           '<x:autoFilter ref="A1:D2"><x:filterColumn colId="0"/></x:autoFilter>'
           '<x:headerFooter><x:firstHeader>页</x:firstHeader></x:headerFooter>'
           '</x:worksheet>').encode()
    assert special_cells(xml) == {(2, 1): Formula('SUM(A1:A2)&"x"'), (2, 2): Formula(""),
                                  (2, 3): "#N/A"}


def test_text_that_looks_like_a_formula_tag_makes_the_reader_unsure():
    xml = ('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>备注:f 见附件</t>'
           '</is></c></row></sheetData></worksheet>').encode()
    with pytest.raises(Unsure):
        special_cells(xml)

    def sheet(wb):
        wb.active.append(["问题描述", "备注:f 见附件"])
    assert read_file("a.xlsx", _openpyxl(sheet)).sheets[0].rows == [["问题描述", "备注:f 见附件"]]


def test_text_with_an_ooxml_escape_is_read_as_before():
    """calamine decodes _x000D_ (a carriage return) where the streaming reader keeps it as
    written; a description's text makes its derived issue code, so such a file stays with the
    streaming reader and re-importing it finds the same issues."""
    sheet = (f'<worksheet {NS.replace(":x", "")}><sheetData><row r="1"><c r="A1" '
             't="inlineStr"><is><t>一行_x000D_\n二行</t></is></c></row></sheetData></worksheet>')
    data = _as_excel_writes_it(_book(sheet))
    with pytest.raises(Unsure):
        read_xlsx_fast(data)
    assert read_file("a.xlsx", data).sheets[0].rows == [["一行_x000D_\n二行"]]
