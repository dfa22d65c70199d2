"""大屏: the large-screen presentation mode for leaders' meeting rooms (?screen=1 or /screen).

Fills one 16:9 screen without scrolling, refreshes itself in a fragment (no page reload),
and never shows household data or ledger free text.
"""

import datetime as dt
import os

import streamlit as st
from streamlit_folium import st_folium

from app_pages._shared import cached_campaign, cached_layers, cached_snapshot, data_version
from paicha_geo import labels, screen_service
from paicha_geo.render import figures, screen
from paicha_geo.render.maps import build_base_map, build_region_layer, view_for_bounds
from paicha_geo.render.scales import scale_for


def _seconds(param: str, default: float) -> float:
    raw = st.query_params.get(param)
    try:
        return max(float(raw), 0.5) if raw else default
    except ValueError:
        return default


# Settings: refresh every N minutes (PAICHA_SCREEN_REFRESH_MINUTES, default 5) or ?refresh=
# seconds; ?carousel=N zooms to each district in turn every N seconds; ?metric= as on the map.
refresh = _seconds("refresh", 60 * float(os.environ.get("PAICHA_SCREEN_REFRESH_MINUTES", 5)))
carousel = _seconds("carousel", 0) if st.query_params.get("carousel") else 0
metric = st.query_params.get("metric", "open_per_100_households")
if metric not in labels.MAP_METRIC_CHOICES:
    metric = "open_per_100_households"
tick = min(refresh, carousel) if carousel else refresh
# ?scale=2 on a 4K wall sizes the map and chart too (type scales by itself on 4K viewports).
scale = _seconds("scale", 0) or None
px = scale or 1
st.markdown(screen.css(scale), unsafe_allow_html=True)


@st.fragment(run_every=tick)
def big_screen() -> None:
    version = data_version()
    campaign = cached_campaign(version)
    asof = dt.date.fromisoformat(st.query_params["asof"]) if st.query_params.get("asof") \
        else campaign.default_asof
    data = screen_service.screen_view(cached_snapshot(version), asof)
    view = data.view
    count = st.session_state["screen_runs"] = st.session_state.get("screen_runs", 0) + 1
    st.markdown(screen.header(f"{view.region['name']} · {labels.SCREEN_TITLE}", asof,
                              dt.datetime.now().strftime("%H:%M:%S"), count, view.is_demo),
                unsafe_allow_html=True)
    left, centre, right = st.columns([1.05, 2.1, 1.25])
    with left:
        st.markdown(screen.kpi_tiles(view.totals, data.days_left), unsafe_allow_html=True)
        st.markdown(screen.ranking(view.children["name"], view.child_metrics,
                                   labels.LEVELS[view.child_level]), unsafe_allow_html=True)
    with centre:
        layers = cached_layers(version)
        shapes = layers[view.child_level].set_index("code").loc[view.children["code"]]
        shapes = shapes.reset_index()
        scale = scale_for(metric, view.child_metrics[metric])
        layer = build_region_layer(shapes, view.child_metrics, metric, scale,
                                   weak_markers=view.weak_villages, outline="#e6edf3")
        bounds = shapes.total_bounds
        if carousel:  # zoom to each child in turn, then the whole city again
            stop = int(dt.datetime.now().timestamp() // carousel) % (len(shapes) + 1)
            if stop < len(shapes):
                bounds = shapes.geometry.iloc[stop].bounds
        center, zoom = view_for_bounds(bounds, 900 * px, 780 * px)
        st_folium(build_base_map(layers[view.region["level"]].total_bounds, dark=True,
                                 controls=False, text_scale=px),
                  feature_group_to_add=layer, center=center, zoom=zoom, height=int(780 * px),
                  use_container_width=True, key="screen_map", returned_objects=[])
        st.markdown(screen.legend(labels.MAP_METRICS[metric][0], scale),
                    unsafe_allow_html=True)
    with right:
        fig = figures.build_progress_figure(data.series, asof, campaign.deadline)
        st.plotly_chart(screen.dark(fig, height=430, scale=px),
                        config={"displayModeBar": False, "staticPlot": True},
                        key="screen_progress")
        st.markdown(screen.most_overdue(data.most_overdue), unsafe_allow_html=True)


big_screen()
