"""Dated household and village facts (schema 9): append a version, read the versions.

A version is only ever appended, never changed or deleted. A household or village with no
version on record (a file loaded in bulk without them) reads its current row as one version
without a date (未注明日期), as the migration to schema 9 wrote for every existing row.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import duckdb
import pandas as pd

from paicha_geo.store.db import Store
from paicha_geo.store.frames import frame
from paicha_geo.store.schema import HOUSEHOLD_FACT_COLUMNS, VILLAGE_FACT_COLUMNS

# table -> (its key, the fact table, the fact columns); fixed names, never user text.
_FACTS = {
    "household": ("household_id", "household_fact", HOUSEHOLD_FACT_COLUMNS),
    "village": ("code", "village_fact", VILLAGE_FACT_COLUMNS),
}
VERSION_COLUMNS = ("verified_on", "recorded_at", "recorded_by")


def append_versions(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame,
                    recorded_at: dt.datetime, recorded_by: str) -> int:
    """Append one version per row of `frame` (the key, `verified_on` and every fact column of
    `table`), inside the caller's transaction."""
    key, fact_table, columns = _FACTS[table]
    if frame.empty:
        return 0
    load = frame[[key, "verified_on", *columns]].assign(recorded_at=recorded_at,
                                                       recorded_by=recorded_by)
    cols = ", ".join([key, "verified_on", "recorded_at", "recorded_by", *columns])
    cur.register("_facts", load)
    try:
        cur.execute(f"INSERT INTO {fact_table} ({cols}) SELECT {cols} FROM _facts")  # noqa: S608
    finally:
        with contextlib.suppress(duckdb.Error):
            cur.unregister("_facts")
    return len(load)


def first_days(store: Store, table: str) -> pd.DataFrame:
    """Per household (village), in key order like the snapshot's rows: the day its facts were
    first verified (NaT when a version has no date, or it has none: known since the
    beginning) and how many versions it has."""
    key, fact_table, _ = _FACTS[table]
    with store.reading() as cur:
        return frame(cur.execute(
            f"""SELECT c.{key}, f.first_day, coalesce(f.versions, 0) AS versions
                FROM {table} c LEFT JOIN (
                    SELECT {key}, CASE WHEN bool_or(verified_on IS NULL) THEN NULL
                                       ELSE min(verified_on) END AS first_day,
                           count(*) AS versions
                    FROM {fact_table} GROUP BY {key}) f USING ({key})
                ORDER BY c.{key}"""))  # noqa: S608 - fixed names


def several_versions(store: Store, table: str) -> pd.DataFrame:
    """Every version of the keys with more than one (key, verified_on and the facts), in
    superseding order per key: what an as-of figure needs beyond the current rows."""
    key, fact_table, columns = _FACTS[table]
    facts = ", ".join(columns)
    with store.reading() as cur:
        return frame(cur.execute(
            f"SELECT {key}, verified_on, {facts} FROM {fact_table} "  # noqa: S608
            f"WHERE {key} IN (SELECT {key} FROM {fact_table} GROUP BY {key} HAVING count(*) > 1) "
            f"ORDER BY {key}, verified_on NULLS FIRST, recorded_at, fact_id"))


def history(store: Store, table: str, scope: str | None = None,
            key_value: str | None = None) -> pd.DataFrame:
    """Every version of the facts of `table` ('household' or 'village'): the key,
    verified_on, recorded_at, recorded_by and the fact columns, in the order versions
    supersede each other per key (undated first, then by verified_on, then as recorded).

    `scope` keeps the keys under a region-code prefix, `key_value` one household or village.
    """
    key, fact_table, columns = _FACTS[table]
    region = "village_code" if table == "household" else "code"
    f_facts = ", ".join(f"f.{c}" for c in columns)
    c_facts = ", ".join(f"c.{c}" for c in columns)
    where, params = "TRUE", []
    if scope:
        where += f" AND starts_with(c.{region}, ?)"
        params.append(scope)
    if key_value is not None:
        where += f" AND c.{key} = ?"
        params.append(key_value)
    sql = f"""
        SELECT f.{key}, f.verified_on, f.recorded_at, f.recorded_by, {f_facts}, f.fact_id
        FROM {fact_table} f JOIN {table} c USING ({key}) WHERE {where}
        UNION ALL
        SELECT c.{key}, NULL::DATE, NULL::TIMESTAMP, NULL::VARCHAR, {c_facts},
               NULL::BIGINT
        FROM {table} c WHERE {where}
          AND NOT EXISTS (SELECT 1 FROM {fact_table} f WHERE f.{key} = c.{key})
        ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST, fact_id NULLS FIRST
    """  # noqa: S608 - fixed names
    with store.reading() as cur:
        return frame(cur.execute(sql, params * 2)).drop(columns="fact_id")


def latest_verified(store: Store, table: str, keys: list[str]) -> dict[str, dt.date]:
    """The newest 核实日期 on record for each of `keys` (keys without a dated version are
    left out)."""
    key, fact_table, _ = _FACTS[table]
    if not keys:
        return {}
    with store.reading() as cur:
        rows = cur.execute(
            f"SELECT {key}, max(verified_on) FROM {fact_table} "  # noqa: S608 - fixed names
            f"WHERE {key} IN (SELECT unnest(?)) AND verified_on IS NOT NULL GROUP BY 1",
            [list(keys)]).fetchall()
    return {k: v for k, v in rows}
