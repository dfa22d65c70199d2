"""What the large screen shows, from the snapshot: no personal data and no ledger free text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain import compare, trend
from paicha_geo.domain.metrics import days_to_deadline
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names
from paicha_geo.services.map_service import RegionView, region_view
from paicha_geo.services.progress_service import issue_series
from paicha_geo.store import queries as q

KPIS = tuple(trend.RISE_IS_GOOD)


@dataclass
class ScreenView:
    view: RegionView  # the region and its children (districts at city level)
    series: pd.DataFrame  # cumulative found / rectified / closed per day
    most_overdue: pd.DataFrame  # place, item, responsible_unit, overdue_days (top N)
    days_left: int
    changes: dict  # KPI -> trend.Change | None, against trend.LOOKBACK_DAYS earlier
    ranks: pd.Series  # compare.rank of each child on compare.DEFAULT_RANK_BY (1 = best)
    rank_by: str


def screen_view(snap: Snapshot, scope: Scope, asof: dt.date, top: int = 20) -> ScreenView:
    issues = issues_in_scope(snap, scope, asof)
    late = issues[issues["overdue_days"] > 0].nlargest(top, "overdue_days")
    short = snap.checklist.set_index("code")["short"]
    most = pd.DataFrame({
        "place": place_names(late["region_code"], snap.regions).to_numpy(),
        "item": late["item_code"].map(short).to_numpy(),
        "responsible_unit": late["responsible_unit"].fillna("—").to_numpy(),
        "overdue_days": late["overdue_days"].to_numpy(),
    })
    now = region_view(snap, scope, asof)
    before = region_view(snap, scope, asof - dt.timedelta(days=trend.LOOKBACK_DAYS)).totals
    changes = {k: trend.change(k, now.totals[k], before[k]) for k in KPIS}
    rank_by = compare.DEFAULT_RANK_BY
    ranks = compare.rank(now.child_metrics.reset_index(drop=True), rank_by)
    return ScreenView(now, issue_series(snap, scope, asof), most,
                      days_to_deadline(snap.campaign, asof), changes, ranks, rank_by)


def data_updated_at(store, scope: Scope, asof: dt.date) -> dt.datetime | None:
    """When the data on the screen last changed, as of the end of `asof` (not when the page
    was drawn): the newest issue history row, visit, evidence or supervision in `scope`."""
    return q.last_change(store, scope.prefix, dt.datetime.combine(asof + dt.timedelta(days=1),
                                                                  dt.time()))
