"""大屏: the large-screen presentation mode for leaders' meeting rooms (?screen=1 or /screen).

Fills one 16:9 screen without scrolling, refreshes itself in a fragment (no page reload),
and never shows household data or ledger free text.
"""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from app_pages import _errors, _params
from app_pages._shared import cached_campaign, cached_layers, cached_snapshot, data_version
from paicha_geo import labels, screen_service
from paicha_geo.config import settings
from paicha_geo.domain import params
from paicha_geo.render import figures, screen
from paicha_geo.render.maps import build_base_map, build_region_layer, view_for_bounds
from paicha_geo.render.scales import scale_for

DEFAULT_METRIC = "open_per_100_households"
REFRESH_ENV = "PAICHA_SCREEN_REFRESH_MINUTES"
limits = settings().limits

# Refresh every N minutes (PAICHA_SCREEN_REFRESH_MINUTES, default 5) or ?refresh= seconds;
# ?carousel=N zooms to each district in turn every N seconds (0: off). Both are raised to
# the minimums in settings, with a notice: a short interval costs the server a core per tab.
default_refresh = _params.read_env(params.interval, REFRESH_ENV, labels.SCREEN_REFRESH_ENV,
                                   labels.SECONDS, default=300, unit=60,
                                   minimum=limits.screen_refresh_min_seconds)
refresh = _params.read(params.interval, "refresh", labels.SCREEN_REFRESH_PARAM, labels.SECONDS,
                       default=default_refresh, minimum=limits.screen_refresh_min_seconds)
carousel = _params.read(params.interval, "carousel", labels.SCREEN_CAROUSEL_PARAM,
                        labels.SECONDS, default=0, minimum=limits.carousel_min_seconds, off=True)
# ?metric= as on the map (its Chinese name) or its key.
metric_names = {labels.MAP_METRICS[k][0]: k for k in labels.MAP_METRIC_CHOICES}
metric_names.update({k: k for k in labels.MAP_METRIC_CHOICES})
metric = metric_names[_params.read(params.choice, "metric", labels.SCREEN_METRIC_PARAM,
                                   choices=list(metric_names),
                                   default=labels.MAP_METRICS[DEFAULT_METRIC][0])]
tick = min(refresh, carousel) if carousel else refresh
# ?scale=2 on a 4K wall sizes the map and chart too (type scales by itself on 4K viewports).
scale = _params.read(params.number, "scale", labels.SCREEN_SCALE_PARAM, default=None, low=0.5,
                     high=limits.screen_scale_max, clamp=True)
px = scale or 1
st.markdown(screen.css(scale), unsafe_allow_html=True)
campaign = cached_campaign(data_version())
low, high = params.asof_bounds(campaign.start_date, campaign.deadline, dt.date.today())
asof = _params.read(params.date, "asof", labels.AS_OF, default=campaign.default_asof, low=low,
                    high=high)


@st.fragment(run_every=tick)
def big_screen() -> None:
    with _errors.friendly_errors():  # a fragment rerun does not pass through app.py's guard
        draw()


def draw() -> None:
    version = data_version()
    campaign = cached_campaign(version)
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
