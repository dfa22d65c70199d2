"""Issue #11, limits: the server stays up and tells the visitor, in Chinese, what went wrong.

Intervals from the URL or the environment are raised to minimums from settings; every URL
parameter that cannot be used gives a notice; an unexpected error in a page shows a Chinese
message (details in the server log, none in the browser); a second process holding the
database gets a message and a retry; the upload cap at the server matches the settings.
Pure rules are table tests; the pages run in Streamlit's AppTest (no browser).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import subprocess
import sys
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from paicha_geo.config import PACKAGE_DATA
from paicha_geo.domain.settings import Settings
from paicha_geo.render.escape import code
from paicha_geo.services import params
from tests.conftest import ROOT
from tests.signin import signed_in

D = dt.date
LIMITS = Settings.from_dict(json.loads((PACKAGE_DATA / "settings.json").read_text())).limits


# -- pure rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "default", "minimum", "off", "value", "kind"), [
    (None, 300, 30, False, 300, None),          # absent: the default
    ("", 300, 30, False, 300, None),            # ?refresh= : the default, nothing to say
    ("60", 300, 30, False, 60, None),
    ("30", 300, 30, False, 30, None),           # exactly the minimum
    ("29.9", 300, 30, False, 30, params.RAISED),
    ("-1", 300, 30, False, 30, params.RAISED),  # measured: became a 0.5 s rerun loop
    ("0", 300, 30, False, 30, params.RAISED),
    ("0", 0, 10, True, 0, None),                # carousel=0: switched off
    ("-5", 0, 10, True, 10, params.RAISED),
    ("1", 0, 10, True, 10, params.RAISED),
    ("abc", 300, 30, False, 300, params.NOT_NUMBER),
    ("nan", 300, 30, False, 300, params.NOT_NUMBER),
    ("inf", 300, 30, False, 300, params.NOT_NUMBER),
    ("1e309", 300, 30, False, 300, params.NOT_NUMBER),  # overflows to inf
    (["5", "90"], 300, 30, False, 90, None),    # given twice: the last one, as Streamlit
])
def test_intervals_are_raised_to_their_minimum(raw, default, minimum, off, value, kind):
    read = params.interval("refresh", raw, default, minimum, off=off)
    assert read.value == value
    assert (read.problem.kind if read.problem else None) == kind


@pytest.mark.parametrize(("seconds", "minimum", "off", "expected"), [
    (-1, 30, False, (30, True)), (0, 30, False, (30, True)), (0.5, 30, False, (30, True)),
    (30, 30, False, (30, False)), (600, 30, False, (600, False)),
    (0, 10, True, (0, False)), (3, 10, True, (10, True)),
])
def test_clamp_interval(seconds, minimum, off, expected):
    assert params.clamp_interval(seconds, minimum, off) == expected


def test_an_environment_interval_in_minutes_is_raised_too():
    read = params.interval("PAICHA_SCREEN_REFRESH_MINUTES", "0.01", 300, 30, unit=60,
                           source=params.ENV)
    assert read.value == 30 and read.problem.kind == params.RAISED
    assert read.problem.source == params.ENV


RANGE = (D(2020, 1, 1), D(2020, 6, 30))


@pytest.mark.parametrize(("read", "value", "kind"), [
    (params.date("asof", "2020-05-01", D(2020, 5, 31), *RANGE), D(2020, 5, 1), None),
    (params.date("asof", "2020/05/01", D(2020, 5, 31), *RANGE), D(2020, 5, 1), None),
    (params.date("asof", "notadate", D(2020, 5, 31), *RANGE), D(2020, 5, 31), params.NOT_DATE),
    (params.date("asof", "2020-13-01", D(2020, 5, 31), *RANGE), D(2020, 5, 31),
     params.NOT_DATE),
    (params.date("asof", "2019-12-31", D(2020, 5, 31), *RANGE), D(2020, 5, 31),
     params.OUT_OF_RANGE),
    (params.date("asof", "2099-01-01", D(2020, 5, 31), *RANGE), D(2020, 5, 31),
     params.OUT_OF_RANGE),
    (params.number("n", "5", 8, low=3, high=15, integer=True), 5, None),
    (params.number("n", "5.0", 8, low=3, high=15, integer=True), 5, None),
    (params.number("n", "5.5", 8, low=3, high=15, integer=True), 8, params.NOT_INTEGER),
    (params.number("n", "99", 8, low=3, high=15, integer=True), 8, params.OUT_OF_RANGE),
    (params.number("n", "x", 8, low=3, high=15), 8, params.NOT_NUMBER),
    (params.number("scale", "99", None, low=0.5, high=4, clamp=True), 4, params.LOWERED),
    (params.number("scale", "0", None, low=0.5, high=4, clamp=True), 0.5, params.RAISED),
    (params.number("scale", "2", None, low=0.5, high=4, clamp=True), 2, None),
    (params.flag("all", "TRUE"), True, None),
    (params.flag("all", "maybe"), False, params.NOT_BOOL),
    (params.choice("metric", "销号率", ["销号率", "超期"], "超期"), "销号率", None),
    (params.choice("metric", "xx", ["销号率", "超期"], "超期"), "超期", params.UNKNOWN),
    (params.choices("src", ["a", "zz", "b"], ["a", "b"]), ("a", "b"), params.SOME_UNKNOWN),
    (params.choices("src", ["a"], ["a", "b"]), ("a",), None),
])
def test_url_values_are_read_or_refused_with_a_reason(read, value, kind):
    assert read.value == value
    assert (read.problem.kind if read.problem else None) == kind


def test_asof_may_run_to_today_once_the_deadline_has_passed():
    assert params.asof_bounds(D(2020, 1, 1), D(2020, 6, 30), D(2026, 1, 2)) == (
        D(2020, 1, 1), D(2026, 1, 2))
    assert params.asof_bounds(D(2020, 1, 1), D(2020, 6, 30), D(2020, 3, 1))[1] == D(2020, 6, 30)


@pytest.mark.parametrize("kind", [params.NOT_NUMBER, params.NOT_INTEGER, params.NOT_DATE,
                                  params.NOT_BOOL, params.OUT_OF_RANGE, params.RAISED,
                                  params.LOWERED, params.UNKNOWN, params.SOME_UNKNOWN])
def test_every_problem_kind_has_a_chinese_notice(kind):
    problem = params.Problem("refresh", "-1", kind, used=30.0, low=30.0, high=600.0)
    text = labels.param_notice(problem, labels.SCREEN_REFRESH_PARAM, "-1", labels.SECONDS)
    assert text.startswith("网址参数“大屏刷新间隔”（refresh=-1）")
    assert text.endswith("。") and "{" not in text


def test_a_raised_interval_names_the_minimum_and_the_value_used():
    read = params.interval("refresh", "-1", 300, 30)
    text = labels.param_notice(read.problem, labels.SCREEN_REFRESH_PARAM, "-1", labels.SECONDS)
    assert "下限 30 秒" in text and "已改为 30 秒" in text


@pytest.mark.parametrize(("raw", "shown"), [
    ("[点击](http://evil.example/x)", "` [点击](http://evil.example/x) `"),
    ("a`b``c", "``` a`b``c ```"),  # the fence outruns any backticks inside
    ("`x", "`` `x ``"),
    ("two\nlines", "` two lines `"),
    ("a" * 50, "` " + "a" * 40 + "… `"),
])
def test_a_value_repeated_in_a_notice_is_a_code_span(raw, shown):
    """Backslash escapes leave `http://…` a live link in Streamlit's markdown; a code span
    shows anything verbatim (checked in Chromium by test_browser_hardening)."""
    assert code(raw, 40) == shown


# -- configuration ------------------------------------------------------------------------

def _streamlit_config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_server_refuses_uploads_above_the_settings_limit():
    """A 47 MB upload is stopped by Streamlit itself, before our code reads a byte."""
    assert _streamlit_config()["server"]["maxUploadSize"] == LIMITS.upload_max_mb


def test_error_details_are_off_in_the_browser_by_default():
    assert _streamlit_config()["client"]["showErrorDetails"] == "none"


def test_streamlit_control_flow_is_not_caught_by_the_page_guard():
    """The guard catches Exception; st.rerun/st.stop/st.switch_page must stay outside it."""
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    for control in (RerunException, StopException):
        assert not issubclass(control, Exception)


# -- pages (AppTest) ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def app_env(demo_db, tmp_path_factory):
    """The app's environment: its own copy of the demo (the app opens it read-write, which
    the session's read-only demo_store could not share) and no cached store from elsewhere."""
    import streamlit as st

    db = tmp_path_factory.mktemp("hardening") / "app.duckdb"
    shutil.copy(demo_db, db)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield db
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def run_app(app_env, monkeypatch):
    monkeypatch.setenv("PAICHA_DB", str(app_env))
    monkeypatch.delenv("PAICHA_DEV", raising=False)
    monkeypatch.delenv("PAICHA_SCREEN_REFRESH_MINUTES", raising=False)

    def run(page: str | None = None, account: str = "admin", **query) -> AppTest:
        at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), account)
        if page:
            at.switch_page(f"app_pages/{page}.py")
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return run


def _texts(at: AppTest) -> list[str]:
    """Every text a visitor could read on the page (as rendered markdown sources)."""
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "code", "text",
                 "title", "header", "subheader", "exception"):
        for element in getattr(at, kind):
            out.append(str(getattr(element, "value", "")) + str(getattr(element, "message", "")))
    return out


def given(key: str, raw: str) -> str:
    """How a notice repeats what the URL held: as a code span, so nothing in it is live."""
    return f"{key}={code(raw)}）"


def _warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def test_screen_with_asof_not_a_date_shows_a_notice_not_a_crash(run_app):
    """Measured: /?screen=1&asof=notadate raised ValueError with a traceback."""
    at = run_app(screen="1", asof="notadate")
    assert not at.exception
    assert f"{given('asof', 'notadate')}不是日期" in _warnings(at)
    assert "已使用 2020-07-15" in _warnings(at)  # the demo opens on its clock
    assert any("scr-kpi" in m.value for m in at.markdown)  # the screen itself is drawn


def test_screen_refresh_and_carousel_below_their_minimum_are_raised_with_a_notice(run_app):
    """Measured: ?screen=1&refresh=-1 became a 0.5 s rerun loop, silently."""
    at = run_app(screen="1", refresh="-1", carousel="1", scale="99", metric="xx")
    shown = _warnings(at)
    assert f"{given('refresh', '-1')}低于下限 {LIMITS.screen_refresh_min_seconds:g} 秒" in shown
    assert f"{given('carousel', '1')}低于下限 {LIMITS.carousel_min_seconds:g} 秒" in shown
    assert f"{given('scale', '99')}高于上限 {LIMITS.screen_scale_max:g}" in shown
    assert f"{given('metric', 'xx')}不是可选的值" in shown
    assert not at.exception


def test_screen_refresh_from_the_environment_is_raised_with_a_notice(run_app, monkeypatch):
    monkeypatch.setenv("PAICHA_SCREEN_REFRESH_MINUTES", "0.01")
    at = run_app(screen="1")
    assert f"环境变量 {given('PAICHA_SCREEN_REFRESH_MINUTES', '0.01')[:-1]}" in _warnings(at)


def test_screen_with_good_parameters_says_nothing(run_app):
    at = run_app(screen="1", refresh="120", carousel="0", asof="2020-04-30", scale="1.5",
                 metric=labels.MAP_METRICS["issues_open"][0])
    assert not at.warning and not at.exception


# Each page opened with unusable URL values: every one of them is named in a notice (before,
# bound widgets dropped them silently and the page read others without a word).
PAGES = [
    (None, {"asof": "2019-01-01", "metric": "xx", "all": "maybe", "grp": ["bad"],
            "src": "nope", "unit": "[u](http://x)", "from": "2020-13-01",
            "region": "[r](http://x)"},
     [given("asof", "2019-01-01") + "超出可选范围", given("metric", "xx"),
      given("all", "maybe"), given("grp", "bad"), given("src", "nope"),
      given("unit", "[u](http://x)"), given("from", "2020-13-01") + "不是日期",
      "找不到区划代码 ` [r](http://x) `"]),
    ("guarantees", {"g": "nope", "gmode": "nope", "asof": "notadate"},
     [given("g", "nope"), given("gmode", "nope"), given("asof", "notadate")]),
    ("inspect", {"n": "99", "road": "x", "layer": "no", "cov_days": "5", "region": "320412"},
     [given("n", "99") + "超出可选范围（3 至 15），已使用 8", given("road", "x") + "不是数字",
      given("layer", "no"), given("cov_days", "5")]),
    ("compare", {"rank": "no"}, [given("rank", "no")]),
    ("progress", {"rank": "no"}, [given("rank", "no")]),
    ("ledger", {"asof": "2099-01-01"}, [given("asof", "2099-01-01") + "超出可选范围"]),
    (None, {"screen": "2"}, [given("screen", "2") + "只能为 1"]),
]


@pytest.mark.parametrize(("page", "query", "expected"), PAGES,
                         ids=["map", "guarantees", "inspect", "compare", "progress", "ledger",
                              "screen-flag"])
def test_every_unusable_url_parameter_gets_a_notice(run_app, page, query, expected):
    at = run_app(page, **query)
    shown = _warnings(at)
    for fragment in expected:
        assert fragment in shown
    assert not at.exception


def test_a_page_error_shows_a_chinese_message_and_logs_the_details(run_app, monkeypatch,
                                                                   caplog):
    secret = f"boom at {ROOT}/paicha_geo/secret.py"

    def boom(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr("paicha_geo.render.region_map.build_base_map", boom)
    with caplog.at_level(logging.ERROR, logger="paicha_geo.app"):
        at = run_app()
    assert not at.exception
    assert [e.value for e in at.error] and at.error[0].value.startswith("页面出错了")
    page = "\n".join(_texts(at))
    assert "boom" not in page and str(ROOT) not in page and "RuntimeError" not in page
    logged = [r for r in caplog.records if r.name == "paicha_geo.app"]
    assert logged and logged[0].exc_info and secret in str(logged[0].exc_info[1])
    reference = logged[0].getMessage().split()[-1]
    assert reference in at.error[0].value  # the visitor can quote it to the administrator


def test_an_error_in_the_screen_fragment_is_caught_as_well(run_app, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("paicha_geo.render.screen.kpi_tiles", boom)
    at = run_app(screen="1")
    assert not at.exception
    assert at.error and at.error[0].value.startswith("页面出错了")


def test_development_mode_keeps_the_full_details(run_app, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("paicha_geo.render.region_map.build_base_map", boom)
    monkeypatch.setenv("PAICHA_DEV", "1")
    at = run_app()
    assert at.exception and "boom" in at.exception[0].message


def test_st_stop_inside_a_page_is_not_reported_as_an_error(run_app):
    """The ledger page stops at its backup tab for a role without the power (st.stop), after
    saying so: no error message."""
    at = run_app("ledger", account="leader")
    assert labels.NO_POWER.format(role=labels.ROLES["leader"], what=labels.BACKUP_POWER) in [
        i.value for i in at.info]
    assert not at.error and not at.exception


HOLD = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.read()
"""


def test_a_second_process_holding_the_database_gets_a_message_and_a_retry(
        demo_db, tmp_path, monkeypatch):
    """Measured: a second app process on the same file showed StoreBusyError's traceback.
    Now the page waits database.app_wait_seconds (1 s here) for it first, then says so.
    The failure is not cached: once the other process lets go, the next run works."""
    import streamlit as st

    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("PAICHA_DB", str(db))
    waits = tmp_path / "settings.json"
    waits.write_text('{"database": {"app_wait_seconds": 1}}', encoding="utf-8")
    monkeypatch.setenv("PAICHA_SETTINGS", str(waits))
    st.cache_resource.clear()
    st.cache_data.clear()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        assert [e.value for e in at.error] == [labels.DB_BUSY_PAGE]
        assert [b.label for b in at.button] == [labels.DB_BUSY_RETRY]
        page = "\n".join(_texts(at))
        assert "StoreBusyError" not in page and str(db) not in page and not at.exception
    finally:
        holder.stdin.close()
        holder.wait(30)
    signed_in(at, db=db)  # the file is free again: a session can be opened in it
    at.button[0].click().run()
    assert not at.error and not at.exception
    assert any(labels.APP_SUBTITLE in t.value for t in at.title)
    st.cache_resource.clear()  # let go of this copy
    st.cache_data.clear()


def test_page_links_carry_every_value_of_a_filter(run_app):
    """?src=a&src=b moved to another page with only b: a filter silently narrowed."""
    from urllib.parse import parse_qs

    sources = list(labels.SOURCES.values())[:2]
    at = run_app(src=sources, asof="2020-04-30")
    assert not at.warning
    for link in at.get("page_link"):
        carried = parse_qs(link.proto.query_string)
        if link.proto.label != labels.NAV_SCREEN:
            assert carried["src"] == sources and carried["asof"] == ["2020-04-30"]
