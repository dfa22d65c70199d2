"""Streamlit glue shared by the pages: the store, the demo on first start, cached data."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from paicha_geo import labels, service
from paicha_geo.config import db_path
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.render import escape
from paicha_geo.render.geometry import simplify_levels
from paicha_geo.store import Store
from paicha_geo.store import queries as q


@st.cache_resource(show_spinner=False)
def _first_start_demo(path: str) -> str:
    """Build the demo at the default path on a true first start (once per process)."""
    from paicha_geo.demo.install import install_demo

    with st.spinner(labels.BUILDING_DEMO):
        install_demo(path, "city")
    return path


def ensure_database() -> str:
    """The database path. The demo is built only on a true first start, and the page says so;
    where a database was expected but is missing, the page says that and stops."""
    from paicha_geo.demo.install import first_start_allowed

    path = db_path()
    if first_start_allowed(path):
        _first_start_demo(str(path))
        st.toast(labels.BUILT_DEMO.format(path=path))
    elif not path.exists():
        st.error(labels.DB_MISSING.format(path=path))
        st.stop()
    return str(path)


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The app's one read-write connection; sessions use cursors from it."""
    return Store(ensure_database())


def data_version() -> str:
    """Changes whenever the data changes, so cached figures are recomputed."""
    return service.data_version(get_store())


@st.cache_data(show_spinner=False)
def cached_regions(version: str):
    return service.all_regions(get_store())


@st.cache_resource(show_spinner=False)
def cached_layers(version: str):
    """Simplified geometry per level, computed once per data version (not per rerun)."""
    return simplify_levels(q.regions(get_store(), geometry=True))


@st.cache_data(show_spinner=False)
def cached_campaign(version: str):
    return service.active_campaign(get_store())


@st.cache_resource(show_spinner=False, max_entries=2)
def cached_snapshot(version: str) -> service.Snapshot:
    """All figures' inputs in memory, once per data version (shared by every session)."""
    return service.load_snapshot(get_store())


@st.cache_data(show_spinner=False, max_entries=256)
def cached_region_view(version: str, code: str, asof: dt.date, filters: IssueFilters):
    regions = cached_regions(version)
    region = service.resolve_region(regions, code, "").region
    return service.region_view(get_store(), region, asof, filters, cached_snapshot(version))


@st.cache_data(show_spinner=False, max_entries=256)
def cached_village_profile(version: str, code: str, asof: dt.date, filters: IssueFilters,
                           limit: int | None = 8):
    return service.village_profile(get_store(), code, asof, filters, limit)


@st.cache_data(show_spinner=False)
def cached_checklist(version: str):
    campaign = cached_campaign(version)
    return q.checklist(get_store(), campaign.campaign_id)


@st.cache_data(show_spinner=False)
def cached_units(version: str) -> list[str]:
    return service.responsible_units(get_store())


def demo_badge(is_demo: bool) -> None:
    if is_demo:
        st.markdown(
            f'<span class="paicha-demo" title="{labels.DEMO_NOTE}">{labels.DEMO_BADGE}</span>',
            unsafe_allow_html=True,
        )


def page_header(title: str, is_demo: bool, campaign=None, asof=None, extra: str | None = None,
                filters=None) -> None:
    """Title with the 演示数据 badge; the campaign, as-of day and deadline (or `extra`) under it;
    a note when issue filters are active."""
    head, badge = st.columns([6, 1])
    head.title(escape.markdown(title))
    with badge:
        demo_badge(is_demo)
    if campaign is not None and asof is not None:
        tail = extra or f"{labels.DEADLINE} {campaign.deadline:%Y-%m-%d}"
        st.markdown(f'<div class="paicha-asof">{escape.text(campaign.name)} · {labels.AS_OF} '
                    f"{asof:%Y-%m-%d} · {escape.text(tail)}</div>", unsafe_allow_html=True)
    if filters is not None and not filters.is_empty():
        st.info(labels.FILTER_ACTIVE)


PAGE_CSS = """
<style>
.paicha-demo{display:inline-block;background:#b8860b;color:#fff;font-weight:700;
  padding:2px 10px;border-radius:4px;font-size:0.9rem;letter-spacing:.1em}
.paicha-asof{color:#555;font-size:0.95rem}
div[data-testid="stMetricValue"]{font-size:1.9rem}
</style>
"""


@st.cache_data(show_spinner=False, max_entries=64)
def cached_guarantee_view(version: str, code: str, asof: dt.date):
    region = service.resolve_region(cached_regions(version), code, "").region
    return service.guarantee_view(get_store(), region, asof, cached_snapshot(version))


@st.cache_data(show_spinner=False, max_entries=64)
def cached_household_list(version: str, scope: str, asof: dt.date, show_personal: bool,
                          check: str | None):
    return service.household_list(get_store(), scope, asof, show_personal, check,
                                  cached_snapshot(version))


@st.cache_data(show_spinner=False, max_entries=32)
def cached_ranking(version: str, scope: str, asof: dt.date):
    from paicha_geo import inspection

    return inspection.ranked_villages(get_store(), cached_snapshot(version), scope, asof)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_village_metrics(version: str, scope: str, asof: dt.date):
    return service.village_metrics(cached_snapshot(version), scope, asof)
