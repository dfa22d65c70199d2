"""Manual check (not a test): the command line works while the dashboard serves (issue 19).

    PAICHA_DB=/tmp/x.duckdb .venv/bin/python -m streamlit run serve.py --server.port 8757 \
        --server.address 127.0.0.1 --server.headless true &
    .venv/bin/python tools/cli_while_serving.py http://127.0.0.1:8757 /tmp/x.duckdb /tmp/out

Signs in as admin, opens 整改进度, runs info, import --dry-run, backup and a real import of
data/samples/问题清单_GBK.csv while a second tab loads pages, reloads the page and saves
before/after screenshots and texts (the import's 80 issues show in 排查问题).
"""
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
URL, DB, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
PY = sys.executable
SAMPLE = str(ROOT / "data" / "samples" / "问题清单_GBK.csv")
Path(OUT).mkdir(parents=True, exist_ok=True)

def cli(*args):
    t0 = time.time()
    r = subprocess.run([PY, "-m", "paicha_geo.cli", *args, "--db", DB], capture_output=True,
                       text=True, env=ENV, cwd=ROOT)
    took = time.time() - t0
    print(f"$ paicha-geo {' '.join(args)} --db {DB}   -> rc={r.returncode} in {took:.1f} s")
    for line in (r.stdout.strip().splitlines()[-4:]):
        print("   out:", line)
    for line in (r.stderr.strip().splitlines()[-2:]):
        print("   err:", line[:160])
    return r

def wait_app(page):
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=120_000)
    page.wait_for_timeout(1500)

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                args=["--no-sandbox", "--disable-background-networking"])
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    r = ctx.request.post(URL + "/login", form={"account": "admin", "password": "Paicha#2020",
                                               "next": "/"}, max_redirects=0)
    print("sign-in:", r.status)
    page = ctx.new_page()
    page.goto(URL + "/progress")
    wait_app(page)
    page.screenshot(path=f"{OUT}/1_before.png")
    before = page.inner_text("body")
    # while the dashboard is open and serving (a second tab rerunning pages meanwhile)
    other = ctx.new_page()
    cli("info", "--json")
    other.goto(URL + "/map")
    cli("import", "issues", SAMPLE, "--dry-run")
    wait_app(other)
    backup_dir = f"{OUT}/backup-{int(time.time())}"
    cli("backup", backup_dir)
    # a real import, started while the other tab loads a page
    proc = subprocess.Popen([PY, "-m", "paicha_geo.cli", "import", "issues", SAMPLE,
                             "--accept-suggested-items", "--db", DB],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                            cwd=ROOT)
    t0 = time.time()
    other.goto(URL + "/progress")
    out, err = proc.communicate(timeout=300)
    print(f"$ paicha-geo import issues {SAMPLE} --accept-suggested-items --db {DB}"
          f"   -> rc={proc.returncode} in {time.time() - t0:.1f} s (while a page loaded)")
    print("   out:", out.strip().splitlines()[-1] if out.strip() else "")
    wait_app(other)
    cli("info", "--json")
    page.reload()
    wait_app(page)
    page.screenshot(path=f"{OUT}/2_after.png")
    after = page.inner_text("body")
    Path(f"{OUT}/before.txt").write_text(before, encoding="utf-8")
    Path(f"{OUT}/after.txt").write_text(after, encoding="utf-8")
    browser.close()
