"""What an upload may cost before any of it is parsed: its size, and for an .xlsx the size
of the XML inside (read from the zip's central directory, nothing is decompressed).

The declared sizes can be trusted as a bound: Python's zipfile stops a member at its declared
size and fails the CRC check when the data says otherwise, so a lying directory cannot make
the reader decompress more than what is checked here.
"""

from __future__ import annotations

import io
import zipfile

from paicha_geo import labels
from paicha_geo.domain.settings import Limits

_ZIP = b"PK\x03\x04"


def _mb(size: float) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def upload_problem(file: str, size: int, limits: Limits) -> str | None:
    """The reason a file of `size` bytes is refused unread, or None."""
    if size > limits.upload_max_bytes:
        return labels.ERR_FILE_TOO_LARGE.format(file=file, size=_mb(size),
                                                limit=f"{limits.upload_max_mb:g} MB")
    return None


def xml_size(data: bytes) -> int | None:
    """Uncompressed bytes of the XML parts of a zip (.xlsx), None if it is not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return sum(m.file_size for m in zf.infolist()
                       if m.filename.lower().endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # the reader names a broken file itself


def check_upload(file: str, data: bytes, limits: Limits) -> str | None:
    """Upload size, then (for a zip) the XML it would unpack to; None when both are within."""
    if reason := upload_problem(file, len(data), limits):
        return reason
    if data.startswith(_ZIP):
        size = xml_size(data)
        if size is not None and size > limits.xlsx_uncompressed_max_bytes:
            return labels.ERR_XLSX_TOO_LARGE.format(
                file=file, size=_mb(size), limit=f"{limits.xlsx_uncompressed_max_mb:g} MB")
    return None
