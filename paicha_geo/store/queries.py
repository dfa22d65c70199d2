"""Reads. Every read takes `scope`, a region-code prefix (e.g. '320412' for 武进区), so that
access by region can later be enforced by passing the user's prefix, without new SQL.
Parameters are always bound; the only interpolated text is a fixed column list chosen here.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import shapely

from paicha_geo.store.db import Store
from paicha_geo.store.frames import frame


def _scope_clause(column: str, scope: str | None) -> tuple[str, list]:
    if not scope:
        return "TRUE", []
    return f"starts_with({column}, ?)", [scope]


def campaign(store: Store, campaign_id: int | None = None) -> dict:
    """The active campaign (or the given one) with its thresholds, as a plain dict."""
    with store.reading() as cur:
        if campaign_id is None:
            row = frame(cur.execute(
                "SELECT * FROM campaign WHERE active ORDER BY campaign_id DESC LIMIT 1"
            ))
        else:
            row = frame(cur.execute("SELECT * FROM campaign WHERE campaign_id = ?",
                                    [campaign_id]))
    if row.empty:
        raise LookupError("no campaign in the database")
    record = row.iloc[0].to_dict()
    record["dangerous_house_grades"] = list(record["dangerous_house_grades"])
    for key in ("start_date", "deadline", "default_asof"):
        if record.get(key) is not None and not pd.isna(record[key]):
            record[key] = pd.Timestamp(record[key]).date()
    return record


def checklist(store: Store, campaign_id: int) -> pd.DataFrame:
    with store.reading() as cur:
        return frame(cur.execute(
            "SELECT * FROM checklist_item WHERE campaign_id = ? ORDER BY sort_order", [campaign_id]
        ))


def regions(
    store: Store,
    level: str | None = None,
    scope: str | None = None,
    parent: str | None = None,
    geometry: bool = False,
) -> pd.DataFrame | gpd.GeoDataFrame:
    """Regions, optionally one level, under a scope prefix, or the children of `parent`."""
    where, params = _scope_clause("code", scope)
    if level:
        where += " AND level = ?"
        params.append(level)
    if parent:
        where += " AND parent_code = ?"
        params.append(parent)
    geom = ", ST_AsWKB(boundary) AS wkb" if geometry else ""
    with store.reading() as cur:
        df = (
            frame(cur.execute(
                f"SELECT code, name, level, parent_code, label_lon, label_lat{geom} "  # noqa: S608
                f"FROM region WHERE {where} ORDER BY code",
                params,
            ))
        )
    if not geometry:
        return df
    geoms = shapely.from_wkb([bytes(b) if b is not None else None for b in df.pop("wkb")])
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def villages(store: Store, scope: str | None = None) -> pd.DataFrame:
    """Village attributes joined to the village's name and parent town."""
    where, params = _scope_clause("v.code", scope)
    with store.reading() as cur:
        return (
            frame(cur.execute(
                "SELECT v.*, r.name, r.parent_code, r.label_lon, r.label_lat "  # noqa: S608
                f"FROM village v JOIN region r USING (code) WHERE {where} ORDER BY v.code",
                params,
            ))
        )


def households(store: Store, scope: str | None = None) -> pd.DataFrame:
    where, params = _scope_clause("village_code", scope)
    with store.reading() as cur:
        return (
            frame(cur.execute(
                f"SELECT * FROM household WHERE {where} ORDER BY household_id",  # noqa: S608
                params,
            ))
        )


# The facts the screening rules read; no names or ID numbers (metrics never need them).
HOUSEHOLD_FACTS = (
    "household_id", "village_code", "members", "per_capita_income", "exit_status",
    "school_age_children", "children_out_of_school", "children_out_of_school_physical",
    "all_insured", "inpatient_selfpay_share", "house_grade", "house_renovation", "safe_water",
    "excess_fluoride", "social_floor_eligible", "social_floor_covered",
)


def household_facts(store: Store, scope: str | None = None) -> pd.DataFrame:
    """Households without personal data (names, ID numbers), for metrics and maps."""
    where, params = _scope_clause("village_code", scope)
    cols = ", ".join(HOUSEHOLD_FACTS)
    with store.reading() as cur:
        return (
            frame(cur.execute(
                f"SELECT {cols} FROM household WHERE {where} ORDER BY household_id",  # noqa: S608
                params,
            ))
        )


def issues(store: Store, campaign_id: int, scope: str | None = None) -> pd.DataFrame:
    where, params = _scope_clause("region_code", scope)
    with store.reading() as cur:
        return (
            frame(cur.execute(
                f"SELECT * FROM issue WHERE campaign_id = ? AND {where} "  # noqa: S608
                "ORDER BY issue_code",
                [campaign_id, *params],
            ))
        )


def responsible_units(store: Store, campaign_id: int, scope: str | None = None) -> list[str]:
    where, params = _scope_clause("region_code", scope)
    with store.reading() as cur:
        rows = cur.execute(
            "SELECT DISTINCT responsible_unit FROM issue "  # noqa: S608
            f"WHERE campaign_id = ? AND responsible_unit IS NOT NULL AND {where} ORDER BY 1",
            [campaign_id, *params],
        ).fetchall()
    return [r[0] for r in rows]


def open_issue_codes(store: Store, scope: str | None = None, limit: int = 500) -> list[str]:
    """Codes of issues not yet closed in a scope, most overdue first (for pickers)."""
    where, params = _scope_clause("region_code", scope)
    with store.reading() as cur:
        rows = cur.execute(
            f"SELECT issue_code FROM issue WHERE status <> 'closed' AND {where} "  # noqa: S608
            "ORDER BY deadline, issue_code LIMIT ?",
            [*params, limit],
        ).fetchall()
    return [r[0] for r in rows]


# A campaign's history rows meeting {where}, oldest first (the snapshot's order).
_HISTORY_SQL = ("SELECT h.* FROM issue_history h JOIN issue i USING (issue_code) "
                "WHERE i.campaign_id = ? AND {where} ORDER BY h.changed_at, h.history_id")


def issue_history(store: Store, campaign_id: int, scope: str | None = None) -> pd.DataFrame:
    """The whole history of the scoped issues, oldest first."""
    where, params = _scope_clause("i.region_code", scope)
    with store.reading() as cur:
        return frame(cur.execute(_HISTORY_SQL.format(where=where), [campaign_id, *params]))


def visits(store: Store, scope: str | None = None) -> pd.DataFrame:
    where, params = _scope_clause("region_code", scope)
    with store.reading() as cur:
        return (
            frame(cur.execute(
                f"SELECT * FROM visit WHERE {where} ORDER BY visit_date, visit_id",  # noqa: S608
                params,
            ))
        )


def data_signature(store: Store) -> str:
    """A token that changes whenever the data does: row counts, the newest history and visit
    ids, the sum of issue versions, and the bulk-change marker in meta.

    Asked on every page run, so it is read again only when the file (or its WAL) changed since
    the last time, which any process's commit does; otherwise it costs a look at the file, not
    an opening (the dashboard does not keep the file open)."""
    def read() -> str:
        with store.reading() as cur:
            return content_signature(cur)

    return store.unless_changed("data_signature", read)


def content_signature(cur) -> str:
    """data_signature read through a cursor (a bare connection, e.g. in guard)."""
    row = cur.execute(
        """
        SELECT (SELECT count(*) FROM issue), (SELECT sum(version) FROM issue),
               (SELECT count(*) FROM issue_history), (SELECT max(history_id) FROM issue_history),
               (SELECT count(*) FROM visit), (SELECT max(visit_id) FROM visit),
               (SELECT count(*) FROM household), (SELECT count(*) FROM village),
               (SELECT count(*) FROM region),
               (SELECT value FROM meta WHERE key = 'data_version'),
               (SELECT value FROM meta WHERE key = 'built_at')
        """
    ).fetchall()[0]
    return "|".join(str(v) for v in row)


_BASIS_SQL = """
    SELECT (SELECT count(*) FROM issue WHERE campaign_id = $campaign),
           (SELECT coalesce(sum(version), 0) FROM issue WHERE campaign_id = $campaign),
           (SELECT count(*) FROM issue_history h JOIN issue i USING (issue_code)
             WHERE i.campaign_id = $campaign),
           (SELECT max(h.history_id) FROM issue_history h JOIN issue i USING (issue_code)
             WHERE i.campaign_id = $campaign),
           (SELECT count(*) FROM visit), (SELECT max(visit_id) FROM visit),
           (SELECT count(*) FROM household), (SELECT count(*) FROM village),
           (SELECT count(*) FROM region), (SELECT count(*) FROM household_fact),
           (SELECT count(*) FROM village_fact), (SELECT count(*) FROM checklist_item),
           (SELECT value FROM meta WHERE key = 'data_version'),
           (SELECT value FROM meta WHERE key = 'built_at')
"""
BASIS_FIELDS = ("issues", "versions", "history", "last_history", "visits", "last_visit",
                "households", "villages", "regions", "household_facts", "village_facts",
                "checklist", "data_version", "built_at")


def snapshot_basis(store: Store, campaign_id: int) -> dict:
    """What a snapshot is read from, counted (BASIS_FIELDS): two equal bases outside the
    issue and history fields mean only issue statuses can have changed in between."""
    with store.reading() as cur:
        return _basis(cur, campaign_id)


def _basis(cur, campaign_id: int) -> dict:
    row = cur.execute(_BASIS_SQL, {"campaign": campaign_id}).fetchone()
    return {name: (None if value is None else value if isinstance(value, str) else int(value))
            for name, value in zip(BASIS_FIELDS, row, strict=True)}


def status_changes(store: Store, campaign_id: int, after_history_id: int
                   ) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """(basis now, history rows after `after_history_id`, the current rows of the issues
    they name), read in one transaction so the three agree."""
    with store.reading() as cur:
        cur.execute("BEGIN TRANSACTION")
        try:
            basis = _basis(cur, campaign_id)
            history = frame(cur.execute(_HISTORY_SQL.format(where="h.history_id > ?"),
                                        [campaign_id, after_history_id]))
            issues = frame(cur.execute(
                "SELECT * FROM issue WHERE campaign_id = ? AND issue_code IN (SELECT "
                "issue_code FROM issue_history WHERE history_id > ?) ORDER BY issue_code",
                [campaign_id, after_history_id]))
        finally:
            cur.execute("COMMIT")
    return basis, history, issues


def boundary_digest(store: Store) -> str:
    """A token of the regions' names, codes, label points and outlines: equal tokens mean the
    same map geometry, whatever else changed (order-independent, one pass in DuckDB)."""
    with store.reading() as cur:
        count, digest = cur.execute(
            "SELECT count(*), bit_xor(hash(code, name, level, parent_code, label_lon, label_lat, "
            "boundary)) FROM region").fetchone()
    return f"{count}:{digest}"


def table_counts(store: Store) -> dict[str, int]:
    """Row counts the `info` command reports; one query so the figures are consistent."""
    with store.reading() as cur:
        row = (
            cur.execute(
                """
                SELECT
                  (SELECT count(*) FROM region WHERE level = 'district'),
                  (SELECT count(*) FROM region WHERE level = 'town'),
                  (SELECT count(*) FROM region WHERE level = 'village'),
                  (SELECT count(*) FROM village WHERE weak_type IS NOT NULL),
                  (SELECT count(*) FROM village WHERE weak_type = 'province'),
                  (SELECT count(*) FROM village WHERE weak_type = 'city'),
                  (SELECT count(*) FROM household),
                  (SELECT count(*) FROM issue),
                  (SELECT count(*) FROM issue WHERE status <> 'closed'),
                  (SELECT count(*) FROM checklist_item
                     WHERE campaign_id = (SELECT max(campaign_id) FROM campaign WHERE active)),
                  (SELECT count(*) FROM issue_history),
                  (SELECT count(*) FROM visit)
                """
            )
            .fetchone()
        )
    keys = [
        "districts",
        "towns",
        "villages",
        "weak_villages",
        "weak_villages_province",
        "weak_villages_city",
        "households",
        "issues",
        "issues_open",
        "checklist_items",
        "history_entries",
        "visits",
    ]
    return {k: int(v) for k, v in zip(keys, row, strict=True)}


def last_change(store: Store, prefix: str, before: dt.datetime) -> dt.datetime | None:
    """The newest moment, before `before`, that data under the region-code `prefix` changed:
    an issue's history (every import and status change writes a row), a visit (its day),
    evidence added or removed, or a 挂牌督办 mark. None when nothing changed yet."""
    like = prefix + "%"
    with store.reading() as cur:
        row = cur.execute(
            """
            SELECT max(t) FROM (
              SELECT h.changed_at AS t FROM issue_history h JOIN issue i USING (issue_code)
                WHERE i.region_code LIKE ? AND h.changed_at < ?
              UNION ALL
              SELECT CAST(v.visit_date AS TIMESTAMP) FROM visit v
                WHERE v.region_code LIKE ? AND v.visit_date < ?
              UNION ALL
              SELECT e.added_at FROM evidence e JOIN issue i USING (issue_code)
                WHERE i.region_code LIKE ? AND e.added_at < ?
              UNION ALL
              SELECT e.removed_at FROM evidence e JOIN issue i USING (issue_code)
                WHERE i.region_code LIKE ? AND e.removed_at < ?
              UNION ALL
              SELECT s.acted_at FROM supervision s JOIN issue i USING (issue_code)
                WHERE i.region_code LIKE ? AND s.acted_at < ?
            )
            """, [like, before] * 5).fetchone()
    return row[0]
