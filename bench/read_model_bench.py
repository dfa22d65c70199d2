"""Read-model benchmark (not a test): one drill step's figures and one village panel.

    .venv/bin/python bench/read_model_bench.py --db data/paicha.duckdb

Both read the in-memory snapshot (loaded once per data version, as the app caches it); the
figures are the median of 5 runs, the first run of each day excluded (the app caches the
status of every issue as of a day once).
"""

from __future__ import annotations

import argparse
import time

from _measure import median_ms

from paicha_geo.services import data, map_service
from paicha_geo.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        t0 = time.perf_counter()
        snap = data.load_snapshot(store)
        print(f"snapshot load: {(time.perf_counter() - t0) * 1000:.0f} ms")
        asof = snap.campaign.default_asof
        district = snap.regions[snap.regions["level"] == "district"].iloc[0]
        scope = data.Scope.of(district["code"], "district")
        step = median_ms(lambda: map_service.region_view(snap, scope, asof))
        print(f"drill step (district view): {step:.1f} ms")
        village = snap.villages[snap.villages["weak_type"].notna()].iloc[0]["code"]
        vscope = data.Scope(village)
        panel = median_ms(lambda: map_service.village_profile(snap, vscope, asof))
        print(f"village panel: {panel:.1f} ms")


if __name__ == "__main__":
    main()
