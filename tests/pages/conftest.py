"""Fixtures of the page tests."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo the app opens (PAICHA_DB), with the app's caches emptied
    so no figure of another database survives; production error pages (no PAICHA_DEV)."""
    import streamlit as st

    path = tmp_path / "page.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("PAICHA_DB", str(path))
    monkeypatch.delenv("PAICHA_DEV", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    return path
