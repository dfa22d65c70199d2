"""Escaping for every user-entered text that reaches HTML.

Leaflet tooltips and popups are raw HTML and folium does not escape them. Worse, folium's
`Tooltip` and `Popup` put their text inside a JavaScript template literal (backticks), where
`${...}` runs as code and a backtick ends the string. So besides the HTML specials we also
turn `$`, backtick and backslash into HTML entities: they display the same, run nothing.
"""

from __future__ import annotations

import html
import math
import re

_JS_TEMPLATE = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})


def text(value) -> str:
    """Plain text safe in HTML content, a quoted attribute, or a folium tooltip literal."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE)


def code(value, limit: int | None = None) -> str:
    """Any text as a markdown code span: shown verbatim, in a monospace font.

    Backslash escapes do not stop GitHub-flavoured markdown from turning a bare
    `http://…` or `www.…` into a live link (measured in Chromium); inside a code span
    nothing is interpreted. The fence is one backtick longer than any run inside the text.
    """
    text_ = "" if value is None else " ".join(str(value).split())
    if limit is not None and len(text_) > limit:
        text_ = text_[:limit] + "…"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text_)), default=0) + 1)
    return f"{fence} {text_} {fence}"
