"""户编号 given to households imported without one reveal nothing about the ID number."""

from __future__ import annotations

import hashlib
import re

import duckdb
import pytest

from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING
from paicha_geo.store import Store
from paicha_geo.store import queries as q
from paicha_geo.store.schema import SCHEMA_VERSION
from tests.ledger_helpers import copy_store, csv_bytes, village_path

LATER_TABLES = ("household_renumbering", "account", "audit_log", "web_session",
                "account_village", "evidence", "supervision", "dept_batch",
                "dept_row", "household_fact", "village_fact")  # added after schema 1
HEADER = ["户主姓名", "身份证号", "县(市、区)", "镇", "村", "家庭人口", "是否脱贫"]


def _with_check_digit(first17: str) -> str:
    """GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


ID_A = _with_check_digit("32041219900101123")
ID_B = _with_check_digit("32041219851231002")


@pytest.fixture
def store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, backend=backend)
    yield s
    s.close()


def _import(store, rows):
    preview = ls.preview_import(store, "households", "农户.csv", csv_bytes(rows), scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    ls.commit_import(store, preview, scope=EVERYTHING)
    return preview


def test_a_generated_number_is_random_not_a_hash_of_the_id_number(store):
    district, town, village, code = village_path(store)
    _import(store, [HEADER, ["测试甲", ID_A, district, town, village, 3, "已脱贫"],
                    ["测试乙", ID_B, district, town, village, 2, "未脱贫"]])
    got = q.households(store, code).set_index("head_name")["household_id"]
    for name, number in (("测试甲", ID_A), ("测试乙", ID_B)):
        assert re.fullmatch(rf"{code}-H[0-9A-F]{{10}}", got[name]), got[name]
        for algo in ("sha1", "sha256", "md5"):
            digest = hashlib.new(algo, number.encode()).hexdigest().upper()
            assert got[name].split("-H")[1] not in digest
    assert got["测试甲"] != got["测试乙"]


def test_reimporting_the_same_sheet_finds_the_same_households(store):
    district, town, village, code = village_path(store)
    rows = [HEADER, ["测试甲", ID_A, district, town, village, 3, "已脱贫"]]
    _import(store, rows)
    first = q.households(store, code).set_index("head_name").loc["测试甲", "household_id"]
    again = ls.preview_import(store, "households", "农户.csv", csv_bytes(rows), scope=EVERYTHING)
    assert again.counts["unchanged"] == 1 and again.counts["inserted"] == 0
    rows[1][5] = 4  # a changed family size updates the same household
    _import(store, rows)
    after = q.households(store, code)
    assert (after["head_name"] == "测试甲").sum() == 1
    assert after.set_index("head_name").loc["测试甲", "household_id"] == first
    assert after.set_index("head_name").loc["测试甲", "members"] == 4


V1_DEFAULTS = {"school_age_children": "0", "children_out_of_school": "0",
               "children_out_of_school_physical": "0", "all_insured": "TRUE",
               "safe_water": "TRUE", "excess_fluoride": "FALSE",
               "social_floor_eligible": "FALSE", "social_floor_covered": "FALSE"}


def _as_schema_1(store: Store) -> tuple[str, str, str]:
    """Turn a current database into what version 1 wrote for an imported household without a
    户编号 (village code + SHA-1 prefix), with an issue and a visit on it."""
    village = q.villages(store).iloc[0]["code"]
    old = f"{village}-{hashlib.sha1(ID_A.encode()).hexdigest()[:8].upper()}"
    cur = store.cursor()
    for table in LATER_TABLES:
        cur.execute(f"DROP TABLE {table}")
    cur.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    # Version 1 could hold no blank fact (the demo leaves a few blank since version 8).
    fill = ", ".join(f"{column} = coalesce({column}, {value})"
                     for column, value in V1_DEFAULTS.items())
    cur.execute(f"UPDATE household SET {fill}")  # noqa: S608 - fixed names and values
    # With the defaults version 1 filled in (version 8 made those facts nullable).
    cur.execute("INSERT INTO household (household_id, village_code, head_name, id_number, members,"
                " exit_status, school_age_children, children_out_of_school,"
                " children_out_of_school_physical, all_insured, safe_water, excess_fluoride,"
                " social_floor_eligible, social_floor_covered)"
                " VALUES (?, ?, '测试甲', ?, 3, 'exited', 0, 0, 0,"
                " TRUE, TRUE, FALSE, FALSE, FALSE)",
                [old, village, ID_A])
    issue = cur.execute("SELECT issue_code FROM issue LIMIT 1").fetchone()[0]
    cur.execute("UPDATE issue SET household_id = ? WHERE issue_code = ?", [old, issue])
    cur.execute("INSERT INTO visit (region_code, household_id, visit_date, visitors, kind) "
                "VALUES (?, ?, DATE '2020-05-01', '督查组', 'household')", [village, old])
    return village, old, issue


def test_migration_renumbers_hashed_numbers_and_keeps_the_mapping(demo_db, tmp_path):
    path = tmp_path / "v1.duckdb"
    with copy_store(demo_db, tmp_path, "v1.duckdb") as store:
        village, old, issue = _as_schema_1(store)
        before = q.table_counts(store)
    with Store(path) as store:  # opening migrates
        assert store.schema_version() == SCHEMA_VERSION
        cur = store.cursor()
        assert cur.execute("SELECT count(*) FROM household WHERE household_id = ?",
                           [old]).fetchone()[0] == 0
        new = cur.execute("SELECT household_id FROM household WHERE id_number = ?",
                          [ID_A]).fetchone()[0]
        assert re.fullmatch(rf"{village}-H[0-9A-F]{{10}}", new)
        assert cur.execute("SELECT household_id FROM issue WHERE issue_code = ?",
                           [issue]).fetchone()[0] == new
        assert cur.execute("SELECT count(*) FROM visit WHERE household_id = ?",
                           [new]).fetchone()[0] == 1
        assert cur.execute("SELECT old_id, new_id FROM household_renumbering").fetchall() \
            == [(old, new)]
        # Demo numbers (village code + 4 digits) are not generated ones and stay as they were.
        assert q.table_counts(store)["households"] == before["households"]
        assert cur.execute("SELECT count(*) FROM household WHERE household_id LIKE '%-H%'"
                           ).fetchone()[0] == 1


def test_a_backup_from_schema_1_restores_and_is_renumbered(demo_db, tmp_path, monkeypatch):
    from paicha_geo.store import backup as backup_module
    from paicha_geo.store.backup import backup, restore

    with copy_store(demo_db, tmp_path, "v1.duckdb") as store:
        _, old, _ = _as_schema_1(store)
        with monkeypatch.context() as m:  # what version 1 wrote: its tables only
            m.setattr(backup_module, "TABLES",
                      [t for t in backup_module.TABLES if t not in LATER_TABLES])
            backup(store, tmp_path / "bak")
    restore(tmp_path / "restored.duckdb", tmp_path / "bak")
    con = duckdb.connect(str(tmp_path / "restored.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM household WHERE household_id = ?",
                           [old]).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM household_renumbering").fetchone()[0] == 1
    finally:
        con.close()
