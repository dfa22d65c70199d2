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
    visits: pd.DataFrame  # visit_date, visitors, kind, households_seen, findings


def village_profile(
    store: Store, code: str, asof: dt.date, filters: IssueFilters | None = None,
    limit: int | None = 8,
) -> VillageProfile:
    """The village panel's data; `limit` latest history entries (None: the whole history)."""
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
    history = history.sort_values("changed_at", ascending=False)
    history = (history if limit is None else history.head(limit)).copy()
    item_of = issues.set_index("issue_code")["item_code"].map(checklist["short"])
    history["item"] = history["issue_code"].map(item_of)
    visits = q.visits(store, code)
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
        issue_status=issues["status_asof"].value_counts(),
        open_by_group=open_by_group,
        open_issues=open_issues.assign(item=open_issues["item_code"].map(checklist["short"]))
        .sort_values(["overdue_days", "deadline"], ascending=[False, True])[
            ["issue_code", "item", "description", "status_asof", "deadline", "overdue_days"]],
        history=history[["changed_at", "issue_code", "item", "from_status", "to_status",
                         "actor", "note"]],
        visits=visits.sort_values("visit_date", ascending=False)[
            ["visit_date", "visitors", "kind", "households_seen", "findings"]],
    )


def data_version(store: Store) -> str:
    """A token that changes whenever the data changes (the app's cache key)."""
    return q.data_signature(store)


def responsible_units(store: Store) -> list[str]:
    return q.responsible_units(store, active_campaign(store).campaign_id)


def household_list(
    store: Store, scope: str, asof: dt.date, show_personal: bool = False,
    check: str | None = None, snapshot: Snapshot | None = None,
) -> pd.DataFrame:
    """Households of a township or village with their failing checks and open issues.

    Names and ID numbers are masked here, before anything reaches a page, unless
    `show_personal` (a role that may see them). `check` keeps only households failing it.
    """
    from paicha_geo.domain import guarantees, privacy

    snap = snapshot or load_snapshot(store, scope)
    people = q.households(store, scope)
    checks = guarantees.household_checks(people, snap.campaign)
    if check:
        people, checks = people[checks[check]], checks[checks[check]]
    issues = _within(snap.issues_asof(asof), "region_code", scope)
    open_issues = issues[issues["status_asof"].isin(m.OPEN_STATUSES)]
    counts = open_issues["household_id"].value_counts()
    all_counts = issues["household_id"].value_counts()
    names = snap.regions.set_index("code")["name"]
    out = pd.DataFrame({
        "household_id": people["household_id"].to_numpy(),
        "village": people["village_code"].map(names).to_numpy(),
        "village_code": people["village_code"].to_numpy(),
        "head_name": (people["head_name"] if show_personal
                      else people["head_name"].map(privacy.mask_name)).to_numpy(),
        "id_number": (people["id_number"] if show_personal
                      else people["id_number"].map(privacy.mask_id)).to_numpy(),
        "members": people["members"].to_numpy(),
        "per_capita_income": people["per_capita_income"].to_numpy(),
        "exit_status": people["exit_status"].to_numpy(),
        "failing": checks["failing"].to_numpy(),
        "failing_count": checks["failing_count"].to_numpy(),
        "open_issues": people["household_id"].map(counts).fillna(0).astype(int).to_numpy(),
        "issues": people["household_id"].map(all_counts).fillna(0).astype(int).to_numpy(),
    })
    return out.sort_values(["failing_count", "open_issues"], ascending=False, kind="stable")


def household_issues(
    store: Store, household_id: str, asof: dt.date, snapshot: Snapshot | None = None
) -> pd.DataFrame:
    """The issues recorded against one household, with their status as of the day."""
    village = household_id[:12]
    snap = snapshot or load_snapshot(store, village)
    issues = _within(snap.issues_asof(asof), "region_code", village)
    issues = issues[issues["household_id"] == household_id]
    short = snap.checklist.set_index("code")["short"]
    return issues.assign(item=issues["item_code"].map(short))[
        ["issue_code", "item", "description", "status_asof", "found_date", "deadline",
         "overdue_days"]]


def guarantee_view(
    store: Store, region: pd.Series, asof: dt.date, snapshot: Snapshot | None = None
) -> dict:
    """The 三保障 page's figures for a region: summary, per-child map values, chart inputs."""
    from paicha_geo.domain import guarantees
    from paicha_geo.domain.rules import village_income_standard

    scope = scope_prefix(region["code"], region["level"])
    snap = snapshot or load_snapshot(store, scope)
    households = _within(snap.households, "village_code", scope)
    villages = _within(snap.villages, "code", scope)
    view = region_view(store, region, asof, snapshot=snap)
    weak = villages[villages["weak_type"].notna()]
    weak_income = pd.concat(
        [weak[["code", "name", "weak_type"]].reset_index(drop=True),
         village_income_standard(weak, snap.campaign).reset_index(drop=True)], axis=1)
    return {
        "view": view,
        "summary": guarantees.summary(households, villages, snap.campaign),
        "income_distribution": guarantees.income_distribution(households),
        "weak_income": weak_income.sort_values("gap", ascending=False),
    }


def village_metrics(snap: Snapshot, scope: str, asof: dt.date) -> pd.DataFrame:
    """Every metric for each village under `scope` (for maps of villages two levels down)."""
    villages = _within(snap.villages, "code", scope)
    ind = m.indicators(villages, _within(snap.households, "village_code", scope),
                       _within(snap.issues_asof(asof), "region_code", scope), snap.campaign)
    out = m.aggregate(ind, villages["code"], 12)
    out.index.name = "code"
    return out
