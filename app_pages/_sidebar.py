"""The sidebar every page shares: as-of date, map metric and issue filters, bound to the URL."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import streamlit as st

from app_pages import _cache, _nav, _params
from paicha_geo import labels
from paicha_geo.render import basemaps
from paicha_geo.services import clock, map_service, params
from paicha_geo.services.data import IssueFilters


def map_sidebar(version: str, campaign):
    """Widgets -> (as-of date, metric key, classing, colour-all flag, Basemap, IssueFilters).

    The metric opens on the rate that ranks regions (map_service.DEFAULT_MAP_METRIC)."""
    bar = st.sidebar
    asof = asof_input(campaign)
    metrics = list(labels.MAP_METRIC_CHOICES)
    metric = _params.selectbox(bar, labels.MAP_METRIC_PICK, metrics,
                               index=metrics.index(map_service.DEFAULT_MAP_METRIC),
                               format_func=lambda k: labels.MAP_METRICS[k][0], key="metric")
    classing = _params.radio(bar, labels.CLASSING_PICK, list(labels.CLASSINGS), key="cls",
                             format_func=labels.CLASSINGS.get, horizontal=True,
                             help=labels.CLASSING_HELP)
    color_all = _params.toggle(bar, labels.COLOR_ALL_VILLAGES, key="all")
    choices = basemaps.available(os.environ, _secrets())
    basemap = choices["none"]
    if len(choices) > 1:
        basemap = choices[_params.selectbox(bar, labels.BASEMAP, list(choices), key="basemap",
                                            format_func=labels.BASEMAPS.get)]

    return asof, metric, classing, color_all, basemap, issue_filters(version, campaign)


@dataclass(frozen=True)
class TripSettings:
    """The inspection page's sidebar: how many villages, from where, how fast, what to map."""

    count: int
    start_mode: str
    road_factor: float
    speed: float
    map_layer: str
    coverage_days: int


COVERAGE_DAYS = 30  # the 督查选点 page's default window (the warm-up asks with it too)


def inspect_sidebar() -> TripSettings:
    bar = st.sidebar
    count = _params.slider(bar, labels.INSPECT_COUNT, 3, 15, 8, key="n")
    start_mode = bar.radio(labels.INSPECT_START, list(labels.INSPECT_STARTS),
                           format_func=labels.INSPECT_STARTS.get, key="start")
    road = _params.slider(bar, labels.INSPECT_ROAD, 1.0, 2.0, 1.4, 0.05, key="road")
    speed = bar.slider(labels.INSPECT_SPEED, 20, 80, 40, 5, key="speed")
    layer = _params.radio(bar, labels.INSPECT_LAYER, list(labels.INSPECT_LAYERS), key="layer",
                          format_func=labels.INSPECT_LAYERS.get)
    days = _params.slider(bar, labels.COVERAGE_DAYS, 7, 180, COVERAGE_DAYS, key="cov_days")
    return TripSettings(count, start_mode, road, speed, layer, days)


def date_bounds(campaign) -> tuple[dt.date, dt.date]:
    """The days the as-of date and the found-date filters may take (up to the data's today)."""
    return params.asof_bounds(campaign.start_date, campaign.deadline,
                              clock.today(_cache.store()))


CARRIED_DAY = "day"  # the as-of day a link to another page carries (see asof_input)


def asof_input(campaign):
    """The as-of date (URL key `asof`), the same widget on every page; it opens on the data's
    today (services.clock), so what was just done shows at once."""
    low, high = date_bounds(campaign)
    value = clock.default_asof(campaign.start_date, campaign.deadline,
                               clock.today(_cache.store()))
    # A link from another page carries its day as `day`: Streamlit drops a widget-bound
    # parameter (`asof`) on a page change because the old page's widget owned it.
    value = _params.read(params.date, CARRIED_DAY, labels.AS_OF, default=value, low=low,
                         high=high)
    return _params.date_input(st.sidebar, labels.AS_OF, key="asof", value=value,
                              low=low, high=high)


def issue_filters(version: str, campaign) -> IssueFilters:
    """The issue filters in a sidebar expander (URL keys grp, part, item, src, status, sev,
    unit, from, to), the same widgets on every page so a link keeps them."""
    checklist = _cache.snapshot(version).checklist
    low, high = date_bounds(campaign)
    with st.sidebar.expander(labels.FILTERS, expanded=False):
        groups = checklist.drop_duplicates("group_key")
        group_names = dict(zip(groups["group_key"], groups["group_name"], strict=True))
        picked_groups = _params.multiselect(st, labels.FILTER_GROUP, list(group_names),
                                            format_func=group_names.get, key="grp")
        parts = checklist if not picked_groups else checklist[
            checklist["group_key"].isin(picked_groups)]
        part_names = dict(zip(parts["part_key"], parts["part_name"], strict=False))
        picked_parts = _params.multiselect(st, labels.FILTER_PART, list(part_names),
                                           format_func=part_names.get, key="part")
        items = parts if not picked_parts else parts[parts["part_key"].isin(picked_parts)]
        item_names = {c: f"{c} {s}" for c, s in zip(items["code"], items["short"], strict=True)}
        picked_items = _params.multiselect(st, labels.FILTER_ITEM, list(item_names),
                                           format_func=item_names.get, key="item")
        sources = _params.multiselect(st, labels.FILTER_SOURCE, list(labels.SOURCES),
                                      format_func=labels.SOURCES.get, key="src")
        statuses = _params.multiselect(st, labels.FILTER_STATUS, list(labels.STATUSES),
                                       format_func=labels.STATUSES.get, key="status")
        severities = _params.multiselect(st, labels.FILTER_SEVERITY, list(labels.SEVERITIES),
                                         format_func=labels.SEVERITIES.get, key="sev")
        units = _params.multiselect(st, labels.FILTER_UNIT,
                                    _cache.units(version, _nav.viewer_scope()), key="unit")
        found_from = _params.date_input(st, labels.FILTER_FOUND_FROM, key="from", value=None,
                                        low=low, high=high)
        found_to = _params.date_input(st, labels.FILTER_FOUND_TO, key="to", value=None,
                                      low=low, high=high)
    return IssueFilters(
        groups=tuple(picked_groups), parts=tuple(picked_parts), items=tuple(picked_items),
        sources=tuple(sources), statuses=tuple(statuses), units=tuple(units),
        severities=tuple(severities), found_from=found_from, found_to=found_to,
    )


def _secrets() -> dict:
    """Streamlit secrets if a secrets file exists (reading a missing one raises)."""
    try:
        return dict(st.secrets)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}
