"""The PostgreSQL/PostGIS backend on a server the tests start themselves (tests/pg_server.py):
its schema, many writers in several processes, two app processes seeing each other's
writes, and moving a whole database between a file and a server."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import psycopg
import pytest

from paicha_geo import labels
from paicha_geo.cli import main as cli
from paicha_geo.services.data import EVERYTHING, data_version, load_snapshot
from paicha_geo.services.issue_service import ConflictError, change_status, get_issue
from paicha_geo.store import Store, StoreError
from paicha_geo.store import queries as q
from paicha_geo.store.backup import fingerprint
from paicha_geo.store.ledger import issue_history
from paicha_geo.store.schema import SCHEMA_VERSION
from paicha_geo.store.server import ServerStore, server_sql, shown
from paicha_geo.store.transfer import copy_database
from tests.conftest import ROOT
from tests.ledger_helpers import HEADER, copy_store, csv_bytes, new_store, village_path
from tests.said import raises_saying

pytestmark = pytest.mark.postgresql
M = "逐户核查，补齐台账"


def _native(url: str, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def test_boundaries_are_postgis_geometry_in_4326_with_a_spatial_index(pg_server, demo_db,
                                                                      tmp_path):
    store = copy_store(demo_db, tmp_path, backend=pg_server)
    kind = _native(store.url, "SELECT type, srid FROM geometry_columns "
                              "WHERE f_table_name = 'region' AND f_geometry_column = 'boundary'")
    assert kind == [("GEOMETRY", 4326)]
    assert _native(store.url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'region' "
                              "AND indexdef LIKE '%gist%'")
    # The district outlines arrived as valid PostGIS polygons, and read back the same.
    valid = _native(store.url, "SELECT count(*), count(*) FILTER (WHERE ST_IsValid(boundary)) "
                               "FROM region WHERE level = 'district'")
    assert valid == [(6, 6)]
    with Store(demo_db, read_only=True) as file:
        expected = q.regions(file, level="district", geometry=True)
    got = q.regions(store, level="district", geometry=True)
    assert list(got["code"]) == list(expected["code"])
    assert list(got.geometry.to_wkb()) == list(expected.geometry.to_wkb())
    store.close()


def test_the_schema_is_the_current_version_and_checks_what_the_file_checks(pg_server, tmp_path):
    store = new_store(tmp_path, backend=pg_server)
    assert store.schema_version() == SCHEMA_VERSION
    with pytest.raises(Exception, match="region_code_check"), store.transaction() as cur:
        cur.execute("INSERT INTO region (code, name, level) VALUES ('12345', '短码', 'town')")
    assert "REGEXP_FULL_MATCH" not in server_sql(
        "CREATE TABLE x (c VARCHAR CHECK (regexp_full_match(c, '[0-9]+')))")
    store.close()


def test_two_app_processes_see_each_others_changes_at_the_next_check(pg_server, demo_db,
                                                                     tmp_path):
    first = copy_store(demo_db, tmp_path, backend=pg_server)
    second = ServerStore(first.url)  # another app process on the same database
    before = data_version(first)
    issue = q.issues(first, 1).query("status == 'pending'").iloc[0]
    change_status(second, EVERYTHING, issue["issue_code"], "rectifying", actor="乙区干部",
                  expected_version=int(issue["version"]))
    assert data_version(first) != before  # the first process's next check sees it
    snap = load_snapshot(first)
    row = snap.issues.set_index("issue_code").loc[issue["issue_code"]]
    assert row["status"] == "rectifying"
    first.close()
    second.close()


def _writer(url: str, codes: list[str], seed: int, changes: int) -> dict:
    """One writer process making `changes` status changes on random issues; what went wrong,
    if anything, goes back to the test (a dead process must fail it, not hang it)."""
    done = conflicts = 0
    try:
        store = ServerStore(url)
        rng = random.Random(seed)
        for _ in range(changes):
            code = rng.choice(codes)
            issue = get_issue(store, EVERYTHING, code)
            try:
                change_status(store, EVERYTHING, code, expected_version=issue["version"],
                              **_next_step(issue["status"], seed))
                done += 1
            except ConflictError:
                conflicts += 1
        store.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        return {"done": done, "conflicts": conflicts, "error": repr(exc)}
    return {"done": done, "conflicts": conflicts, "error": None}


def _next_step(status: str, writer: int) -> dict:
    """The legal next change; verification by another account than the rectifier."""
    return {"pending": {"to_status": "rectifying", "actor": f"整改人{writer}"},
            "rectifying": {"to_status": "rectified", "actor": f"整改人{writer}", "measures": M},
            "rectified": {"to_status": "closed", "actor": f"验收人{writer}"},
            "closed": {"to_status": "pending", "actor": f"督查{writer}", "note": "回头看"},
            }[status]


def test_four_processes_250_changes_each_nothing_lost(pg_server, demo_db, tmp_path):
    store = copy_store(demo_db, tmp_path, backend=pg_server)
    codes = list(q.issues(store, 1)["issue_code"].iloc[:40])
    versions = {c: get_issue(store, EVERYTHING, c)["version"] for c in codes}
    history = {c: len(issue_history(store, c)) for c in codes}
    # Plain interpreters, not multiprocessing: a spawned child re-imports the parent's
    # __main__, which in a pytest worker that ran AppTests is a page script.
    program = ("import json, sys; from tests.store.test_server_store import _writer; "
               "print(json.dumps(_writer(sys.argv[1], sys.argv[2].split(','), "
               "int(sys.argv[3]), 250)))")
    workers = [subprocess.Popen([sys.executable, "-c", program, store.url, ",".join(codes),
                                 str(n)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
               for n in range(4)]
    results = [json.loads(w.communicate(timeout=600)[0].strip().splitlines()[-1])
               for w in workers]
    assert [r["error"] for r in results] == [None] * 4
    done = sum(r["done"] for r in results)
    assert done + sum(r["conflicts"] for r in results) == 1000
    gained = 0
    for code in codes:
        final = get_issue(store, EVERYTHING, code)
        rows = issue_history(store, code).iloc[history[code]:]
        # Every change that was not refused bumped the version once and left one history row.
        assert final["version"] - versions[code] == len(rows)
        gained += len(rows)
        if len(rows):
            assert rows["to_status"].iloc[-1] == final["status"]
            pairs = list(zip(rows["from_status"], rows["to_status"], strict=True))
            assert all(a[1] == b[0] for a, b in zip(pairs, pairs[1:], strict=False))
    assert gained == done  # nothing lost, nothing doubled
    store.close()


def test_a_file_moves_to_the_server_and_back_unchanged(pg_server, demo_db, tmp_path):
    url = pg_server.database()
    copied = copy_database(demo_db, url)
    assert copied["issue"]["rows"] == 5000 and copied["household"]["rows"] == 29970
    back = tmp_path / "back.duckdb"
    copy_database(url, back)
    with Store(demo_db, read_only=True) as a, Store(back, read_only=True) as b:
        assert fingerprint(a) == fingerprint(b)
    # New rows on the server are numbered after the copied ones.
    with ServerStore(url) as server:
        top = _native(url, "SELECT max(history_id) FROM issue_history")[0][0]
        issue = q.issues(server, 1).query("status == 'pending'").iloc[0]
        change_status(server, EVERYTHING, issue["issue_code"], "rectifying", actor="甲",
                      expected_version=int(issue["version"]))
    assert _native(url, "SELECT max(history_id) FROM issue_history")[0][0] == top + 1


def test_migrate_refuses_a_server_database_with_data_and_writes_nothing(pg_server, demo_db,
                                                                        tmp_path, capsys):
    url = pg_server.database()
    assert cli(["migrate", "--from", str(demo_db), "--to", url]) == 0
    assert "每张表的行数与校验和均与源库一致" in capsys.readouterr().out
    before = _native(url, "SELECT count(*), max(history_id) FROM issue_history")
    assert cli(["migrate", "--from", str(demo_db), "--to", url]) == 3
    assert "已有数据" in capsys.readouterr().err
    assert _native(url, "SELECT count(*), max(history_id) FROM issue_history") == before


def test_a_cli_import_and_info_run_while_an_app_holds_the_server(pg_server, demo_db, tmp_path,
                                                               capsys):
    """The nightly import while the dashboard serves: on a server neither waits for the
    other, and the app's next data-version check sees the new issues."""
    app = copy_store(demo_db, tmp_path, backend=pg_server)
    before = data_version(app)
    district, town, village, _ = village_path(app)
    rows = [HEADER] + [[i, district, town, village, "3.3.4", f"夜间导入问题{i}", None,
                        "2020-03-01", "2020-05-31", "待整改", "住建局", "自查"]
                       for i in range(1, 4)]
    sheet = tmp_path / "清单.csv"
    sheet.write_bytes(csv_bytes(rows, "gbk"))
    with app.reading() as cur:  # the dashboard is in the middle of a read
        cur.execute("SELECT count(*) FROM issue").fetchone()
        assert cli(["import", "issues", str(sheet), "--db", app.url]) == 0
        assert cli(["info", "--json", "--db", app.url]) == 0
    assert '"issues": 5003' in capsys.readouterr().out
    assert data_version(app) != before
    assert q.issues(app, 1)["description"].str.startswith("夜间导入问题").sum() == 3
    app.close()


def test_an_unreachable_server_is_named_without_its_password():
    url = "postgresql://paicha:secret@127.0.0.1:9/nowhere"
    with raises_saying(StoreError, "无法打开数据库 postgresql://paicha:\\*\\*\\*@127.0.0.1:9"):
        ServerStore(url)
    assert "secret" not in shown(url)
    assert labels.PG_EXTENSION_MISSING and labels.PG_POSTGIS_MISSING



def test_the_read_model_is_the_same_from_a_file_and_from_the_server(pg_server, demo_db,
                                                                    tmp_path):
    """Every page reads the in-memory snapshot: equal snapshots, equal pages on both backends
    (the page and service tests run on files; this is what carries them to the server)."""
    import pandas as pd

    from paicha_geo.services import map_service
    from paicha_geo.services.data import Scope

    server = copy_store(demo_db, tmp_path, backend=pg_server)
    with Store(demo_db, read_only=True) as file:
        a = load_snapshot(file)
    b = load_snapshot(server)
    assert a.campaign == b.campaign and a.is_demo == b.is_demo
    for name in ("checklist", "regions", "villages", "households", "issues", "history",
                 "visits"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name),
                                      check_dtype=False, obj=name)
    for history in ("household_history", "village_history"):
        x, y = getattr(a, history), getattr(b, history)
        assert (x is None) == (y is None)
        if x is not None:
            assert pd.Series(x.first_day).equals(pd.Series(y.first_day)), history
            assert x.last_day == y.last_day, history
            pd.testing.assert_frame_equal(x.several, y.several, check_dtype=False)
    asof = a.campaign.default_asof
    for scope in (EVERYTHING, Scope.of("320412000000", "district")):
        va, vb = map_service.region_view(a, scope, asof), map_service.region_view(b, scope, asof)
        pd.testing.assert_frame_equal(va.child_metrics, vb.child_metrics, check_dtype=False)
        pd.testing.assert_series_equal(va.totals, vb.totals, check_dtype=False)
    server.close()


def test_a_backup_of_the_server_also_holds_its_own_dump_that_pg_restore_reads_back(
        pg_server, demo_db, tmp_path, capsys):
    import hashlib

    from paicha_geo import cli
    from paicha_geo.store.backup import pg_tool

    store = copy_store(demo_db, tmp_path, backend=pg_server)
    url = store.url
    store.close()
    assert cli.main(["backup", str(tmp_path / "bk"), "--db", url]) == 0
    assert "另有 PostgreSQL 原生备份 postgresql.dump" in capsys.readouterr().out
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text(encoding="utf-8"))
    dump = tmp_path / "bk" / "postgresql.dump"
    assert manifest["pg_dump"]["made"]
    assert manifest["pg_dump"]["sha256"] == hashlib.sha256(dump.read_bytes()).hexdigest()
    empty = pg_server.database()
    run = subprocess.run([pg_tool("pg_restore"), "--no-owner", f"--dbname={empty}", str(dump)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert _native(empty, "SELECT count(*) FROM issue") == [(manifest["counts"]["issue"],)]
    assert _native(empty, "SELECT count(*) FROM issue_history") == [
        (manifest["counts"]["issue_history"],)]
