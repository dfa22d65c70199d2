"""The 整改台账 page in a real Chromium: import an office spreadsheet (status changes by account:
tests/browser/test_browser_workbench.py)."""

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
    page.get_by_role("tab", name="导入数据").click()
    # Chinese words in place of Streamlit's English ones, with the installation's limit
    instructions = page.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').first
    expect(instructions).to_be_visible()
    assert instructions.evaluate("(el) => getComputedStyle(el, '::after').content") == (
        '"或把文件拖到这里 · 单个文件不超过 20 MB"')
    assert instructions.evaluate("el => getComputedStyle(el).fontSize") == "0px"
    # the first file input: the 导入数据 tab's (the 部门数据比对 tab has its own, later)
    page.locator("input[type=file]").first.set_input_files(str(SAMPLE))
    page.get_by_role("button", name="预览与检查").click()
    expect(page.get_by_text("逐行导入结果预览")).to_be_visible(timeout=60_000)
    # every 4th row of the sample names only its part: its item is suggested, to be checked
    confirm = page.get_by_role("button", name="确认导入", exact=True)
    expect(page.get_by_text("推荐的排查条目（按问题描述")).to_be_visible()
    expect(confirm).to_be_disabled()
    page.get_by_text("已核对推荐的排查条目").click()
    expect(confirm).to_be_enabled(timeout=30_000)
    confirm.click()
    expect(page.get_by_text("已导入：")).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    save_screenshot(page, "ledger_import")
