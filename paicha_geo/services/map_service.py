"""The map page: a region and its children with every metric, and the village panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from paicha_geo import config
from paicha_geo.domain import fact_versions, rules
from paicha_geo.domain import metrics as m
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.compare import DEFAULT_RANK_BY
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.domain.membership import isin
from paicha_geo.domain.regions import PREFIX_LENGTH, child_level
from paicha_geo.render.geometry import simplify_levels
from paicha_geo.services.data import (
    HISTORY_CATEGORIES,
    Scope,
    Snapshot,
    issues_in_scope,
    open_issues,
)
from paicha_geo.store import Store
from paicha_geo.store import facts as store_facts
from paicha_geo.store import queries as q

# The map's default colouring: the rate that ranks regions (compare.DEFAULT_RANK_BY), so the
# worst district on the map is the last on the comparison page and on the wall.
DEFAULT_MAP_METRIC = DEFAULT_RANK_BY


# Simplified layers by boundary digest, newest last. Simplifying is the slowest part of a
# cold start (1 s for a city, far more for a province) and depends on the outlines alone, so a
# status change or an import of issues (a new data version) reuses them.
_SIMPLIFIED: dict[str, dict] = {}
_SIMPLIFIED_KEPT = 2


def map_layers(store: Store) -> dict:
    """Simplified geometry per level, {level: GeoDataFrame}, computed once per set of
    boundaries (callers must not modify the frames: they are shared)."""
    key = q.boundary_digest(store)
    layers = _SIMPLIFIED.pop(key, None)
    if layers is None:
        layers = simplify_levels(q.regions(store, geometry=True))
    _SIMPLIFIED[key] = layers
    while len(_SIMPLIFIED) > _SIMPLIFIED_KEPT:
        _SIMPLIFIED.pop(next(iter(_SIMPLIFIED)))
    return layers


@dataclass
class RegionView:
    """One region and its children, with every metric, as of one day, under the filters."""

    campaign: Campaign
    asof: dt.date
    region: pd.Series  # code, name, level, parent_code
    child_level: str
    children: pd.DataFrame  # code, name, label_lon, label_lat (code order)
    child_metrics: pd.DataFrame  # aligned with `children` by position; adds `traffic`
    # (a village's own light; above villages the AreaWarning rule on its villages' lights)
    totals: pd.Series  # metrics of the region itself
    weak_villages: pd.DataFrame  # code, name, weak_type, label_lon, label_lat
    is_demo: bool
    filters: IssueFilters = field(default_factory=IssueFilters)
    # The rule of an area's 三色预警 (the children's lights unless they are villages).
    warning: m.AreaWarning = field(default_factory=m.AreaWarning)

    @property
    def child_weak_types(self) -> pd.Series | None:
        """At village level, each child's weak type (None elsewhere), aligned with children."""
        if self.child_level != "village":
            return None
        return self.children["code"].map(
            self.weak_villages.set_index("code")["weak_type"]).reset_index(drop=True)

    @property
    def is_empty(self) -> bool:
        """Nothing to show: no sub-regions below this one."""
        return self.children.empty


def region_view(snap: Snapshot, scope: Scope, asof: dt.date,
                filters: IssueFilters | None = None,
                warning: m.AreaWarning | None = None) -> RegionView:
    """Metrics for the region of `scope` and for each of its children; `warning` (default:
    the installation's settings) turns the children's villages' lights into theirs."""
    scope = snap.regional(scope)
    region = snap.region(scope)
    filters = filters or IssueFilters()
    sub_level = child_level(region["level"]) or region["level"]  # a village: itself
    children = snap.regions[snap.regions["parent_code"] == region["code"]].sort_values("code")
    villages = scope.rows(snap.villages_asof(asof), "code")
    households = scope.rows(snap.households_asof(asof), "village_code")
    issues = issues_in_scope(snap, scope, asof, filters)
    prefix_len = PREFIX_LENGTH[sub_level]
    ind = m.indicators(villages, households, issues, snap.campaign)
    child_metrics = m.aggregate(ind, children["code"].str[:prefix_len], prefix_len)
    warning = warning or config.settings().warning
    if sub_level == "village":
        child_metrics["traffic"] = m.traffic_light(child_metrics)
    else:
        lights = m.traffic_light(m.aggregate(ind, villages["code"], PREFIX_LENGTH["village"]))
        child_metrics["traffic"] = m.area_traffic(
            lights, child_metrics.index, prefix_len, warning).to_numpy()
    totals = m.aggregate(ind, [scope.prefix], len(scope.prefix)).iloc[0]
    weak = villages.loc[villages["weak_type"].notna(),
                        ["code", "name", "weak_type", "label_lon", "label_lat"]]
    return RegionView(
        campaign=snap.campaign, asof=asof, region=region, child_level=sub_level,
        children=children.reset_index(drop=True),
        child_metrics=child_metrics.reset_index(drop=True), totals=totals,
        weak_villages=weak.reset_index(drop=True), is_demo=snap.is_demo, filters=filters,
        warning=warning,
    )


def village_metrics(snap: Snapshot, scope: Scope, asof: dt.date) -> pd.DataFrame:
    """Every metric for each village in `scope` (for maps of villages two levels down)."""
    villages = scope.rows(snap.villages_asof(asof), "code")
    ind = m.indicators(villages, scope.rows(snap.households_asof(asof), "village_code"),
                       issues_in_scope(snap, scope, asof), snap.campaign)
    out = m.aggregate(ind, villages["code"], 12)
    out.index.name = "code"
    return out


def village_fact_history(store: Store, scope: Scope, asof: dt.date) -> pd.DataFrame:
    """The fact versions of the village `scope` stands for, known by `asof` (earlier values
    kept, each with its 核实日期), in superseding order."""
    versions = store_facts.history(store, "village", key_value=scope.code)
    return fact_versions.known_by(versions, asof)


@dataclass
class VillageProfile:
    """What the village panel shows; every frame already in display order."""

    code: str
    name: str
    weak_type: str | None
    income: pd.Series  # income, standard, gap, fails
    first_secretary_present: bool | None
    population: int | None
    households: int
    failing: pd.Series  # per guarantee + any_guarantee + income (counts)
    issue_status: pd.Series  # status -> count (as of)
    open_by_group: pd.DataFrame  # group_name, open
    open_issues: pd.DataFrame  # issue_code, item, description, status_asof, deadline, overdue
    history: pd.DataFrame  # changed_at, issue_code, item short, from, to, actor, note
    visits: pd.DataFrame  # visit_date, visitors, kind, households_seen, findings
    unknown: pd.Series | None = None  # like `failing`: households a fact is blank for (未填报)

    @property
    def open_count(self) -> int:
        return int(sum(self.issue_status.get(s, 0) for s in m.OPEN_STATUSES))


def village_profile(snap: Snapshot, scope: Scope, asof: dt.date,
                    filters: IssueFilters | None = None,
                    limit: int | None = 8) -> VillageProfile:
    """The village panel of the village `scope` stands for, from the snapshot (no SQL);
    `limit` latest history entries (None: the whole history)."""
    code = scope.code
    villages = snap.villages_asof(asof)
    attrs = villages[villages["code"] == code]
    row = attrs.iloc[0]
    income = rules.village_income_standard(attrs, snap.campaign).iloc[0]
    households = scope.rows(snap.households_asof(asof), "village_code")
    failing = rules.household_failures(households, snap.campaign).sum().astype(int)
    issues = issues_in_scope(snap, scope, asof, filters)
    checklist = snap.checklist.set_index("code")
    still_open = open_issues(issues)
    open_by_group = (
        still_open["item_code"].map(checklist["group_name"]).value_counts()
        .rename_axis("group_name").reset_index(name="open")
    )
    history = snap.history[isin(snap.history["issue_code"], issues["issue_code"])]
    history = history[pd.to_datetime(history["changed_at"]) < pd.Timestamp(asof)
                      + pd.Timedelta(days=1)]
    history = history.sort_values("changed_at", ascending=False, kind="stable")
    history = (history if limit is None else history.head(limit)).copy()
    history["item"] = history["issue_code"].map(
        issues.set_index("issue_code")["item_code"].map(checklist["short"]))
    visits = scope.rows(snap.visits, "region_code")
    visits = visits[pd.to_datetime(visits["visit_date"]) <= pd.Timestamp(asof)]
    seen = (visits[visits["household_id"].notna()]
            .groupby(["visit_date", "visitors"]).size().rename("households_seen"))
    visits = visits[visits["household_id"].isna()].join(seen, on=["visit_date", "visitors"])
    visits["households_seen"] = visits["households_seen"].fillna(0).astype(int)
    secretary = row["first_secretary_present"]
    return VillageProfile(
        code=code,
        name=row["name"],
        weak_type=row["weak_type"] if pd.notna(row["weak_type"]) else None,
        income=income,
        first_secretary_present=None if pd.isna(secretary) else bool(secretary),
        population=None if pd.isna(row["population"]) else int(row["population"]),
        households=len(households),
        failing=failing,
        unknown=rules.household_unknowns(households, snap.campaign).sum().astype(int),
        issue_status=issues["status_asof"].value_counts(),
        open_by_group=open_by_group,
        open_issues=still_open.assign(item=still_open["item_code"].map(checklist["short"]))
        .sort_values(["overdue_days", "deadline"], ascending=[False, True])[
            ["issue_code", "item", "description", "status_asof", "deadline", "overdue_days"]],
        history=history[["changed_at", "issue_code", "item", "from_status", "to_status",
                         "actor", "note"]].astype({c: "str" for c in HISTORY_CATEGORIES}),
        visits=visits.sort_values("visit_date", ascending=False)[
            ["visit_date", "visitors", "kind", "households_seen", "findings"]],
    )
