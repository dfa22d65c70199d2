"""Page benchmark (not a test): every page cold and warm in a real Chromium, beside a bare
Streamlit page measured in the same run and browser.

    PYTHONPATH=. .venv/bin/python bench/page_bench.py --db /tmp/demo.duckdb
    PYTHONPATH=. .venv/bin/python bench/page_bench.py --db /tmp/prov.duckdb --sessions 10
    PYTHONPATH=. .venv/bin/python bench/page_bench.py --db /tmp/old.duckdb --app-root /tmp/before

--app-root runs the app of another checkout (for a before/after table: a `git worktree` of an
earlier commit, its app.py made to append each run's time to PAICHA_TIMING_LOG as
app_pages/_timing.py does; its database built by its own `paicha-geo demo`). Such an app may
have no warm-up (no app_pages/_warmup.py), and then the bench does not wait for one: its first
visits pay the cold start.

The database is copied first (the app holds its file). The app is started as
`streamlit run serve.py` (sign-in gate, warm-up at start) with PAICHA_TIMING_LOG, so each
script run writes its server time; the bare page (bench/bare_page.py) likewise.

- warm-up: from the server's start until it logs "caches warmed".
- cold: a page's first visit after the warm-up, in a new browser context (new session).
- warm: the same page again in that context (median of --repeat).
  Total = navigation until the script has finished and, on map pages, the map's shapes are
  drawn; server = the script run's own time.
- drill: city → district → township → village on the map page (?region=), server time;
  then a district and a township nobody opened yet on /progress and /compare.
- memory: the app's resident set after every page has been seen, and again after its
  periodic collection and trim has run (TIDY_WAIT).
- concurrency (--sessions N): N signed-in contexts opening every page at once; the slowest
  and the median page time.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Paicha#2020"
TIDY_WAIT = 35  # seconds: app_pages/_warmup.TIDY_SECONDS and a margin
PAGES = [("/", True), ("/guarantees", True), ("/crosscheck", False), ("/progress", False),
         ("/compare", False), ("/inspect", True), ("/ledger", False), ("/?screen=1", True)]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
READY = """() => {
  const app = document.querySelector('[data-test-script-state]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]'))
    return false;
  if (document.querySelector('[data-testid="stSpinner"]')) return false;
  return true;
}"""
# Drawn, or no map on this page at all (the province's 督查选点 asks for a city first).
MAP_DRAWN = """() => {
  const frames = document.querySelectorAll('iframe');
  if (!frames.length) return true;
  for (const f of frames) {
    try {
      const d = f.contentDocument;
      if (d && d.querySelector('path.leaflet-interactive, canvas.leaflet-zoom-animated, svg'))
        return true;
    } catch (e) {}
  }
  return false;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on a free port, its log and timing log in `folder`."""

    def __init__(self, script: str, folder: Path, env: dict, root: Path = ROOT):
        self.port = _free_port()
        self.timing = folder / f"timing-{self.port}.log"
        self.log = folder / f"server-{self.port}.log"
        self.began = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=root, env={**env, "PAICHA_TIMING_LOG": str(self.timing),
                           "PYTHONPATH": str(root)},
            stdout=open(self.log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{script} did not start: {self.log.read_text()[-2000:]}")

    def wait_for_log(self, text: str, timeout: float = 600) -> float | None:
        """Seconds from the start until `text` appears in the server log (None: never)."""
        end = time.time() + timeout
        while time.time() < end:
            if text in self.log.read_text(errors="replace"):
                return time.perf_counter() - self.began
            time.sleep(0.1)
        return None

    def runs(self) -> list[tuple[str, float]]:
        if not self.timing.exists():
            return []
        lines = self.timing.read_text().splitlines()
        return [(p, float(s)) for p, s in (line.split("\t") for line in lines)]

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _visit(page, url: str, has_map: bool, server: Server) -> tuple[float, float]:
    """(total seconds, server seconds of the last run) for one navigation."""
    before = len(server.runs())
    began = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=180_000, polling=50)
    if has_map:
        page.wait_for_function(MAP_DRAWN, timeout=180_000, polling=50)
    total = time.perf_counter() - began
    runs = server.runs()[before:]
    return total, (max(s for _, s in runs) if runs else float("nan"))


def _context(browser, server: Server, signed: bool):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    if signed:
        response = context.request.post(server.url + "/login", form={
            "account": "leader", "password": PASSWORD, "next": "/"}, max_redirects=0)
        assert response.status == 303, response.status
    return context


def _row(name: str, cold, warm) -> str:
    def fmt(pair):
        return f"{pair[0]:6.2f} ({pair[1]:5.2f})" if pair else " " * 14
    return f"  {name:<22} {fmt(cold)}   {fmt(warm)}"


def pages_cold_warm(browser, app: Server, bare: Server, repeat: int) -> None:
    print(f"{'page':<24} {'cold total (server)':<18} {'warm total (server)'}   seconds")
    results = []
    for url, has_map, server, signed in [("bare page", False, bare, False)] + [
            (p, m, app, True) for p, m in PAGES]:
        target = server.url + ("/" if url == "bare page" else url)
        context = _context(browser, server, signed)
        page = context.new_page()
        cold = _visit(page, target, has_map, server)
        warm = [_visit(page, target, has_map, server) for _ in range(repeat)]
        med = (statistics.median(w[0] for w in warm), statistics.median(w[1] for w in warm))
        results.append((url, cold, med))
        print(_row(url, cold, med), flush=True)
        context.close()
    bare_warm = results[0][2][0]
    worst = max(results[1:], key=lambda r: r[2][0])
    print(f"  slowest warm page {worst[0]}: {worst[2][0] / bare_warm:.2f}× the bare page")


def drill_codes(db: Path) -> list[tuple[str, str]]:
    """(step, region code) from the top (no code) down to the village with most issues."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    village = con.execute(
        "SELECT r.code FROM region r JOIN issue i ON i.region_code = r.code "
        "WHERE r.level = 'village' GROUP BY r.code ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    con.close()
    return [("city", ""), ("district", village[:6] + "0" * 6),
            ("township", village[:9] + "000"), ("village", village)]


def drill_steps(browser, app: Server, db: Path) -> None:
    steps = drill_codes(db)
    context = _context(browser, app, True)
    page = context.new_page()
    print("drill on the map page (?region=), warm, server seconds:")
    for _ in range(2):  # the first pass fills the caches of each step
        times = [(name, _visit(page, app.url + "/" + (f"?region={code}" if code else ""),
                               True, app)) for name, code in steps]
    for name, (total, server) in times:
        print(f"  {name:<10} total {total:6.2f}  server {server:6.3f}")
    # A region nobody has opened yet on the chart pages: its views are computed on this
    # visit (the progress series summed from the steps kept per data version).
    print("first view of a region on the chart pages (not cached yet), server seconds:")
    for url in ("/progress", "/compare"):
        for name, code in steps[1:3]:
            total, server = _visit(page, f"{app.url}{url}?region={code}", False, app)
            print(f"  {url:<10} {name:<10} total {total:6.2f}  server {server:6.3f}")
    context.close()


async def _session(browser, app: Server, order: list, times: list, signed_in: dict) -> None:
    context = await browser.new_context(viewport={"width": 1920, "height": 1080},
                                        storage_state=signed_in)
    page = await context.new_page()
    for url, has_map in order:
        began = time.perf_counter()
        await page.goto(app.url + url)
        await page.wait_for_function(READY, timeout=300_000, polling=100)
        if has_map:
            await page.wait_for_function(MAP_DRAWN, timeout=300_000, polling=100)
        times.append((url, time.perf_counter() - began))
    await context.close()


async def _concurrency(app: Server, sessions: int) -> list:
    from playwright.async_api import async_playwright

    times: list = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # One sign-in, its cookie in every context: ten sign-ins of one account at once are
        # refused as a password-guessing burst (the sign-in's rate limit).
        context = await browser.new_context()
        response = await context.request.post(app.url + "/login", form={
            "account": "leader", "password": PASSWORD, "next": "/"}, max_redirects=0)
        assert response.status == 303, response.status
        signed_in = await context.storage_state()
        await context.close()
        await asyncio.gather(*[
            _session(browser, app, PAGES[i % len(PAGES):] + PAGES[:i % len(PAGES)], times,
                     signed_in)
            for i in range(sessions)])
        await browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="the checkout whose serve.py to run (default: this one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="page_bench-"))
    db = folder / "bench.duckdb"
    shutil.copy(args.db, db)
    import os
    env = {**os.environ, "PAICHA_DB": str(db)}
    bare = Server("bench/bare_page.py", folder, env)
    app = Server("serve.py", folder, env, args.app_root.resolve())
    warmed = (app.wait_for_log("caches warmed")
              if (args.app_root / "app_pages" / "_warmup.py").exists() else None)
    print(f"database {args.db}, app {args.app_root}; warm-up after start: "
          f"{'not logged' if warmed is None else f'{warmed:.1f} s'}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages_cold_warm(browser, app, bare, args.repeat)
            drill_steps(browser, app, Path(args.db))
            browser.close()
        print(f"app memory after every page: {app.rss_mb():.0f} MB", end="", flush=True)
        time.sleep(TIDY_WAIT)
        print(f"; {TIDY_WAIT} s later (the app's tidying, memory.tidy_every): "
              f"{app.rss_mb():.0f} MB")
        if args.sessions:
            began = time.perf_counter()
            times = asyncio.run(_concurrency(app, args.sessions))
            slowest = max(times, key=lambda t: t[1])
            print(f"{args.sessions} sessions × {len(PAGES)} pages at once in "
                  f"{time.perf_counter() - began:.1f} s: median page "
                  f"{statistics.median(t for _, t in times):.2f} s, slowest {slowest[1]:.2f} s "
                  f"({slowest[0]}); app memory then {app.rss_mb():.0f} MB")
    finally:
        app.stop()
        bare.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
