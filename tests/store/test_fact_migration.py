"""Schema 8 -> 9 (issue 17.6): existing facts become one version without a date (未注明日期,
known since the beginning), so every figure of an existing file stays what it was."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from paicha_geo.services import data
from paicha_geo.store import Store
from paicha_geo.store import facts as store_facts
from paicha_geo.store.schema import MIGRATIONS, SCHEMA_VERSION


def _schema_8(path) -> None:
    con = duckdb.connect(str(path))
    for version in range(1, 9):
        for statement in MIGRATIONS[version]:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '8')")
    con.execute("INSERT INTO village VALUES ('320412100001', 'province', 150000, NULL, TRUE, 900)")
    con.execute("INSERT INTO household (household_id, village_code, members, per_capita_income,"
                " exit_status, all_insured, house_grade) VALUES"
                " ('H1', '320412100001', 3, 6800, 'exited', FALSE, 'C'),"
                " ('H2', '320412100001', 2, NULL, 'exited', NULL, NULL)")
    con.close()


def test_migration_keeps_every_fact_as_an_undated_version(tmp_path):
    path = tmp_path / "v8.duckdb"
    _schema_8(path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 9
        homes = store_facts.history(store, "household")
        villages = store_facts.history(store, "village")
        assert list(homes["household_id"]) == ["H1", "H2"]
        assert homes["verified_on"].isna().all() and (homes["recorded_by"] == "schema-9").all()
        assert homes.loc[0, "per_capita_income"] == 6800 and homes.loc[0, "house_grade"] == "C"
        assert not homes.loc[0, "all_insured"]
        assert pd.isna(homes.loc[1, "per_capita_income"]) and pd.isna(homes.loc[1, "all_insured"])
        assert villages.loc[0, "collective_operating_income"] == 150000
        # The household and village rows themselves are untouched.
        row = store.cursor().execute("SELECT per_capita_income, house_grade FROM household "
                                     "WHERE household_id = 'H1'").fetchone()
        assert row == (6800.0, "C")


def test_an_undated_fact_holds_on_every_day(tmp_path):
    path = tmp_path / "v8.duckdb"
    _schema_8(path)
    with Store(path) as store:
        cur = store.cursor()
        cur.execute("INSERT INTO region VALUES ('320412100001', '测试村', 'village', NULL, NULL,"
                    " NULL, NULL)")
        early = store_facts.history(store, "household")
        facts_at = data.fact_versions.facts_on
        for day in (dt.date(1990, 1, 1), dt.date(2020, 7, 15)):
            got = facts_at(early[["household_id"]].assign(
                per_capita_income=0.0, house_grade="A", all_insured=True), early,
                "household_id", ("per_capita_income", "house_grade", "all_insured"), day)
            assert list(got["per_capita_income"].fillna(-1)) == [6800, -1]
            assert list(got["house_grade"].fillna("-")) == ["C", "-"]
