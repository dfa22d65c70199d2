"""Data is text, not markup, as rendered in a real Chromium (issue #11).

The app runs against a database where every user-entered text starts with a markdown link,
a script tag, a bold tag or a link after a blank line (tests/hostile_fixture.py). Three page
loads (the ledger's status of one issue, a village on the map, the large screen) must show
that text as typed: no link to it, no script or bold element made from it, in the page or
its iframes, and no stray escaping backslash. The AppTest module test_markup_escaped.py
checks every page's markdown sources; this one checks the rendering.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import (
    open_issue_by_search,
    running_app,
    save_screenshot,
    sign_in_context,
    wait_for_app,
)
from tests.hostile_fixture import EVIL_LINK, MARKUP, hostile_copy

pytestmark = pytest.mark.browser

INJECTED = """() => {
  const docs = [document, ...[...document.querySelectorAll('iframe')]
      .map(f => { try { return f.contentDocument; } catch (e) { return null; } })
      .filter(Boolean)];
  const found = [];
  for (const d of docs) {
    d.querySelectorAll('a[href*="evil.example"]').forEach(a => found.push('a ' + a.href));
    d.querySelectorAll('script').forEach(s => {
      if (s.textContent.trim() === 'alert(1)') found.push('script');
    });
    d.querySelectorAll('b, strong').forEach(b => {
      if (b.textContent.includes('粗')) found.push('b ' + b.textContent);
    });
  }
  return found;
}"""


@pytest.fixture(scope="module")
def markup_app(demo_db, tmp_path_factory):
    db = hostile_copy(demo_db, tmp_path_factory.mktemp("markup-app") / "app.duckdb", MARKUP)
    con = duckdb.connect(str(db), read_only=True)
    village, issue = con.execute(
        "SELECT i.region_code, i.issue_code FROM issue i JOIN village v ON v.code = "
        "i.region_code WHERE i.status <> 'closed' AND i.found_date < DATE '2020-05-01' "
        "AND starts_with(i.responsible_unit, ?) ORDER BY 1, 2 LIMIT 1", [EVIL_LINK]).fetchone()
    con.close()
    with running_app(db, tmp_path_factory.mktemp("markup-log")) as url:
        yield url, village, issue


def _assert_inert(page, name: str) -> str:
    assert page.locator('[data-testid="stException"]').count() == 0
    found = page.evaluate(INJECTED)
    assert not found, f"{name}: planted markup became elements: {found}"
    assert page.dialogs == []
    text = page.locator('[data-testid="stMain"]').inner_text()
    for artefact in ("\\[", "\\]", "\\(", "\\<", "\\>", "\\:", "&lt;", "&#"):
        assert artefact not in text, f"{name}: escaping shows as {artefact!r}"
    save_screenshot(page, f"markup_{name}")
    return text.replace("\u2060", "")  # the invisible word joiner that breaks autolinks


def test_planted_markup_shows_as_typed_and_never_as_a_link_or_element(page, markup_app):
    url, village, issue = markup_app
    sign_in_context(page.context, url)  # this app has its own database and sessions
    # The ledger: the issue's 责任单位 (a markdown link, live on main) and its history table.
    page.goto(f"{url}/ledger?region={village[:6]}")
    wait_for_app(page)
    open_issue_by_search(page, issue)  # the 问题台账 grid, searched by code
    page.locator(".st-key-issue-history table").wait_for(timeout=60_000)
    wait_for_app(page)
    text = _assert_inert(page, "ledger")
    assert f"责任单位 {EVIL_LINK}" in text

    # A village on the map: panel heading, breadcrumb buttons, open issues (st.table).
    page.goto(f"{url}/?region={village}")
    wait_for_app(page)
    page.locator(".st-key-open-issues table").wait_for(timeout=60_000)
    text = _assert_inert(page, "map_village")
    assert any(payload in text for payload in ("<script>alert(1)</script>", "<b>粗</b>",
                                               EVIL_LINK))

    # The large screen: the pages' own HTML (ranking, most overdue units).
    page.goto(f"{url}/?screen=1")
    wait_for_app(page)
    page.locator(".scr-table").first.wait_for(timeout=60_000)
    _assert_inert(page, "screen")
