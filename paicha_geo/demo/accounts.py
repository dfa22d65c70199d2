"""The demo database's accounts: one per role, so a newcomer can try each role at once.

Their password is public (the demo's sign-in page lists them), so they are hashed with the
cheapest argon2 parameters and need no change at first sign-in. A real installation has no
demo accounts: its first administrator comes from `paicha-geo user add NAME --role admin`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from argon2 import PasswordHasher, profiles

from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import sessions as ss

DEMO_PASSWORD = "Paicha#2020"


def demo_accounts(regions: pd.DataFrame) -> list[dict]:
    """account, display name, role, region code, assigned villages: every role, and an
    official at each level (a district, a township in it)."""
    towns = regions[(regions["level"] == "town")].sort_values("code")
    districts = regions[regions["level"] == "district"].sort_values("code")
    district = districts.iloc[len(districts) // 2]  # 武进区 in the city demo
    town = towns[towns["parent_code"] == district["code"]].iloc[0]
    villages = regions[(regions["level"] == "village")
                       & (regions["parent_code"] == town["code"])].sort_values("code")
    return [
        {"account": "admin", "name": "市扶贫办管理员", "role": "admin", "region": None},
        {"account": "leader", "name": "市领导", "role": "leader", "region": None},
        {"account": "district", "name": f"{district['name']}扶贫办", "role": "official",
         "region": district["code"]},
        {"account": "town", "name": f"{town['name']}扶贫站", "role": "official",
         "region": town["code"]},
        {"account": "inspector", "name": "市督查组", "role": "inspector", "region": None},
        {"account": "inspector2", "name": "市督查组（定点）", "role": "inspector", "region": None,
         "villages": list(villages["code"][:5])},
        {"account": "auditor", "name": "市审计组", "role": "auditor", "region": None},
    ]


def add_demo_accounts(store: Store, regions: pd.DataFrame) -> None:
    hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    now = dt.datetime.now().replace(microsecond=0)
    with store.transaction() as cur:
        for a in demo_accounts(regions):
            sa.insert_account(cur, a["account"], a["name"], a["role"], a["region"],
                              hasher.hash(DEMO_PASSWORD), now)
            sa.update_account(cur, a["account"], now, must_change_password=False)
            ss.set_assigned_villages(cur, a["account"], a.get("villages", []))
