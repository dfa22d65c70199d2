"""The st.cache_* wrappers of the services: what is cached, keyed by the data version.

Every figure is computed from the one snapshot (`snapshot(version)`), shared by all sessions
and replaced when the data changes; views are cached per (version, scope, day, filters).
"""

from __future__ import annotations

import datetime as dt
import threading

import streamlit as st

from paicha_geo import labels
from paicha_geo.services import (
    compare_service,
    crosscheck_service,
    data,
    guarantees_service,
    hotspot_service,
    inspect_service,
    issue_grid,
    map_service,
    memory,
    progress_service,
    screen_service,
    similar_service,
    snapshot_refresh,
    startup,
    weak_service,
)
from paicha_geo.services.data import IssueFilters, Scope


@st.cache_resource(show_spinner=False)
def _first_demo(path: str) -> str:
    with st.spinner(labels.BUILDING_DEMO):
        startup.build_first_demo(path)
    return path


def ensure_database() -> str:
    """The database path. The demo is built only on a true first start, and the page says so;
    where a database was expected but is missing, the page says that and stops."""
    path = startup.database_path()
    if startup.needs_first_demo(path):
        _first_demo(str(path))
        st.toast(labels.BUILT_DEMO.format(path=path))
    elif not path.exists():
        st.error(labels.DB_MISSING.format(path=path))
        st.stop()
    return str(path)


@st.cache_resource(show_spinner=False)
def store():
    """The app's one read-write connection (opaque to pages: they hand it to services)."""
    return startup.open_store(ensure_database())


def version() -> str:
    """Changes whenever the data changes, so cached figures are recomputed (re-read only when
    the file changed: queries.data_signature)."""
    return data.data_version(store())


@st.cache_resource(show_spinner=False)
def _latest_snapshot() -> dict:
    """The newest snapshot read, shared by all sessions, so the next version can start
    from it (services/snapshot_refresh)."""
    return {"snapshot": None, "lock": threading.Lock()}


@st.cache_resource(show_spinner=False, max_entries=2)
def snapshot(version: str) -> data.Snapshot:
    """The snapshot of one data version; after a status change, the previous one patched."""
    held = _latest_snapshot()
    with held["lock"]:
        previous = held["snapshot"]
        held["snapshot"] = snapshot_refresh.refreshed_snapshot(store(), previous)
        if held["snapshot"] is not previous:
            memory.release_freed()
        return held["snapshot"]


@st.cache_resource(show_spinner=False, max_entries=2)
def layers(version: str) -> dict:
    found = map_service.map_layers(store())
    memory.release_freed()  # simplifying left ~100 MB of freed heap resident (province)
    return found


@st.cache_data(show_spinner=False, max_entries=64)
def units(version: str, scope: Scope) -> list[str]:
    return data.responsible_units(snapshot(version), scope)


@st.cache_data(show_spinner=False, max_entries=256)
def region_view(version: str, scope: Scope, asof: dt.date, filters: IssueFilters):
    return map_service.region_view(snapshot(version), scope, asof, filters)


@st.cache_resource(show_spinner=False, max_entries=64)
def village_table(version: str, scope: Scope, asof: dt.date, filters: IssueFilters):
    """Shared, not copied per run (callers must not modify it): a province's 15,000 villages
    unpickled for every run of the map page, and each copy kept with its session while the
    session may reconnect (~6 MB each, 50 MB after a few visitors)."""
    return weak_service.village_table(snapshot(version), scope, asof, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def worst_places(version: str, scope: Scope, asof: dt.date, level: str, metric: str, n: int,
                 filters: IssueFilters):
    if level == "village":  # the villages' figures are already cached for the map's points
        return weak_service.worst_of(village_table(version, scope, asof, filters), metric, n)
    return weak_service.worst_places(snapshot(version), scope, asof, level, metric, n, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def village_profile(version: str, scope: Scope, asof: dt.date, filters: IssueFilters | None,
                    limit: int | None = 8):
    return map_service.village_profile(snapshot(version), scope, asof, filters, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def guarantee_view(version: str, scope: Scope, asof: dt.date):
    return guarantees_service.guarantee_view(snapshot(version), scope, asof)


@st.cache_data(show_spinner=False, max_entries=32)
def hot_spots(version: str, scope: Scope, asof: dt.date, subject: str):
    return hotspot_service.hot_spots(snapshot(version), layers(version)["village"], scope, asof,
                                     subject)


@st.cache_data(show_spinner=False, max_entries=32)
def hotspot_map_metrics(version: str, scope: Scope, asof: dt.date, subject: str):
    """The villages' metrics (for the map's tooltips) with their hot-spot class."""
    found = hot_spots(version, scope, asof, subject)
    metrics = map_service.village_metrics(snapshot(version), snapshot(version).regional(scope),
                                          asof)
    return metrics.loc[found.table["code"]].assign(hotspot=found.table["class"].to_numpy())


@st.cache_data(show_spinner=False, max_entries=64)
def household_list(version: str, scope: Scope, asof: dt.date, show_personal: bool,
                   check: str | None):
    return guarantees_service.household_list(store(), snapshot(version), scope, asof,
                                             show_personal, check)


@st.cache_data(show_spinner=False, max_entries=64)
def household_fact_history(version: str, scope: Scope, household_id: str, asof: dt.date):
    return guarantees_service.household_fact_history(store(), scope, household_id, asof)


@st.cache_data(show_spinner=False, max_entries=64)
def village_fact_history(version: str, scope: Scope, asof: dt.date):
    return map_service.village_fact_history(store(), scope, asof)


def household_issues(version: str, scope: Scope, household_id: str, asof: dt.date):
    return guarantees_service.household_issues(snapshot(version), scope, household_id, asof)


@st.cache_data(show_spinner=False, max_entries=64)
def progress_view(version: str, scope: Scope, asof: dt.date, filters: IssueFilters):
    return progress_service.progress_view(snapshot(version), scope, asof, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def comparison_view(version: str, scope: Scope, asof: dt.date, filters: IssueFilters,
                    rank_by: str):
    return compare_service.comparison_view(snapshot(version), scope, asof, filters, rank_by)


@st.cache_data(show_spinner=False, max_entries=32)
def ranked_villages(version: str, scope: Scope, asof: dt.date):
    return inspect_service.ranked_villages(snapshot(version), scope, asof)


@st.cache_data(show_spinner=False, max_entries=32)
def inspect_map_values(version: str, scope: Scope, asof: dt.date, days: int):
    return inspect_service.map_values(snapshot(version), scope,
                                      ranked_villages(version, scope, asof), asof, days)


@st.cache_data(show_spinner=False, max_entries=8)
def screen_view(version: str, scope: Scope, asof: dt.date):
    return screen_service.screen_view(snapshot(version), scope, asof)


@st.cache_data(show_spinner=False, max_entries=64)
def screen_updated_at(version: str, scope: Scope, asof: dt.date):
    return screen_service.data_updated_at(store(), scope, asof)


@st.cache_data(show_spinner=False, max_entries=2)
def region_names(version: str) -> dict:
    regions = snapshot(version).regions
    return dict(zip(regions["code"], regions["name"], strict=True))


@st.cache_resource(show_spinner=False, max_entries=8)
def grid_frame(version: str, scope: Scope, asof: dt.date):
    """The 问题台账 grid's rows (shared, read-only: searches slice it, never change it)."""
    return issue_grid.grid_frame(snapshot(version), scope, asof)


@st.cache_resource(show_spinner=False, max_entries=16)
def grid_order(version: str, scope: Scope, asof: dt.date, query: issue_grid.GridQuery):
    """Where one search's rows are in `grid_frame`, in order (shared, read-only): a page turn
    or a click re-runs the page without filtering and sorting 100,000 rows again, and no
    session keeps a sorted copy of its own (~6 MB each at province scale)."""
    return issue_grid.select_order(grid_frame(version, scope, asof),
                                   snapshot(version).checklist, query)


@st.cache_data(show_spinner=False, max_entries=32)
def crosscheck_view(version: str, scope: Scope, asof: dt.date):
    return crosscheck_service.crosscheck_view(snapshot(version), scope, asof)


@st.cache_data(show_spinner=False, max_entries=32)
def crosscheck_lines(version: str, scope: Scope, asof: dt.date, kind: str, check: str | None,
                     limit: int):
    """The lines of one kind in words (names masked): 1.3 s at province scale, per tab."""
    return crosscheck_service.shown_lines(store(), snapshot(version),
                                          crosscheck_view(version, scope, asof), kind, check,
                                          limit)


@st.cache_data(show_spinner=False, max_entries=32)
def same_problem(version: str, scope: Scope, asof: dt.date, item: str):
    return similar_service.same_problem(snapshot(version), scope, asof, item)
