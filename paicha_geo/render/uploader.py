"""Chinese words on Streamlit's file uploaders, which draw their button ("Upload") and their
limit ("20MB per file • XLSX, CSV") in English: the English text is shrunk to nothing and the
Chinese shown in its place by CSS (the types are named by each uploader's own label)."""

from __future__ import annotations

from paicha_geo import labels

_ZONE = '[data-testid="stFileUploaderDropzone"]'


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: quotes, backslashes, line ends and "<" escaped, so
    that it can neither end the string nor the <style> element."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' else ch for ch in text)
    return f'"{escaped}"'


def uploader_css(max_mb: float, scope: str = "") -> str:
    """The rules (no <style> element) for every uploader on the page, or with `scope` (a
    selector such as ".st-key-evidence-file") for the uploaders inside it, which then win;
    `max_mb`: the limit those uploaders are held to."""
    button = f'{scope} {_ZONE} button [data-testid="stMarkdownContainer"] p'
    words = f'{scope} {_ZONE} [data-testid="stFileUploaderDropzoneInstructions"] span'
    limit = labels.UPLOAD_INSTRUCTIONS.format(mb=f"{max_mb:g}")
    return (f"{button},{words}{{font-size:0}}"
            f"{button}::after{{content:{css_string(labels.UPLOAD_BUTTON)};font-size:0.875rem}}"
            f"{words}::after{{content:{css_string(limit)};font-size:0.875rem}}")
