"""The comparison page in a real Chromium: the heat table's rates, dashes and rank changes as a
user reads them, the small multiples, the ranking selector, escaping, and the report download."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from paicha_geo import labels
from paicha_geo.render import progress_tables as pt
from paicha_geo.services import compare_service, data
from tests.conftest import EVIL_VILLAGE_NAME, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

ASOF = dt.date(2020, 5, 31)
# A day on which the 销号率 ranking moved against 7 days earlier (so ↑/↓ are drawn): the
# demo's districts keep their order through late May.
MOVED = dt.date(2020, 5, 10)
HEAT = ".st-key-heat-table table"


def comparison(snap, code, rank_by, day=ASOF):
    scope = data.resolve_region(snap.regions, code).scope
    return compare_service.comparison_view(snap, scope, day, None, rank_by).table


def heat_row(page, name):
    return page.locator(f"{HEAT} tbody tr").filter(
        has=page.locator("td.name", has_text=re.compile(f"^{re.escape(name)}$")))


def cells(page, name) -> dict[str, str]:
    headers = page.locator(f"{HEAT} th").all_inner_texts()
    values = heat_row(page, name).locator("td").all_inner_texts()
    return {h.replace("\n", ""): v for h, v in zip(headers, values, strict=True)}


def test_districts_side_by_side_on_fair_rates_with_counts(page, app_url, snap):
    page.goto(f"{app_url}/compare?asof={MOVED}&rank=销号率")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("常州市 · 各市(区)对比")
    expect(page.locator(f"{HEAT} tbody tr")).to_have_count(7)  # 6 districts + the city
    headers = [h.replace("\n", "") for h in page.locator(f"{HEAT} th").all_inner_texts()]
    assert headers[:8] == ["地区", "排名", "较7日前", "销号率", "按期销号率", "每薄弱村未销号",
                           "每百户未销号", "每百户未达标"]
    assert {"发现问题", "已销号", "未销号", "经济薄弱村", "低收入农户"} <= set(headers)

    table = comparison(snap, None, "closeout_rate", MOVED).set_index("name")
    for name, row in table.iterrows():
        got = cells(page, name)
        assert got["销号率"] == labels.format_rate(row.closeout_rate), name
        assert got["每百户未销号"] == f"{row.open_per_100_households:.2f}", name
        assert got["排名"] == str(int(row["rank"])), name
        assert got["较7日前"] == pt.format_rank_change(row.rank_change), name
        assert got["发现问题"] == f"{row.issues_found:,}", name
    assert any(v.startswith(("↑", "↓")) for v in
               page.locator(f"{HEAT} td.up, {HEAT} td.down").all_inner_texts())
    city = cells(page, "常州市（合计）")
    assert city["排名"] == "—"

    chart = page.locator('[data-testid="stPlotlyChart"]')
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=30_000)
    expect(chart).to_contain_text("每百户未销号问题")
    expect(chart).to_contain_text("溧阳市")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    page.set_viewport_size({"width": 1600, "height": 1500})
    page.wait_for_timeout(1500)
    save_screenshot(page, "compare")


def test_choosing_the_ranking_rate_reorders_and_goes_into_the_url(page, app_url,
                                                                    snap):
    page.goto(f"{app_url}/compare?asof={ASOF}")
    wait_for_app(page)
    page.get_by_label("排名依据").click()
    page.get_by_role("option", name="每百户未销号问题", exact=True).click()
    page.wait_for_url(re.compile("rank="), timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("排名依据“每百户未销号问题”")).to_be_visible()
    table = comparison(snap, None, "open_per_100_households")
    names = page.locator(f"{HEAT} tbody tr td.name").all_inner_texts()
    assert names[:6] == table["name"].tolist()


def test_villages_without_a_weak_village_show_a_dash_and_names_stay_text(
        page, app_url, snap, hostile_village):
    town = hostile_village[:9]
    page.goto(f"{app_url}/compare?region={town}&asof={ASOF}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("各村(社区)对比")
    table = comparison(snap, town, "ontime_rate")
    not_weak = table[table["weak_villages"] == 0].iloc[0]
    assert cells(page, not_weak["name"])["每薄弱村未销号"] == "—"
    expect(heat_row(page, EVIL_VILLAGE_NAME)).to_have_count(1)
    assert page.dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_weekly_report_downloads_as_a_workbook(page, app_url):
    page.goto(f"{app_url}/compare?asof={ASOF}")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="下载周报（Excel）").click()
    download = info.value
    assert download.suggested_filename == "常州市_整改周报_20200531.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert book.sheetnames[:2] == ["地区对比", "每日进度"]
    assert book["地区对比"]["A2"].value == "地区"
    assert page.external_requests == []
