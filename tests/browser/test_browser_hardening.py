"""Issue #11, limits, in a real Chromium: what a visitor sees when a URL value is bad or the
database is held by another process. A Chinese message; no traceback, no exception name, no
server path (two page loads: CPU is scarce)."""

import shutil
import threading

import duckdb
import pytest

from paicha_geo import labels
from paicha_geo.store.db import connect
from tests.conftest import ROOT, running_app, sign_in_context, wait_for_app

pytestmark = pytest.mark.browser

LEAKS = ("Traceback", "Error:", "ValueError", "StoreBusyError", "site-packages", str(ROOT))


def _leaks(text: str, *more: str) -> list[str]:
    return [leak for leak in (*LEAKS, *more) if leak in text]


def test_screen_with_asof_not_a_date_shows_a_notice_and_no_traceback(page, app_url):
    """Measured: /?screen=1&asof=notadate showed a ValueError with its traceback and paths."""
    page.goto(f"{app_url}/?screen=1&asof=notadate&refresh=[x](http://evil.example/)")
    wait_for_app(page)
    page.locator(".scr-kpi").first.wait_for(timeout=30_000)  # the screen is drawn
    text = page.inner_text("body")
    assert "asof=notadate）不是日期" in text
    assert "refresh=[x](http://evil.example/)）不是数字" in text  # shown literally
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert _leaks(text) == []


def test_a_second_process_holding_the_database_gets_a_chinese_message(browser, demo_db,
                                                                      tmp_path):
    """Measured: a second process on the same file showed StoreBusyError with a traceback.
    Now (issue 19) the dashboard waits database.app_wait_seconds for the other process: one
    that never lets go gets the sign-in page's busy message (the detail goes to the server
    log); one that lets go within the wait (a command's import) only delays the page."""
    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    holder = duckdb.connect(str(db))  # this test process holds the file read-write
    with running_app(db, tmp_path, settings={"database": {"app_wait_seconds": 8}}) as url:
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        try:
            page = context.new_page()
            page.goto(url)
            text = page.inner_text("body")
            assert labels.DB_BUSY_PAGE in text
            assert _leaks(text, str(db), "duckdb") == []
            holder.close()
            sign_in_context(context, url)
            page.goto(url)
            wait_for_app(page)
            page.get_by_text(labels.APP_SUBTITLE).first.wait_for(timeout=60_000)
            assert labels.DB_BUSY_PAGE not in page.inner_text("body")
            holder = connect(db, wait=60)  # a command takes its turn and holds it a second
            threading.Timer(1.0, holder.close).start()
            page.reload()
            wait_for_app(page)
            page.get_by_text(labels.APP_SUBTITLE).first.wait_for(timeout=60_000)
            assert labels.DB_BUSY_PAGE not in page.inner_text("body")
        finally:
            context.close()
            holder.close()
    assert "database busy" in (tmp_path / "streamlit.log").read_text()
