"""Bytes of an uploaded file -> sheets of raw rows, or a file-level reason it cannot be read.

The file type is decided by content, not by its name: a renamed PDF or an old .xls gets its
own message. CSV text is tried as UTF-8 (with or without BOM), then GB18030 (a superset of
GBK, what Excel on Chinese Windows writes); a file that was already damaged by a wrong
conversion (U+FFFD, Latin-1 look-alikes, UTF-8 read as GBK, Big5) is refused with that
explanation (see encoding.py). Reading stops as soon as a file passes `max_rows`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from paicha_geo.domain.errors import Message
from paicha_geo.io.imports import encoding
from paicha_geo.io.imports.calamine_xlsx import Unsure, read_xlsx_fast
from paicha_geo.io.imports.xlsx import TooManyRows, read_xlsx

MAX_ROWS = 200_000  # the default; the import passes Limits.import_max_rows
_ZIP = b"PK\x03\x04"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .xls, or an encrypted .xlsx
# Let an enormous cell through the CSV parser so validation can name its row and column.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


@dataclass
class Sheet:
    name: str | None
    rows: list[list]  # cell values per row; formula cells are xlsx.Formula
    numbers: list[int]  # the spreadsheet row number of each row (1-based)


@dataclass
class ReadResult:
    sheets: list[Sheet] = field(default_factory=list)
    error: Message | None = None  # why the whole file cannot be read
    notices: list[Message] = field(default_factory=list)
    kind: str = ""  # "xlsx" or "csv"
    # A doubt about the text's encoding too weak to refuse the file on its own; reported
    # instead of "no header" when no header is found.
    doubt: encoding.Diagnosis | None = None


def read_file(
    filename: str, data: bytes, on_progress: Callable[[int], None] | None = None,
    max_rows: int = MAX_ROWS,
) -> ReadResult:
    """Read every visible sheet of an .xlsx, or the single table of a CSV."""
    if not data or not data.strip():
        return ReadResult(error=Message("ERR_EMPTY_FILE"))
    if data.startswith(_CFB):
        encrypted = "EncryptedPackage".encode("utf-16-le") in data[:65536 * 4]
        return ReadResult(error=Message("ERR_ENCRYPTED_XLSX" if encrypted else "ERR_XLS_OLD"))
    if data.startswith(_ZIP):
        return _read_xlsx(data, on_progress, max_rows)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return ReadResult(error=Message("ERR_BROKEN_XLSX", detail=Message("ERR_NOT_SPREADSHEET")))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadResult(error=Message("ERR_NOT_SPREADSHEET"))
    return _read_csv(data, max_rows)


def _too_many(limit: int) -> ReadResult:
    return ReadResult(error=Message("ERR_TOO_MANY_ROWS", rows=f"{limit:,}+", limit=f"{limit:,}"))


def _sheets(data: bytes, on_progress, max_rows: int) -> list:
    """calamine first (calamine_xlsx); the streaming reader when it cannot vouch for the file,
    which also words why a broken file cannot be read."""
    try:
        return read_xlsx_fast(data, on_progress, max_rows)
    except Unsure:
        return read_xlsx(data, on_progress, max_rows)


def _read_xlsx(data: bytes, on_progress, max_rows: int) -> ReadResult:
    try:
        sheets = _sheets(data, on_progress, max_rows)
    except TooManyRows:
        return _too_many(max_rows)
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError, SyntaxError) as exc:
        # SyntaxError covers xml.etree.ElementTree.ParseError (a cut-off sheet XML).
        detail = type(exc).__name__ if not str(exc) else str(exc)[:120]
        return ReadResult(error=Message("ERR_BROKEN_XLSX", detail=detail), kind="xlsx")
    out = ReadResult(kind="xlsx")
    for name, rows in sheets:
        out.sheets.append(Sheet(name, [r for _, r in rows], [n for n, _ in rows]))
    return out


def _decode(data: bytes) -> tuple[str | None, list[Message], Message | None,
                                  encoding.Diagnosis | None]:
    """(text, notices, error, doubt)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), [], None, None
        except UnicodeDecodeError:
            return None, [], Message("ERR_UNDECODABLE"), None
    try:
        text = data.decode("utf-8-sig")
        notices = []
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return None, [], Message("ERR_UNDECODABLE"), None
        notices = [Message("NOTE_GBK")]
    found = encoding.diagnose(text[:8192])
    if found is not None and found.certain:
        return None, [], encoding.describe(found), None
    return text, notices, None, found


def _read_csv(data: bytes, max_rows: int) -> ReadResult:
    text, notices, error, doubt = _decode(data)
    if error:
        return ReadResult(error=error, kind="csv")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows, numbers = [], []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if len(rows) > max_rows:
                return _too_many(max_rows)
            values = [v if v.strip() else None for v in record]
            if any(v is not None for v in values):
                rows.append(values)
                numbers.append(number)
    except csv.Error as exc:
        return ReadResult(error=Message("ERR_NOT_SPREADSHEET_DETAIL", detail=str(exc)), kind="csv")
    if not rows:
        return ReadResult(error=Message("ERR_EMPTY_FILE"), kind="csv")
    return ReadResult(sheets=[Sheet(None, rows, numbers)], notices=notices, kind="csv",
                      doubt=doubt)
