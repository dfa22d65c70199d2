"""Every download is inert: no formula cell, no text a spreadsheet would run (issue #11).

The database has a formula planted at the start of every user-entered text (region names,
descriptions, measures, 责任单位, verifier, household names and numbers, visits...). Each
export is built as the pages build it, and every file is scanned: workbooks opened with
openpyxl (no cell of type formula, no text cell starting with = + - @ tab CR), CSVs read
back (no field starting with one, unless it is a number).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from paicha_geo import labels
from paicha_geo.render import tables, visit_pack
from paicha_geo.services import compare_service, data, inspect_service, ledger_service, map_service
from paicha_geo.services import exports as ledger_export
from paicha_geo.services.data import EVERYTHING
from paicha_geo.store import Store
from tests.hostile_fixture import FORMULAS, hostile_copy
from tests.ledger_helpers import HEADER, csv_bytes

ASOF = dt.date(2020, 5, 31)
RISKY = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
DISTRICT = "320412000000"


@pytest.fixture(scope="module")
def store(demo_db, tmp_path_factory):
    db = hostile_copy(demo_db, tmp_path_factory.mktemp("inert") / "hostile.duckdb", FORMULAS)
    store = Store(db)
    yield store
    store.close()


@pytest.fixture(scope="module")
def snap(store):
    return data.load_snapshot(store)


def _scope(snap, code=None):
    return data.resolve_region(snap.regions, code).scope


def _visit_pack(store, snap) -> bytes:
    """As the 督查选点 page builds it: the top villages of a district, in route order."""
    scope = _scope(snap, DISTRICT)
    region = snap.region(scope)
    ranked = inspect_service.ranked_villages(snap, scope, ASOF)
    start = (float(region["label_lon"]), float(region["label_lat"]))
    plan = inspect_service.plan(ranked.head(8), start, 1.4)
    pack = inspect_service.visit_pack(store, snap, scope, list(plan.stops.index), ASOF)
    route_rows = plan.stops[list(labels.PACK_ROUTE_COLUMNS)].rename(
        columns=labels.PACK_ROUTE_COLUMNS)
    assert any(len(stop["open_issues"]) for stop in pack)
    assert any(len(stop["failing_households"]) for stop in pack)
    return visit_pack.workbook(pack, route_rows, labels.PACK_TITLE.format(
        region=region["name"], asof=ASOF))


def _rejected_rows(store) -> bytes:
    """An office file whose rows all fail (unknown village), every cell hostile text."""
    rows = [HEADER] + [[i, *(f"{FORMULAS[(i + j) % len(FORMULAS)]}甲" for j in range(3)),
                        "3.3.4", FORMULAS[i % len(FORMULAS)], FORMULAS[(i + 1) % len(FORMULAS)],
                        "2020-03-01", "2020-05-31", "待整改", FORMULAS[(i + 2) % len(FORMULAS)],
                        "自查"] for i in range(len(FORMULAS))]
    preview = ledger_service.preview_import(store, "issues", "恶意.csv", csv_bytes(rows),
                                            scope=EVERYTHING)
    assert preview.counts["rejected"] == len(FORMULAS)
    return preview.rejected_xlsx()


class Exports(dict):
    """Every download the app offers, each built on first use from the hostile database
    (one export failing to build fails only its own tests)."""

    def __init__(self, builders):
        super().__init__()
        self.builders = builders

    def __missing__(self, name):
        self[name] = self.builders[name]()
        return self[name]


@pytest.fixture(scope="module")
def exports(store, snap) -> Exports:
    def map_table(code, kind):
        view = map_service.region_view(snap, _scope(snap, code), ASOF)
        table = tables.region_table(view.children, view.child_metrics)
        return (tables.to_csv_bytes(table) if kind == "csv" else
                tables.to_excel_bytes(table, view.region["name"]))

    return Exports({
        "ledger-city.xlsx": lambda: ledger_export.export_ledger_xlsx(snap, _scope(snap), ASOF),
        "ledger-district.xlsx": lambda: ledger_export.export_ledger_xlsx(
            snap, _scope(snap, DISTRICT), ASOF),
        "ledger-city.csv": lambda: ledger_export.export_ledger_csv(snap, _scope(snap), ASOF),
        "report-city.xlsx": lambda: compare_service.weekly_report(snap, _scope(snap), ASOF),
        "report-district.xlsx": lambda: compare_service.weekly_report(
            snap, _scope(snap, DISTRICT), ASOF),
        "visit-pack.xlsx": lambda: _visit_pack(store, snap),
        "rejected-rows.xlsx": lambda: _rejected_rows(store),
        "map-city.csv": lambda: map_table(None, "csv"),
        "map-city.xlsx": lambda: map_table(None, "xlsx"),
        "map-district.csv": lambda: map_table(DISTRICT, "csv"),
        "map-district.xlsx": lambda: map_table(DISTRICT, "xlsx"),
    })


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _xlsx_texts(data: bytes) -> list[tuple[str, str, object]]:
    """(sheet!cell, data type, value) of every non-empty cell."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [(f"{ws.title}!{cell.coordinate}", cell.data_type, cell.value)
            for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if cell.value is not None]


def _csv_fields(data: bytes) -> list[str]:
    text = io.StringIO(data.decode("utf-8-sig"), newline="")
    return [field for row in csv.reader(text) for field in row]


@pytest.mark.parametrize("name", [
    "ledger-city.xlsx", "ledger-district.xlsx", "report-city.xlsx", "report-district.xlsx",
    "visit-pack.xlsx", "rejected-rows.xlsx", "map-city.xlsx", "map-district.xlsx"])
def test_no_workbook_holds_a_formula_or_a_risky_text_cell(exports, name):
    cells = _xlsx_texts(exports[name])
    formulas = [(where, value) for where, kind, value in cells if kind == "f"]
    assert not formulas, f"{name}: formula cells {formulas[:5]}"
    risky = [(where, value) for where, kind, value in cells
             if kind == "s" and value.startswith(RISKY)]
    assert not risky, f"{name}: text a spreadsheet would run {risky[:5]}"
    # The planted text did reach the file (neutralised): the scan has something to find.
    assert any(kind == "s" and value.startswith("'") and value[1:].startswith(RISKY)
               for _where, kind, value in cells), name


@pytest.mark.parametrize("name", ["ledger-city.csv", "map-city.csv", "map-district.csv"])
def test_no_csv_field_starts_with_a_risky_character(exports, name):
    fields = _csv_fields(exports[name])
    risky = [f for f in fields if f.startswith(RISKY) and not _is_number(f)]
    assert not risky, f"{name}: {risky[:5]}"
    assert any(f.startswith("'") and f[1:].startswith(RISKY) for f in fields), name


def test_the_minus_payload_of_the_issue_is_neutralised_in_the_ledger_csv(exports):
    """Measured on main: `-2+3+cmd|' /C calc'!A0` passed the ledger CSV unchanged."""
    fields = _csv_fields(exports["ledger-city.csv"])
    assert any(f.startswith("'-2+3+cmd") for f in fields)
    assert not any(f.startswith("-2+3+cmd") for f in fields)


def test_visit_pack_hyperlink_description_is_text_not_a_formula(exports):
    """Measured on main: an imported =HYPERLINK(...) description became a live formula."""
    cells = _xlsx_texts(exports["visit-pack.xlsx"])
    links = [value for _w, _k, value in cells if isinstance(value, str) and "HYPERLINK" in value]
    # Neutralised where it starts a cell; inside a text (上次走访 "2020-05-12 =HYPERLINK…") it
    # runs nothing.
    assert links and not any(v.startswith("=") for v in links)
    assert any(v.startswith("'=HYPERLINK") for v in links)
    assert not any("00:00:00" in v for v in links)


def test_numbers_stay_numbers_in_the_exports(exports):
    """Only text is escaped: counts, rates and days are numbers (negative ones too)."""
    report = _xlsx_texts(exports["report-city.xlsx"])
    assert any(kind == "n" and isinstance(value, int | float) and value < 0
               for _w, kind, value in report)  # the rank change of a district that fell
    ledger = _xlsx_texts(exports["ledger-district.xlsx"])
    assert any(kind == "n" for _w, kind, value in ledger)
    assert any(kind == "d" for _w, kind, value in ledger)
    frame = pd.read_csv(io.BytesIO(exports["map-city.csv"]), encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(frame[tables.REGION_COLUMNS["issues_found"]])
