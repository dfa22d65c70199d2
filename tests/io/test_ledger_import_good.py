"""Importing good spreadsheets in the layouts offices use, and importing them again."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from paicha_geo.demo import samples
from paicha_geo.services import exports as le
from paicha_geo.services import issue_service
from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING, load_snapshot
from paicha_geo.store import queries as q
from paicha_geo.store.ledger import issue_history
from tests.ledger_helpers import (
    HEADER,
    copy_store,
    csv_bytes,
    fingerprint,
    village_path,
    xlsx_bytes,
)
from tests.said import raises_saying


@pytest.fixture
def store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, backend=backend)
    yield s
    s.close()


def _office(store, n=40):
    rows = samples.office_issue_rows(q.regions(store), q.checklist(store, 1), n,
                                     district="320412")
    return rows, samples.office_workbook(rows, "武进区脱贫攻坚问题排查整改清单", "武进区扶贫办")


def test_office_layout_imports_and_reimport_changes_nothing(store):
    rows, data = _office(store)
    before = set(q.issues(store, 1)["issue_code"])
    preview = ls.preview_import(store, "issues", "武进区清单.xlsx", data, scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    assert preview.counts["inserted"] == len(rows)
    assert any("跳过了 1 行" in n for n in preview.notices)  # the 填表人 line
    suggested = preview.suggestions_frame()  # every 4th row names only its part
    assert len(suggested) == len(rows) // 4 == preview.suggested
    items = q.checklist(store, 1).set_index("code")["short"]
    truth = suggested["description"].str.split("：").str[0]  # the sample writes the item first
    assert list(suggested["item"].map(items)) == list(truth)
    with raises_saying(ls.ImportRejected, f"有 {len(rows) // 4} 行的排查条目是按问题描述推荐的"):
        ls.commit_import(store, preview, scope=EVERYTHING)
    result = ls.commit_import(store, preview, scope=EVERYTHING, items_confirmed=True)
    assert result.inserted == len(rows)
    new_codes = set(q.issues(store, 1)["issue_code"]) - before
    assert len(new_codes) == len(rows)
    history = q.issue_history(store, 1)
    first = history[history["issue_code"].isin(new_codes)].groupby("issue_code").head(1)
    assert len(first) == len(rows)
    assert first["from_status"].isna().all() and (first["to_status"] == "pending").all()
    assert first["note"].str.contains("导入登记（武进区清单.xlsx 第").all()
    snapshot = fingerprint(store)
    again = ls.preview_import(store, "issues", "武进区清单.xlsx", data, scope=EVERYTHING)
    assert again.ok and again.counts["unchanged"] == len(rows)
    assert again.counts["inserted"] == again.counts["updated"] == 0
    ls.commit_import(store, again, scope=EVERYTHING, items_confirmed=True)
    assert fingerprint(store) == snapshot


def test_merged_district_cells_count_for_every_row(store):
    rows, data = _office(store, 30)
    preview = ls.preview_import(store, "issues", "a.xlsx", data, scope=EVERYTHING)
    codes = {r.record["given"]["region_code"][:6] for r in preview.validated.valid_rows}
    assert codes == {"320412"}  # rows below a merged 县(市、区) cell still belong to 武进区
    assert len(preview.validated.valid_rows) == len(rows)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_the_same_list_as_csv_gets_the_same_issue_codes(store, encoding):
    rows, data = _office(store, 25)
    ls.commit_import(store, ls.preview_import(store, "issues", "a.xlsx", data, scope=EVERYTHING),
                     scope=EVERYTHING, items_confirmed=True)
    preview = ls.preview_import(store, "issues", "a.csv", samples.plain_csv(rows, encoding),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    assert preview.counts["unchanged"] == len(rows)
    shown = preview.actions_frame()  # a CSV has no sheets: no column of "None"
    assert "工作表" not in shown.columns and not shown.isna().any().any()
    assert "None" not in shown.astype(str).to_numpy()
    assert (ls.labels.NOTE_GBK in preview.notices) == (encoding == "gbk")


def test_two_row_header_code_column_and_header_variants(store):
    district, town, village, code = village_path(store)
    rows = [
        ["序号", "市(区)", "乡镇(街道)", "村(社区)", "问题表现", "清单编号", "交办时间",
         "完成时限", "整改情况", None, "牵头单位", "整改措施"],
        [None, None, None, None, None, None, None, None, "整改进展", "整改完成时间", None, None],
        [1, district, town, village + "村委会", "危房未改造", "3.3.4", "2020.3.2", "2020年6月底",
         "已完成", "2020/5/6", "住建局", "已改造"],
        [2, None, None, None, "饮水检测缺失", "饮水安全", dt.date(2020, 3, 5), 44012, "正在整改",
         None, "水利局", None],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某镇问题清单"])
    for r in rows:
        ws.append(r)
    ws.merge_cells("I2:J2")
    ws["I2"] = "整改情况"
    ws.append([3, None, None, None, "台账不全", "住房安全保障", "2020-03-09", "2020-06-30",
               "待整改", None, "镇政府"])
    ws["M5"] = "备注"  # a cell outside the header: ignored
    buffer = io.BytesIO()
    wb.save(buffer)
    preview = ls.preview_import(store, "issues", "two-row.xlsx", buffer.getvalue(),
                                scope=EVERYTHING)
    problems = {p.row: p.reason for p in preview.problems}
    assert set(problems) == {5, 6}  # rows without any region cell are not guessed
    assert "没有填写地区" in problems[5]
    good = preview.validated.valid_rows[0]
    given = good.record["given"]
    assert given["region_code"] == code
    assert given["deadline"] == dt.date(2020, 6, 30) and given["found_date"] == dt.date(2020, 3, 2)
    assert given["status"] == "rectified" and given["rectified_date"] == dt.date(2020, 5, 6)


def test_region_code_column_alone_locates_the_issue(store):
    _, _, _, code = village_path(store)
    rows = [["区划代码", "问题描述", "排查项目", "发现日期", "整改时限", "整改状态", "整改措施"],
            [int(code), "问题一", "3.1.1", "2020-03-01", "2020-05-01", "整改中", None],
            [code[:9], "乡镇层面问题", "1.1.2", "2020-03-01", "2020-05-01", "已销号", "已整改"]]
    preview = ls.preview_import(store, "issues", "codes.xlsx", xlsx_bytes(rows), scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    regions = [r.record["given"]["region_code"] for r in preview.validated.valid_rows]
    assert regions == [code, code[:9] + "000"]
    ls.commit_import(store, preview, scope=EVERYTHING, items_confirmed=True)
    closed = preview.validated.valid_rows[1].record["issue_code"]
    history = issue_history(store, closed)
    assert list(history["to_status"]) == ["pending", "closed"]


def test_our_own_export_round_trips_unchanged(store):
    snap, today = load_snapshot(store), dt.date.today()  # the ledger as it stands
    for data, name in ((le.export_ledger_xlsx(snap, EVERYTHING, today), "台账.xlsx"),
                       (le.export_ledger_csv(snap, EVERYTHING, today), "台账.csv")):
        preview = ls.preview_import(store, "issues", name, data, scope=EVERYTHING)
        assert preview.ok, [p.describe() for p in preview.problems[:5]]
        assert preview.counts["unchanged"] == preview.counts["rows"] == 5000


def test_an_updated_row_updates_the_issue_and_adds_history(store):
    district, town, village, _ = village_path(store)
    base = [HEADER, [1, district, town, village, "3.3.4", "危房未改造", None, "2020-03-01",
                     "2020-05-31", "待整改", "住建局", "自查"]]
    ls.commit_import(store, ls.preview_import(store, "issues", "v1.csv", csv_bytes(base),
                                              scope=EVERYTHING), scope=EVERYTHING)
    code = ls.preview_import(store, "issues", "v1.csv", csv_bytes(base), scope=EVERYTHING) \
        .validated.rows[0].record["issue_code"]
    first = issue_service.get_issue(store, EVERYTHING, code)
    changed = [HEADER, [1, district, town, village, "3.3.4", "危房未改造", "已拆除重建",
                        "2020-03-01", "2020-06-30", "已整改", "住建局", "自查"]]
    preview = ls.preview_import(store, "issues", "v2.csv", csv_bytes(changed), scope=EVERYTHING)
    assert preview.counts["updated"] == 1
    ls.commit_import(store, preview, scope=EVERYTHING)
    now = issue_service.get_issue(store, EVERYTHING, code)
    assert now["version"] == first["version"] + 1
    assert now["status"] == "rectified" and now["measures"] == "已拆除重建"
    assert now["deadline"] == dt.date(2020, 6, 30)
    note = issue_history(store, code)["note"].iloc[-1]
    assert "2020-05-31→2020-06-30" in note and "待整改→已整改(待验收)" in note
    assert "v2.csv 第2行" in note


def test_an_older_sheet_does_not_undo_the_ledger(store):
    district, town, village, _ = village_path(store)
    rows = [HEADER, [1, district, town, village, "3.3.4", "危房未改造", None, "2020-03-01",
                     "2020-05-31", "整改中", "住建局", "自查"]]
    data = csv_bytes(rows)
    preview = ls.preview_import(store, "issues", "old.csv", data, scope=EVERYTHING)
    ls.commit_import(store, preview, scope=EVERYTHING)
    code = preview.validated.rows[0].record["issue_code"]
    issue = issue_service.get_issue(store, EVERYTHING, code)
    issue = issue_service.change_status(store, EVERYTHING, code, "rectified", actor="甲",
                                        measures="已改造", expected_version=issue["version"])
    snapshot = fingerprint(store)
    again = ls.preview_import(store, "issues", "old.csv", data, scope=EVERYTHING)
    assert any("保留系统状态" in n for n in again.notices)
    ls.commit_import(store, again, scope=EVERYTHING)
    assert fingerprint(store) == snapshot


def test_only_valid_rows_with_rejected_rows_for_download(store):
    district, town, village, _ = village_path(store)
    rows = [HEADER,
            [1, district, town, village, "3.3.4", "好的一", None, "2020-03-01", "2020-05-31",
             "待整改", "住建局", "自查"],
            [2, district, town, "不存在村", "3.3.4", "坏的", None, "2020-03-01", "2020-05-31",
             "待整改", "住建局", "自查"],
            [3, district, town, village, "3.3.4", "好的二", None, "2020-03-01", "2020-05-31",
             "整改中", "住建局", "自查"],
            [4, district, town, village, "3.3.4", "坏的二", None, "2020-03-01", "2020-02-01",
             "待整改", "住建局", "自查"]]
    preview = ls.preview_import(store, "issues", "mixed.xlsx", xlsx_bytes(rows, title="清单"),
                                scope=EVERYTHING)
    assert not preview.ok and preview.counts["valid"] == 2 and preview.counts["rejected"] == 2
    assert list(preview.actions_frame()["导入结果"]) == ["新增", "有问题，未导入", "新增",
                                                      "有问题，未导入"]
    snapshot = fingerprint(store)
    with pytest.raises(ls.ImportRejected):
        ls.commit_import(store, preview, scope=EVERYTHING)
    assert fingerprint(store) == snapshot
    result = ls.commit_import(store, preview, only_valid=True, scope=EVERYTHING)
    assert result.inserted == 2 and result.rejected == 2
    wb = openpyxl.load_workbook(io.BytesIO(preview.rejected_xlsx()))
    got = list(wb.active.iter_rows(values_only=True))
    assert got[0][0] == "原行号" and got[0][-1] == "错误原因"
    assert [r[0] for r in got[1:]] == [4, 6]  # sheet rows (after the title row)
    assert "找不到村(社区)" in got[1][-1] and "早于发现日期" in got[2][-1]
    assert got[1][4] == "不存在村"  # the original cells come back for fixing
    table = preview.problems_frame()
    assert list(table.columns) == ["文件", "工作表", "行号", "列", "原因"]


def test_progress_is_reported_to_the_end(store):
    _, data = _office(store, 1500)
    calls = []
    ls.preview_import(store, "issues", "big.xlsx", data, on_progress=lambda d, t: calls.append(
        (d, t)), scope=EVERYTHING)
    assert calls and all(0 <= d <= t for d, t in calls)
    assert calls[-1][0] == calls[-1][1]
    assert len(calls) > 3


def test_households_and_villages(store):
    district, town, village, code = village_path(store)
    households = [["户编号", "户主姓名", "身份证号", "县(市、区)", "镇", "村", "家庭人口",
                   "人均纯收入（元）", "是否脱贫", "住房等级", "住院自付比例"],
                  ["H-T-1", "测试甲", "320412199001011231", district, town, village, 3, "6,800",
                   "已脱贫", "C级", "12%"],
                  [None, "测试乙", "32041219900101028X", district, town, village, 2, 9000.5,
                   "未脱贫", "B", 0.05]]
    preview = ls.preview_import(store, "households", "农户.csv", csv_bytes(households, "gbk"),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    ls.commit_import(store, preview, scope=EVERYTHING)
    got = q.households(store, code).set_index("head_name")
    assert got.loc["测试甲", "house_grade"] == "C"
    assert got.loc["测试甲", "per_capita_income"] == 6800
    assert got.loc["测试甲", "inpatient_selfpay_share"] == pytest.approx(0.12)
    assert got.loc["测试乙", "exit_status"] == "not_exited"
    assert ls.preview_import(store, "households", "农户.csv", csv_bytes(households, "gbk"),
                             scope=EVERYTHING).counts["unchanged"] == 2
    villages = [["区县", "乡镇", "村名", "经济薄弱村类型", "集体经营性收入(万元)", "第一书记在岗"],
                [district, town, village, "省定", 17.5, "是"]]
    preview = ls.preview_import(store, "villages", "村.xlsx", xlsx_bytes(villages),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    ls.commit_import(store, preview, scope=EVERYTHING)
    row = q.villages(store, code).iloc[0]
    assert row["weak_type"] == "province" and row["collective_operating_income"] == 175000


def test_a_share_under_a_percent_header_is_in_percent_and_a_bare_one_is_questioned(store):
    """Issue 17: 1 under "住院自付比例(%)" is 1 %, not 100 %; a bare 1 elsewhere is read as
    100 % with a warning naming the cell."""
    district, town, village, code = village_path(store)

    def sheet(title: str, value) -> bytes:
        return csv_bytes([["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", title],
                          ["S-1", district, town, village, 2, "已脱贫", value]])

    marked = ls.preview_import(store, "households", "h.csv", sheet("住院自付比例(%)", 1),
                               scope=EVERYTHING)
    assert marked.ok and marked.validated.valid_rows[0].values["inpatient_selfpay_share"] == (
        pytest.approx(0.01))
    assert not marked.warnings
    bare = ls.preview_import(store, "households", "h.csv", sheet("住院自付比例", 1),
                             scope=EVERYTHING)
    assert bare.ok and bare.validated.valid_rows[0].values["inpatient_selfpay_share"] == 1
    assert any("比例“1”按 100% 理解" in n for n in bare.notices)
    plain = ls.preview_import(store, "households", "h.csv", sheet("住院自付比例", "12%"),
                              scope=EVERYTHING)
    assert plain.validated.valid_rows[0].values["inpatient_selfpay_share"] == pytest.approx(0.12)
    assert not plain.warnings


def test_a_village_row_saying_not_weak_clears_the_status_and_a_blank_keeps_it(store):
    """Issue 17: 否 / 非经济薄弱村 was read as a blank cell, so a weak village stayed weak and
    the row showed 无变化."""
    weak = q.villages(store)
    weak = weak[weak["weak_type"] == "province"].iloc[:2]
    names = q.regions(store).set_index("code")["name"]
    rows = [["区划代码", "村名", "经济薄弱村类型", "第一书记在岗"],
            [weak.iloc[0]["code"], names[weak.iloc[0]["code"]], "非经济薄弱村", "是"],
            [weak.iloc[1]["code"], names[weak.iloc[1]["code"]], None, "是"]]
    preview = ls.preview_import(store, "villages", "村.xlsx", xlsx_bytes(rows),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    shown = preview.actions_frame()
    first = shown.iloc[0]
    assert first["导入结果"] == "更新"
    assert "经济薄弱村类型：省定经济薄弱村→非薄弱村" in first["变更（原值→新值）"].replace(" ", "")
    ls.commit_import(store, preview, scope=EVERYTHING)
    after = q.villages(store).set_index("code")["weak_type"]
    assert after[weak.iloc[0]["code"]] is None or pd.isna(after[weak.iloc[0]["code"]])
    assert after[weak.iloc[1]["code"]] == "province"  # a blank cell changes nothing
    bad = [rows[0], [weak.iloc[1]["code"], names[weak.iloc[1]["code"]], "待定", "是"]]
    refused = ls.preview_import(store, "villages", "村.xlsx", xlsx_bytes(bad), scope=EVERYTHING)
    assert not refused.ok
    assert any("“待定”应填“省定”“市定”或“否”" in p.describe() for p in refused.problems)


def test_an_import_racing_a_status_change_writes_nothing(store):
    district, town, village, _ = village_path(store)
    v1 = [HEADER, [1, district, town, village, "3.3.4", "危房未改造", None, "2020-03-01",
                   "2020-05-31", "待整改", "住建局", "自查"]]
    first = ls.preview_import(store, "issues", "v1.csv", csv_bytes(v1), scope=EVERYTHING)
    ls.commit_import(store, first, scope=EVERYTHING)
    code = first.validated.rows[0].record["issue_code"]
    v2 = [HEADER, v1[1][:8] + ["2020-06-30"] + v1[1][9:]]
    preview = ls.preview_import(store, "issues", "v2.csv", csv_bytes(v2), scope=EVERYTHING)
    assert preview.counts["updated"] == 1
    issue = issue_service.get_issue(store, EVERYTHING, code)
    issue_service.change_status(store, EVERYTHING, code, "rectifying", actor="乙",
                                expected_version=issue["version"])
    snapshot = fingerprint(store)
    with raises_saying(ls.ConflictError, "请重新预览"):
        ls.commit_import(store, preview, scope=EVERYTHING)
    assert fingerprint(store) == snapshot


def test_part_level_categories_in_office_spellings_get_suggested_items_to_confirm(store):
    district, town, village, _ = village_path(store)
    header = ["区县", "乡镇", "村", "问题类别", "问题描述", "发现日期"]
    rows = [header] + [[district, town, village, category, text, "2020-03-01"]
                       for category, text in [
                           ("三保障-住房安全", "危改补助资金未按时拨付到户"),
                           ("三保障（基本医疗）", "住院自付比例超过10%"),
                           ("住房安全保障", "房屋经鉴定为C级危房，尚未改造"),
                           ("饮水安全", "饮用水氟含量超标"),
                           ("政策落实", "扶贫政策宣传不到位，群众不知晓"),
                           ("3.3.2", "危房改造质量不过关"),  # named: no suggestion
                       ]]
    preview = ls.preview_import(store, "issues", "类别.csv", csv_bytes(rows), scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    shown = preview.suggestions_frame()
    assert list(shown["written"]) == ["三保障-住房安全", "三保障（基本医疗）", "住房安全保障",
                                      "饮水安全", "政策落实"]
    assert list(shown["item"]) == ["3.3.3", "3.2.2", "3.3.4", "3.4.1", "1.2.1"]
    assert (shown["score"] >= 0.1).all() and shown["others"].str.contains(r"\d\.\d\.\d").all()
    assert any("5 行的“排查项目”只写了类别" in n for n in preview.notices)
    # a person changes the third row's item: previewed again, that row is no longer a guess
    third = shown.iloc[2]["key"]
    again = ls.preview_import(store, "issues", "类别.csv", csv_bytes(rows), scope=EVERYTHING,
                              options=ls.ImportOptions(item_choices={third: "3.3.1"}))
    assert again.suggested == 4
    ls.commit_import(store, again, scope=EVERYTHING, items_confirmed=True)
    stored = q.issues(store, 1)
    mine = stored[stored["description"].isin([r[4] for r in rows[1:]])]
    assert dict(zip(mine["description"], mine["item_code"], strict=True)) == {
        "危改补助资金未按时拨付到户": "3.3.3", "住院自付比例超过10%": "3.2.2",
        "房屋经鉴定为C级危房，尚未改造": "3.3.1", "饮用水氟含量超标": "3.4.1",
        "扶贫政策宣传不到位，群众不知晓": "1.2.1", "危房改造质量不过关": "3.3.2"}


def test_facts_a_household_sheet_leaves_out_are_unknown_not_passing(store):
    """Issue 17.1: a sheet with no 全员参保 / 饮水安全 / 适龄儿童 columns used to store the
    passing answer (insured, safe water, no children); now those facts stay blank and the
    checks say 未填报."""
    from paicha_geo.domain import rules

    district, town, village, code = village_path(store)
    sheet = [["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", "人均纯收入（元）"],
             ["U-1", district, town, village, 2, "已脱贫", 9000]]
    preview = ls.preview_import(store, "households", "h.csv", csv_bytes(sheet),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    ls.commit_import(store, preview, scope=EVERYTHING)
    got = q.households(store, code).set_index("household_id").loc[["U-1"]]
    assert got[["all_insured", "safe_water", "school_age_children"]].isna().all(axis=None)
    outcomes = rules.household_outcomes(got, load_snapshot(store).campaign).iloc[0]
    assert outcomes.to_dict() == {"education": "unknown", "medical": "unknown",
                                  "housing": "unknown", "water": "unknown",
                                  "social_floor": "unknown", "income": "pass"}
