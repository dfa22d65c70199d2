"""The inspection page's choice of villages and start point, kept in the session (the map
and the table both change it), and the map click that adds or removes a village."""

from __future__ import annotations

import streamlit as st

from app_pages import _nav


def chosen(key: str, ranked, count: int) -> list[str]:
    """The villages chosen for this (region, day, count): the top `count` at first, or the
    villages a link named (`?pick=`, e.g. the 举一反三 shortlist) that are in the ranking."""
    if key not in st.session_state:
        picked = [c for c in st.query_params.get_all("pick") if c in ranked.index]
        st.session_state[key] = picked or list(ranked.index[:count])
    return st.session_state[key]


def start(mode: str, points: dict) -> tuple[float, float]:
    """The trip's start: a seat, or the point last clicked in 'clicked' mode."""
    if mode == "clicked":
        return st.session_state.get("clicked_start", points["district"])
    return points.get(mode, points["district"])


def on_click(map_key: str, key: str, mode: str, ranked):
    """A click picks the start (in 'clicked' mode) or adds/removes the village clicked."""
    def follow() -> None:
        state = st.session_state.get(map_key) or {}
        if mode == "clicked" and state.get("last_clicked"):
            point = state["last_clicked"]
            st.session_state["clicked_start"] = (point["lng"], point["lat"])
            return
        code = _nav.clicked_code(state)
        if code and code in ranked.index:
            picked = st.session_state[key]
            picked.remove(code) if code in picked else picked.append(code)
    return follow
