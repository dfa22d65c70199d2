"""Hot spots and item suggestions benchmark (not a test): how long the analyses of issue 16
take, printed in seconds.

    .venv/bin/python bench/hotspot_bench.py --db /tmp/prov.duckdb

On the province-scale demo (`paicha-geo demo --scale province`): Gi* over every village of the
whole database, of its first city and of that city's first district, for one guarantee and
one checklist item (the first call of a run also pays for importing esda); and suggesting the
checklist item of 1,000 issue descriptions (what an import of a part-level sheet pays).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from paicha_geo.domain.item_suggest import ItemSuggester
from paicha_geo.services import data, hotspot_service, map_service
from paicha_geo.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--asof", default="2020-05-31")
    args = parser.parse_args()
    asof = dt.date.fromisoformat(args.asof)
    with Store(args.db, read_only=True) as store:
        snap = data.load_snapshot(store)
        villages = map_service.map_layers(store)["village"]
    regions = snap.regions
    root = regions[regions["parent_code"].isna()].iloc[0]
    below = regions[regions["parent_code"] == root["code"]].sort_values("code")
    scopes = [("全部", data.EVERYTHING)]
    first = below.iloc[0]
    scopes.append((first["name"], snap.scope_of(first)))
    inner = regions[regions["parent_code"] == first["code"]].sort_values("code")
    if len(inner):
        scopes.append((inner.iloc[0]["name"], snap.scope_of(inner.iloc[0])))
    for subject in ("g:housing", "i:3.3.4"):
        for name, scope in scopes:
            t0 = time.perf_counter()
            found = hotspot_service.hot_spots(snap, villages, scope, asof, subject)
            took = time.perf_counter() - t0
            verdict = ("too many: the page asks for a city" if found.too_many else
                       f"{found.counts.get('hot99', 0) + found.counts.get('hot95', 0)} hot")
            print(f"hot spots {subject} {name}: {found.villages:,} villages, {verdict}, "
                  f"{took:.2f} s")
    descriptions = snap.issues["description"].dropna().head(1000).tolist()
    print(f"({len(set(descriptions))} distinct descriptions among them)")
    t0 = time.perf_counter()
    suggester = ItemSuggester(snap.checklist)
    fitted = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in descriptions:
        suggester.suggest(text)
    print(f"item suggestion: fit {fitted * 1000:.0f} ms, {len(descriptions):,} descriptions "
          f"{time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
