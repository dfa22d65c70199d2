"""部门数据比对 on the demo: a 住建 list with 10 planted mismatches gives exactly those 10
leads; matching by ID number and by name + village; rows outside a district account's region
are not matched; leads accepted (a 数据比对 issue, its history, the audit log) or rejected."""

from __future__ import annotations

import re

import pytest

from paicha_geo.services import dept_service
from paicha_geo.store import queries as q
from tests.conftest import ROOT
from tests.dept_fixture import housing_list
from tests.signin import viewer


@pytest.fixture(scope="module")
def housing(demo_db):
    return housing_list(demo_db)


def _by_row(preview):
    return preview.rows.set_index("row_number")


def test_the_ten_planted_mismatches_are_exactly_the_leads(store, housing):
    shown = dept_service.preview(store, viewer(store, "admin"), "dept_housing", "住建.xlsx",
                                 housing.data)
    assert shown.problems == []
    leads = shown.leads.set_index("row_number")["household_id"].to_dict()
    assert leads == housing.planted
    assert len(leads) == 10
    rows = _by_row(shown)
    assert rows.loc[list(housing.planted)[:8], "item_code"].tolist() == ["3.3.4"] * 8
    assert rows.loc[list(housing.planted)[8:], "direction"].tolist() == ["ledger_fails"] * 2


def test_name_and_village_match_and_unmatched_rows(store, housing):
    shown = dept_service.preview(store, viewer(store, "admin"), "dept_housing", "住建.xlsx",
                                 housing.data)
    rows = _by_row(shown)
    row, household = housing.by_name
    assert (rows.loc[row, "match"], rows.loc[row, "household_id"]) == ("high", household)
    assert rows.loc[housing.unmatched, "match"].tolist() == ["none"] * 3
    assert rows.loc[list(housing.elsewhere), "household_id"].tolist() == list(
        housing.elsewhere.values())  # the admin's region is the whole city


def test_a_district_account_does_not_match_rows_of_another_district(store, housing):
    shown = dept_service.preview(store, viewer(store, "district"), "dept_housing", "住建.xlsx",
                                 housing.data)
    rows = _by_row(shown)
    outside = rows.loc[list(housing.elsewhere)]
    assert outside["match"].tolist() == ["outside"] * 2
    assert outside[["household_id", "name_masked", "id_masked", "dept_fact"]].isna().all().all()
    assert shown.leads.set_index("row_number")["household_id"].to_dict() == housing.planted
    assert "超出本账号范围2行" in shown.summary()


def test_no_id_number_is_kept_in_full(store, housing):
    shown = dept_service.preview(store, viewer(store, "admin"), "dept_housing", "住建.xlsx",
                                 housing.data)
    text = shown.rows.to_csv()
    assert not [n for n in housing.id_numbers if n in text]
    assert shown.rows["id_masked"].dropna().str.fullmatch(r"\d{4}\*{10}[\dX]{4}").all()


def test_commit_then_accept_raises_a_data_check_issue_in_history_and_audit(store, housing):
    admin = viewer(store, "district")
    shown = dept_service.preview(store, admin, "dept_housing", "住建.xlsx", housing.data)
    batch = dept_service.commit(store, admin, shown)
    leads = dept_service.leads(store, admin)
    assert len(leads) == 10 and set(leads["status"]) == {"open"}
    row = min(housing.planted)
    code = dept_service.accept(store, admin, batch, row)
    issue = store.cursor().execute(
        "SELECT source, item_code, household_id, status, description FROM issue "
        "WHERE issue_code = ?", [code]).fetchone()
    assert issue[:4] == ("data_check", "3.3.4", housing.planted[row], "pending")
    assert "住建·危房鉴定" in issue[4] and "台账住房等级" in issue[4]
    history = store.cursor().execute(
        "SELECT to_status, actor FROM issue_history WHERE issue_code = ?", [code]).fetchall()
    assert history == [("pending", "district")]
    table = dept_service.leads_table(store, dept_service.leads(store, admin))
    assert (table["状态"] == "已转为问题").sum() == 1
    assert code in set(table["问题编号"])
    with pytest.raises(dept_service.ConflictError):  # a lead is decided once
        dept_service.accept(store, admin, batch, row)
    actions = {a for (a,) in store.cursor().execute(
        "SELECT action FROM audit_log WHERE account_id = 'district'").fetchall()}
    assert {"dept_import", "dept_lead_accept"} <= actions


def test_reject_needs_a_reason_and_keeps_the_lead(store, housing):
    admin = viewer(store, "admin")
    batch = dept_service.commit(store, admin, dept_service.preview(
        store, admin, "dept_housing", "住建.xlsx", housing.data))
    row = max(housing.planted)
    with pytest.raises(dept_service.DeptRefused):
        dept_service.reject(store, admin, batch, row, "  ")
    dept_service.reject(store, admin, batch, row, "已现场核实，鉴定名单有误")
    leads = dept_service.leads(store, admin).set_index("row_number")
    assert (leads.loc[row, "status"], leads.loc[row, "reason"]) == (
        "rejected", "已现场核实，鉴定名单有误")
    assert len(leads) == 10


def test_a_town_account_cannot_decide_a_lead_of_another_town(store, housing):
    admin = viewer(store, "admin")
    batch = dept_service.commit(store, admin, dept_service.preview(
        store, admin, "dept_housing", "住建.xlsx", housing.data))
    town = viewer(store, "town")
    foreign = [r for r, h in housing.planted.items() if not town.scope.covers(h[:12])]
    assert foreign
    before = len(q.open_issue_codes(store, limit=100_000))
    with pytest.raises(dept_service.DeptRefused):
        dept_service.accept(store, town, batch, foreign[0])
    assert len(q.open_issue_codes(store, limit=100_000)) == before
    assert dept_service.leads(store, admin).set_index("row_number").loc[
        foreign[0], "status"] == "open"
    assert store.cursor().execute(
        "SELECT count(*) FROM audit_log WHERE account_id = 'town' AND action = 'out_of_scope'"
    ).fetchone()[0] == 1


def test_unmatched_rows_are_listed_after_the_import(store, housing):
    admin = viewer(store, "admin")
    dept_service.commit(store, admin, dept_service.preview(
        store, admin, "dept_housing", "住建.xlsx", housing.data))
    unmatched = dept_service.unmatched_table(store, admin)
    assert unmatched["行号"].tolist() == housing.unmatched
    assert set(unmatched["比对结果"]) == {"台账中未找到"}


def test_a_role_without_edit_cannot_import(store, housing):
    with pytest.raises(dept_service.DeptRefused):
        dept_service.preview(store, viewer(store, "leader"), "dept_housing", "住建.xlsx",
                             housing.data)


def test_importing_the_same_list_again_repeats_no_open_lead(store, housing):
    admin = viewer(store, "admin")
    batch = dept_service.commit(store, admin, dept_service.preview(
        store, admin, "dept_housing", "住建.xlsx", housing.data))
    dept_service.reject(store, admin, batch, min(housing.planted), "名单有误")
    dept_service.accept(store, admin, batch, max(housing.planted))
    again = dept_service.preview(store, admin, "dept_housing", "住建.xlsx", housing.data)
    assert list(again.leads["row_number"]) == [min(housing.planted)]  # the rejected one only
    assert again.repeated == 9  # 8 still open, 1 raised as an issue
    assert "线索1条（另有9条此前名单已提出" in again.summary()


def test_a_medical_csv_in_gbk_makes_a_lead_only_for_the_uninsured_of_an_insured_household(
        store):
    homes = store.cursor().execute(
        "SELECT head_name, id_number, all_insured FROM household WHERE village_code LIKE "
        "'320412%' ORDER BY all_insured, household_id LIMIT 1 OFFSET 0").fetchall()
    insured = store.cursor().execute(
        "SELECT head_name, id_number FROM household WHERE village_code LIKE '320412%' "
        "AND all_insured ORDER BY household_id LIMIT 2").fetchall()
    assert homes[0][2] is False  # the demo has households not all insured
    lines = ["姓名,公民身份号码,参保状态",
             f"{homes[0][0]},{homes[0][1]},未参保",  # the ledger agrees: not all insured
             f"{insured[0][0]},{insured[0][1]},未参保",  # the ledger says all insured: a lead
             f"{insured[1][0]},{insured[1][1]},已参保"]
    data = "\n".join(lines).encode("gb18030")
    shown = dept_service.preview(store, viewer(store, "district"), "dept_medical", "医保.csv",
                                 data)
    assert shown.problems == []
    assert shown.leads[["row_number", "item_code", "dept_fact", "ledger_fact"]].values.tolist(
        ) == [[3, "3.2.1", "no", "yes"]]


def test_the_audit_page_names_every_action_this_feature_writes():
    from paicha_geo import labels
    from paicha_geo.services import audit_service

    source = (ROOT / "paicha_geo" / "services" / "dept_service.py").read_text(encoding="utf-8")
    written = set(re.findall(r'session_service\.record\(store, viewer, "(\w+)"', source))
    assert written == {"dept_refused", "dept_import", "out_of_scope", "dept_lead_accept",
                       "dept_lead_reject"}
    assert all(audit_service.action_name(a) != a for a in written)
    assert labels.AUDIT_REASONS["dept lead"]


def test_a_backup_holds_the_lists_and_their_leads(store, housing, tmp_path):
    from paicha_geo.store.backup import backup

    admin = viewer(store, "admin")
    dept_service.commit(store, admin, dept_service.preview(
        store, admin, "dept_housing", "住建.xlsx", housing.data))
    manifest = backup(store, tmp_path / "backup")
    assert (manifest["counts"]["dept_batch"], manifest["counts"]["dept_row"]) == (1, 36)


def test_an_exported_data_check_source_reads_back():
    from paicha_geo.io.imports.values import parse_source

    assert parse_source("数据比对") == "data_check"
