"""What the large screen shows, from the snapshot: no personal data and no ledger free text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain.metrics import days_to_deadline
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names
from paicha_geo.services.map_service import RegionView, region_view
from paicha_geo.services.progress_service import issue_series


@dataclass
class ScreenView:
    view: RegionView  # the region and its children (districts at city level)
    series: pd.DataFrame  # cumulative found / rectified / closed per day
    most_overdue: pd.DataFrame  # place, item, responsible_unit, overdue_days (top N)
    days_left: int


def screen_view(snap: Snapshot, scope: Scope, asof: dt.date, top: int = 10) -> ScreenView:
    issues = issues_in_scope(snap, scope, asof)
    late = issues[issues["overdue_days"] > 0].nlargest(top, "overdue_days")
    short = snap.checklist.set_index("code")["short"]
    most = pd.DataFrame({
        "place": place_names(late["region_code"], snap.regions).to_numpy(),
        "item": late["item_code"].map(short).to_numpy(),
        "responsible_unit": late["responsible_unit"].fillna("—").to_numpy(),
        "overdue_days": late["overdue_days"].to_numpy(),
    })
    return ScreenView(region_view(snap, scope, asof), issue_series(snap, scope, asof), most,
                      days_to_deadline(snap.campaign, asof))
