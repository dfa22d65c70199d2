"""The comparison page: a region's children side by side on fair rates, ranked now and a week
earlier, and the weekly report (周报) workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain import compare
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.compare import DEFAULT_RANK_BY, FAIR_RATES  # noqa: F401 - pages use them
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.services.data import Scope, Snapshot
from paicha_geo.services.map_service import region_view
from paicha_geo.services.progress_service import progress_view


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


def comparison_view(snap: Snapshot, scope: Scope, asof: dt.date,
                    filters: IssueFilters | None = None,
                    rank_by: str = compare.DEFAULT_RANK_BY) -> ComparisonView:
    """The region's children side by side, ranked now and RANK_LOOKBACK_DAYS earlier."""
    before = compare.lookback_date(asof)
    now_view = region_view(snap, scope, asof, filters)
    then_view = region_view(snap, scope, before, filters)
    table = compare.comparison_table(now_view.children, now_view.child_metrics,
                                     then_view.child_metrics, rank_by)
    return ComparisonView(
        campaign=snap.campaign, asof=asof, before=before, region=now_view.region,
        child_level=now_view.child_level, rank_by=rank_by, table=table,
        totals=now_view.totals, is_demo=snap.is_demo,
    )


def weekly_report(snap: Snapshot, scope: Scope, asof: dt.date,
                  filters: IssueFilters | None = None,
                  rank_by: str = compare.DEFAULT_RANK_BY) -> bytes:
    """The 周报 workbook: this region's comparison of its children and its progress."""
    from paicha_geo.render.report import build_weekly_report

    return build_weekly_report(comparison_view(snap, scope, asof, filters, rank_by),
                               progress_view(snap, scope, asof, filters))
