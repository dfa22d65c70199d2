"""The DuckDB store: schema versioning, transactions, scoped reads, geometry round trip."""

import subprocess
import sys

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from paicha_geo.store import Store, StoreError
from paicha_geo.store import queries as q
from paicha_geo.store.loads import insert_regions
from paicha_geo.store.schema import SCHEMA_VERSION
from tests.ledger_helpers import copy_store, new_store
from tests.said import raises_saying


def _regions():
    square = shapely.box(119.0, 31.0, 119.1, 31.1)
    half = shapely.box(119.0, 31.0, 119.05, 31.1)
    return gpd.GeoDataFrame(
        {
            "code": ["320400000000", "320412000000", "320481000000"],
            "name": ["常州市", "武进区", "溧阳市"],
            "level": ["city", "district", "district"],
            "parent_code": [None, "320400000000", "320400000000"],
            "label_lon": [119.05, 119.02, 119.07],
            "label_lat": [31.05, 31.05, 31.05],
        },
        geometry=[square, half, shapely.box(119.05, 31.0, 119.1, 31.1)],
        crs=4326,
    )


def test_new_file_gets_the_current_schema_version(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store(tmp_path / "a.duckdb") as store:  # reopening migrates nothing twice
        assert store.schema_version() == SCHEMA_VERSION


def test_file_from_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with raises_saying(Exception, "高于本程序支持"):
        Store(path)


def test_geometry_round_trips_through_the_geometry_column(tmp_path, backend):
    with new_store(tmp_path, "g.duckdb", backend) as store:
        with store.transaction() as cur:
            insert_regions(cur, _regions())
        typ = store.cursor().execute(
            "SELECT typeof(boundary) FROM region LIMIT 1").fetchone()[0]
        assert typ == "GEOMETRY"
        got = q.regions(store, level="district", geometry=True)
        assert list(got["name"]) == ["武进区", "溧阳市"]
        assert got.geometry.iloc[0].equals(_regions().geometry.iloc[1])
        assert got.crs.to_epsg() == 4326


def test_reads_are_scoped_by_region_prefix(tmp_path, backend):
    with new_store(tmp_path, "s.duckdb", backend) as store:
        with store.transaction() as cur:
            insert_regions(cur, _regions())
        assert list(q.regions(store, scope="320412")["name"]) == ["武进区"]
        assert len(q.regions(store, scope="3204")) == 3
        assert q.regions(store, scope="'; DROP TABLE region; --").empty
        assert len(q.regions(store)) == 3


def test_failed_transaction_leaves_nothing_behind(tmp_path, backend):
    with new_store(tmp_path, "t.duckdb", backend) as store:
        with pytest.raises(duckdb.Error):
            with store.transaction() as cur:
                insert_regions(cur, _regions())
                cur.execute("INSERT INTO region (code, name, level) VALUES ('bad', 'x', 'city')")
        assert q.regions(store).empty


def test_region_codes_must_be_twelve_digits(tmp_path, backend):
    bad = _regions().assign(code=["3204", "320412000000", "320481000000"])
    with new_store(tmp_path, "c.duckdb", backend) as store, pytest.raises(duckdb.Error):
        with store.transaction() as cur:
            insert_regions(cur, bad)


def test_a_second_process_is_told_the_file_is_held(tmp_path):
    path = tmp_path / "held.duckdb"
    with Store(path):
        result = subprocess.run(
            [sys.executable, "-m", "paicha_geo.cli", "info", "--json", "--db", str(path)],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 3
    assert "占用" in result.stderr



def test_campaign_round_trip(tmp_path, backend):
    from paicha_geo.config import default_campaign
    from paicha_geo.domain.campaign import Campaign
    from paicha_geo.store.loads import insert_frame

    campaign, checklist = default_campaign()
    with new_store(tmp_path, "camp.duckdb", backend) as store:
        with store.transaction() as cur:
            insert_frame(cur, "campaign", pd.DataFrame([campaign.as_record()]))
            insert_frame(cur, "checklist_item", checklist)
        assert Campaign.from_record(q.campaign(store)) == campaign
        assert len(q.checklist(store, campaign.campaign_id)) == 44


def test_data_version_changes_with_every_kind_of_write(demo_db, tmp_path, backend):
    import datetime as dt

    from paicha_geo.services.data import EVERYTHING, data_version
    from paicha_geo.services.issue_service import change_status, get_issue
    from paicha_geo.store.visits import record_visit

    with copy_store(demo_db, tmp_path, "v.duckdb", backend) as store:
        first = data_version(store)
        assert data_version(store) == first  # reading changes nothing
        issue = q.issues(store, 1).query("status == 'pending'").iloc[0]
        change_status(store, EVERYTHING, issue["issue_code"], "rectifying", actor="张科长",
                      expected_version=get_issue(store, EVERYTHING,
                                                 issue["issue_code"])["version"],
                      measures="逐户核查")
        second = data_version(store)
        assert second != first
        record_visit(store, rows=[{"region_code": q.villages(store).iloc[0]["code"],
                                   "household_id": None, "findings": "正常"}],
                     visit_date=dt.date(2020, 6, 1), visitors="督查组")
        assert data_version(store) != second


def test_a_file_written_by_a_newer_duckdb_is_refused_with_the_way_out(tmp_path):
    """A file written by DuckDB 2.0.1 (what the project used before pinning 1.5.5, kept in
    tests/store/data) cannot be read: the message says so and names backup/restore and
    demo --force, and the file is left as it was."""
    import gzip
    from pathlib import Path

    packed = Path(__file__).parent / "data" / "written-by-duckdb-2.0.1.duckdb.gz"
    path = tmp_path / "newer.duckdb"
    path.write_bytes(gzip.decompress(packed.read_bytes()))
    before = path.read_bytes()
    with raises_saying(StoreError, "由较新版本的 DuckDB 写入.*paicha-geo restore.*--force"):
        Store(path)
    assert path.read_bytes() == before


def test_a_corrupt_file_is_named_as_unreadable_not_as_busy(tmp_path):
    """DuckDB's checksum message mentions a "block"; that is not another process's lock."""
    import struct

    path = tmp_path / "corrupt.duckdb"
    duckdb.connect(str(path)).close()
    data = bytearray(path.read_bytes())
    data[12:20] = struct.pack("<Q", 999)
    path.write_bytes(bytes(data))
    with raises_saying(StoreError, "无法打开数据库.*checksum"):
        Store(path, wait=5)
