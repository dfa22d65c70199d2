"""Reading .xlsx at library speed: python-calamine for the values, the sheet XML for the rest.

calamine (Rust) reads a 50,000-row ledger in under a second where the streaming reader of
xlsx.py takes five. It cannot tell two things an import needs: which cells hold a formula
(it returns the cached result, and imports refuse formulas) and the text of an error cell
(#N/A comes back blank). Both are found in the sheet's XML with a byte search (`<f`,
`t="e"`), which costs milliseconds, and put back at their cell references. Merged ranges
come from the XML's tail as before. Values are then made what xlsx.py gives: blank cells
None, whole numbers int, date cells datetime, trailing blanks dropped.

Anything calamine refuses or this module is unsure of (a formula or error cell without a
reference, a sheet XML that does not end, a sheet calamine cannot find, text with _x000D_
escapes, which calamine decodes and xlsx.py does not) raises `Unsure`, and
the caller reads the file with xlsx.py instead: its messages for broken files stay the same.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterator

import python_calamine
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel

from paicha_geo.io.imports.xlsx import (
    Formula,
    SheetInfo,
    TooManyRows,
    XlsxBook,
    _column_index,
    _fill_merged,
)

_AFTER_F = (b">", b" ", b"/", b"\t", b"\n", b"\r")  # what follows the name of an <f> element
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_END = re.compile(rb"</(?:\w+:)?worksheet>\s*$")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')
_BIG = 1e15  # whole numbers from here on stay float: xlsx.py cannot tell them either


_STRINGS = "xl/sharedStrings.xml"
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")


def _escaped(xml: bytes) -> bool:
    """Whether text holds an OOXML escape (_x000D_ for a carriage return): calamine decodes
    it, xlsx.py keeps it as written, and a derived issue code hashes the description's text,
    so such a file is left to xlsx.py (the same codes as before)."""
    return b"_x" in xml and _ESCAPE.search(xml) is not None


class Unsure(Exception):
    """This reader cannot vouch for the file: read it with xlsx.py."""


def _cell_start(data: bytes, pos: int) -> tuple[int, int]:
    """(start, end) of the last <c ...> start tag that begins before `pos` (end: its `>`)."""
    start = max(data.rfind(b"<c ", 0, pos), data.rfind(b":c ", 0, pos))
    end = data.find(b">", start) if start >= 0 else -1
    if start < 0 or end < 0:
        raise Unsure("cell start")
    return start, end


def _where(tag: bytes) -> tuple[int, int]:
    """(row number, 0-based column) of a cell start tag."""
    m = _CELL_REF.search(tag)
    if m is None:
        raise Unsure("cell without reference")
    return int(m.group(2)), _column_index(m.group(1).decode())


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


def _formula_starts(data: bytes) -> list[int]:
    """Where each formula element (<f>, <f t="shared" .../>, <x:f>) begins; not <filterColumn>,
    <firstHeader> ... (bytes.find, many times faster than a regex over the whole sheet)."""
    found = [at for at in _find_all(data, b"<f") if data[at + 2:at + 3] in _AFTER_F]
    for at in _find_all(data, b":f"):  # <x:f>, not its closing </x:f>
        if data[at + 2:at + 3] in _AFTER_F and data[data.rfind(b"<", 0, at) + 1] != 47:  # "/"
            found.append(at)
    return sorted(found)


def special_cells(data: bytes) -> dict[tuple[int, int], object]:
    """{(row, column): value} for the cells calamine reads otherwise than xlsx.py: formulas
    (a Formula with their text), error values and ISO-date cells (their text as written)."""
    found: dict[tuple[int, int], object] = {}
    for at in sorted([*_find_all(data, b't="e"'), *_find_all(data, b't="d"')]):
        start, end = _cell_start(data, at)
        if not at < end or data.find(b"<", start + 1, at) >= 0:
            continue  # t="e" of some other element
        if data[end - 1:end] == b"/":
            continue  # <c r="A1" t="e"/>: no value, as xlsx.py reads it
        stop = data.find(b"c>", end)  # </c> or </x:c>
        value = _VALUE.search(data, end, stop if stop > 0 else len(data))
        if value is not None:
            found[_where(data[start:end])] = html.unescape(value.group(1).decode())
    for at in _formula_starts(data):
        start, end = _cell_start(data, at)
        element = at if data[at:at + 1] == b"<" else data.rfind(b"<", 0, at)
        if data.find(b"<", end + 1, element) >= 0:  # also ":f " in an inline string's text
            raise Unsure("formula not the first child of its cell")
        tag_end = data.find(b">", at)
        if data[tag_end - 1:tag_end] == b"/":
            text = ""  # <f t="shared" si="0"/>: the shared formula's other cells
        else:
            text = html.unescape(data[tag_end + 1:data.find(b"</", tag_end)].decode())
        found[_where(data[start:end])] = Formula(text)
    return found


def _merged(data: bytes) -> list[tuple[int, int, int, int]]:
    start = data.rfind(b"<mergeCells")
    if start < 0:
        start = data.rfind(b":mergeCells")
    if start < 0:
        return []
    return [range_boundaries(r.decode()) for r in _MERGE.findall(data, start)]


def _cell(v, epoch):
    """One calamine cell as xlsx.py gives it (see the module docstring)."""
    kind = type(v)
    if kind is str:
        return v or None
    if kind is float:
        return int(v) if v.is_integer() and -_BIG < v < _BIG else v
    if kind is dt.date:
        return dt.datetime(v.year, v.month, v.day)
    if kind is dt.timedelta:  # an elapsed-time format ([h]:mm): a date to xlsx.py
        return from_excel(v / dt.timedelta(days=1), epoch)
    return v


def _clean(grid: list[list], epoch) -> list[list]:
    """The grid's cells made what xlsx.py gives, a column at a time (a column of text only
    needs its blanks turned into None), trailing blank cells dropped."""
    columns = list(zip(*grid, strict=True))
    for j, column in enumerate(columns):
        if set(map(type, column)) == {str}:
            if "" in column:
                columns[j] = [v or None for v in column]
        else:
            columns[j] = [_cell(v, epoch) for v in column]
    rows = [list(r) for r in zip(*columns, strict=True)]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    return rows


def _has_special(xml: bytes) -> bool:
    """Whether the sheet may hold a formula, an error or an ISO-date cell (a byte search)."""
    return bool(_formula_starts(xml)) or b't="e"' in xml or b't="d"' in xml


def _sheet_rows(book: python_calamine.CalamineWorkbook, sheet: SheetInfo, xml: bytes,
                epoch) -> list[tuple[int, list]]:
    grid = _clean(book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False), epoch)
    special = special_cells(xml) if _has_special(xml) else {}
    by_row: dict[int, dict[int, object]] = {}
    for (number, col), value in special.items():
        by_row.setdefault(number, {})[col] = value
    rows = []
    for i, values in enumerate(grid):
        number = i + 1
        if number in by_row:
            _put(values, by_row.pop(number))
        if values:
            rows.append((number, values))
    for number in sorted(by_row):  # formula rows beyond calamine's range (no cached value)
        values: list = []
        _put(values, by_row[number])
        rows.append((number, values))
    rows.sort(key=lambda item: item[0])
    return rows


def _put(values: list, cells: dict[int, object]) -> None:
    for col, value in cells.items():
        if col >= len(values):
            values.extend([None] * (col + 1 - len(values)))
        values[col] = value


def read_xlsx_fast(data: bytes, on_row: Callable[[int], None] | None = None,
                   max_rows: int | None = None):
    """What xlsx.read_xlsx returns, read by calamine; raises Unsure when it cannot vouch."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = XlsxBook(zf)
            xml = {s.path: zf.read(s.path) for s in info.sheets if not s.hidden and s.path}
            strings = zf.read(_STRINGS) if _STRINGS in info.names else b""
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - whatever it is, xlsx.py words it
        raise Unsure(type(exc).__name__) from exc
    if any(_escaped(part) for part in (strings, *xml.values())):
        raise Unsure("_xHHHH_ escapes")
    out, count = [], 0
    for sheet in info.sheets:
        if sheet.hidden or not sheet.path:
            continue
        body = xml[sheet.path]
        if not _END.search(body[-64:]):
            raise Unsure("sheet XML cut off")
        try:
            rows = _sheet_rows(book, sheet, body, info.epoch)
        except (Unsure, TooManyRows):
            raise
        except Exception as exc:  # noqa: BLE001
            raise Unsure(type(exc).__name__) from exc
        for n in range(1000, len(rows) + 1, 1000):
            if max_rows is not None and count + n > max_rows:
                break
            if on_row:
                on_row(count + n)
        count += len(rows)
        if max_rows is not None and count > max_rows:
            raise TooManyRows(count)
        _fill_merged(rows, _merged(body))
        out.append((sheet.name, rows))
    return out
