"""What the 账号管理 page shows: the accounts worded for people, and the pickers it offers
(roles, the districts and townships an official may hold, the villages an inspector visits).

The changes themselves are account_service's (each one logged with the acting admin).
Nothing here returns a password hash, and no cell holds None, NaN or NaT.
"""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.accounts import AccountRules
from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import queries as q
from paicha_geo.store import sessions as ss

SEPARATOR = "·"


def _paths(store: Store, levels: tuple[str, ...]) -> dict[str, str]:
    """code -> "区·镇·村" (from the district down) for the regions at `levels`."""
    regions = q.regions(store)
    names = dict(zip(regions["code"], regions["name"], strict=True))
    parents = dict(zip(regions["code"], regions["parent_code"], strict=True))
    level = dict(zip(regions["code"], regions["level"], strict=True))
    out = {}
    for code in regions.loc[regions["level"].isin(levels), "code"]:
        chain, at = [], code
        while at in names and level[at] in ("district", "town", "village"):
            chain.append(names[at])
            at = parents.get(at)
        out[code] = SEPARATOR.join(reversed(chain))
    return out


def region_choices(store: Store) -> dict[str, str]:
    """The districts and townships an official's account may be scoped to, by code."""
    return _paths(store, ("district", "town"))


def village_choices(store: Store) -> dict[str, str]:
    """Every village as 区·镇·村, by code."""
    return _paths(store, ("village",))


def needs_region(rules: AccountRules, role: str) -> bool:
    return rules.role(role).needs_region


def visits(rules: AccountRules, role: str) -> bool:
    """Does the role record visits (and so may be given a list of villages)?"""
    return "visit" in rules.role(role).powers


def accounts(store: Store) -> pd.DataFrame:
    """Every account (no hash), by name, with its state."""
    return sa.accounts(store)


def assigned_villages(store: Store, name: str) -> list[str]:
    return ss.assigned_villages(store, name)


def _state(row) -> str:
    if row["disabled"]:
        return labels.ACCOUNT_STATE["disabled"]
    until = row["locked_until"]
    if until is not None and not pd.isna(until) and pd.Timestamp(until) > pd.Timestamp.now():
        return labels.ACCOUNT_STATE["locked"].format(until=pd.Timestamp(until))
    return labels.ACCOUNT_STATE["enabled"]


def account_table(store: Store) -> pd.DataFrame:
    """The accounts as shown, keyed like labels.ACCOUNT_TABLE_COLUMNS: roles in Chinese,
    regions by name, the state (正常, 已停用, 锁定至…), text only."""
    frame = sa.accounts(store)
    regions = region_choices(store)
    every = q.regions(store)
    names = dict(zip(every["code"], every["name"], strict=True))
    rows = [{
        "account_id": r["account_id"],
        "display_name": r["display_name"],
        "role": labels.ROLES.get(r["role"], r["role"]),
        "region": "" if not r["region_code"] or pd.isna(r["region_code"]) else
        regions.get(r["region_code"], names.get(r["region_code"], r["region_code"])),
        "state": _state(r),
        "must_change_password": labels.LEDGER_YES_NO[bool(r["must_change_password"])],
        "villages": str(len(ss.assigned_villages(store, r["account_id"])) or ""),
        "created_at": f"{pd.Timestamp(r['created_at']):%Y-%m-%d %H:%M}",
    } for _, r in frame.iterrows()]
    return pd.DataFrame(rows, columns=list(labels.ACCOUNT_TABLE_COLUMNS)).astype(str)
