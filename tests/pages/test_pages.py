"""Every page in Streamlit's AppTest (no browser): its title, a bad `?region=`, and a region
with nothing in it. What needs a real browser (the map's iframe, clicks) stays in
tests/test_browser_*.py."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from tests.conftest import ROOT
from tests.signin import signed_in

PAGES = {  # page -> the label its title is made of
    "map": labels.APP_SUBTITLE,
    "guarantees": labels.GUARANTEE_TITLE,
    "crosscheck": labels.CROSS_TITLE,
    "progress": labels.PROGRESS_TITLE.split("{region}")[-1].strip(" ·"),
    "compare": "对比",
    "inspect": labels.INSPECT_TITLE,
    "ledger": labels.LEDGER_TITLE,
}
EMPTY_DISTRICT = "320412"  # 武进区 in the demo: every village, household and issue removed


@pytest.fixture(scope="module")
def empty_db(demo_db, tmp_path_factory):
    """The demo, with one district emptied of data and one of its townships of villages."""
    db = tmp_path_factory.mktemp("pages") / "empty.duckdb"
    shutil.copy(demo_db, db)
    con = duckdb.connect(str(db))
    like = f"{EMPTY_DISTRICT}%"
    con.execute("DELETE FROM issue_history WHERE issue_code IN "
                "(SELECT issue_code FROM issue WHERE region_code LIKE ?)", [like])
    for table, column in (("issue", "region_code"), ("visit", "region_code"),
                          ("household", "village_code"), ("village", "code")):
        con.execute(f"DELETE FROM {table} WHERE {column} LIKE ?", [like])  # noqa: S608
    town = con.execute("SELECT min(code) FROM region WHERE level = 'town' AND code LIKE ?",
                       [like]).fetchone()[0]
    con.execute("DELETE FROM region WHERE parent_code = ?", [town])
    con.close()
    return db, town


@pytest.fixture
def run(empty_db, monkeypatch):
    db, _ = empty_db
    monkeypatch.setenv("PAICHA_DB", str(db))
    monkeypatch.delenv("PAICHA_DEV", raising=False)

    def go(page: str, **query) -> AppTest:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
        at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
        at.switch_page(f"app_pages/{page}.py")
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        return at

    return go


def _title(at: AppTest) -> str:
    return at.title[0].value.replace("\\", "") if at.title else ""


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_opens_on_the_city_with_its_title(run, page):
    at = run(page)
    assert _title(at).startswith("常州市") and PAGES[page] in _title(at)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_bad_region_says_so_and_shows_the_city(run, page):
    at = run(page, region="9999")
    assert any("9999" in w.value and "找不到" in w.value for w in at.warning)
    assert _title(at).startswith("常州市")


@pytest.mark.parametrize("page", list(PAGES))
def test_a_district_without_data_shows_zeros_not_errors(run, page):
    at = run(page, region=EMPTY_DISTRICT)
    assert _title(at).startswith("武进区")


@pytest.mark.parametrize("page", ["map", "guarantees", "crosscheck", "compare", "inspect"])
def test_a_township_without_villages_says_there_is_nothing_below(run, empty_db, page):
    _, town = empty_db
    at = run(page, region=town)
    texts = [i.value for i in at.info] + [c.value for c in at.caption]
    assert any(labels.NOTHING_BELOW in t for t in texts), texts


def test_the_large_screen_opens_with_its_title(run):
    at = run("screen")
    assert any(labels.SCREEN_TITLE in m.value for m in at.markdown)
