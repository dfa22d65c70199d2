"""The officials' workbench in a real Chromium: as the 武进区 official, find an issue by typing
part of its village's name, pick it in the grid, report it rectified; the administrator (in
another browser, since whoever reported may not verify) closes it; the official finds it again
in the grid filtered by 已销号."""

from __future__ import annotations

import re

import docx
import pytest
from playwright.sync_api import expect

from paicha_geo.demo.build import DATA_END
from paicha_geo.services import data, issue_grid
from tests import evidence_files
from tests.conftest import save_screenshot, sign_in_context, wait_for_app

pytestmark = pytest.mark.browser
TODAY = DATA_END  # the demo's own today (its clock): actions are dated then, so the grid as
# of that day shows statuses as the store holds them now
GRID = '[data-testid="stDataFrame"]'
CARD = ".st-key-issue-card"


def _target(snap) -> tuple[str, str, str]:
    """(issue code, its village's name, a part of that name that finds only this issue) for
    an issue of 武进区 now 整改中, found with the grid's own search."""
    frame = issue_grid.grid_frame(snap, data.Scope("320412"), TODAY)
    names = snap.regions.set_index("code")["name"]
    for code, row in frame[frame["status_asof"] == "rectifying"].iterrows():
        village = names.get(row["region_code"], "")
        for part in (village[:2], village[:3], village[1:3]):
            if len(part) >= 2 and list(issue_grid.search(frame, part).index) == [code]:
                return code, village, part
    pytest.skip("no 整改中 issue is the only one found by part of its village's name")


def _signed_in_page(browser, url: str, account: str):
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, locale="zh-CN")
    sign_in_context(context, url, account)
    page = context.new_page()
    page.goto(f"{url}/ledger?region=320412&asof={TODAY.isoformat()}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("武进区 · 整改台账", timeout=30_000)
    return page


def _search_and_pick(page, text: str, code: str) -> None:
    box = page.get_by_role("textbox", name="搜索问题")
    box.fill(text)
    box.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("共 1 个问题")).to_be_visible(timeout=30_000)
    grid = page.locator(GRID)
    expect(grid.locator("[role=gridcell]", has_text=code).first).to_be_attached()
    grid.hover()  # the table's own CSV button would bypass the audited export: it is hidden
    csv = page.locator('[data-testid="stElementToolbarButton"]',
                       has=page.locator('button[aria-label="Download as CSV"]')).first
    expect(csv).to_be_attached()
    expect(csv).to_be_hidden()
    box = grid.bounding_box()  # glide grid: tick the row marker of the first (only) row
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    wait_for_app(page)
    expect(page.locator(CARD)).to_contain_text(f"问题 {code}", timeout=30_000)


def _act(page, action: str, code: str, status: str) -> None:
    form = page.locator(CARD).locator('[data-testid="stForm"]')
    combo = form.get_by_role("combobox", name="操作")
    if combo.input_value() != action:
        combo.click()
        page.get_by_role("option", name=action, exact=True).click()
    form.get_by_label("整改措施").fill("已逐户核查，危房已加固并留存影像")
    form.get_by_role("button", name="提交").click()
    wait_for_app(page)
    expect(page.locator(CARD)).to_contain_text(f"已更新：{code} 现为“{status}”",
                                               timeout=30_000)


def test_find_by_village_rectify_close_and_find_again(browser, writable_app_url, snap,
                                                      tmp_path):
    code, village, part = _target(snap)
    official = _signed_in_page(browser, writable_app_url, "district")
    _search_and_pick(official, part, code)
    card = official.locator(CARD)
    expect(card).to_contain_text(village)  # the region path, in words
    expect(card).to_contain_text("条目原文")
    save_screenshot(official, "workbench_card")
    photo = tmp_path / "整改后照片.jpg"  # the evidence, attached on the card before reporting
    photo.write_bytes(evidence_files.jpeg(800, 600, (90, 140, 60)))
    upload = card.locator('[data-testid="stForm"]').filter(has_text="材料类别")
    upload.locator("input[type=file]").set_input_files(str(photo))
    expect(upload.get_by_text(photo.name)).to_be_visible(timeout=30_000)
    upload.get_by_role("button", name="上传").click()
    wait_for_app(official)
    expect(card.locator('[data-testid="stImage"] img')).to_have_count(1, timeout=30_000)
    _act(official, "报告整改完成", code, "已整改(待验收)")
    expect(card).to_contain_text("当前状态：已整改(待验收)")
    expect(official.locator(".st-key-issue-history")).to_contain_text("武进区扶贫办（district）")
    save_screenshot(official, "workbench_rectified")

    admin = _signed_in_page(browser, writable_app_url, "admin")
    _search_and_pick(admin, code, code)
    _act(admin, "验收销号", code, "已销号")
    expect(admin.locator(CARD)).to_contain_text("当前状态：已销号")  # still on screen
    save_screenshot(admin, "workbench_closed_by_admin")
    admin.context.close()

    # Filtered by 已销号 (the sidebar's filters live in the URL), searched again by village.
    official.goto(f"{writable_app_url}/ledger?region=320412&asof={TODAY.isoformat()}"
                  "&status=已销号")
    wait_for_app(official)
    sidebar = official.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("筛选").click()
    expect(sidebar.locator('[data-tag][aria-label="已销号"]')).to_be_attached()
    expect(official.locator('[data-testid="stMain"]')).to_contain_text("已应用筛选")
    box = official.get_by_role("textbox", name="搜索问题")
    box.fill(part)
    box.press("Enter")
    wait_for_app(official)
    grid = official.locator(GRID)
    expect(official.get_by_text("共 1 个问题")).to_be_visible(timeout=30_000)
    expect(grid.locator("[role=gridcell]", has_text=code).first).to_be_attached()
    assert official.locator('[data-testid="stException"]').count() == 0
    grid.scroll_into_view_if_needed()
    save_screenshot(official, "workbench_found_closed")
    official.context.close()


def _count(page, label: str) -> int:
    """The number shown under a KPI label (the pages' st.metric, the screen's tiles)."""
    text = page.locator('[data-testid="stMain"]').inner_text()
    match = re.search(rf"{label}\s*\n*\s*([\d,]+)", text)
    assert match, f"{label} not on the page"
    return int(match[1].replace(",", ""))


def test_batch_verify_three_then_every_page_shows_them_closed_and_a_notice_prints(
        browser, writable_app_url, tmp_path):
    """As the 武进区 official: three issues reported rectified (by others) are verified in one
    batch; the map, the progress page and the large screen count them closed at once; the
    督办通知单 downloads as a Word file naming a unit and its issues."""
    base = f"{writable_app_url}/?region=320412&asof={TODAY.isoformat()}"
    official = _signed_in_page(browser, writable_app_url, "district")
    official.goto(base)
    wait_for_app(official)
    open_before = _count(official, "未销号问题")
    official.goto(f"{writable_app_url}/?screen=1&asof={TODAY.isoformat()}")
    wait_for_app(official)
    closed_before = _count(official, "已销号")

    official.goto(f"{writable_app_url}/ledger?region=320412&asof={TODAY.isoformat()}"
                  "&status=已整改(待验收)")
    wait_for_app(official)
    grid = official.locator(GRID)
    expect(grid.locator("[role=gridcell]").first).to_be_attached(timeout=30_000)
    box = grid.bounding_box()
    for row in range(3):  # tick the row markers of the first three rows
        official.mouse.click(box["x"] + 18, box["y"] + 35 + 17 + 35 * row)
        wait_for_app(official)
    batch = official.locator(".st-key-batch")
    expect(batch).to_contain_text("批量操作：已选 3 个问题", timeout=30_000)
    batch.get_by_role("button", name="对所选问题执行").click()
    wait_for_app(official)
    expect(official.get_by_text("验收销号：完成 3 个，未执行 0 个。")).to_be_visible(
        timeout=30_000)
    save_screenshot(official, "workbench_batch_verified")

    official.goto(base)
    wait_for_app(official)
    assert _count(official, "未销号问题") == open_before - 3  # the map page, at once
    official.goto(f"{writable_app_url}/progress?region=320412&asof={TODAY.isoformat()}")
    wait_for_app(official)
    assert _count(official, "未销号问题") == open_before - 3  # the progress page, at once
    with official.expect_download(timeout=60_000) as caught:
        official.get_by_role("button", name="下载督办通知单（Word）").click()
    notice = docx.Document(caught.value.path())
    text = "\n".join(p.text for p in notice.paragraphs)
    assert "脱贫攻坚问题整改督办通知单" in text
    cells = [c.text for t in notice.tables for r in t.rows for c in r.cells]
    assert any(c.startswith("PC2020-320412") or c.startswith("DC") for c in cells), cells[:12]
    save_screenshot(official, "workbench_progress_notice")
    official.goto(f"{writable_app_url}/?screen=1&asof={TODAY.isoformat()}")
    wait_for_app(official)
    assert _count(official, "已销号") == closed_before + 3  # the large screen, at once
    official.context.close()
