"""The large screen's settings from the URL and the environment, each raised to the minimums
in settings (a short interval costs the server a core per open tab) with a notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app_pages import _cache, _params
from paicha_geo import labels
from paicha_geo.services import clock, map_service, params, startup

# The ranking rate, as the map: the wall's map and its ranking name the same worst region.
DEFAULT_METRIC = map_service.DEFAULT_MAP_METRIC
REFRESH_ENV = "PAICHA_SCREEN_REFRESH_MINUTES"


@dataclass(frozen=True)
class ScreenParams:
    refresh: float  # seconds between data refreshes
    carousel: float  # seconds per district in the carousel (0: off)
    metric: str
    scale: float | None  # ?scale= from old links: accepted, no effect (the screen fits itself)
    asof: dt.date

    @property
    def tick(self) -> float:
        return min(self.refresh, self.carousel) if self.carousel else self.refresh


def read(campaign) -> ScreenParams:
    """Refresh every N minutes (PAICHA_SCREEN_REFRESH_MINUTES, default 5) or ?refresh= seconds;
    ?carousel=N zooms to each district in turn; ?metric= as on the map (its Chinese name or its
    key); ?scale= (ignored: kept so old links still open); ?asof=."""
    limits = startup.settings().limits
    default_refresh = _params.read_env(params.interval, REFRESH_ENV, labels.SCREEN_REFRESH_ENV,
                                       labels.SECONDS, default=300, unit=60,
                                       minimum=limits.screen_refresh_min_seconds)
    refresh = _params.read(params.interval, "refresh", labels.SCREEN_REFRESH_PARAM,
                           labels.SECONDS, default=default_refresh,
                           minimum=limits.screen_refresh_min_seconds)
    carousel = _params.read(params.interval, "carousel", labels.SCREEN_CAROUSEL_PARAM,
                            labels.SECONDS, default=0, minimum=limits.carousel_min_seconds,
                            off=True)
    names = {labels.MAP_METRICS[k][0]: k for k in labels.MAP_METRIC_CHOICES}
    names.update({k: k for k in labels.MAP_METRIC_CHOICES})
    metric = names[_params.read(params.choice, "metric", labels.SCREEN_METRIC_PARAM,
                                choices=list(names), default=labels.MAP_METRICS[DEFAULT_METRIC][0])]
    scale = _params.read(params.number, "scale", labels.SCREEN_SCALE_PARAM, default=None,
                         low=0.5, high=limits.screen_scale_max, clamp=True)
    today = clock.today(_cache.store())
    low, high = params.asof_bounds(campaign.start_date, campaign.deadline, today)
    asof = _params.read(params.date, "asof", labels.AS_OF,
                        default=clock.default_asof(campaign.start_date, campaign.deadline, today),
                        low=low, high=high)
    return ScreenParams(refresh, carousel, metric, scale, asof)
