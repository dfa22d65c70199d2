"""Worksheets named from data (issue #11): `/inspect` crashed on a village named with `/`.

Excel forbids []:*?/\\ in a sheet name, a leading or trailing apostrophe, more than 31
characters and two names equal but for case. Every workbook naming a sheet after a region
(visit pack per village, 整改台账 per district, the map table) must still be valid, and the
full name stays in the sheet's title cell.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil

import duckdb
import openpyxl
import pytest

from paicha_geo import labels
from paicha_geo.render import tables, visit_pack
from paicha_geo.render.excel import sheet_name
from paicha_geo.services import data, exports, inspect_service, map_service
from paicha_geo.store import Store
from paicha_geo.store import queries as q
from tests.hostile_fixture import pages_on, run_page

ASOF = dt.date(2020, 5, 31)
DISTRICT = "320412000000"
SLASHED = "东/西村[1]*?:" + "很长的村名" * 5  # 40 characters
# Equal once made valid and cut to 31 characters: they differ only after the cut.
TWINS = ("南/北" + "同" * 30 + "甲", "南:北" + "同" * 30 + "乙")
DISTRICT_TWINS = ("东/西区", "东:西区")  # both "东_西区" once made valid


def _valid(names: list[str]) -> None:
    assert len({n.lower() for n in names}) == len(names), names
    for name in names:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31, name
        assert not set(name) & set("[]:*?/\\"), name
        assert not name.startswith("'") and not name.endswith("'"), name


@pytest.mark.parametrize("names", [
    [SLASHED], list(TWINS), list(DISTRICT_TWINS), ["'引号'", "''"], ["History", "history"],
    ["Ab", "aB", "AB"], ["😀" * 20, "😀" * 20], ["", "Sheet"], ["x" * 40] * 12])
def test_sheet_names_from_data_are_valid_and_unique(names):
    used: set[str] = set()
    made = [sheet_name(n, used) for n in names]
    _valid(made)
    assert made[0] != "History"


@pytest.fixture(scope="module")
def odd_names_db(demo_db, tmp_path_factory):
    """The demo with the three riskiest villages of 武进区 and two districts renamed."""
    db = tmp_path_factory.mktemp("sheets") / "odd.duckdb"
    shutil.copy(demo_db, db)
    store = Store(db, read_only=True)
    ranked = inspect_service.ranked_villages(data.load_snapshot(store),
                                             data.Scope.of(DISTRICT, "district"), ASOF)
    store.close()
    villages = list(ranked.index[:3])
    con = duckdb.connect(str(db))
    for code, name in zip(villages, [SLASHED, *TWINS], strict=True):
        con.execute("UPDATE region SET name = ? WHERE code = ?", [name, code])
    districts = [r[0] for r in con.execute(
        "SELECT code FROM region WHERE level = 'district' ORDER BY code LIMIT 2").fetchall()]
    for code, name in zip(districts, DISTRICT_TWINS, strict=True):
        con.execute("UPDATE region SET name = ? WHERE code = ?", [name, code])
    con.close()
    return db, villages


def test_visit_pack_of_villages_named_with_slashes_is_a_valid_workbook(odd_names_db):
    db, villages = odd_names_db
    store = Store(db, read_only=True)
    try:
        snap = data.load_snapshot(store)
        pack = inspect_service.visit_pack(store, snap, data.Scope.of(DISTRICT, "district"),
                                          villages, ASOF)
        route = snap.villages.set_index("code").loc[villages, ["name"]].reset_index()
        workbook = visit_pack.workbook(pack, route, "走访包")
    finally:
        store.close()
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    _valid(book.sheetnames)
    assert book.sheetnames[0] == labels.PACK_ROUTE_SHEET and len(book.sheetnames) == 4
    titles = [book.worksheets[i]["A1"].value for i in (1, 2, 3)]
    assert titles == [f"1. {SLASHED}", f"2. {TWINS[0]}", f"3. {TWINS[1]}"]  # names in full


def test_inspect_page_builds_the_visit_pack_for_such_villages(odd_names_db):
    """Measured on main: /inspect showed xlsxwriter's InvalidWorksheetName traceback."""
    db, _ = odd_names_db
    with pages_on(db):
        at = run_page("inspect.py", region=DISTRICT[:6])
    assert [b for b in at.get("download_button")]  # the pack's buttons are there


def test_ledger_export_gives_colliding_districts_their_own_sheets(odd_names_db):
    db, _ = odd_names_db
    store = Store(db)  # as the app opened it above (one configuration per file and process)
    try:
        book = openpyxl.load_workbook(io.BytesIO(exports.export_ledger_xlsx(
            data.load_snapshot(store), data.EVERYTHING, ASOF)))
        districts = q.regions(store, level="district")
    finally:
        store.close()
    _valid(book.sheetnames)
    assert len(book.sheetnames) == len(districts)
    assert book.sheetnames[:2] == ["东_西区", "东_西区(2)"]
    assert DISTRICT_TWINS[0] in book.worksheets[0]["A1"].value  # the title keeps the name
    assert DISTRICT_TWINS[1] in book.worksheets[1]["A1"].value


def test_map_table_download_of_a_region_named_with_slashes(odd_names_db):
    db, villages = odd_names_db
    store = Store(db)  # as the app opened it above (one configuration per file and process)
    try:
        view = map_service.region_view(data.load_snapshot(store), data.Scope(villages[0][:9]),
                                       ASOF)
    finally:
        store.close()
    table = tables.region_table(view.children, view.child_metrics)
    for name in (SLASHED, DISTRICT_TWINS[0]):
        book = openpyxl.load_workbook(io.BytesIO(tables.to_excel_bytes(table, name)))
        _valid(book.sheetnames)
        assert SLASHED in [c.value for c in book.active["A"]]
