"""The sidebar: as-of date, map metric and issue filters, each bound to the URL."""

from __future__ import annotations

import os

import streamlit as st

from app_pages._shared import cached_checklist, cached_units
from paicha_geo import labels
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.render import basemaps

BIND = "query-params"


def sidebar(version: str, campaign):
    """Widgets -> (as-of date, metric key, colour-all flag, Basemap, IssueFilters)."""
    bar = st.sidebar
    asof = asof_input(campaign)
    metrics = list(labels.MAP_METRIC_CHOICES)
    metric = bar.selectbox(labels.MAP_METRIC_PICK, metrics, index=metrics.index("issues_open"),
                           format_func=lambda k: labels.MAP_METRICS[k][0], key="metric",
                           bind=BIND)
    color_all = bar.toggle(labels.COLOR_ALL_VILLAGES, key="all", bind=BIND)
    choices = basemaps.available(os.environ, _secrets())
    basemap = choices["none"]
    if len(choices) > 1:
        basemap = choices[bar.selectbox(labels.BASEMAP, list(choices), key="basemap", bind=BIND,
                                        format_func=labels.BASEMAPS.get)]

    return asof, metric, color_all, basemap, issue_filters(version, campaign)


def asof_input(campaign):
    """The as-of date (URL key `asof`), the same widget on every page."""
    return st.sidebar.date_input(labels.AS_OF, value=campaign.default_asof, key="asof",
                                 bind=BIND, min_value=campaign.start_date, format="YYYY-MM-DD")


def issue_filters(version: str, campaign) -> IssueFilters:
    """The issue filters in a sidebar expander (URL keys grp, part, item, src, status, sev,
    unit, from, to), the same widgets on every page so a link keeps them."""
    checklist = cached_checklist(version)
    with st.sidebar.expander(labels.FILTERS, expanded=False):
        groups = checklist.drop_duplicates("group_key")
        group_names = dict(zip(groups["group_key"], groups["group_name"], strict=True))
        picked_groups = st.multiselect(labels.FILTER_GROUP, list(group_names),
                                       format_func=group_names.get, key="grp", bind=BIND)
        parts = checklist if not picked_groups else checklist[
            checklist["group_key"].isin(picked_groups)]
        part_names = dict(zip(parts["part_key"], parts["part_name"], strict=False))
        picked_parts = st.multiselect(labels.FILTER_PART, list(part_names),
                                      format_func=part_names.get, key="part", bind=BIND)
        items = parts if not picked_parts else parts[parts["part_key"].isin(picked_parts)]
        item_names = {c: f"{c} {s}" for c, s in zip(items["code"], items["short"], strict=True)}
        picked_items = st.multiselect(labels.FILTER_ITEM, list(item_names),
                                      format_func=item_names.get, key="item", bind=BIND)
        sources = st.multiselect(labels.FILTER_SOURCE, list(labels.SOURCES),
                                 format_func=labels.SOURCES.get, key="src", bind=BIND)
        statuses = st.multiselect(labels.FILTER_STATUS, list(labels.STATUSES),
                                  format_func=labels.STATUSES.get, key="status", bind=BIND)
        severities = st.multiselect(labels.FILTER_SEVERITY, list(labels.SEVERITIES),
                                    format_func=labels.SEVERITIES.get, key="sev", bind=BIND)
        units = st.multiselect(labels.FILTER_UNIT, cached_units(version), key="unit", bind=BIND)
        found_from = st.date_input(labels.FILTER_FOUND_FROM, value=None, key="from", bind=BIND,
                                   min_value=campaign.start_date, format="YYYY-MM-DD")
        found_to = st.date_input(labels.FILTER_FOUND_TO, value=None, key="to", bind=BIND,
                                 min_value=campaign.start_date, format="YYYY-MM-DD")
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
