"""The 整改台账 page in a real Chromium: import an office spreadsheet, change a status."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, save_screenshot, sign_in_context, wait_for_app

pytestmark = pytest.mark.browser
SAMPLE = ROOT / "data" / "samples" / "武进区问题清单.xlsx"


def _ledger_page(page, url, account: str = "admin"):
    sign_in_context(page.context, url, account)  # this app has its own database and sessions
    page.goto(f"{url}/ledger?region=320412")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("武进区 · 整改台账", timeout=30_000)


def test_import_preview_then_confirm(page, writable_app_url):
    _ledger_page(page, writable_app_url)
    page.locator("input[type=file]").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="预览与检查").click()
    expect(page.get_by_text("逐行导入结果预览")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("已导入：")).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    save_screenshot(page, "ledger_import")


def test_status_change_is_recorded_in_the_history(page, writable_app_url):
    """As the 武进区 official: the import above was the administrator's, and whoever reported
    a rectification may not also verify it (the rule compares accounts)."""
    _ledger_page(page, writable_app_url, "district")
    page.get_by_role("tab", name="整改状态").click()
    page.get_by_label("或从本区域未销号问题中选择").click()
    page.get_by_role("option").nth(1).click()
    wait_for_app(page)
    form = page.locator('[data-testid="stForm"]').filter(has_text="整改措施")
    expect(form).to_be_visible(timeout=30_000)
    expect(form).to_contain_text("操作人：武进区扶贫办（district）")  # the account, not a name
    form.get_by_label("整改措施").fill("已逐户核查并整改")
    form.get_by_role("button", name="提交").click()
    done = page.get_by_text("已更新：")
    expect(done).to_be_visible(timeout=30_000)
    # The page shows the new state at once, and the change is in the history.
    status, version = re.search(r"现为“(.+?)”（第 (\d+) 版）", done.inner_text()).groups()
    expect(page.get_by_text(f"当前状态：{status}（第 {version} 版）")).to_be_visible()
    expect(page.locator(".st-key-issue-history")).to_contain_text("武进区扶贫办（district）")
    assert page.locator('[data-testid="stException"]').count() == 0
    save_screenshot(page, "ledger_status")
