"""Screen-level data for the progress and comparison pages, from the in-memory Snapshot.

No Streamlit and no SQL: pages call (and cache) these; tests call them directly. The region
and the filters mean the same as on the map (service.region_view), so a URL shows the same
issues on every page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import service
from paicha_geo.domain import compare, progress, units
from paicha_geo.domain import metrics as m
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.filters import IssueFilters, apply_filters
from paicha_geo.domain.regions import PREFIX_LENGTH, full_code, scope_prefix


@dataclass
class ProgressView:
    campaign: Campaign
    asof: dt.date
    region: pd.Series  # code, name, level
    series: pd.DataFrame  # index date; found, rectified, closed, open, overdue
    burndown: progress.Burndown
    ageing: pd.DataFrame  # key, issues
    breakdowns: dict[str, pd.DataFrame]  # group / part / item / source -> counts and rates
    units: pd.DataFrame  # one row per responsible unit (domain.units.unit_table)
    escalations: pd.DataFrame  # issue_code, place, item, responsible_unit, deadline, ...
    totals: pd.Series  # issue counts and rates of the region as of the day
    status_filter_ignored: bool  # the series cannot follow a status filter
    is_demo: bool


@dataclass
class ComparisonView:
    campaign: Campaign
    asof: dt.date
    before: dt.date
    region: pd.Series
    child_level: str
    rank_by: str
    table: pd.DataFrame  # domain.compare.comparison_table
    totals: pd.Series  # the region's own metrics (issues at its offices included)
    is_demo: bool


def _scope(region: pd.Series) -> str:
    return scope_prefix(region["code"], region["level"])


def places(codes: pd.Series, regions: pd.DataFrame) -> pd.Series:
    """'武进区 · 湖塘镇 · 某村' for each region code (district down to the issue's level)."""
    names = regions.set_index("code")["name"]
    parts = []
    for level in ("district", "town", "village"):
        ancestor = codes.str[: PREFIX_LENGTH[level]].map(full_code)
        parts.append(ancestor.map(names))
    out = []
    for row in zip(*parts, strict=True):
        seen = [n for i, n in enumerate(row) if isinstance(n, str) and n not in row[:i]]
        out.append(" · ".join(seen))
    return pd.Series(out, index=codes.index, dtype=object)


def progress_view(snapshot: service.Snapshot, region: pd.Series, asof: dt.date,
                  filters: IssueFilters | None = None) -> ProgressView:
    filters = filters or IssueFilters()
    scope = _scope(region)
    campaign = snapshot.campaign
    # Time series: every filter but status (a status is a property of one day).
    static = dataclasses.replace(filters, statuses=())
    issues = apply_filters(snapshot.issues[snapshot.issues["region_code"].str.startswith(scope)],
                           snapshot.checklist, static)
    history = snapshot.history[snapshot.history["issue_code"].isin(issues["issue_code"])]
    start = min(campaign.start_date, asof)
    series = progress.daily_series(issues, history, start, asof)
    asof_issues = snapshot.issues_asof(asof)
    asof_issues = apply_filters(asof_issues[asof_issues["region_code"].str.startswith(scope)],
                                snapshot.checklist, filters)
    short = snapshot.checklist.set_index("code")["short"]
    late = units.escalations(asof_issues)
    late = late.assign(place=places(late["region_code"], snapshot.regions),
                       item=late["item_code"].map(short))
    sums = m.issue_indicators(asof_issues).drop(columns="code").astype(int).sum()
    totals = m.issue_rates(sums.to_frame().T.astype(int)).iloc[0]
    return ProgressView(
        campaign=campaign, asof=asof, region=region, series=series,
        burndown=progress.burndown(series, asof, campaign.deadline),
        ageing=progress.ageing(asof_issues),
        breakdowns={by: progress.breakdown(asof_issues, snapshot.checklist, by)
                    for by in progress.BREAKDOWNS},
        units=units.unit_table(asof_issues),
        escalations=late[["issue_code", "place", "item", "responsible_unit", "deadline",
                          "overdue_days", "status_asof"]],
        totals=totals, status_filter_ignored=bool(filters.statuses), is_demo=snapshot.is_demo,
    )


def comparison_view(snapshot: service.Snapshot, region: pd.Series, asof: dt.date,
                    filters: IssueFilters | None = None,
                    rank_by: str = compare.DEFAULT_RANK_BY) -> ComparisonView:
    """The region's children side by side, ranked now and RANK_LOOKBACK_DAYS earlier."""
    before = compare.lookback_date(asof)
    now_view = service.region_view(None, region, asof, filters, snapshot)
    then_view = service.region_view(None, region, before, filters, snapshot)
    table = compare.comparison_table(now_view.children, now_view.child_metrics,
                                     then_view.child_metrics, rank_by)
    return ComparisonView(
        campaign=snapshot.campaign, asof=asof, before=before, region=region,
        child_level=now_view.child_level, rank_by=rank_by, table=table,
        totals=now_view.totals, is_demo=snapshot.is_demo,
    )


def weekly_report(snapshot: service.Snapshot, region: pd.Series, asof: dt.date,
                  filters: IssueFilters | None = None,
                  rank_by: str = compare.DEFAULT_RANK_BY) -> bytes:
    """The 周报 workbook: this region's comparison of its children and its progress."""
    from paicha_geo.render.report import build_weekly_report

    return build_weekly_report(comparison_view(snapshot, region, asof, filters, rank_by),
                               progress_view(snapshot, region, asof, filters))
