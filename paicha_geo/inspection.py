"""Inspection planning (督查选点): risk-ranked villages, a route, and the visit pack's data.

Wiring of store reads into the pure rules of domain.risk / domain.route / domain.coverage;
no Streamlit and no SQL here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo import config, labels
from paicha_geo.domain import coverage, risk, route
from paicha_geo.domain.metrics import OPEN_STATUSES
from paicha_geo.domain.rules import household_failures, village_income_standard
from paicha_geo.service import Snapshot, _within
from paicha_geo.store import Store
from paicha_geo.store import queries as q


def ranked_villages(store: Store, snap: Snapshot, scope: str, asof: dt.date,
                    weights: dict | None = None) -> pd.DataFrame:
    """Every village in `scope` with its risk components, contributions, score and reasons."""
    weights = weights or config.risk_weights()
    villages = _within(snap.villages, "code", scope)
    households = _within(snap.households, "village_code", scope)
    fails = household_failures(households, snap.campaign)
    failing = fails["any_guarantee"].groupby(households["village_code"]).sum()
    low = fails["income"].groupby(households["village_code"]).sum()
    issues = _within(snap.issues_asof(asof), "region_code", scope)
    visits = q.visits(store, scope)
    parts = risk.components(villages, issues, failing, low, visits, asof, weights)
    scored = risk.score(parts, weights)
    info = villages.set_index("code")[["name", "weak_type", "label_lon", "label_lat",
                                       "parent_code"]].rename(columns={"weak_type": "weak"})
    out = scored.join(info)
    out["reasons"] = ["；".join(risk.reasons(row, labels.RISK_REASONS)) for _, row in
                      out.iterrows()]
    return out


@dataclass
class PlannedRoute:
    stops: pd.DataFrame  # the chosen villages in visiting order, with leg and cumulative km
    km: float
    hours: float
    method: str


def plan(chosen: pd.DataFrame, start: tuple[float, float], road_factor: float,
         speed_kmh: float = 40.0) -> PlannedRoute:
    """Order the chosen villages (label_lon/label_lat) from `start`."""
    points = chosen[["label_lon", "label_lat"]].to_numpy(float)
    result = route.plan_route(start, points)
    stops = chosen.iloc[result.order].copy()
    lon = np.concatenate([[start[0]], stops["label_lon"].to_numpy(float)])
    lat = np.concatenate([[start[1]], stops["label_lat"].to_numpy(float)])
    legs = route.haversine_km(lon[:-1], lat[:-1], lon[1:], lat[1:])
    stops["leg_km"] = legs
    stops["cumulative_km"] = np.cumsum(legs)
    stops["stop"] = np.arange(1, len(stops) + 1)
    return PlannedRoute(stops, result.km, route.travel_hours(result.km, road_factor, speed_kmh),
                        result.method)


def visit_pack(store: Store, snap: Snapshot, codes: list[str], asof: dt.date) -> list[dict]:
    """For each village in route order: open issues, unverified rectifications, failing
    households (masked), weak-village facts and the last visit. No unmasked personal data."""
    from paicha_geo.service import household_list

    short = snap.checklist.set_index("code")["short"]
    issues_asof = snap.issues_asof(asof)
    out = []
    for code in codes:
        row = snap.villages[snap.villages["code"] == code]
        village = row.iloc[0]
        issues = issues_asof[issues_asof["region_code"] == code]
        open_ = issues[issues["status_asof"].isin(OPEN_STATUSES)].assign(
            item=lambda d: d["item_code"].map(short))
        households = household_list(store, code, asof, show_personal=False, snapshot=snap)
        income = village_income_standard(row, snap.campaign).iloc[0]
        visits = q.visits(store, code)
        visits = visits[pd.to_datetime(visits["visit_date"]) <= pd.Timestamp(asof)]
        last = visits.sort_values("visit_date").tail(1)
        out.append({
            "code": code,
            "name": village["name"],
            "weak_type": village["weak_type"] if pd.notna(village["weak_type"]) else None,
            "income": income,
            "open_issues": open_[open_["status_asof"] != "rectified"][
                ["issue_code", "item", "description", "status_asof", "deadline",
                 "overdue_days"]],
            "unverified": open_[open_["status_asof"] == "rectified"][
                ["issue_code", "item", "description", "deadline"]],
            "failing_households": households[households["failing_count"] > 0][
                ["household_id", "head_name", "members", "failing"]],
            "last_visit": None if last.empty else last.iloc[0].to_dict(),
        })
    return out


def visit_coverage(store: Store, snap: Snapshot, scope: str, child_prefixes,
                   prefix_length: int, asof: dt.date, days: int) -> pd.DataFrame:
    """遍访 coverage of each child region of `scope` over the last `days` days."""
    return coverage.coverage(
        _within(snap.villages, "code", scope), _within(snap.households, "village_code", scope),
        q.visits(store, scope), asof, days, child_prefixes, prefix_length)
