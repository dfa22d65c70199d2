"""The 三保障 page and the village profile in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from paicha_geo.store import queries as q
from tests.conftest import save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

POLYGONS = 'path.leaflet-interactive[fill-opacity="0.85"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_township_page_shows_every_check_and_masked_households(page, app_url, demo_store):
    towns = q.regions(demo_store, level="town", scope="320412")
    town = towns.iloc[0]
    villages = q.regions(demo_store, parent=town["code"])
    page.goto(f"{app_url}/guarantees?region={town['code'][:9]}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(f"{town['name']} · 两不愁三保障")
    for name in ("义务教育", "基本医疗", "住房安全", "饮水安全", "社会保障兜底", "农户收入达标",
                 "薄弱村集体收入"):
        expect(page.locator(".paicha-card", has_text=name)).to_be_visible()
    flags = page.locator(".paicha-card .paicha-flag").all_inner_texts()
    # 未填报 is never 清零 (issue 17.1): a card says so rather than claim either way.
    assert len(flags) == 7 and set(flags) <= {"已清零", "未清零", "未填报，不能判定清零"}
    expect(page.frame_locator(MAP_FRAME).first.locator(POLYGONS)).to_have_count(len(villages),
                                                                           timeout=30_000)
    cells = page.locator(".st-key-households [role=gridcell]")
    expect(cells.first).to_be_attached(timeout=30_000)  # glide grid: an a11y table
    texts = cells.all_inner_texts()
    ids = [t for t in texts if re.fullmatch(r"[\d*X]{18}", t)]
    assert ids and all(re.fullmatch(r"\d{4}\*{10}[\dX]{4}", t) for t in ids)
    names = q.households(demo_store, town["code"][:9])["head_name"]
    assert not set(names) & set(texts), "an unmasked household name reached the page"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.external_requests == []
    save_screenshot(page, "guarantees_town")


def test_village_profile_shows_income_standard_timeline_and_visits(page, app_url, demo_store):
    villages = q.villages(demo_store)
    weak = villages[villages["weak_type"].notna()].iloc[-1]  # not the one renamed as hostile
    page.goto(f"{app_url}/guarantees?region={weak['code']}")
    wait_for_app(page)
    panel = page.locator(".st-key-village-panel")
    expect(panel).to_contain_text(weak["name"], timeout=30_000)
    expect(panel).to_contain_text("集体经济收入")
    expect(panel).to_contain_text("标准")
    expect(page.get_by_text("本村问题整改时间线")).to_be_visible()
    expect(page.get_by_text("走访记录", exact=True)).to_be_visible()
    expect(page.frame_locator(MAP_FRAME).first.locator(POLYGONS).first).to_be_attached(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    save_screenshot(page, "village_profile")


def test_map_by_guarantee_and_clearance(page, app_url):
    page.goto(f"{app_url}/guarantees?region=320412&g=住房安全&gmode=清零状态")
    wait_for_app(page)
    legend = page.locator(".paicha-legend").first
    expect(legend).to_contain_text("住房安全 · 清零状态", timeout=30_000)
    fills = {page.frame_locator(MAP_FRAME).first.locator(POLYGONS).nth(i).get_attribute("fill")
             for i in range(16)}
    assert fills <= {"#c62828", "#2e8b57", "#8c8c8c", "#d9d9d9"}  # grey: 未填报 (17.1)
