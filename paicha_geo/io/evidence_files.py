"""What an uploaded evidence file really is, read from its bytes (never from its name).

JPEG and PNG are opened and verified by Pillow, their pixel count checked from the header
before anything is decoded (a small file can unpack to gigabytes: a decompression bomb), and
a small thumbnail is re-encoded from the pixels (so nothing but pixels reaches the page).
PDF is recognised by its `%PDF-` header. A .docx or .xlsx is a zip holding
[Content_Types].xml and word/ or xl/; its unpacked size is capped, and a macro-enabled
document (.docm/.xlsm renamed) is refused. Anything else is refused, naming what it is.
The original bytes are stored unchanged.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from paicha_geo.domain.errors import Message, Term
from paicha_geo.domain.evidence import IMAGE_TYPES, TYPES, EvidenceRefused, EvidenceRules

_ZIP = b"PK\x03\x04"
# What a refused file really is: (leading bytes, offset, what) in the order they are tried.
_SIGNATURES = (
    (b"MZ", 0, "exe"), (b"\x7fELF", 0, "elf"), (b"GIF87a", 0, "gif"), (b"GIF89a", 0, "gif"),
    (b"BM", 0, "bmp"), (b"II*\x00", 0, "tiff"), (b"MM\x00*", 0, "tiff"), (b"WEBP", 8, "webp"),
    (b"ftypheic", 4, "heic"), (b"ftypheix", 4, "heic"), (b"ftypmif1", 4, "heic"),
    (b"ftyp", 4, "video"), (b"Rar!", 0, "rar"), (b"7z\xbc\xaf", 0, "7z"),
    (b"\x1f\x8b", 0, "gzip"), (b"\xd0\xcf\x11\xe0", 0, "ole"), (b"{\\rtf", 0, "rtf"),
)
# Pillow's name for what the header announced (some cameras write multi-picture JPEG: MPO)
_PILLOW_FORMATS = {"jpeg": ("JPEG", "MPO"), "png": ("PNG",)}
_MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml",
           b"<iframe", b"<a ", b"<img", b"<div", b"<meta")


@dataclass(frozen=True)
class Inspected:
    """A file accepted: its type key, served media type, and (images) a thumbnail."""

    type_key: str
    media_type: str
    thumbnail: bytes | None = None


def _refuse(code: str, file: str, **fields) -> EvidenceRefused:
    return EvidenceRefused(Message(code, file=file, **fields))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def sniff(data: bytes) -> str:
    """The type key (domain.evidence.TYPES) the leading bytes announce, or what else the file
    is (a key of labels.EVIDENCE_ACTUAL: exe, html, zip, text, unknown ...). A zip is looked
    into by `inspect`, not here."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_ZIP):
        return "zip"
    for magic, offset, what in _SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return what
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_MARKUP) or b"<script" in head or b"<html" in head:
        return "html"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "text"


def _office(file: str, data: bytes, rules: EvidenceRules) -> str:
    """docx or xlsx for an OOXML zip; refused otherwise (what it really is is named)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > rules.unpacked_max_bytes:
                raise _refuse("EVIDENCE_UNPACKS_TOO_LARGE", file, size=_mb(unpacked),
                              limit=f"{rules.unpacked_max_mb:g} MB")
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                return "zip"
            with zf.open("[Content_Types].xml") as fh:
                types = fh.read(1 << 20).lower()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse("EVIDENCE_BROKEN", file, type=Term("EVIDENCE_TYPES", "zip")) from None
    if b"macroenabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refuse("EVIDENCE_MACROS", file)
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "pptx" if any(n.startswith("ppt/") for n in names) else "ooxml"


def _thumbnail(file: str, data: bytes, key: str, rules: EvidenceRules) -> bytes:
    """Verify an image and re-encode a small copy of its pixels (JPEG, or PNG for PNG)."""
    try:
        with warnings.catch_warnings():  # our own limit below decides, with the size named
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if probe.format not in _PILLOW_FORMATS[key]:
                    raise _refuse("EVIDENCE_BROKEN", file, type=Term("EVIDENCE_TYPES", key))
                if width * height > rules.image_max_pixels:
                    raise _refuse("EVIDENCE_TOO_MANY_PIXELS", file, width=width,
                                  height=height, limit=f"{rules.image_max_megapixels:g}")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (rules.thumbnail_px * 2, rules.thumbnail_px * 2))
                small = ImageOps.exif_transpose(image)
                small.thumbnail((rules.thumbnail_px, rules.thumbnail_px))
                out = io.BytesIO()
                if key == "png":
                    has_alpha = small.mode in ("RGBA", "LA", "P")
                    small.convert("RGBA" if has_alpha else "RGB").save(out, "PNG",
                                                                      optimize=True)
                else:
                    small.convert("RGB").save(out, "JPEG", quality=80)
                return out.getvalue()
    except EvidenceRefused:
        raise
    except Image.DecompressionBombError:  # beyond twice Pillow's own limit: not even opened
        raise _refuse("EVIDENCE_IMAGE_BOMB", file,
                      limit=f"{rules.image_max_megapixels:g}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            TypeError, KeyError, IndexError, ZeroDivisionError, struct.error):
        # a damaged file (or damaged EXIF) fails in many ways inside the decoder
        raise _refuse("EVIDENCE_BROKEN", file, type=Term("EVIDENCE_TYPES", key)) from None


def inspect(file: str, data: bytes, rules: EvidenceRules) -> Inspected:
    """Accept `data` (uploaded as `file`) as one of `rules.allowed_types`, or raise
    EvidenceRefused naming the file and what it really is."""
    if not data:
        raise _refuse("EVIDENCE_EMPTY", file)
    if len(data) > rules.max_bytes:
        raise _refuse("EVIDENCE_TOO_LARGE", file, size=_mb(len(data)),
                      limit=f"{rules.max_mb:g} MB")
    key = sniff(data)
    if key == "zip":
        key = _office(file, data, rules)
    if key not in rules.allowed_types:
        allowed = tuple(Term("EVIDENCE_TYPES", k) for k in rules.allowed_types)
        vocabulary = "EVIDENCE_TYPES" if key in TYPES else "EVIDENCE_ACTUAL"
        raise _refuse("EVIDENCE_WRONG_CONTENT", file, actual=Term(vocabulary, key),
                      allowed=allowed)
    thumbnail = _thumbnail(file, data, key, rules) if key in IMAGE_TYPES else None
    return Inspected(key, TYPES[key][0], thumbnail)
