"""Inspectors in a real Chromium: plan a 5-village route and download the visit pack."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_plan_five_villages_and_download_the_pack(page, app_url):
    page.goto(f"{app_url}/inspect?region=320412&n=5")
    wait_for_app(page)
    expect(page.get_by_text("走访线路：5 个村")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("不超过 8 个村时穷举求得最短顺序")).to_be_visible()
    stops = page.frame_locator(MAP_FRAME).locator(".paicha-stop")
    expect(stops).to_have_count(5, timeout=30_000)
    assert sorted(stops.all_inner_texts()) == ["1", "2", "3", "4", "5"]

    with page.expect_download() as download:
        page.get_by_role("button", name="下载走访包（Excel）").click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book.sheetnames[0] == "线路" and len(book.sheetnames) == 6
    assert [book["线路"].cell(row=r, column=1).value for r in range(4, 9)] == [1, 2, 3, 4, 5]

    with page.expect_download() as download:
        page.get_by_role("button", name="下载可打印走访包（每村一页）").click()
    html = open(download.value.path(), encoding="utf-8").read()
    assert html.count("class='village'") == 5 and "break-before:page" in html
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    save_screenshot(page, "inspect")


def test_visit_coverage_layer_and_table(page, app_url):
    page.goto(f"{app_url}/inspect?region=320412&n=5")
    wait_for_app(page)
    page.get_by_text("入户走访覆盖率（遍访统计天数内）").click()
    legend = page.locator(".paicha-legend")
    expect(legend).to_contain_text("入户走访覆盖率", timeout=30_000)
    expect(legend).to_contain_text("≤ 50.0%")  # coverage keeps the fixed bands
    expect(page.get_by_text("遍访覆盖（近 30 天）")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
