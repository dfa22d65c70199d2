"""Visit order for a day's inspection: short trips over straight-line distances.

Nearest neighbour from the start point, improved by 2-opt (reverse any segment that
shortens the path) until no move helps. For up to EXACT_LIMIT stops every order is also
checked, so small plans are provably the shortest. The path is open: it starts at the start
point and ends at the last village (inspectors rarely return to the office the same day).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

EARTH_KM = 6371.0088
EXACT_LIMIT = 8


def haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


def distance_matrix(points: np.ndarray) -> np.ndarray:
    """Pairwise great-circle distances (km) of (lon, lat) rows."""
    lon, lat = points[:, 0], points[:, 1]
    return haversine_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])


def path_length(order, dist: np.ndarray) -> float:
    """Length of start(0) -> order[0] -> order[1] ... (indices into dist)."""
    stops = [0, *order]
    return float(sum(dist[a, b] for a, b in itertools.pairwise(stops)))


def _nearest_neighbour(dist: np.ndarray) -> list[int]:
    left = set(range(1, len(dist)))
    order, here = [], 0
    while left:
        here = min(left, key=lambda j: dist[here, j])
        order.append(here)
        left.remove(here)
    return order


def _two_opt(order: list[int], dist: np.ndarray) -> list[int]:
    best = order[:]
    improved = True
    while improved:
        improved = False
        stops = [0, *best]
        for i in range(1, len(stops) - 1):
            for k in range(i + 1, len(stops)):
                a, b = stops[i - 1], stops[i]
                c = stops[k]
                d = stops[k + 1] if k + 1 < len(stops) else None
                old = dist[a, b] + (dist[c, d] if d is not None else 0.0)
                new = dist[a, c] + (dist[b, d] if d is not None else 0.0)
                if new < old - 1e-12:
                    stops[i:k + 1] = reversed(stops[i:k + 1])
                    improved = True
        best = stops[1:]
    return best


def _exact(dist: np.ndarray) -> list[int]:
    stops = range(1, len(dist))
    return list(min(itertools.permutations(stops), key=lambda p: path_length(p, dist)))


@dataclass(frozen=True)
class Route:
    order: list[int]  # indices into the stops given to plan_route, in visiting order
    km: float  # straight-line length
    method: str  # "exact" or "nearest_neighbour_2opt"


def plan_route(start: tuple[float, float], stops: np.ndarray) -> Route:
    """Order `stops` ((lon, lat) rows) from `start` so the straight-line path is short."""
    if len(stops) == 0:
        return Route([], 0.0, "exact")
    points = np.vstack([np.asarray(start, float)[None, :], np.asarray(stops, float)])
    dist = distance_matrix(points)
    order = _two_opt(_nearest_neighbour(dist), dist)
    method = "nearest_neighbour_2opt"
    if len(stops) <= EXACT_LIMIT:
        exact = _exact(dist)
        if path_length(exact, dist) < path_length(order, dist) - 1e-9:
            order = exact
        method = "exact"
    return Route([i - 1 for i in order], path_length(order, dist), method)


def travel_hours(km: float, road_factor: float = 1.4, speed_kmh: float = 40.0) -> float:
    """Driving time estimate: straight-line km × road factor at an average speed."""
    return km * road_factor / speed_kmh
