"""The DuckDB store: schema versioning, transactions, scoped reads, geometry round trip."""

import subprocess
import sys

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from paicha_geo.store import Store
from paicha_geo.store import queries as q
from paicha_geo.store.loads import insert_regions
from paicha_geo.store.schema import SCHEMA_VERSION
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


def test_geometry_round_trips_through_the_geometry_column(tmp_path):
    with Store(tmp_path / "g.duckdb") as store:
        with store.transaction() as cur:
            insert_regions(cur, _regions())
        typ = store.cursor().execute(
            "SELECT typeof(boundary) FROM region LIMIT 1").fetchone()[0]
        assert typ == "GEOMETRY"
        got = q.regions(store, level="district", geometry=True)
        assert list(got["name"]) == ["武进区", "溧阳市"]
        assert got.geometry.iloc[0].equals(_regions().geometry.iloc[1])
        assert got.crs.to_epsg() == 4326


def test_reads_are_scoped_by_region_prefix(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction() as cur:
            insert_regions(cur, _regions())
        assert list(q.regions(store, scope="320412")["name"]) == ["武进区"]
        assert len(q.regions(store, scope="3204")) == 3
        assert q.regions(store, scope="'; DROP TABLE region; --").empty
        assert len(q.regions(store)) == 3


def test_failed_transaction_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(duckdb.Error):
            with store.transaction() as cur:
                insert_regions(cur, _regions())
                cur.execute("INSERT INTO region (code, name, level) VALUES ('bad', 'x', 'city')")
        assert q.regions(store).empty


def test_region_codes_must_be_twelve_digits(tmp_path):
    bad = _regions().assign(code=["3204", "320412000000", "320481000000"])
    with Store(tmp_path / "c.duckdb") as store, pytest.raises(duckdb.Error):
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



def test_campaign_round_trip(tmp_path):
    from paicha_geo.config import default_campaign
    from paicha_geo.domain.campaign import Campaign
    from paicha_geo.store.loads import insert_frame

    campaign, checklist = default_campaign()
    with Store(tmp_path / "camp.duckdb") as store:
        with store.transaction() as cur:
            insert_frame(cur, "campaign", pd.DataFrame([campaign.as_record()]))
            insert_frame(cur, "checklist_item", checklist)
        assert Campaign.from_record(q.campaign(store)) == campaign
        assert len(q.checklist(store, campaign.campaign_id)) == 44


def test_data_version_changes_with_every_kind_of_write(demo_db, tmp_path):
    import datetime as dt
    import shutil

    from paicha_geo.services.data import EVERYTHING, data_version
    from paicha_geo.services.issue_service import change_status, get_issue
    from paicha_geo.store.visits import record_visit

    db = tmp_path / "v.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
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
