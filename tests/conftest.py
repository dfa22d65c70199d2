"""Shared fixtures: a demo database built once per run, a running app, a real browser."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from paicha_geo.demo.accounts import DEMO_PASSWORD  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("PAICHA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _scan_components_once():
    """Each new AppTest scans every installed distribution for Streamlit component manifests
    (0.6 s; the suite makes about 200): the installed packages do not change during a run,
    so the first scan's answer serves them all."""
    from streamlit.components.v2 import manifest_scanner

    original = manifest_scanner.scan_component_manifests
    answers: dict = {}

    def scan_once(max_workers=None):
        if "found" not in answers:
            answers["found"] = original(max_workers)
        return list(answers["found"])

    manifest_scanner.scan_component_manifests = scan_once
    yield
    manifest_scanner.scan_component_manifests = original


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of this test process's own (tests/pg_server.py). Without the
    binaries the PostgreSQL tests are skipped, except where PAICHA_REQUIRE_PG=1 (CI, set by
    scripts/test.sh, which installs them): there they fail."""
    from tests.pg_server import PgServer, binaries

    found = binaries()
    if found is None:
        if os.environ.get("PAICHA_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is not installed (postgresql-15, postgresql-15-postgis-3)")
        pytest.skip("PostgreSQL is not installed; scripts/test.sh installs it")
    server = PgServer(found)
    yield server
    server.stop()


BACKENDS = ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.fixture(params=BACKENDS)
def backend(request):
    """Which database a store test runs on: None for a DuckDB file, else the PostgreSQL
    server (tests.ledger_helpers.copy_store and new_store take it)."""
    if request.param == "duckdb":
        return None
    return request.getfixturevalue("pg_server")


@pytest.fixture(scope="module", params=BACKENDS)
def module_backend(request):
    """`backend` for a store shared by a module's tests."""
    if request.param == "duckdb":
        return None
    return request.getfixturevalue("pg_server")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The city-scale demo with the default seed, built once (read it, don't write it)."""
    from paicha_geo.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path, "city", 2020)
    return path


@pytest.fixture(scope="session")
def demo_store(demo_db):
    from paicha_geo.store import Store

    store = Store(demo_db, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def snap(demo_store):
    """The demo's in-memory snapshot, as the app holds it."""
    from paicha_geo.services import data

    return data.load_snapshot(demo_store)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Hostile text planted in the browser tests' database: it must show as plain text.
EVIL_VILLAGE_NAME = "${alert(1)}"
EVIL_DESCRIPTION = "<img src=x onerror=alert(1)>"


def plant_hostile_text(db: Path) -> str:
    """Rename one weak village and describe one of its issues with script; returns its code."""
    import duckdb

    con = duckdb.connect(str(db))
    code = con.execute(
        "SELECT v.code FROM village v JOIN issue i ON i.region_code = v.code "
        "WHERE v.weak_type IS NOT NULL AND i.status <> 'closed' AND i.found_date < DATE "
        "'2020-05-01' ORDER BY v.code LIMIT 1").fetchone()[0]
    con.execute("UPDATE region SET name = ? WHERE code = ?", [EVIL_VILLAGE_NAME, code])
    con.execute("UPDATE issue SET description = ? WHERE region_code = ?", [EVIL_DESCRIPTION, code])
    con.close()
    return code


@pytest.fixture(scope="session")
def app_db(demo_db, tmp_path_factory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("app") / "app.duckdb"
    shutil.copy(demo_db, db)
    return db, plant_hostile_text(db)


@pytest.fixture(scope="session")
def hostile_village(app_db) -> str:
    return app_db[1]


@contextlib.contextmanager
def running_app(db: Path, log_dir: Path, settings: dict | None = None,
                env: dict | None = None):
    """`streamlit run serve.py` (the pages behind the sign-in gate) on a free loopback port
    against `db`; yields its URL.

    `settings` overrides installation settings (written to a $PAICHA_SETTINGS file); `env`
    adds environment variables for the server process."""
    port = _free_port()
    env = {**os.environ, **(env or {}), "PAICHA_DB": str(db)}
    if settings is not None:
        override = log_dir / "settings.json"
        override.write_text(json.dumps(settings), encoding="utf-8")
        env["PAICHA_SETTINGS"] = str(override)
    log = open(log_dir / "streamlit.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited: {Path(log.name).read_text()}") \
                        from None
                time.sleep(0.5)
        else:
            raise RuntimeError("streamlit did not start in 90 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# The shared browser-test app lets the large screen refresh (and its carousel turn) every
# second, so a test can watch 30 refresh cycles; the installation minimums (30 s, 10 s) are
# tested in test_app_hardening.
FAST_SCREEN = {"limits": {"screen_refresh_min_seconds": 1, "carousel_min_seconds": 1}}


@pytest.fixture(scope="session")
def app_url(app_db, tmp_path_factory):
    """The app against the shared (read-mostly) browser-test database."""
    with running_app(app_db[0], tmp_path_factory.mktemp("log"), FAST_SCREEN) as url:
        yield url


@pytest.fixture(scope="module")
def writable_app_url(demo_db, tmp_path_factory):
    """A separate app on its own copy, for tests that write (imports, status changes)."""
    db = tmp_path_factory.mktemp("writable") / "app.duckdb"
    shutil.copy(demo_db, db)
    with running_app(db, tmp_path_factory.mktemp("log")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/test.sh (it installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh page that refuses (and records) every request that leaves this machine."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.external_requests = []

    def guard(route):
        host = route.request.url.split("/")[2] if "://" in route.request.url else ""
        if host.startswith("127.0.0.1") or host.startswith("localhost") or not host:
            route.continue_()
        else:
            page.external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    sign_in_context(context, app_url)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def sign_in_context(context, url: str, account: str = "admin") -> None:
    """Sign a browser context in through the real form POST (the cookie lands in it)."""
    response = context.request.post(url + "/login", form={
        "account": account, "password": DEMO_PASSWORD, "next": "/"}, max_redirects=0)
    assert response.status == 303, response.text()[:300]


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Until the app has rendered, the script has finished running and no spinner remains,
    nor a grey placeholder of an element whose code the browser is still loading (a
    screenshot taken then showed skeletons instead of the leader's figures)."""
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]',
                           state="attached", timeout=timeout)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSpinner\"], "
        "[data-testid=\"stSkeleton\"], [data-testid=\"stSkeletonElement\"]')",
        timeout=timeout,
    )


def open_issue_by_search(page, code: str, card: str = ".st-key-issue-card") -> None:
    """Search the 问题台账 grid for one issue code and tick its row to open its card.

    Waits for the search to apply (共 1 个问题) before ticking: the issue may also be the
    first row of the unfiltered grid, and a tick before the search's rerun is undone by it.
    One more tick if the card has not opened (a rerun can swallow the first click).
    """
    from playwright.sync_api import expect

    box = page.get_by_role("textbox", name="搜索问题")
    box.fill(code)
    box.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("共 1 个问题")).to_be_visible(timeout=30_000)
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.locator("[role=gridcell]", has_text=code).first).to_be_attached(
        timeout=30_000)
    expect(grid).to_have_count(1, timeout=30_000)  # the unsearched grid has gone
    for attempt in range(2):
        corner = grid.bounding_box()  # glide grid: the row marker of the first (only) row
        page.mouse.click(corner["x"] + 18, corner["y"] + 35 + 17)
        wait_for_app(page)
        try:
            expect(page.locator(card)).to_contain_text(f"问题 {code}", timeout=30_000)
            return
        except AssertionError:
            if attempt:
                raise


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
