"""大屏: the large-screen presentation mode for leaders' meeting rooms (?screen=1 or /screen).

Fills one 16:9 screen without scrolling, refreshes itself in a fragment (no page reload),
and never shows household data or ledger free text.
"""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from app_pages import _cache, _errors, _nav, _screen_params
from paicha_geo import labels
from paicha_geo.render import figures, screen
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
    data = _cache.screen_view(version, _nav.viewer_scope(), p.asof)
    view = data.view
    count = st.session_state["screen_runs"] = st.session_state.get("screen_runs", 0) + 1
    st.markdown(screen.header(f"{view.region['name']} · {labels.SCREEN_TITLE}", p.asof,
                              dt.datetime.now().strftime("%H:%M:%S"), count, view.is_demo),
                unsafe_allow_html=True)
    left, centre, right = st.columns([1.05, 2.1, 1.25])
    with left:
        st.markdown(screen.kpi_tiles(view.totals, data.days_left), unsafe_allow_html=True)
        st.markdown(screen.ranking(view.children["name"], view.child_metrics,
                                   labels.LEVELS[view.child_level]), unsafe_allow_html=True)
    with centre:
        layers = _cache.layers(version)
        children = layers[view.child_level].set_index("code").loc[view.children["code"]]
        rmap = build_region_map(
            layers, view.child_level, view.children["code"], view.child_metrics, p.metric,
            root_level=view.region["level"], dark=True, controls=False, text_scale=p.px,
            focus=screen.carousel_focus(children, p.carousel, dt.datetime.now().timestamp()),
            size_px=p.map_size, weak_markers=view.weak_villages,
            outline="#e6edf3")
        st_folium(rmap.base, feature_group_to_add=rmap.layer, center=rmap.center,
                  zoom=rmap.zoom, height=p.map_size[1], use_container_width=True,
                  key="screen_map", returned_objects=[])
        st.markdown(screen.legend(labels.MAP_METRICS[p.metric][0], rmap.scale),
                    unsafe_allow_html=True)
    with right:
        fig = figures.build_progress_figure(data.series, p.asof, snap.campaign.deadline)
        st.plotly_chart(screen.dark(fig, height=430, scale=p.px),
                        config={"displayModeBar": False, "staticPlot": True},
                        key="screen_progress")
        st.markdown(screen.most_overdue(data.most_overdue), unsafe_allow_html=True)


big_screen()
