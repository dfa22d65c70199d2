"""大屏: the large-screen presentation mode for leaders' meeting rooms (?screen=1 or /screen).

Fills any 16:9 screen without scrolling (sizes follow the viewport), refreshes itself in a
fragment (no page reload, no dimming), and never shows household data or ledger free text.
"""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from app_pages import _cache, _errors, _nav, _screen_params
from paicha_geo import labels
from paicha_geo.render import screen, screen_map
from paicha_geo.render.region_map import build_region_map

p = _screen_params.read(_cache.snapshot(_cache.version()).campaign)
st.markdown(screen.css(p.scale), unsafe_allow_html=True)


@st.fragment(run_every=p.tick)
def big_screen() -> None:
    with _errors.friendly_errors():  # a fragment rerun does not pass through app.py's guard
        draw()


def draw() -> None:
    version = _cache.version()
    snap = _cache.snapshot(version)
    scope = _nav.viewer_scope()
    data = _cache.screen_view(version, scope, p.asof)
    view = data.view
    count = st.session_state["screen_runs"] = st.session_state.get("screen_runs", 0) + 1
    updated = screen.updated_text(_cache.screen_updated_at(version, scope, p.asof))
    st.markdown(screen.header(f"{view.region['name']} · {labels.SCREEN_TITLE}", p.asof,
                              updated, count, view.is_demo), unsafe_allow_html=True)
    left, centre, right = st.columns(list(screen.COLUMNS))
    with left:
        st.markdown(screen.kpi_tiles(view.totals, data.days_left, data.changes),
                    unsafe_allow_html=True)
        st.markdown(screen.ranking(view.children["name"], view.child_metrics,
                                   labels.LEVELS[view.child_level], data.ranks, data.rank_by),
                    unsafe_allow_html=True)
    with centre:
        layers = _cache.layers(version)
        children = layers[view.child_level].set_index("code").loc[view.children["code"]]
        focus = screen.carousel_focus(children, p.carousel, dt.datetime.now().timestamp())
        rmap = build_region_map(
            layers, view.child_level, view.children["code"], view.child_metrics, p.metric,
            root_level=view.region["level"], dark=True, controls=False, focus=focus,
            weak_markers=view.weak_villages, outline="#e6edf3")
        screen_map.fill_the_box(rmap.base, rmap.layer,
                                rmap.shapes.total_bounds if focus is None else focus)
        st_folium(rmap.base, feature_group_to_add=rmap.layer, height=screen.MAP_PX,
                  use_container_width=True, key="screen_map", returned_objects=[])
        st.markdown(screen.legend(labels.MAP_METRICS[p.metric][0], rmap.scale),
                    unsafe_allow_html=True)
    with right:
        st.markdown(screen.progress_panel(data.series, p.asof, snap.campaign.deadline),
                    unsafe_allow_html=True)
        st.markdown(screen.most_overdue(data.most_overdue), unsafe_allow_html=True)


big_screen()
