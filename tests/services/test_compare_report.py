"""The weekly-report workbook, and the page-level views on the hand-built city and the demo."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from paicha_geo.domain.filters import IssueFilters
from paicha_geo.render import figures
from paicha_geo.services import compare_service, data, map_service, progress_service
from tests.compare_fixture import ASOF, city, snapshot


@pytest.fixture(scope="module")
def workbook():
    book = compare_service.weekly_report(snapshot(), city(), ASOF, None, "ontime_rate")
    return openpyxl.load_workbook(io.BytesIO(book))


def header(ws) -> list:
    return [c.value for c in ws[2] if c.value is not None]


def rows(ws) -> dict:
    """First-column value -> the row's cells, for the data rows under the header."""
    return {r[0].value: r for r in ws.iter_rows(min_row=3) if r[0].value is not None}


def test_sheets_titles_and_frozen_chinese_headers(workbook):
    assert workbook.sheetnames == ["地区对比", "每日进度", "超期账龄", "分类统计", "责任单位",
                                   "挂牌督办"]
    for ws in workbook:
        assert ws["A1"].value == "测试市脱贫攻坚问题整改周报（数据截至 2020-05-31）"
        assert ws.freeze_panes == "B3"  # title and header rows stay in view
        assert ws.auto_filter.ref.startswith("A2")
    assert header(workbook["地区对比"])[:8] == [
        "地区", "排名", "7日前排名", "较7日前", "销号率", "按期销号率", "每薄弱村未销号",
        "每百户未销号"]


def test_comparison_sheet_rates_are_numbers_with_formats_and_dashes(workbook):
    ws = workbook["地区对比"]
    cols = {name: i for i, name in enumerate(header(ws))}
    jia, yi, bing, ding = (rows(ws)[n] for n in ("甲区", "乙区", "丙区", "丁区"))
    rate = jia[cols["销号率"]]
    assert rate.value == pytest.approx(2 / 3) and rate.number_format == "0.0%"
    assert jia[cols["每百户未销号"]].value == pytest.approx(25.0)
    assert jia[cols["排名"]].value == 1 and jia[cols["较7日前"]].value == 0
    assert "↑" in jia[cols["较7日前"]].number_format  # +2 shows as ↑2, -1 as ↓1
    assert yi[cols["每薄弱村未销号"]].value == "—"  # no weak village
    assert yi[cols["较7日前"]].value == "—"  # no on-time rate a week ago
    assert bing[cols["销号率"]].value == "—" and bing[cols["每薄弱村未销号"]].value == 0
    assert ding[cols["排名"]].value == "—"
    assert jia[cols["发现问题"]].value == 3 and jia[cols["经济薄弱村"]].value == 2
    total = rows(ws)["测试市（合计）"]
    assert total[cols["销号率"]].value == pytest.approx(0.6)


def test_daily_sheet_has_real_dates_the_pace_line_and_charts(workbook):
    ws = workbook["每日进度"]
    assert header(ws)[:7] == ["日期", "累计发现", "已整改（含已销号）", "已销号", "未销号",
                              "超期未整改", "按期清零所需进度"]
    first = ws["A3"]
    assert isinstance(first.value, dt.datetime) and first.number_format == "yyyy-mm-dd"
    by_day = {r[0].value.date(): [c.value for c in r[:7]] for r in ws.iter_rows(min_row=3)
              if isinstance(r[0].value, dt.datetime)}
    assert by_day[dt.date(2020, 5, 31)][1:6] == [5, 3, 3, 2, 1]
    assert by_day[dt.date(2020, 5, 31)][6] == 2  # the pace line starts at today's open
    assert by_day[dt.date(2020, 6, 30)][6] == 0 and by_day[dt.date(2020, 6, 30)][1] is None
    assert by_day[dt.date(2020, 5, 1)][6] is None  # blank before today, not "—"
    assert len(ws._charts) == 2


def test_other_sheets(workbook):
    ageing = rows(workbook["超期账龄"])
    assert ageing["超期8–30天"][1].value == 1  # I2, 11 days late
    units = workbook["责任单位"]
    assert header(units)[:3] == ["排名", "责任单位", "承担问题"]
    escalate = workbook["挂牌督办"]
    assert header(escalate)[0] == "问题编号" and len(rows(escalate)) == 0
    parts = [r[0].value for r in workbook["分类统计"].iter_rows(min_row=3)]
    assert {"按排查重点", "按排查内容", "按排查条目", "按问题来源"} <= set(parts)


def test_progress_view_on_the_fixture():
    v = progress_service.progress_view(snapshot(), city(), ASOF)
    assert v.series.loc[pd.Timestamp(ASOF)].tolist() == [5, 3, 3, 2, 1]
    assert v.totals.issues_found == 5 and v.totals.closeout_rate == pytest.approx(0.6)
    assert v.burndown.open_now == 2 and v.burndown.required_pace == pytest.approx(2 / 30)
    # A district's progress counts only its own issues.
    jia = data.resolve_region(snapshot().regions, "320401").scope
    assert progress_service.progress_view(snapshot(), jia, ASOF).totals.issues_found == 3


def test_progress_view_filters_and_the_status_filter_note():
    only_guarantees = IssueFilters(groups=("guarantees",))
    v = progress_service.progress_view(snapshot(), city(), ASOF, only_guarantees)
    assert v.series["found"].iloc[-1] == 3  # I2, I4, I5
    assert not v.status_filter_ignored
    closed_only = IssueFilters(statuses=("closed",))
    v = progress_service.progress_view(snapshot(), city(), ASOF, closed_only)
    assert v.status_filter_ignored
    assert v.series["found"].iloc[-1] == 5  # the curves ignore the status filter...
    assert v.totals.issues_found == 3  # ...the as-of figures follow it


def test_figures_build_with_chinese_titles_and_the_deadline_marked():
    v = progress_service.progress_view(snapshot(), city(), ASOF)
    fig = figures.build_progress_figure(v.series, ASOF, v.campaign.deadline)
    assert fig.layout.xaxis.title.text == "日期"
    assert any("整改时限" in a.text for a in fig.layout.annotations)
    assert fig.layout.shapes[0].x0 == pd.Timestamp("2020-06-30")
    burn = figures.build_burndown_figure(v.series, v.burndown)
    assert [t.name for t in burn.data] == ["未销号", "超期未整改", "按期清零所需进度"]
    cmp = compare_service.comparison_view(snapshot(), city(), ASOF)
    small = figures.build_small_multiples(cmp.table, "市(区)")
    texts = [t for trace in small.data for t in trace.text]
    assert "—" in texts and "66.7%" in texts


def test_demo_views_agree_with_the_map(demo_store):
    snap = data.load_snapshot(demo_store)
    root = data.EVERYTHING
    asof = dt.date(2020, 5, 31)
    region = map_service.region_view(snap, root, asof)
    v = progress_service.progress_view(snap, root, asof)
    for key in ("issues_found", "issues_open", "issues_overdue", "issues_closed"):
        assert v.totals[key] == region.totals[key], key
    assert v.series.loc[pd.Timestamp(asof), "found"] == region.totals.issues_found
    assert v.series.loc[pd.Timestamp(asof), "overdue"] == region.totals.issues_overdue
    assert v.ageing["issues"].sum() == region.totals.issues_overdue
    assert v.units["issues_found"].sum() == region.totals.issues_found
    cmp = compare_service.comparison_view(snap, root, asof)
    assert sorted(cmp.table["rank"]) == [1, 2, 3, 4, 5, 6]
    assert set(cmp.table["name"]) == set(region.children["name"])
