"""A streaming .xlsx cell reader: values, formulas and merged ranges, five times openpyxl's speed.

openpyxl's read-only mode builds a Python object per cell and parses every rich-text run
through its descriptor machinery; a 50,000-row ledger took ~15 s. This reads the same XML
with ElementTree's C iterparse and keeps only what an import needs: the value (shared,
inline or formula-result string, number, boolean, date by the cell's number format), whether
the cell holds a formula, and the merged ranges (so a district name merged down ten rows
counts for all ten). openpyxl's own helpers decide which number formats are dates.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Locale date formats Chinese Excel writes by id without a format code (yyyy"年"m"月"d"日"…).
_CJK_DATE_IDS = set(range(27, 37)) | set(range(50, 59))


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula: imports refuse these (their value is not what is stored)."""

    text: str

    def __str__(self) -> str:
        return "=" + self.text


@dataclass
class SheetInfo:
    name: str
    path: str
    hidden: bool


_LOCAL: dict[str, str] = {}


def _local(tag: str) -> str:
    """Tag name without its namespace (transitional and strict OOXML use different ones)."""
    name = _LOCAL.get(tag)
    if name is None:
        name = _LOCAL[tag] = tag.rsplit("}", 1)[-1]
    return name


def _text_of(elem) -> str:
    """Concatenated <t> text of a string item, leaving out phonetic (rPh) runs."""
    parts = []
    for child in elem:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class XlsxBook:
    """One workbook opened for streaming; raises on anything that is not a valid .xlsx."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.names = set(zf.namelist())
        self.sheets, self.epoch = self._workbook()
        self._shared: list[str] | None = None
        self._dates: set[int] | None = None

    @property
    def shared(self) -> list[str]:
        if self._shared is None:
            self._shared = self._shared_strings()
        return self._shared

    @property
    def date_styles(self) -> set[int]:
        if self._dates is None:
            self._dates = self._date_styles()
        return self._dates

    def _read(self, path: str) -> bytes:
        return self.zf.read(path)

    def _workbook(self) -> tuple[list[SheetInfo], object]:
        rels = {}
        for _, el in iterparse(self.zf.open("xl/_rels/workbook.xml.rels")):
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                rels[el.get("Id")] = target
        sheets, epoch = [], CALENDAR_WINDOWS_1900
        for _, el in iterparse(self.zf.open("xl/workbook.xml")):
            name = _local(el.tag)
            if name == "workbookPr" and el.get("date1904") in ("1", "true"):
                epoch = CALENDAR_MAC_1904
            elif name == "sheet":
                rid = el.get(f"{{{_REL_NS}}}id") or el.get("id")
                sheets.append(SheetInfo(el.get("name", ""), rels.get(rid, ""),
                                        el.get("state", "visible") != "visible"))
        return sheets, epoch

    def _shared_strings(self) -> list[str]:
        path = "xl/sharedStrings.xml"
        if path not in self.names:
            return []
        out = []
        for _, el in iterparse(self.zf.open(path)):
            if _local(el.tag) == "si":
                out.append(_text_of(el))
                el.clear()
        return out

    def _date_styles(self) -> set[int]:
        """Indexes of cell formats (the `s` attribute) whose number format shows a date."""
        path = "xl/styles.xml"
        if path not in self.names:
            return set()
        custom, xf_ids, in_xfs = {}, [], False
        for event, el in iterparse(self.zf.open(path), events=("start", "end")):
            name = _local(el.tag)
            if name == "cellXfs":
                in_xfs = event == "start"
            elif event == "end" and name == "numFmt":
                custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
            elif event == "end" and name == "xf" and in_xfs:
                xf_ids.append(int(el.get("numFmtId", "0")))
        dates = set()
        for index, fmt_id in enumerate(xf_ids):
            code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id))
            if fmt_id in _CJK_DATE_IDS or (code and is_date_format(code)):
                dates.add(index)
        return dates

    def _value(self, cell_type: str, raw: str | None, style: int, inline) -> object:
        if cell_type == "s":
            return self._shared[int(raw)] if raw is not None else None
        if cell_type == "inlineStr":
            return _text_of(inline) if inline is not None else None
        if raw is None:
            return None
        if cell_type in ("str", "e"):
            return raw
        if cell_type == "b":
            return raw in ("1", "true")
        if cell_type == "d":
            return raw
        number = float(raw)
        if style in self._dates:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw \
            else number

    def rows(self, sheet: SheetInfo) -> Iterator[tuple[int, list]]:
        """(row number, values) for each non-empty row; formula cells come as `Formula`."""
        _ = self.shared, self.date_styles  # load once, then read the attributes directly
        columns: dict[str, int] = {}
        for _, el in iterparse(self.zf.open(sheet.path)):
            # Cheap suffix tests first: this loop sees every element of the sheet.
            if not el.tag.endswith("row") or _local(el.tag) != "row":
                continue
            number = int(el.get("r", "0"))
            values: list = []
            for c in el:
                if not c.tag.endswith("c") or _local(c.tag) != "c":
                    continue
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    col = columns.get(letters)
                    if col is None:
                        col = columns[letters] = _column_index(letters)
                else:
                    col = len(values)
                raw = formula = inline = None
                for child in c:
                    tag = child.tag
                    if tag.endswith("v"):
                        raw = child.text
                    elif tag.endswith("f"):
                        formula = child.text or ""
                    elif tag.endswith("is"):
                        inline = child
                if formula is not None:
                    value = Formula(formula)
                else:
                    value = self._value(c.get("t", "n"), raw, int(c.get("s", "0")), inline)
                if value is None or value == "":
                    continue
                if col >= len(values):
                    values.extend([None] * (col + 1 - len(values)))
                values[col] = value
            el.clear()
            if values:
                yield number, values

    def merged_ranges(self, sheet: SheetInfo) -> list[tuple[int, int, int, int]]:
        """(min_col, min_row, max_col, max_row), 1-based, from the tail of the sheet XML."""
        data = self._read(sheet.path)
        start = data.rfind(b"<mergeCells")
        if start < 0:
            return []
        refs = re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"', data[start:])
        return [range_boundaries(r.decode()) for r in refs]


def estimate_rows(data: bytes) -> int:
    """Rows the visible sheets declare in their <dimension> (0 when they do not say)."""
    import io

    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = XlsxBook(zf)
            for sheet in book.sheets:
                if sheet.hidden or not sheet.path:
                    continue
                with zf.open(sheet.path) as fh:
                    head = fh.read(4096)
                m = re.search(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
                total += int(m.group(1)) if m else 0
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        return 0
    return total


class TooManyRows(Exception):
    """The visible sheets hold more rows than the caller allows (reading stopped there)."""


def read_xlsx(data, on_row: Callable[[int], None] | None = None, max_rows: int | None = None):
    """[(sheet name, [(row number, values)])] for visible sheets, merged cells filled in.

    Raises TooManyRows as soon as the sheets have given more than `max_rows` rows.
    """
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = XlsxBook(zf)
        out = []
        count = 0
        for sheet in book.sheets:
            if sheet.hidden or not sheet.path:
                continue
            rows = []
            for item in book.rows(sheet):
                rows.append(item)
                count += 1
                if max_rows is not None and count > max_rows:
                    raise TooManyRows(count)
                if on_row and count % 1000 == 0:
                    on_row(count)
            _fill_merged(rows, book.merged_ranges(sheet))
            out.append((sheet.name, rows))
        return out


def _fill_merged(rows: list[tuple[int, list]], ranges) -> None:
    """Copy each merged range's top-left value into every cell it covers (in rows that have
    cells of their own: a merge does not turn a blank row into data)."""
    if not ranges or not rows:
        return
    index = {number: i for i, (number, _) in enumerate(rows)}
    last_row = max(index)  # a merge over a whole column must not create a million rows
    last_col = max(len(values) for _, values in rows)
    for min_col, min_row, max_col, max_row in ranges:
        max_row, max_col = min(max_row, last_row), min(max_col, max(last_col, min_col))
        top = index.get(min_row)
        if top is None:
            continue
        cells = rows[top][1]
        value = cells[min_col - 1] if min_col - 1 < len(cells) else None
        if value is None:
            continue
        for r in range(min_row, max_row + 1):
            i = index.get(r)
            if i is None:  # a row with no cell of its own stays blank
                continue
            values = rows[i][1]
            if len(values) < max_col:
                values.extend([None] * (max_col - len(values)))
            for c in range(min_col - 1, max_col):
                if values[c] is None:
                    values[c] = value
