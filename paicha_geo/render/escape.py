"""Escaping for every user-entered text that leaves the program: HTML, markdown, spreadsheets.

HTML (`text`; `chart` for plotly's pseudo-HTML text): Leaflet tooltips and popups are raw
HTML and folium does not escape them. Worse, folium's `Tooltip` and `Popup` put their text
inside a JavaScript template literal (backticks), where `${...}` runs as code and a backtick
ends the string. So besides the HTML specials we also turn `$`, backtick and backslash into
HTML entities: they display the same, run nothing. Line breaks become entities too: HTML
that Streamlit's markdown renders (`unsafe_allow_html`) is an HTML block only up to its
first blank line, and a value holding one would let the rest of it be read as markdown.
Braces become entities too: branca compiles the script folium renders for each map element
again as a Jinja template, so a tooltip holding "{{ … }}" or "{% … %}" would run as Python on
the server (a village named "{{ lipsum.__globals__.os.popen('id').read() }}" would run `id`).

Markdown (`markdown`): st.markdown, st.caption, st.info, st.title, button labels and every
st.table cell read markdown (links, images, `:red[...]`, `$math$`, HTML tags shown as text).
CommonMark lets a backslash escape any ASCII punctuation, so we escape all of it: the value
displays exactly as typed and nothing in it is syntax (no link, no tag). GFM's autolinks are
found again in the text after escapes are resolved ("http://...", "www.", "a@b.c" become
links), so a word joiner (U+2060, invisible) goes after "://", "www" and "@" to break them.

Spreadsheets (`cell`, `cells`, `XLSX_OPTIONS`): a cell whose text starts with `=`, `+`, `-`,
`@`, a tab or a carriage return is read as a formula by Excel or LibreOffice when a CSV is
opened or a cell is edited (OWASP "CSV injection"); such text gets a leading apostrophe.
Fullwidth `＝＋－＠` too (CJK input methods, and Excel accepts `＝` as a formula start).
Only strings: numbers, dates and booleans stay what they are. Every xlsxwriter workbook is
opened with `XLSX_OPTIONS`, so no string is turned into a formula, URL or number.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from paicha_geo.domain.formulas import RISKY_LEADS

_JS_TEMPLATE = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;",
                              "\n": "&#10;", "\r": "&#13;",
                              "{": "&#123;", "}": "&#125;"})
_MD_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_AUTOLINK = re.compile(r"(?i)(:(?=//)|www(?=\.)|@)")  # where GFM autolinks start
WORD_JOINER = "\u2060"
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value))


def text(value) -> str:
    """Plain text safe in HTML content, a quoted attribute, or a folium tooltip literal (and
    through branca's second Jinja pass over it)."""
    if _missing(value):
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


def chart(value) -> str:
    """Text for a plotly figure (category, tick label, name): plotly reads <a href>, <b>, <br>
    inside text as markup; HTML-escaped, it shows the text as typed."""
    return "" if _missing(value) else html.escape(str(value), quote=False)


def markdown(value) -> str:
    """Plain text safe wherever Streamlit reads markdown: shows as typed, one line, no syntax.

    Line breaks become spaces (markdown shows a single one as a space anyway; a blank line
    would start a new block)."""
    if _missing(value):
        return ""
    plain = _AUTOLINK.sub(r"\1" + WORD_JOINER, _LINE_BREAKS.sub(" ", str(value)))
    return _MD_PUNCTUATION.sub(r"\\\1", plain)


def markdown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for st.table (whose cells, index and headers are markdown): text escaped."""
    def esc(value):
        return markdown(value) if isinstance(value, str) else value

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(esc)
    out.columns = [esc(c) for c in out.columns]
    out.index = out.index.map(esc)
    if out.index.name is not None:
        out.index.name = esc(out.index.name)
    return out


def cell(value):
    """A spreadsheet cell value no spreadsheet will run: risky leading text gets an apostrophe."""
    if isinstance(value, str) and value.startswith(RISKY_LEADS):
        return "'" + value
    return value


def cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and header passed through `cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(cell)
    out.columns = [cell(c) for c in out.columns]
    return out
