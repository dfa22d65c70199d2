"""A copy of the demo with hostile text planted in every user-entered text field.

Each value is prefixed with one payload (cycled over the rows), so every field starts with
one, names stay unique and the original text stays recognisable after it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import duckdb

# Spreadsheet formulas (OWASP CSV injection), including the measured ones of issue #11.
FORMULAS = ('=HYPERLINK("http://evil.example","点我")', "-2+3+cmd|' /C calc'!A0", "+1+1",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1")
# Markup: a markdown link, a script element, a bold element, and a link after a blank line
# (which would end an HTML block and let the rest be read as markdown).
EVIL_LINK = "[链接](http://evil.example)"
MARKUP = (EVIL_LINK, "<script>alert(1)</script>", "<b>粗</b>", f"甲\n\n{EVIL_LINK}")

# (table, key column, text columns) of every text a user imports or types.
TEXT_FIELDS = (
    ("region", "code", ("name",)),
    ("campaign", "campaign_id", ("name",)),
    ("household", "household_id", ("head_name",)),
    ("issue", "issue_code", ("description", "measures", "responsible_unit", "verifier")),
    ("issue_history", "issue_code", ("actor", "note")),
    ("visit", "region_code", ("visitors", "findings")),
)


def plant(db: Path, payloads: tuple[str, ...]) -> None:
    """Prefix every user-entered text (and every household number) in `db` with a payload."""
    con = duckdb.connect(str(db))
    try:
        for table, key, columns in TEXT_FIELDS:
            for i, col in enumerate(columns):
                con.execute(
                    f"UPDATE {table} SET {col} = (?::VARCHAR[])[(1 + hash({key}, ?) % ?)::BIGINT]"  # noqa: S608
                    f" || coalesce({col}, '')", [list(payloads), i, len(payloads)])
        # Household numbers are imported too (where given): rename them everywhere.
        con.execute("CREATE TEMP TABLE hid AS SELECT household_id AS old, "
                    "(?::VARCHAR[])[(1 + hash(household_id) % ?)::BIGINT] || household_id AS new "
                    "FROM household", [list(payloads), len(payloads)])
        for table in ("issue", "visit"):
            con.execute(f"UPDATE {table} SET household_id = hid.new FROM hid "  # noqa: S608
                        "WHERE household_id = hid.old")
        con.execute("CREATE TEMP TABLE h2 AS SELECT * REPLACE (hid.new AS household_id) "
                    "FROM household JOIN hid ON household.household_id = hid.old")
        con.execute("DELETE FROM household")
        con.execute("INSERT INTO household SELECT * EXCLUDE (old, new) FROM h2")
    finally:
        con.close()


def hostile_copy(demo_db: Path, target: Path, payloads: tuple[str, ...]) -> Path:
    shutil.copy(demo_db, target)
    plant(target, payloads)
    return target


@contextlib.contextmanager
def pages_on(db: Path):
    """Run app pages in AppTest against `db` (the app's caches are per process: cleared)."""
    import streamlit as st

    old = os.environ.get("PAICHA_DB")
    os.environ["PAICHA_DB"] = str(db)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
        if old is None:
            os.environ.pop("PAICHA_DB", None)
        else:
            os.environ["PAICHA_DB"] = old


def run_page(page: str, **params):
    """One run of app_pages/`page` in AppTest with these query parameters; no exception."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT
    from tests.signin import signed_in

    at = signed_in(AppTest.from_file(str(ROOT / "app_pages" / page), default_timeout=180))
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
