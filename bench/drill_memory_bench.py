#!/usr/bin/env python3
"""Memory while drilling (not a test): the app's resident set after each step of a drill
from the top region to a village on five pages, in a real Chromium.

    PYTHONPATH=. .venv/bin/python bench/drill_memory_bench.py --db /tmp/prov.duckdb
    PYTHONPATH=. .venv/bin/python bench/drill_memory_bench.py --db /tmp/prov.duckdb \
        --app-root /tmp/before

bench/page_bench.py measures memory after its own visits (every page at the top region, the
drill on the map page); this one also opens 两不愁三保障 below the top region, where the hot
spots are computed (their libraries used to stay in the app), and prints every step, so a
step that leaves memory behind shows. The last line is after the app's periodic tidying.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import page_bench  # noqa: E402

PAGES = [("/", True), ("/progress", False), ("/compare", False), ("/guarantees", True),
         ("/ledger", False)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    steps = page_bench.drill_codes(Path(args.db))
    folder = Path(tempfile.mkdtemp(prefix="drill_memory-"))
    db = folder / "bench.duckdb"
    shutil.copy(args.db, db)
    app = page_bench.Server("serve.py", folder, {**os.environ, "PAICHA_DB": str(db)},
                            args.app_root.resolve())
    try:
        app.wait_for_log("caches warmed")
        print(f"app {args.app_root}: after its warm-up {app.rss_mb():.0f} MB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=page_bench.CHROMIUM, args=page_bench.ARGS)
            context = page_bench._context(browser, app, True)
            page = context.new_page()
            for url, has_map in PAGES:
                for name, code in steps:
                    target = app.url + url + (f"?region={code}" if code else "")
                    page_bench._visit(page, target, has_map, app)
                    time.sleep(1)
                    print(f"  {url:<12} {name:<9} {app.rss_mb():6.0f} MB", flush=True)
            context.close()
            browser.close()
        time.sleep(page_bench.TIDY_WAIT)
        print(f"{page_bench.TIDY_WAIT} s later (the app's tidying): {app.rss_mb():.0f} MB")
    finally:
        app.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
