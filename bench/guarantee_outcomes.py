"""三保障 outcome figures (not a test): per check, how many households are judged, failing,
unknown (未填报) and 未脱贫 counted beside an exit criterion; and per check, how many villages
and townships are 未清零 / 未填报 / 已清零 on the map.

    .venv/bin/python bench/guarantee_outcomes.py --db data/paicha.duckdb

`--as-before` fills blank yes/no facts with the defaults schema 6 stored (insured, safe water,
no fluoride, no children, not eligible), to compare with what the old rules counted.
"""

from __future__ import annotations

import argparse

import pandas as pd

from paicha_geo.domain import guarantees, metrics
from paicha_geo.domain.campaign import Campaign
from paicha_geo.store import Store
from paicha_geo.store import queries as q

OLD_DEFAULTS = {"school_age_children": 0, "children_out_of_school": 0,
                "children_out_of_school_physical": 0, "all_insured": True, "safe_water": True,
                "excess_fluoride": False, "social_floor_eligible": False,
                "social_floor_covered": False}
NO_ISSUES = pd.DataFrame(columns=["region_code", "status_asof", "overdue_days",
                                  "closed_on_time", "outcome_known"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--as-before", action="store_true")
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        campaign = Campaign.from_record(q.campaign(store))
        households, villages = q.households(store), q.villages(store)
    if args.as_before:
        households = households.fillna(OLD_DEFAULTS)
    pd.set_option("display.width", 160)
    summary = guarantees.summary(households, villages, campaign)
    print(summary.drop(columns=["cleared"]).to_string(float_format=lambda v: f"{v:.4f}"))
    for level, length in (("village", 12), ("town", 9)):
        codes = sorted(set(villages["code"].str[:length]))
        m = metrics.region_metrics(codes, length, villages, households, NO_ISSUES, campaign)
        states = {check: guarantees.map_columns(m, check)["guarantee_clear"].value_counts()
                  for check in ("education", "medical", "housing", "water", "social_floor",
                                "income")}
        print(f"\n{level}: 清零 state per check")
        print(pd.DataFrame(states).fillna(0).astype(int).to_string())


if __name__ == "__main__":
    main()
