"""The progress page: found / rectified / closed over time, the burn-down, ageing, breakdowns,
responsible units and the issues due for 挂牌督办. The region and the filters mean the same as
on the map, so a URL shows the same issues on every page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo.domain import metrics as m
from paicha_geo.domain import progress, units
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names


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
    escalations: pd.DataFrame  # issue_code, place, item, unit, deadline, ..., escalated
    totals: pd.Series  # issue counts and rates of the region as of the day
    status_filter_ignored: bool  # the series cannot follow a status filter
    is_demo: bool


def issue_series(snap: Snapshot, scope: Scope, asof: dt.date,
                 filters: IssueFilters | None = None) -> pd.DataFrame:
    """Daily cumulative found / rectified / closed / open / overdue from the campaign start.

    Every filter but status applies (a status belongs to one day, a series to many): the
    issues are those in scope as of `asof`, their history replayed day by day.
    """
    static = dataclasses.replace(filters or IssueFilters(), statuses=())
    start = min(snap.campaign.start_date, asof)
    per_issue, per_region = snap.progress_steps()
    if static.is_empty():  # an issue found after `asof` steps only on later days
        return progress.series_from_steps(scope.rows(per_region, "region_code"), start, asof)
    issues = issues_in_scope(snap, scope, asof, static)
    rows = pd.Index(snap.issues["issue_code"]).get_indexer(issues["issue_code"])
    return progress.series_from_steps(per_issue[np.isin(per_issue["row"].to_numpy(), rows)],
                                      start, asof)


def progress_view(snap: Snapshot, scope: Scope, asof: dt.date,
                  filters: IssueFilters | None = None) -> ProgressView:
    filters = filters or IssueFilters()
    scope = snap.regional(scope)
    series = issue_series(snap, scope, asof, filters)
    now = issues_in_scope(snap, scope, asof, filters)
    short = snap.checklist.set_index("code")["short"]
    late = units.escalations(now)
    late = late.assign(place=place_names(late["region_code"], snap.regions),
                       item=late["item_code"].map(short))
    sums = m.issue_indicators(now).drop(columns="code").astype(int).sum()
    return ProgressView(
        campaign=snap.campaign, asof=asof, region=snap.region(scope), series=series,
        burndown=progress.burndown(series, asof, snap.campaign.deadline),
        ageing=progress.ageing(now),
        breakdowns={by: progress.breakdown(now, snap.checklist, by)
                    for by in progress.BREAKDOWNS},
        units=units.unit_table(now),
        escalations=late[["issue_code", "place", "item", "responsible_unit", "deadline",
                          "overdue_days", "status_asof", "escalated"]],
        totals=m.issue_rates(sums.to_frame().T.astype(int)).iloc[0],
        status_filter_ignored=bool(filters.statuses), is_demo=snap.is_demo,
    )
