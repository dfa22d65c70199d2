"""The progress page in a real Chromium: charts drawn offline, figures that match the service,
the breakdown tabs, the responsible units, and the URL state shared with the other pages."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from paicha_geo.services import data, progress_service
from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

ASOF = dt.date(2020, 5, 31)
CHARTS = '[data-testid="stPlotlyChart"]'


def progress_of(snap, code, day=ASOF):
    scope = data.resolve_region(snap.regions, code).scope
    return progress_service.progress_view(snap, scope, day)


def open_progress(page, app_url, query: str) -> None:
    page.goto(f"{app_url}/progress?{query}")
    wait_for_app(page)
    expect(page.locator(f"{CHARTS} .main-svg").first).to_be_visible(timeout=30_000)


def test_progress_page_shows_the_figures_of_the_region(page, app_url, snap):
    open_progress(page, app_url, f"region=320412&asof={ASOF}")
    expected = progress_of(snap, "320412")
    expect(page.locator("h1").first).to_contain_text("武进区 · 整改进度")
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.filter(has_text="排查问题")).to_contain_text(
        f"{int(expected.totals.issues_found):,}")
    expect(metrics.filter(has_text="未销号问题")).to_contain_text(
        f"{int(expected.totals.issues_open):,}")
    expect(metrics.filter(has_text="按期清零需日均销号")).to_contain_text(
        f"{expected.burndown.required_pace:.1f} 个/天")
    # cumulative, burn-down, ageing, and the open breakdown tab's (the others are built
    # when opened)
    expect(page.locator(CHARTS)).to_have_count(4, timeout=30_000)
    cumulative = page.locator(CHARTS).nth(0)
    expect(cumulative).to_contain_text("累计发现")
    expect(cumulative).to_contain_text("整改时限 06-30")
    burndown = page.locator(CHARTS).nth(1)
    expect(burndown).to_contain_text("按期清零所需进度")
    ageing = page.locator(CHARTS).nth(2)
    for bucket, n in zip(("超期1–7天", "超期8–30天", "超期30天以上"),
                         expected.ageing["issues"], strict=True):
        expect(ageing).to_contain_text(bucket)
        expect(ageing).to_contain_text(str(n))
    expect(page.get_by_text(f"共 {len(expected.escalations)} 个问题应挂牌督办")).to_be_visible()

    units = page.locator(".st-key-units table")
    expect(units.locator("th")).to_have_text(
        ["排名", "责任单位", "承担问题", "未销号", "超期未整改", "超期30天以上", "已销号",
         "销号率", "按期销号率", "平均销号用时（天）"])
    top = expected.units.iloc[0]
    expect(units.locator("tbody tr").first).to_contain_text(top["unit"])
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    page.set_viewport_size({"width": 1600, "height": 3300})
    page.wait_for_timeout(1500)
    save_screenshot(page, "progress")


def test_breakdown_tabs_and_undefined_rates_show_a_dash(page, app_url, snap):
    early = dt.date(2020, 2, 5)
    open_progress(page, app_url, f"asof={early}")
    expected = progress_of(snap, None, early)
    unjudged = expected.units[expected.units["rank"].isna()]
    assert len(unjudged), "the fixture date should have units with nothing to judge yet"
    row = page.locator(".st-key-units tbody tr", has_text=unjudged.iloc[0]["unit"]).first
    expect(row.locator("td").first).to_have_text("—")
    page.get_by_role("tab", name="按问题来源").click()
    panel = page.locator('[data-testid="stTabs"] [role="tabpanel"]:visible')
    expect(panel.locator("table")).to_contain_text("市委巡察")
    expect(panel.locator("table")).to_contain_text("群众反映")
    expect(panel.locator(CHARTS)).to_have_count(1)
    expect(panel.locator(CHARTS)).to_contain_text("群众反映")
    # only the open tab is on the page: the first tab's table went with it
    expect(page.locator('[data-testid="stTabs"] table')).to_have_count(1)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []


@pytest.mark.parametrize(("path", "title"), [
    ("", "溧阳市 · 脱贫攻坚问题排查整改"), ("progress", "溧阳市 · 整改进度"),
    ("compare", "溧阳市 · 各乡镇(街道)对比"),
])
def test_one_url_state_means_the_same_on_every_page(page, app_url, path, title):
    """Region, as-of date and filters use the map's URL keys, so a link opens the same view."""
    page.goto(f"{app_url}/{path}?region=320481&asof=2020-04-30&src=自查")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(title)
    expect(page.locator(".st-key-breadcrumb button")).to_have_text(["常州市", "溧阳市"])
    expect(page.locator(".paicha-asof")).to_contain_text("数据截至 2020-04-30")
    expect(page.get_by_text("已应用筛选")).to_be_visible()
    assert "asof=2020-04-30" in page.url and "src=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
