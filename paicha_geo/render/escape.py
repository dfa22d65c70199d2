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


# Every ASCII punctuation mark may be backslash-escaped in (GitHub-flavoured) markdown; doing
# so to all of them stops links, emphasis, HTML, emoji shortcodes (:x:) and LaTeX ($) alike.
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown(value, limit: int | None = None) -> str:
    """Plain text shown literally inside markdown (st.markdown, st.warning, captions).

    `limit` shortens a long value (e.g. a URL parameter a visitor typed) to that many
    characters plus an ellipsis. Line breaks become spaces.
    """
    text_ = "" if value is None else " ".join(str(value).split())
    if limit is not None and len(text_) > limit:
        text_ = text_[:limit] + "…"
    return _MD_PUNCTUATION.sub(r"\\\1", text_)
