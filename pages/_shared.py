"""Streamlit glue shared by the pages: the store, the demo on first start, cached views."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from paicha_geo import labels
from paicha_geo.config import db_path
from paicha_geo.service import RegionView, region_view
from paicha_geo.store import Store


@st.cache_resource(show_spinner=False)
def ensure_database() -> str:
    """Create the demo database on first start when the file is missing (once per process)."""
    path = db_path()
    if not path.exists():
        from paicha_geo.demo.build import build_demo

        with st.spinner(labels.BUILDING_DEMO):
            build_demo(path, "city")
    return str(path)


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The app's one read-write connection; sessions use cursors from it."""
    return Store(ensure_database())


@st.cache_data(show_spinner=False, max_entries=64)
def cached_region_view(code: str | None, asof: dt.date) -> RegionView:
    return region_view(get_store(), code, asof)


def demo_badge(is_demo: bool) -> None:
    if is_demo:
        st.markdown(
            f'<span class="paicha-demo" title="{labels.DEMO_NOTE}">{labels.DEMO_BADGE}</span>',
            unsafe_allow_html=True,
        )


PAGE_CSS = """
<style>
.paicha-demo{display:inline-block;background:#b8860b;color:#fff;font-weight:700;
  padding:2px 10px;border-radius:4px;font-size:0.9rem;letter-spacing:.1em}
.paicha-asof{color:#555;font-size:0.95rem}
div[data-testid="stMetricValue"]{font-size:1.9rem}
</style>
"""
