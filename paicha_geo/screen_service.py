"""What the large screen shows, computed from the in-memory snapshot (no personal data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import service
from paicha_geo.domain import progress
from paicha_geo.domain.metrics import days_to_deadline
from paicha_geo.progress_service import places


@dataclass
class ScreenView:
    view: service.RegionView  # the root and its children (districts)
    series: pd.DataFrame  # cumulative found / rectified / closed per day
    most_overdue: pd.DataFrame  # place, item, responsible_unit, overdue_days (top 10)
    days_left: int


def screen_view(snapshot: service.Snapshot, asof: dt.date, top: int = 10) -> ScreenView:
    root = service.root_region(snapshot.regions)
    view = service.region_view(None, root, asof, snapshot=snapshot)
    issues = snapshot.issues_asof(asof)
    late = issues[issues["overdue_days"] > 0].nlargest(top, "overdue_days")
    short = snapshot.checklist.set_index("code")["short"]
    most = pd.DataFrame({
        "place": places(late["region_code"], snapshot.regions).to_numpy(),
        "item": late["item_code"].map(short).to_numpy(),
        "responsible_unit": late["responsible_unit"].fillna("—").to_numpy(),
        "overdue_days": late["overdue_days"].to_numpy(),
    })
    start = min(snapshot.campaign.start_date, asof)
    series = progress.daily_series(snapshot.issues, snapshot.history, start, asof)
    return ScreenView(view, series, most, days_to_deadline(snapshot.campaign, asof))
