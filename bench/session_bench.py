#!/usr/bin/env python3
"""What signing in costs: one password check at the installation's argon2id costs, one
session check (every request through the gate and every script run makes one), and the
gate's round trip on a running server is left to the browser tests.

Not a test: prints milliseconds (median of N) as JSON, on a copy of a demo database.

    .venv/bin/python bench/session_bench.py [--db data/paicha.duckdb] [--n 200]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paicha_geo.config import settings  # noqa: E402
from paicha_geo.demo.accounts import DEMO_PASSWORD  # noqa: E402
from paicha_geo.demo.install import install_demo  # noqa: E402
from paicha_geo.services import account_service, session_service  # noqa: E402
from paicha_geo.store import Store  # noqa: E402


def _median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    rules = settings().accounts
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            install_demo(db, "city")
        with Store(db) as store:
            name = "bench.user"
            password = account_service.add_account(store, rules, name, "leader")
            figures = {
                "password_check_ms (installation argon2id costs)": _median_ms(
                    lambda: session_service.sign_in(store, rules, name, password), 5),
                "demo_account_sign_in_ms (cheapest costs)": _median_ms(
                    lambda: session_service.sign_in(store, rules, "district", DEMO_PASSWORD),
                    20),
            }
            token = session_service.sign_in(store, rules, "district", DEMO_PASSWORD)
            figures["session_check_ms"] = _median_ms(
                lambda: session_service.check(store, rules, token), args.n)
            figures["session_check_touch_ms"] = _median_ms(
                lambda: session_service.check(store, rules, token, touch=True), args.n)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
