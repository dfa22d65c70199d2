"""Screen-level data: store reads joined to domain metrics, with no Streamlit and no SQL.

Pages call these functions (and cache them); tests call them directly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from paicha_geo.domain import metrics as m
from paicha_geo.domain import rules
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.filters import IssueFilters, apply_filters
from paicha_geo.domain.regions import PREFIX_LENGTH, child_level, full_code, scope_prefix
from paicha_geo.store import Store
from paicha_geo.store import queries as q


@dataclass
class RegionView:
    """One region and its children, with every metric, as of one day, under the filters."""

    campaign: Campaign
    asof: dt.date
    region: pd.Series  # code, name, level, parent_code
    child_level: str
    children: pd.DataFrame  # code, name, label_lon, label_lat (code order)
    child_metrics: pd.DataFrame  # aligned with `children` by position; adds `traffic`
    totals: pd.Series  # metrics of the region itself
    weak_villages: pd.DataFrame  # code, name, weak_type, label_lon, label_lat
    is_demo: bool
    filters: IssueFilters = field(default_factory=IssueFilters)


@dataclass
class Resolved:
    """Where a `?region=` value points: the region to show, and a selected village if any."""

    region: pd.Series
    selected_village: str | None
    trail: list[tuple[str, str, str]]  # (code, name, level) from the root down
    error: str | None = None


def active_campaign(store: Store) -> Campaign:
    return Campaign.from_record(q.campaign(store))


def all_regions(store: Store) -> pd.DataFrame:
    return q.regions(store)


def root_region(regions: pd.DataFrame) -> pd.Series:
    """The top of the hierarchy (the city, or the province at province scale)."""
    return regions[regions["parent_code"].isna()].iloc[0]


def resolve_region(regions: pd.DataFrame, raw: str | None, unknown_message: str) -> Resolved:
    """Normalise a 6-, 9- or 12-digit code; a village shows its township with it selected.

    An unknown or malformed code falls back to the root with `unknown_message` (which may
    contain `{code}`).
    """
    by_code = regions.set_index("code")
    root = root_region(regions)
    error = None
    code = root["code"]
    if raw:
        digits = raw.strip()
        if re.fullmatch(r"\d{2,12}", digits) and full_code(digits) in by_code.index:
            code = full_code(digits)
        else:
            error = unknown_message.format(code=raw[:20])
    row = by_code.loc[code].copy()
    row["code"] = code
    trail = []
    cursor = code
    while isinstance(cursor, str):
        node = by_code.loc[cursor]
        trail.append((cursor, node["name"], node["level"]))
        cursor = node["parent_code"] if pd.notna(node["parent_code"]) else None
    trail.reverse()
    if row["level"] == "village":
        parent = by_code.loc[row["parent_code"]].copy()
        parent["code"] = row["parent_code"]
        return Resolved(parent, code, trail, error)
    return Resolved(row, None, trail, error)


@dataclass
class Snapshot:
    """Everything the figures need, read once per data version (no names or ID numbers).

    Drill steps then slice it in memory instead of querying DuckDB again; the status of every
    issue as of a day is computed once per day and reused by every region.
    """

    campaign: Campaign
    checklist: pd.DataFrame
    regions: pd.DataFrame
    villages: pd.DataFrame
    households: pd.DataFrame
    issues: pd.DataFrame
    history: pd.DataFrame
    is_demo: bool
    scope: str | None = None
    _asof_cache: dict = field(default_factory=dict, repr=False)

    def issues_asof(self, asof: dt.date) -> pd.DataFrame:
        if asof not in self._asof_cache:
            self._asof_cache[asof] = m.status_as_of(self.issues, self.history, asof)
        return self._asof_cache[asof]


def load_snapshot(store: Store, scope: str | None = None) -> Snapshot:
    campaign = active_campaign(store)
    return Snapshot(
        campaign=campaign,
        checklist=q.checklist(store, campaign.campaign_id),
        regions=q.regions(store, scope=scope),
        villages=q.villages(store, scope),
        households=q.household_facts(store, scope),
        issues=q.issues(store, campaign.campaign_id, scope),
        history=q.issue_history(store, campaign.campaign_id, scope),
        is_demo=store.get_meta("is_demo") == "1",
        scope=scope,
    )


def _within(frame: pd.DataFrame, column: str, prefix: str) -> pd.DataFrame:
    return frame[frame[column].str.startswith(prefix)]


def _issues_asof(store, campaign, scope, asof, filters):
    issues = q.issues(store, campaign.campaign_id, scope)
    history = q.issue_history(store, campaign.campaign_id, scope)
    found = m.status_as_of(issues, history, asof)
    return apply_filters(found, q.checklist(store, campaign.campaign_id), filters)


def region_view(
    store: Store,
    region: pd.Series,
    asof: dt.date | None = None,
    filters: IssueFilters | None = None,
    snapshot: Snapshot | None = None,
) -> RegionView:
    """Metrics for `region` (a row from `resolve_region`) and for each of its children.

    Pass the app's cached `snapshot` to avoid re-reading the database on every drill step.
    """
    level = region["level"]
    scope = scope_prefix(region["code"], level)
    snap = snapshot or load_snapshot(store, scope)
    campaign = snap.campaign
    asof = asof or campaign.default_asof or dt.date.today()
    filters = filters or IssueFilters()
    sub_level = child_level(level) or level
    children = snap.regions[snap.regions["parent_code"] == region["code"]].sort_values("code")
    villages = _within(snap.villages, "code", scope)
    households = _within(snap.households, "village_code", scope)
    issues_asof = apply_filters(_within(snap.issues_asof(asof), "region_code", scope),
                                snap.checklist, filters)
    prefix_len = PREFIX_LENGTH[sub_level]
    ind = m.indicators(villages, households, issues_asof, campaign)
    child_metrics = m.aggregate(ind, children["code"].str[:prefix_len], prefix_len)
    child_metrics["traffic"] = m.traffic_light(child_metrics)
    totals = m.aggregate(ind, [scope], len(scope)).iloc[0]
    weak = villages.loc[villages["weak_type"].notna(),
                       ["code", "name", "weak_type", "label_lon", "label_lat"]]
    return RegionView(
        campaign=campaign,
        asof=asof,
        region=region,
        child_level=sub_level,
        children=children.reset_index(drop=True),
        child_metrics=child_metrics.reset_index(drop=True),
        totals=totals,
        weak_villages=weak.reset_index(drop=True),
        is_demo=snap.is_demo,
        filters=filters,
    )


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
    visits: pd.DataFrame  # visit_date, visitors, kind, findings


def village_profile(
    store: Store, code: str, asof: dt.date, filters: IssueFilters | None = None, limit: int = 8
) -> VillageProfile:
    campaign = active_campaign(store)
    attrs = q.villages(store, code)
    row = attrs.iloc[0]
    income = rules.village_income_standard(attrs, campaign).iloc[0]
    households = q.household_facts(store, code)
    failing = rules.household_failures(households, campaign).sum().astype(int)
    issues = _issues_asof(store, campaign, code, asof, filters or IssueFilters())
    checklist = q.checklist(store, campaign.campaign_id).set_index("code")
    open_issues = issues[issues["status_asof"].isin(m.OPEN_STATUSES)]
    open_by_group = (
        open_issues["item_code"].map(checklist["group_name"]).value_counts()
        .rename_axis("group_name").reset_index(name="open")
    )
    history = q.issue_history(store, campaign.campaign_id, code)
    history = history[history["issue_code"].isin(issues["issue_code"])]
    history = history[pd.to_datetime(history["changed_at"]) < pd.Timestamp(asof)
                      + pd.Timedelta(days=1)]
    history = history.sort_values("changed_at", ascending=False).head(limit).copy()
    item_of = issues.set_index("issue_code")["item_code"].map(checklist["short"])
    history["item"] = history["issue_code"].map(item_of)
    visits = q.visits(store, code)
    visits = visits[pd.to_datetime(visits["visit_date"]) <= pd.Timestamp(asof)]
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
        issue_status=issues["status_asof"].value_counts(),
        open_by_group=open_by_group,
        open_issues=open_issues.assign(item=open_issues["item_code"].map(checklist["short"]))
        .sort_values(["overdue_days", "deadline"], ascending=[False, True])[
            ["issue_code", "item", "description", "status_asof", "deadline", "overdue_days"]],
        history=history[["changed_at", "issue_code", "item", "from_status", "to_status",
                         "actor", "note"]],
        visits=visits.sort_values("visit_date", ascending=False)[
            ["visit_date", "visitors", "kind", "findings"]],
    )


def data_version(store: Store) -> str:
    """A token that changes whenever data is written (writers bump meta 'data_version')."""
    return store.get_meta("data_version") or store.get_meta("built_at") or "0"


def responsible_units(store: Store) -> list[str]:
    return q.responsible_units(store, active_campaign(store).campaign_id)
