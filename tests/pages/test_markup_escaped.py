"""Data is text, not markup (issue #11): imported text never becomes a link or an element.

A markdown link, a script tag, a bold tag and a link after a blank line are planted at the
start of every user-entered text (region and campaign names, descriptions, measures, 责任单位,
verifier, history actors and notes, household names and numbers, visits). Each page runs in
Streamlit's AppTest, and every text Streamlit reads as markdown (st.markdown, captions,
alerts, titles, button labels, metric labels, st.table cells) is checked: the payload must
not be there as markup (nor as a URL GFM would autolink), but must be there as escaped text
(it reached the page, shown as typed). HTML that the pages build themselves
(unsafe_allow_html) must hold the payload only HTML-escaped and on one line (a blank line
ends an HTML block: markdown again after it).
Rendering itself is checked once in a browser: tests/test_browser_markup.py.
"""

from __future__ import annotations

import html
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.hostile_fixture import EVIL_LINK, MARKUP, hostile_copy, pages_on
from tests.hostile_fixture import run_page as _run
from tests.signin import signed_in

# Markup as a markdown renderer reads it: not preceded by an escaping backslash.
RAW_MARKUP = re.compile(r"(?<!\\)\]\(http://evil|(?<!\\)<script|(?<!\\)<b>")
# GFM autolinks, which are found in the text after the escapes are resolved.
AUTOLINK = re.compile(r"(?i)https?://|www\.")
WORD_JOINER = "\u2060"
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
DISTRICT = "320412000000"


def _unescape_markdown(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(WORD_JOINER, ""))


@pytest.fixture(scope="module")
def hostile_db(demo_db, tmp_path_factory):
    db = hostile_copy(demo_db, tmp_path_factory.mktemp("markup") / "hostile.duckdb", MARKUP)
    con = duckdb.connect(str(db), read_only=True)
    # A village with open issues, a township-level view, and an issue with a history.
    village, issue = con.execute(
        "SELECT i.region_code, i.issue_code FROM issue i JOIN issue_history h USING "
        "(issue_code) JOIN village v ON v.code = i.region_code "
        "WHERE i.status <> 'closed' AND i.found_date < DATE '2020-05-01' "
        "AND i.responsible_unit IS NOT NULL GROUP BY ALL HAVING count(*) > 1 "
        "ORDER BY 1, 2 LIMIT 1").fetchone()
    fields = {
        "responsible_unit": con.execute("SELECT responsible_unit FROM issue WHERE issue_code = ?",
                                        [issue]).fetchone()[0],
        "actors": [r[0] for r in con.execute(
            "SELECT actor FROM issue_history WHERE issue_code = ?", [issue]).fetchall()],
        "village": con.execute("SELECT name FROM region WHERE code = ?", [village]).fetchone()[0],
        "district": con.execute("SELECT name FROM region WHERE code = ?",
                                [DISTRICT]).fetchone()[0],
        "campaign": con.execute("SELECT name FROM campaign").fetchone()[0],
    }
    con.close()
    with pages_on(db):
        yield {"village": village, "issue": issue, "fields": fields}


def _texts(at) -> list[tuple[str, str, bool]]:
    """(where, text, is_html) of everything Streamlit renders as markdown on the page."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "success",
                 "warning", "error"):
        for el in getattr(at, kind):
            out.append((kind, el.value, bool(getattr(el.proto, "allow_html", False))))
    for kind in ("button", "metric", "tabs", "expander"):
        for el in getattr(at, kind):
            out.append((kind, el.label, False))
    for el in at.metric:
        out.append(("metric value", str(el.value), False))
    for el in at.table:
        frame = el.value
        cells = [*map(str, frame.columns), *map(str, frame.index)]
        cells += [v for row in frame.itertuples(index=False) for v in row if isinstance(v, str)]
        out += [("table", c, False) for c in cells]
    return out


def _check(at) -> str:
    """Assert no planted markup is live on the page; returns everything shown, as text."""
    shown = []
    for where, text, is_html in _texts(at):
        if is_html:
            assert "<script" not in text and "<b>粗" not in text, (where, text[:300])
            if EVIL_LINK in text:  # inert inside an HTML block, unless a blank line ends it
                assert not re.search(r"\n[ \t]*\n", text), (where, text[:300])
            shown.append(html.unescape(text))
        else:
            assert not RAW_MARKUP.search(text), (where, text[:300])
            assert not AUTOLINK.search(_unescape_markdown(text)), (where, text[:300])
            shown.append(_unescape_markdown(text))
    return _squash("\n".join(shown))


def _sees(shown: str, value: str) -> bool:
    return _squash(value) in shown


def test_ledger_page_shows_the_responsible_unit_and_history_as_text(hostile_db):
    """Measured on main: a 责任单位 of `[点击查看整改材料](http://…)` was a live link."""
    # Through app.py: the issue card links to the map page, which needs the navigation.
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180))
    at.switch_page("app_pages/ledger.py")
    at.query_params["region"] = hostile_db["village"][:6]  # the issue's district
    at.run()
    at.text_input(key="grid_q").input(hostile_db["issue"]).run()
    grid = next(d for d in at.dataframe if (d.key or "").startswith("grid-"))
    at.session_state[grid.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()  # the issue picked in the grid: its card
    assert not at.exception, [e.value for e in at.exception]
    shown = _check(at)
    fields = hostile_db["fields"]
    assert _sees(shown, fields["responsible_unit"])
    assert all(_sees(shown, actor) for actor in fields["actors"])  # the history table
    assert _sees(shown, fields["village"])  # the card's region path


def test_map_page_village_panel_shows_names_and_issues_as_text(hostile_db):
    shown = _check(_run("map.py", region=hostile_db["village"]))
    assert _sees(shown, hostile_db["fields"]["village"])  # panel heading
    assert _sees(shown, hostile_db["fields"]["campaign"])  # under the title (HTML)
    assert EVIL_LINK in shown  # the open-issue table's descriptions


@pytest.mark.parametrize("page,params", [
    ("guarantees.py", {"region": "village"}),
    ("progress.py", {"region": DISTRICT[:6]}),
    ("compare.py", {}),
    ("inspect.py", {"region": DISTRICT[:6]}),
    ("screen.py", {}),
])
def test_no_page_turns_planted_text_into_markup(hostile_db, page, params):
    if params.get("region") == "village":
        params = {"region": hostile_db["village"]}
    shown = _check(_run(page, **params))
    assert any(_sees(shown, payload) for payload in MARKUP), page  # something was planted


@pytest.mark.parametrize("value", [
    *MARKUP, "武进区", "a_b*c*", "# 标题", "1. 第一", "> 引用", "|表|格|", ":red[红]", "$x^2$",
    "![图](http://evil.example/x.png)", "<http://evil.example>", "www.evil.example",
    "x@evil.example", "反斜杠 \\ 结尾\\", "`代码`", "~~删除~~"])
def test_escape_markdown_keeps_the_text_and_drops_all_syntax(value):
    from paicha_geo.render import escape

    out = escape.markdown(value)
    assert not RAW_MARKUP.search(out) and not AUTOLINK.search(_unescape_markdown(out))
    assert "\n" not in out  # one line: no new block can start inside a value
    # Every ASCII punctuation character is escaped, so nothing is markdown syntax ...
    assert not re.search(r"[!-/:-@\[-`{-~]", _MD_ESCAPE.sub("", out))
    # ... and what shows is the value as typed (line breaks shown as the space they are).
    assert _squash(_unescape_markdown(out)) == _squash(value)
