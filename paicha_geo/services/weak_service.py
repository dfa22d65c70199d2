"""Villages in their own right, under the region maps: each village's status and counts (the
points on the map, the list 经济薄弱村问题清零情况) and the N worst places of a region.

Every read takes a `Scope` (the region on screen, inside the viewer's), an as-of day and the
issue filters, and slices the one snapshot like the rest of the map page.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.domain import metrics as m
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.domain.regions import PREFIX_LENGTH
from paicha_geo.domain.village_status import gravity, on_map, village_status
from paicha_geo.domain.worst import Worst, worst
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names

VILLAGE_COUNTS = ("households", "issues_found", "issues_open", "issues_overdue",
                  "issues_closed", "households_failing_any")
TOP_LEVELS = ("town", "village")


def _indicators(snap: Snapshot, scope: Scope, asof: dt.date, filters: IssueFilters | None):
    villages = scope.rows(snap.villages_asof(asof), "code")
    households = scope.rows(snap.households_asof(asof), "village_code")
    issues = issues_in_scope(snap, scope, asof, filters)
    return villages, m.indicators(villages, households, issues, snap.campaign)


def village_table(snap: Snapshot, scope: Scope, asof: dt.date,
                  filters: IssueFilters | None = None) -> pd.DataFrame:
    """One row per village in `scope`: code, name, weak_type, label_lon/lat, `path`
    (市(区) · 乡镇), every metric, `status` (overdue / open / cleared) and `on_map`."""
    scope = snap.regional(scope)
    villages, ind = _indicators(snap, scope, asof, filters)
    out = m.aggregate(ind, villages["code"], PREFIX_LENGTH["village"]).reset_index(drop=True)
    base = villages[["code", "name", "weak_type", "label_lon", "label_lat"]].reset_index(drop=True)
    out = pd.concat([base, out], axis=1)
    out["path"] = place_names(out["code"].str[:PREFIX_LENGTH["town"]], snap.regions).to_numpy()
    out["status"] = village_status(out)
    out["on_map"] = on_map(out["weak_type"], out["status"])
    return out


def weak_list(table: pd.DataFrame) -> pd.DataFrame:
    """The weak villages of a `village_table`, worst first (status, then overdue and open
    issues, then failing households), for the list 经济薄弱村问题清零情况."""
    weak = table[table["weak_type"].notna()].assign(_gravity=lambda f: gravity(f["status"]))
    weak = weak.sort_values(
        ["_gravity", "issues_overdue", "issues_open", "households_failing_any", "code"],
        ascending=[True, False, False, False, True], kind="stable")
    return weak.drop(columns="_gravity").reset_index(drop=True)


def top_levels(region_level: str) -> tuple[str, ...]:
    """The levels below a region whose places can be ranked (a township: its villages)."""
    below = PREFIX_LENGTH[region_level]
    return tuple(level for level in TOP_LEVELS if PREFIX_LENGTH[level] > below)


def town_table(snap: Snapshot, scope: Scope, asof: dt.date,
               filters: IssueFilters | None = None) -> pd.DataFrame:
    """One row per township in `scope`: code, name, label_lon/lat, path, every metric."""
    scope = snap.regional(scope)
    towns = scope.rows(snap.regions[snap.regions["level"] == "town"], "code")
    towns = towns.sort_values("code").reset_index(drop=True)
    _, ind = _indicators(snap, scope, asof, filters)
    prefix = PREFIX_LENGTH["town"]
    out = m.aggregate(ind, towns["code"].str[:prefix], prefix).reset_index(drop=True)
    out = pd.concat([towns[["code", "name", "label_lon", "label_lat"]], out], axis=1)
    out["path"] = place_names(out["code"].str[:PREFIX_LENGTH["district"]],
                              snap.regions).to_numpy()
    return out


def worst_places(snap: Snapshot, scope: Scope, asof: dt.date, level: str, metric: str,
                 n: int, filters: IssueFilters | None = None) -> Worst:
    """The `n` worst townships or villages of `scope` by `metric` (domain.worst's rules)."""
    table = (town_table if level == "town" else village_table)(snap, scope, asof, filters)
    return worst(table, metric, n)


def worst_of(table: pd.DataFrame, metric: str, n: int) -> Worst:
    """`worst_places` on a `village_table` or `town_table` already computed."""
    return worst(table, metric, n)
