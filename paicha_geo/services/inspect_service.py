"""The inspection page (督查选点): risk-ranked villages, a route, the visit pack, recorded visits
and 遍访 coverage. Wiring of the snapshot into the pure rules of domain.risk / route / coverage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo import config, labels
from paicha_geo.domain import coverage, risk, route
from paicha_geo.domain.regions import PREFIX_LENGTH, child_level, full_code
from paicha_geo.domain.rules import household_failures, village_income_standard
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, open_issues
from paicha_geo.services.guarantees_service import household_list
from paicha_geo.services.map_service import village_metrics
from paicha_geo.store import Store

PLANNING_LEVELS = ("city", "district", "town")  # a trip is planned inside one of these


def ranked_villages(snap: Snapshot, scope: Scope, asof: dt.date,
                    weights: dict | None = None) -> pd.DataFrame:
    """Every village in `scope` with its risk components, contributions, score and reasons."""
    weights = weights or config.risk_weights()
    villages = scope.rows(snap.villages_asof(asof), "code")
    if villages.empty:  # nothing to rank (the page says so)
        return pd.DataFrame(columns=["score", "name", "weak", "label_lon", "label_lat",
                                     "parent_code", "reasons"],
                            index=pd.Index([], name="code", dtype=object))
    households = scope.rows(snap.households_asof(asof), "village_code")
    fails = household_failures(households, snap.campaign)
    failing = fails["any_guarantee"].groupby(households["village_code"]).sum()
    low = fails["income"].groupby(households["village_code"]).sum()
    parts = risk.components(villages, issues_in_scope(snap, scope, asof), failing, low,
                            scope.rows(snap.visits, "region_code"), asof, weights)
    scored = risk.score(parts, weights)
    info = villages.set_index("code")[["name", "weak_type", "label_lon", "label_lat",
                                       "parent_code"]].rename(columns={"weak_type": "weak"})
    out = scored.join(info)
    out["reasons"] = [labels.RISK_REASONS_SEPARATOR.join(risk.reasons(row, labels.RISK_REASONS))
                      for _, row in out.iterrows()]
    return out


def start_points(snap: Snapshot, scope: Scope, ranked: pd.DataFrame) -> dict:
    """Where a trip may start: the district seat, or the township seat (the first-ranked
    village's township when planning a whole district). {mode: (lon, lat)}."""
    by_code = snap.regions.set_index("code")
    town = scope.code if scope.level == "town" else ranked.iloc[0]["parent_code"]
    out = {}
    for mode, code in (("district", full_code(scope.prefix[: PREFIX_LENGTH["district"]])),
                       ("town", town)):
        row = by_code.loc[code]
        out[mode] = (float(row["label_lon"]), float(row["label_lat"]))
    return out


@dataclass
class PlannedRoute:
    stops: pd.DataFrame  # the chosen villages in visiting order, with leg and cumulative km
    km: float
    hours: float
    method: str
    road_factor: float = 1.0

    @property
    def road_km(self) -> float:
        """The straight-line distance times the road factor: the estimated driving distance."""
        return self.km * self.road_factor


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
                        result.method, road_factor)


def candidates(ranked: pd.DataFrame, chosen: list[str], count: int) -> pd.DataFrame:
    """The table to choose from: the top villages (at least 30) plus any chosen below them.
    Columns: selected, name, town (code), weak, score, reasons; indexed by village code."""
    top = ranked.head(max(30, count))
    extra = [c for c in chosen if c not in top.index]
    top = pd.concat([top, ranked.loc[extra]]) if extra else top
    return pd.DataFrame({"selected": top.index.isin(chosen), "name": top["name"],
                         "town": top["parent_code"], "weak": top["weak"],
                         "score": top["score"].round(1), "reasons": top["reasons"]},
                        index=top.index)


def map_values(snap: Snapshot, scope: Scope, ranked: pd.DataFrame, asof: dt.date,
               days: int) -> pd.DataFrame:
    """Per village of `scope` in code order: every map metric, the risk score and the share of
    households visited in the last `days` days."""
    codes = ranked.index.sort_values()
    metrics = village_metrics(snap, scope, asof).loc[codes].reset_index()
    metrics["risk_score"] = ranked.loc[codes, "score"].to_numpy()
    metrics["weak"] = ranked.loc[codes, "weak"].to_numpy()
    metrics["household_coverage"] = visit_coverage(
        snap, scope, list(codes), 12, asof, days)["household_coverage"].to_numpy()
    return metrics


def route_rows(planned: PlannedRoute) -> pd.DataFrame:
    """The route sheet's rows (rounded), columns as labels.PACK_ROUTE_COLUMNS keys."""
    stops = planned.stops
    return stops.assign(leg_km=stops["leg_km"].round(1),
                        cumulative_km=stops["cumulative_km"].round(1),
                        score=stops["score"].round(1))[list(labels.PACK_ROUTE_COLUMNS)]


def weight_rows(planned: PlannedRoute) -> pd.DataFrame:
    """Each stop's risk contributions (w_*), rounded, with its stop number, name and score."""
    stops = planned.stops
    out = stops[[f"w_{c}" for c in labels.RISK_COMPONENTS]].round(2)
    out.insert(0, "name", stops["name"])
    out.insert(0, "stop", stops["stop"])
    out["score"] = stops["score"].round(1)
    return out


def visit_pack(store: Store, snap: Snapshot, scope: Scope, codes: list[str],
               asof: dt.date) -> list[dict]:
    """For each village in route order: open issues, unverified rectifications, failing
    households (masked), weak-village facts and the last visit. No unmasked personal data."""
    short = snap.checklist.set_index("code")["short"]
    out = []
    for code in codes:
        village_scope = scope.narrow(code, "village")
        villages = snap.villages_asof(asof)
        row = villages[villages["code"] == code]
        village = row.iloc[0]
        still_open = open_issues(issues_in_scope(snap, village_scope, asof)).assign(
            item=lambda d: d["item_code"].map(short))
        households = household_list(store, snap, village_scope, asof, show_personal=False)
        visits = village_scope.rows(snap.visits, "region_code")
        last = visits[pd.to_datetime(visits["visit_date"]) <= pd.Timestamp(asof)].sort_values(
            "visit_date").tail(1)
        out.append({
            "code": code,
            "name": village["name"],
            "weak_type": village["weak_type"] if pd.notna(village["weak_type"]) else None,
            "income": village_income_standard(row, snap.campaign).iloc[0],
            "open_issues": still_open[still_open["status_asof"] != "rectified"][
                ["issue_code", "item", "description", "status_asof", "deadline",
                 "overdue_days"]],
            "unverified": still_open[still_open["status_asof"] == "rectified"][
                ["issue_code", "item", "description", "deadline"]],
            "failing_households": households[households["failing_count"] > 0][
                ["household_id", "head_name", "members", "failing"]],
            "last_visit": None if last.empty else last.iloc[0].to_dict(),
        })
    return out


def visit_coverage(snap: Snapshot, scope: Scope, child_prefixes, prefix_length: int,
                   asof: dt.date, days: int) -> pd.DataFrame:
    """遍访 coverage of each child region of `scope` over the last `days` days."""
    return coverage.coverage(
        scope.rows(snap.villages, "code"), scope.rows(snap.households, "village_code"),
        scope.rows(snap.visits, "region_code"), asof, days, child_prefixes, prefix_length)


def coverage_table(snap: Snapshot, scope: Scope, asof: dt.date, days: int) -> pd.DataFrame:
    """遍访 coverage per child region of `scope`, with the child's name first."""
    region = snap.region(scope)
    children = snap.regions[snap.regions["parent_code"] == region["code"]].sort_values("code")
    n = PREFIX_LENGTH[child_level(scope.level)]
    out = visit_coverage(snap, scope, [c[:n] for c in children["code"]], n, asof, days)
    out.insert(0, "name", children["name"].to_numpy())
    return out
