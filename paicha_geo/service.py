"""Screen-level data: store reads joined to domain metrics, with no Streamlit and no SQL.

Pages call these functions (and cache them); tests call them directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from paicha_geo.domain import metrics as m
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.regions import PREFIX_LENGTH, child_level, scope_prefix
from paicha_geo.store import Store
from paicha_geo.store import queries as q


@dataclass
class RegionView:
    """One region and its children, with every metric, as of one day."""

    campaign: Campaign
    asof: dt.date
    region: pd.Series  # code, name, level
    children: gpd.GeoDataFrame  # child regions with geometry, in code order
    child_metrics: pd.DataFrame  # aligned with `children` by position
    totals: pd.Series  # metrics of the region itself
    weak_villages: pd.DataFrame  # name, weak_type, label_lon, label_lat
    is_demo: bool


def active_campaign(store: Store) -> Campaign:
    return Campaign.from_record(q.campaign(store))


def root_region(store: Store) -> pd.Series:
    """The top of the hierarchy (the city, or the province at province scale)."""
    roots = q.regions(store)
    roots = roots[roots["parent_code"].isna()]
    return roots.iloc[0]


def region_view(store: Store, code: str | None = None, asof: dt.date | None = None) -> RegionView:
    campaign = active_campaign(store)
    asof = asof or campaign.default_asof or dt.date.today()
    region = root_region(store) if code is None else q.regions(store).set_index("code").loc[code]
    if code is not None:
        region = region.copy()
        region["code"] = code
    level = region["level"]
    scope = scope_prefix(region["code"], level)
    sub_level = child_level(level) or level
    children = q.regions(store, parent=region["code"], geometry=True)
    villages = q.villages(store, scope)
    households = q.households(store, scope)
    issues = q.issues(store, campaign.campaign_id, scope)
    history = q.issue_history(store, campaign.campaign_id, scope)
    issues_asof = m.status_as_of(issues, history, asof)
    prefix_len = PREFIX_LENGTH[sub_level]
    child_prefixes = children["code"].str[:prefix_len]
    child_metrics = m.region_metrics(
        pd.Index(child_prefixes), prefix_len, villages, households, issues_asof, campaign
    ).reset_index(drop=True)
    totals = m.region_metrics(
        pd.Index([scope]), len(scope), villages, households, issues_asof, campaign
    ).iloc[0]
    weak = villages.loc[villages["weak_type"].notna(),
                       ["code", "name", "weak_type", "label_lon", "label_lat"]]
    return RegionView(
        campaign=campaign,
        asof=asof,
        region=region,
        children=children,
        child_metrics=child_metrics,
        totals=totals,
        weak_villages=weak.reset_index(drop=True),
        is_demo=store.get_meta("is_demo") == "1",
    )
