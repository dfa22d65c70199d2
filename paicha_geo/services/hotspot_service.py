"""Hot spots over the villages of a region, for a guarantee or a checklist item.

The value per village is what a reader would compare between villages of different size:
for a guarantee, failing households per 100 households it applies to; for an item, issues of
that item found by the as-of day per 100 households (a village without households counts its
issues as they are). domain.hotspots computes Gi* over the village boundaries (the map's
coverage-simplified shapes, which keep shared borders, so neighbours stay neighbours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from paicha_geo.domain import guarantees, hotspots
from paicha_geo.domain.regions import LEVELS
from paicha_geo.services import isolated
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope
from paicha_geo.services.issue_grid import region_path

PERMUTATIONS = hotspots.PERMUTATIONS  # for the page's explanation
MIN_VILLAGES = 10  # below this a "cluster" means nothing: the page says so instead
MAX_VILLAGES = 3000  # a province's 15,000 villages take ~20 s: the page asks for a city


@dataclass(frozen=True)
class HotSpots:
    subject: str  # 'g:housing' or 'i:3.3.4'
    table: pd.DataFrame  # code, name, place, value, neighbours, z, p, class; hot first
    counts: dict[str, int]  # per class (domain.hotspots.CLASSES)

    villages: int = 0  # in the region (also when too few or too many to analyse)

    @property
    def too_few(self) -> bool:
        return self.villages < MIN_VILLAGES

    @property
    def too_many(self) -> bool:
        return self.villages > MAX_VILLAGES


def subjects(snap: Snapshot) -> list[str]:
    """What a hot-spot map can be drawn for: the five guarantees and income, then every item."""
    return [*(f"g:{k}" for k in (*guarantees.GUARANTEE_KEYS, "income")),
            *(f"i:{c}" for c in snap.checklist.sort_values("sort_order")["code"])]


def village_values(snap: Snapshot, scope: Scope, asof: dt.date, subject: str) -> pd.Series:
    """The value of `subject` per village in `scope` (index: village code)."""
    villages = scope.rows(snap.villages_asof(asof), "code")["code"]
    households = scope.rows(snap.households_asof(asof), "village_code")
    kind, key = subject.split(":", 1)
    if kind == "g":
        checks = guarantees.household_checks(households, snap.campaign)
        # Judged households only: a blank fact (未填报) is neither failing nor passing.
        judged = guarantees.applies(households)[key] & ~checks["unknown"].map(
            lambda keys: key in keys)
        frame = pd.DataFrame({"village": households["village_code"],
                              "failing": checks[key] & judged, "checked": judged})
        sums = frame.groupby("village")[["failing", "checked"]].sum()
        per_100 = 100 * sums["failing"] / sums["checked"].where(sums["checked"] > 0)
        return per_100.reindex(villages).fillna(0.0).rename(subject)
    issues = issues_in_scope(snap, scope, asof)
    found = issues[issues["item_code"] == key].groupby(
        issues["region_code"].str[:12]).size()
    size = households.groupby("village_code").size()
    per_100 = 100 * found.reindex(villages, fill_value=0) / size.reindex(villages).where(
        size.reindex(villages) > 0)
    return per_100.fillna(found.reindex(villages, fill_value=0).astype(float)).rename(subject)


def hot_spots(snap: Snapshot, villages: gpd.GeoDataFrame, scope: Scope, asof: dt.date,
              subject: str) -> HotSpots:
    """Gi* over the villages of `scope` (`villages`: the map's village layer); none computed
    for fewer than MIN_VILLAGES or more than MAX_VILLAGES (the page says why)."""
    scope = snap.regional(scope)
    count = len(scope.rows(snap.villages, "code"))
    if count > MAX_VILLAGES:  # not even the values
        return HotSpots(subject, pd.DataFrame(), {}, count)
    values = village_values(snap, scope, asof, subject)
    shapes = villages.set_index("code")
    values = values[values.index.isin(shapes.index)]
    if not MIN_VILLAGES <= len(values) <= MAX_VILLAGES:
        table = pd.DataFrame(columns=["code", "name", "place", "value", "neighbours", "z", "p",
                                      "class"])
        return HotSpots(subject, table, {}, len(values))
    # In a child process: libpysal and esda would stay resident here (services/isolated.py).
    table = isolated.run(hotspots.gi_star, values, shapes[["geometry"]])
    table = table.rename_axis("code").reset_index()
    names = snap.regions.set_index("code")["name"]
    table.insert(1, "name", table["code"].map(names))
    table.insert(2, "place", region_path(table["code"], snap.regions,
                                         [lv for lv in LEVELS if lv not in ("province",
                                                                            "village")]))
    order = {c: i for i, c in enumerate(hotspots.CLASSES)}
    table = table.sort_values(["class", "z"], key=lambda s: s.map(order) if s.name == "class"
                              else -s.fillna(0), ignore_index=True)
    counts = table["class"].value_counts().reindex(hotspots.CLASSES, fill_value=0)
    return HotSpots(subject, table, {k: int(v) for k, v in counts.items()}, len(table))
