"""Each role signed in through the real sign-in page in Chromium at 1920×1080: what it sees
(its region's figures only) and what it cannot do (another region by URL, a status change
without the power, another district's issue by code, downloads beyond its region)."""

from __future__ import annotations

import csv
import io
import shutil

import duckdb
import pytest
from playwright.sync_api import expect

from paicha_geo import labels
from tests.conftest import running_app, save_screenshot, sign_in_context, wait_for_app
from tests.ledger_helpers import xlsx_bytes

pytestmark = pytest.mark.browser

# account -> (its region's code prefix, the name its pages are titled with)
ROLES = {"admin": ("", "常州市"), "leader": ("", "常州市"), "district": ("320412", "武进区"),
         "town": ("320412001", "南夏墅街道"), "inspector": ("", "常州市"),
         "auditor": ("", "常州市")}
OTHER_DISTRICT = "320402"  # 天宁区


@pytest.fixture(scope="module")
def roles_app(demo_db, tmp_path_factory):
    """The app on its own copy; the figures each role should see, counted in SQL first."""
    db = tmp_path_factory.mktemp("roles") / "roles.duckdb"
    shutil.copy(demo_db, db)
    con = duckdb.connect(str(db), read_only=True)
    expected = {}
    for prefix, _ in ROLES.values():
        like = f"{prefix}%"
        weak = con.execute("SELECT count(*) FROM village WHERE weak_type IS NOT NULL "
                           "AND code LIKE ?", [like]).fetchone()[0]
        homes = con.execute("SELECT count(*) FROM household WHERE village_code LIKE ?",
                            [like]).fetchone()[0]
        expected[prefix] = (weak, homes)
    towns = {r[0] for r in con.execute(
        "SELECT name FROM region WHERE level = 'town' AND code LIKE '320412%'").fetchall()}
    foreign_issue = con.execute(
        "SELECT min(issue_code) FROM issue WHERE region_code LIKE ? AND status <> 'closed'",
        [f"{OTHER_DISTRICT}%"]).fetchone()[0]
    con.close()
    with running_app(db, tmp_path_factory.mktemp("roles-log")) as url:
        yield url, expected, towns, foreign_issue


def _page(browser, url: str, account: str):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN",
                                  accept_downloads=True)
    sign_in_context(context, url, account)
    return context, context.new_page()


@pytest.mark.parametrize("account", list(ROLES))
def test_each_role_sees_its_own_region_and_nothing_beyond(browser, roles_app, account):
    url, expected, _towns, _issue = roles_app
    prefix, name = ROLES[account]
    context, page = _page(browser, url, account)
    try:
        page.goto(url)
        wait_for_app(page)
        expect(page.locator("h1").first).to_contain_text(f"{name} · ", timeout=60_000)
        weak, homes = expected[prefix]
        main = page.locator('[data-testid="stMain"]')
        expect(main).to_contain_text(f"经济薄弱村 {weak} 个")
        expect(main).to_contain_text(f"建档立卡低收入农户 {homes:,} 户")
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar).to_contain_text(labels.ROLES[
            {"district": "official", "town": "official"}.get(account, account)])
        save_screenshot(page, f"role_{account}")
        if prefix:  # another district by URL: a refusal and no figure at all
            page.goto(f"{url}/compare?region={OTHER_DISTRICT}")
            wait_for_app(page)
            expect(main).to_contain_text("无权查看区划")
            assert page.locator('[data-testid="stMetric"]').count() == 0
            assert "天宁区" not in main.inner_text()
            save_screenshot(page, f"role_{account}_refused")
    finally:
        context.close()


@pytest.mark.parametrize("account", ["leader", "inspector", "auditor"])
def test_read_only_roles_get_no_status_form(browser, roles_app, account):
    url, _expected, _towns, _issue = roles_app
    context, page = _page(browser, url, account)
    try:
        page.goto(f"{url}/ledger")
        wait_for_app(page)
        grid = page.locator('[data-testid="stDataFrame"]')
        expect(grid.locator("[role=gridcell]").first).to_be_attached(timeout=30_000)
        box = grid.bounding_box()  # glide grid: tick the first row's marker
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
        wait_for_app(page)
        expect(page.get_by_text("无权更改问题状态")).to_be_visible(timeout=30_000)
        status_form = page.locator('[data-testid="stForm"]').filter(has_text="整改措施")
        assert status_form.count() == 0  # (an inspector may still add 佐证材料)
        page.get_by_role("tab", name="导入数据").click()
        expect(page.get_by_text("无权导入数据")).to_be_visible()
        panel = page.locator("[role=tabpanel]").filter(has_text="无权导入数据")
        assert panel.locator("input[type=file]").count() == 0  # no import uploader
    finally:
        context.close()


def test_a_district_official_cannot_reach_another_districts_issue_by_code(browser, roles_app):
    url, _expected, _towns, foreign_issue = roles_app
    context, page = _page(browser, url, "district")
    try:
        page.goto(f"{url}/ledger")
        wait_for_app(page)
        field = page.get_by_role("textbox", name="搜索问题")
        field.fill(foreign_issue)
        field.press("Enter")
        wait_for_app(page)
        expect(page.get_by_text("没有符合条件的问题")).to_be_visible(timeout=30_000)
        assert page.locator('[data-testid="stForm"]').count() == 0
    finally:
        context.close()


def test_a_district_officials_download_holds_only_his_district(browser, roles_app):
    url, _expected, towns, _issue = roles_app
    context, page = _page(browser, url, "district")
    try:
        page.goto(url)
        wait_for_app(page)
        with page.expect_download(timeout=60_000) as caught:
            page.get_by_role("button", name=labels.DOWNLOAD_CSV).click()
        rows = list(csv.reader(io.StringIO(
            open(caught.value.path(), encoding="utf-8-sig").read())))
        names = {row[0] for row in rows[1:]}
        assert names and names <= towns, names - towns
    finally:
        context.close()


def test_a_district_officials_import_row_of_another_district_is_refused_and_logged(
        browser, roles_app, tmp_path):
    """The official uploads a sheet with one row of his district and one of 天宁区: the other
    row is a problem naming 管辖范围; then the administrator finds that attempt, and the
    refused URL, under the official's account on the 审计日志 page."""
    url, _expected, _towns, _issue = roles_app
    sheet = tmp_path / "邻区混入.xlsx"
    sheet.write_bytes(xlsx_bytes([["问题编号", "区划代码", "排查项目", "问题描述", "发现日期"],
                                  ["B-IN", "320412001001", "3.3.4", "本区问题", "2020-03-01"],
                                  ["B-OUT", "320402001001", "3.3.4", "邻区问题", "2020-03-01"]]))
    context, page = _page(browser, url, "district")
    try:
        page.goto(f"{url}/ledger")
        wait_for_app(page)
        page.get_by_role("tab", name="导入数据").click()
        page.locator("input[type=file]").first.set_input_files(str(sheet))  # 导入数据 tab
        page.get_by_role("button", name="预览与检查").click()
        expect(page.get_by_text("逐行导入结果预览")).to_be_visible(timeout=60_000)
        expect(page.locator('[data-testid="stMain"]')).to_contain_text("有问题 1 行")
        save_screenshot(page, "role_district_import_refused")
        page.goto(f"{url}/?region={OTHER_DISTRICT}")  # one more attempt, by URL
        wait_for_app(page)
    finally:
        context.close()
    context, page = _page(browser, url, "admin")
    try:
        page.goto(f"{url}/audit")
        wait_for_app(page)
        search = page.get_by_label("对象或说明包含")
        for text, expected in ((sheet.name, "共 1 条记录：越权访问被拒绝 1"),
                               (OTHER_DISTRICT, "越权访问被拒绝")):
            search.fill(text)
            search.press("Enter")
            wait_for_app(page)
            expect(page.locator('[data-testid="stMain"]')).to_contain_text(expected)
        save_screenshot(page, "role_admin_audit")
    finally:
        context.close()
