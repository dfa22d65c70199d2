"""Small real files for the evidence tests, written by the libraries users' tools use."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from docx import Document
from PIL import Image

# A minimal but well-formed one-page PDF (what a scanner or "print to PDF" writes, shortened).
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
# A Windows program's first bytes (DOS header and stub text), as a renamed .exe starts.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + \
    b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def jpeg(width: int = 640, height: int = 480, color=(180, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG", quality=90)
    return out.getvalue()


def png(width: int = 300, height: int = 200, mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG")
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (20, 20)).save(out, "GIF")
    return out.getvalue()


def docx(text: str = "整改验收意见") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["户编号", "整改情况"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docm() -> bytes:
    """A macro-enabled Word file (what a .docm renamed to .docx is)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml",
                    '<Types><Override ContentType="application/vnd.ms-word.document.'
                    'macroEnabled.main+xml" PartName="/word/document.xml"/></Types>')
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()
