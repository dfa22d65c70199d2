"""通报 and map-picture benchmark (not a test): what a click on 下载通报 / 下载地图图片 costs.

    .venv/bin/python bench/bulletin_bench.py --db /tmp/report.duckdb

On the city-scale demo. Both files are built only when clicked (deferred downloads), so this
is the wait after the click; the medians of 3 runs are printed, in milliseconds, with the
file sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from paicha_geo.services import bulletin_service, data, map_service, session_service
from paicha_geo.store import Store


def _median_ms(fn, repeat: int = 3) -> tuple[float, int]:
    size = len(fn())
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--asof", default="2020-05-31")
    args = parser.parse_args()
    asof = dt.date.fromisoformat(args.asof)
    from paicha_geo.config import settings

    with tempfile.TemporaryDirectory() as tmp:  # a copy: signing in writes a session
        path = Path(tmp) / "bench.duckdb"
        shutil.copy(args.db, path)
        with Store(path) as store:
            snap = data.load_snapshot(store)
            layers = map_service.map_layers(store)
            for account in ("leader", "district"):
                token = session_service.open_trusted(store, account, "bench")
                me = session_service.check(store, settings().accounts, token).viewer
                ms, size = _median_ms(lambda me=me: bulletin_service.bulletin_file(
                    store, snap, me, me.scope, asof, layers))
                print(f"通报 .docx  {account:9s} {ms:8.0f} ms  {size / 1024:6.0f} KB")
                view = map_service.region_view(snap, me.scope, asof)
                ms, size = _median_ms(lambda view=view: bulletin_service.map_picture(
                    layers, view, "issues_open"))
                print(f"地图 .png   {account:9s} {ms:8.0f} ms  {size / 1024:6.0f} KB")


if __name__ == "__main__":
    main()
