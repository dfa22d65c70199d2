"""佐证材料 in a real Chromium, as the 武进区 official: a photo goes through Streamlit's real
upload, shows as a thumbnail, and comes back as an attachment with the same bytes."""

import pytest
from playwright.sync_api import expect

from tests import evidence_files
from tests.conftest import save_screenshot, sign_in_context, wait_for_app

pytestmark = pytest.mark.browser


def test_a_photo_is_uploaded_shown_and_downloaded_unchanged(browser, writable_app_url,
                                                            tmp_path):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN",
                                  accept_downloads=True)
    page = context.new_page()
    sign_in_context(context, writable_app_url, "district")
    page.goto(f"{writable_app_url}/ledger?region=320412")
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"]')
    expect(grid.locator("[role=gridcell]").first).to_be_attached(timeout=30_000)
    box = grid.bounding_box()  # glide grid: tick the first row's marker to open its card
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    wait_for_app(page)
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(evidence_files.jpeg(1024, 768, (40, 120, 60)))
    upload = page.locator('[data-testid="stForm"]').filter(has_text="材料类别")
    # Streamlit's English button and limit ("Upload", "20MB per file") are replaced by the
    # Chinese words and the evidence's own limit (10 MB), not the page's (20 MB).
    zone = upload.locator('[data-testid="stFileUploaderDropzone"]')
    after = "(el) => getComputedStyle(el, '::after').content"
    assert zone.locator("button p").evaluate(after) == '"选择文件"'
    assert zone.locator("button p").evaluate("el => getComputedStyle(el).fontSize") == "0px"
    assert zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').evaluate(
        after) == '"或把文件拖到这里 · 单个文件不超过 10 MB"'
    upload.locator("input[type=file]").set_input_files(str(photo))
    expect(upload.get_by_text("现场照片.jpg")).to_be_visible(timeout=30_000)
    upload.get_by_role("button", name="上传").click()
    expect(page.get_by_text("已上传：现场照片.jpg（整改前）")).to_be_visible(timeout=30_000)
    thumb = page.locator('[data-testid="stMain"] [data-testid="stImage"] img')
    expect(thumb).to_have_count(1)
    # Loaded (a busy machine fetches it after the element appears), then measured.
    thumb.evaluate("img => img.complete && img.naturalWidth ? 0 : new Promise(done => "
                   "img.addEventListener('load', done, {once: true}))")
    assert thumb.evaluate("img => img.naturalWidth") == 240  # the thumbnail, not the photo
    with page.expect_download() as taken:
        page.get_by_role("button", name="下载").click()
    download = taken.value
    assert download.suggested_filename == "现场照片.jpg"
    assert download.path().read_bytes() == photo.read_bytes()
    assert page.locator('[data-testid="stException"]').count() == 0
    save_screenshot(page, "ledger_evidence")
    context.close()
