"""The exported 整改台账: sheets per district, Chinese headers, frozen header, real dates."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from paicha_geo.domain.filters import IssueFilters
from paicha_geo.services import exports as le
from paicha_geo.services.data import EVERYTHING, Scope, load_snapshot
from paicha_geo.store import queries as q

ASOF = dt.date(2020, 5, 31)


def _snap(store):
    return load_snapshot(store)


@pytest.fixture(scope="module")
def city_book(demo_store):
    return openpyxl.load_workbook(io.BytesIO(
        le.export_ledger_xlsx(_snap(demo_store), EVERYTHING, ASOF)))


def test_one_sheet_per_district_when_the_city_is_selected(demo_store, city_book):
    districts = q.regions(demo_store, level="district")
    assert city_book.sheetnames == list(districts["name"])
    ws = city_book["武进区"]
    assert ws.freeze_panes == "A3"
    header = [c.value for c in ws[2]]
    assert header[:4] == ["问题编号", "市(区)", "乡镇(街道)", "村(社区)"]
    assert "整改状态" in header and "超期天数" in header and "整改时限" in header
    assert "数据截至 2020-05-31" in ws["A1"].value


def test_rows_carry_status_dates_and_overdue_days_as_of_the_day(demo_store, city_book):
    issues = q.issues(demo_store, 1)
    history = q.issue_history(demo_store, 1)
    from paicha_geo.domain.metrics import status_as_of

    truth = status_as_of(issues, history, ASOF).set_index("issue_code")
    total = 0
    for ws in city_book.worksheets:
        header = [c.value for c in ws[2]]
        col = {name: i for i, name in enumerate(header)}
        for row in ws.iter_rows(min_row=3):
            total += 1
            code = row[col["问题编号"]].value
            deadline = row[col["整改时限"]]
            assert deadline.is_date and deadline.number_format == "yyyy-mm-dd"
            expected = truth.loc[code]
            assert row[col["超期天数"]].value == expected["overdue_days"]
            assert row[col["整改状态"]].value == {
                "pending": "待整改", "rectifying": "整改中", "rectified": "已整改(待验收)",
                "closed": "已销号"}[expected["status_asof"]]
    assert total == len(truth)


def test_a_district_view_is_one_sheet_and_filters_apply(demo_store):
    data = le.export_ledger_xlsx(_snap(demo_store), Scope("320412"), ASOF,
                                 filters=IssueFilters(statuses=("pending", "rectifying")))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["武进区"]
    statuses = {r[11] for r in wb.active.iter_rows(min_row=3, values_only=True)}
    assert statuses <= {"待整改", "整改中"} and statuses


def test_csv_has_the_same_rows_with_a_bom(demo_store):
    data = le.export_ledger_csv(_snap(demo_store), EVERYTHING, ASOF)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "问题编号" and rows[0][9] == "发现日期"
    frame, _ = le.ledger_frame(_snap(demo_store), EVERYTHING, ASOF)
    assert len(rows) - 1 == len(frame)
    assert dt.date.fromisoformat(rows[1][9])


def test_user_text_never_becomes_a_formula(demo_store, tmp_path):
    from paicha_geo.render.excel import ledger_csv, ledger_workbook

    frame, _ = le.ledger_frame(_snap(demo_store), Scope("320412"), ASOF)
    frame = frame.head(2).copy()
    frame.loc[frame.index[0], "description"] = '=HYPERLINK("http://x","y")'
    wb = openpyxl.load_workbook(io.BytesIO(ledger_workbook([("武进区", frame)], "t")))
    cell = wb.active.cell(row=3, column=6)
    # Text, and neutralised like in the CSV (editing the cell in Excel would run it otherwise).
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x","y")'
    assert b"'=HYPERLINK" in ledger_csv(frame)
