"""Bulk writes: whole tables from DataFrames, inside one transaction the caller owns."""

from __future__ import annotations

import contextlib

import duckdb
import pandas as pd
import shapely

from paicha_geo.store.db import Store
from paicha_geo.store.schema import HOUSEHOLD_FACT_COLUMNS, TABLES, VILLAGE_FACT_COLUMNS

# Columns each bulk load accepts, in table order; a fixed list, never user text.
_COLUMNS = {
    "campaign": [
        "campaign_id", "name", "start_date", "deadline", "default_asof", "income_threshold",
        "province_weak_operating_income", "city_weak_disposable_income",
        "inpatient_selfpay_max", "dangerous_house_grades", "active",
    ],
    "checklist_item": [
        "campaign_id", "code", "group_key", "group_name", "part_key", "part_name",
        "seed_number", "text", "short", "responsible_units", "incomplete", "sort_order",
    ],
    "village": [
        "code", "weak_type", "collective_operating_income", "collective_disposable_income",
        "first_secretary_present", "population",
    ],
    "household": [
        "household_id", "village_code", "head_name", "id_number", "members",
        "per_capita_income", "exit_status", "school_age_children", "children_out_of_school",
        "children_out_of_school_physical", "all_insured", "inpatient_selfpay_share",
        "house_grade", "house_renovation", "safe_water", "excess_fluoride",
        "social_floor_eligible", "social_floor_covered",
    ],
    "household_fact": ["household_id", "verified_on", "recorded_at", "recorded_by",
                       *HOUSEHOLD_FACT_COLUMNS],
    "village_fact": ["code", "verified_on", "recorded_at", "recorded_by",
                     *VILLAGE_FACT_COLUMNS],
    "issue": [
        "issue_code", "campaign_id", "region_code", "household_id", "item_code", "source",
        "severity", "responsible_unit", "description", "found_date", "deadline", "status",
        "measures", "rectified_date", "closed_date", "verifier", "escalated", "version",
    ],
    "issue_history": ["issue_code", "changed_at", "from_status", "to_status", "actor", "note"],
    "visit": ["region_code", "household_id", "visit_date", "visitors", "kind", "findings"],
}


def clear_all(cur: duckdb.DuckDBPyConnection) -> None:
    """Empty every data table (not meta's schema version) before a full rebuild. The audit
    log is append-only and is never emptied: its rows outlive any rebuild."""
    for table in reversed(TABLES):
        if table == "audit_log":
            continue
        if table == "meta":
            cur.execute("DELETE FROM meta WHERE key <> 'schema_version'")
        else:
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Append a DataFrame to a table through DuckDB's replacement scan of a registered view."""
    columns = _COLUMNS[table]
    view = f"_load_{table}"
    cur.register(view, frame[columns])
    try:
        cols = ", ".join(columns)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}")  # noqa: S608
    finally:  # after a failed insert the transaction is aborted and unregister fails too
        with contextlib.suppress(duckdb.Error):
            cur.unregister(view)
    return len(frame)


def insert_regions(cur: duckdb.DuckDBPyConnection, regions) -> int:
    """Regions from a GeoDataFrame (WGS84); geometry goes in as WKB into the GEOMETRY column."""
    frame = pd.DataFrame(
        {
            "code": regions["code"].astype(str),
            "name": regions["name"].astype(str),
            "level": regions["level"].astype(str),
            "parent_code": regions["parent_code"],
            "wkb": [None if g is None else shapely.to_wkb(g) for g in regions.geometry],
            "label_lon": regions["label_lon"].astype(float),
            "label_lat": regions["label_lat"].astype(float),
        }
    )
    cur.register("_load_region", frame)
    try:
        cur.execute(
            "INSERT INTO region (code, name, level, parent_code, boundary, label_lon, label_lat) "
            "SELECT code, name, level, parent_code, ST_GeomFromWKB(wkb), label_lon, label_lat "
            "FROM _load_region"
        )
    finally:
        with contextlib.suppress(duckdb.Error):
            cur.unregister("_load_region")
    return len(frame)


def replace_everything(store: Store, tables: dict, meta: dict[str, str]) -> None:
    """Swap the whole content for a new one in one transaction (demo rebuilds)."""
    with store.transaction() as cur:
        clear_all(cur)
        insert_regions(cur, tables["region"])
        for name in ("campaign", "checklist_item", "village", "household", "household_fact",
                     "village_fact", "issue", "issue_history", "visit"):
            if name in tables:
                insert_frame(cur, name, tables[name])
        for key, value in meta.items():
            store.set_meta(key, value, cur)
