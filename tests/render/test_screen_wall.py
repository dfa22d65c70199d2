"""The wall's HTML on small hand-made inputs: legible series, lists that scroll instead of
being cut, the shared ranking order, the KPI moves and the data's update time."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from paicha_geo.domain import compare
from paicha_geo.domain.trend import change
from paicha_geo.render import screen, screen_chart
from paicha_geo.render.screen_layout import PANEL, ticker

MIN_CONTRAST = 4.5  # as tests/browser/test_browser_screen.py asks of text


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance, the formula the browser test uses for text."""
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_helper_on_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def _series():
    days = pd.date_range("2020-01-01", "2020-05-31", freq="D")
    ramp = pd.Series(range(len(days)), index=days)
    return pd.DataFrame({"found": ramp * 3, "rectified": ramp * 2, "closed": ramp})


def test_every_series_and_line_of_the_chart_reads_on_the_dark_panel():
    svg = screen_chart.progress_svg(_series(), dt.date(2020, 5, 31), dt.date(2020, 6, 30),
                                    500, 350)
    strokes = re.findall(r'class="series"[^>]*?stroke="(#[0-9a-f]{6})"', svg)
    assert len(strokes) == 4  # found, rectified, closed, the deadline
    # The old black "累计发现" line (#000000) had 1.2:1 on this panel.
    assert contrast("#000000", PANEL) < MIN_CONTRAST
    for colour in strokes:
        assert contrast(colour, PANEL) >= MIN_CONTRAST, colour
    texts = re.findall(r'<text[^>]*fill="(#[0-9a-f]{6})"', svg)
    assert texts and all(contrast(c, PANEL) >= MIN_CONTRAST for c in texts)


def test_the_chart_fills_its_box_and_ends_at_the_last_figure():
    svg = screen_chart.progress_svg(_series(), dt.date(2020, 5, 31), dt.date(2020, 6, 30),
                                    500, 350)
    assert 'viewBox="0 0 500 350"' in svg
    found = re.search(r'data-key="found" points="([^"]+)"', svg).group(1).split()
    assert len(found) == 152  # one point a day, Jan 1 to May 31
    last = float(found[-1].split(",")[1])
    # 453 found on an axis to 600 (steps of 200), plot 12..316 units: 12 + 304 * (1 - 453/600)
    assert last == pytest.approx(86.5, abs=0.1)
    assert ">600</text>" in svg and ">800</text>" not in svg


def _cells(n, text="村"):
    return [[("num", str(i)), ("", text * 3)] for i in range(n)]


def test_a_short_list_stands_still_and_is_shown_once():
    html = ticker("标题", [("num", "名次"), ("", "地区")], _cells(3), (30, 70), 600)
    assert 'class="scr-tick still"' in html and html.count("<tr") == 4  # header + 3


def test_a_long_list_scrolls_as_a_ticker_instead_of_being_cut():
    html = ticker("标题", [("num", "名次"), ("", "地区")], _cells(40), (30, 70), 600)
    assert 'class="scr-tick moving"' in html
    assert html.count("<tr") == 1 + 2 * 40  # rows twice: the loop has no jump
    assert "--dur:100s" in html  # 2.5 s a row


def test_long_cell_text_wraps_and_counts_as_more_lines():
    short = ticker("t", [("", "a"), ("", "b")], _cells(14, "村"), (50, 50), 600)
    long = ticker("t", [("", "a"), ("", "b")], _cells(14, "很长的责任单位名称"), (50, 50), 600)
    assert "still" in short and "moving" in long


def test_nothing_on_the_wall_is_cut_with_an_ellipsis():
    assert "ellipsis" not in screen.css()


def test_stale_elements_are_never_dimmed():
    css = screen.css()
    rule = re.search(r'\[data-stale="true"\][^{]*\{([^}]*)\}', css).group(1)
    assert "opacity:1 !important" in rule and "transition:none" in rule


def test_sizes_follow_the_viewport_and_the_scale_parameter_changes_nothing():
    css = screen.css()
    assert "--u:min(calc(100vw / 1920), calc(100vh / 1080))" in css
    assert not re.search(r"font-size:\d", css)  # no fixed pixel type sizes
    assert screen.css(2) == css


def _metrics():
    return pd.DataFrame({
        "closeout_rate": [0.9, 0.8, 0.7],
        "ontime_rate": [0.5, 0.9, float("nan")],
        "open_per_weak_village": [1.0, 2.0, 3.0],
        "open_per_100_households": [3.0, 1.0, 2.0],
        "failing_per_100_households": [0.0, 0.0, 0.0],
    })


def _order(html):
    return re.findall(r"<td>([^<]+)</td>", html)


def test_the_ranking_follows_the_shared_definition_and_marks_the_worst():
    names = pd.Series(["甲区", "乙区", "丙区"])
    html = screen.ranking(names, _metrics(), "市(区)", rank_by="ontime_rate")
    assert _order(html) == ["乙区", "甲区", "丙区"]  # undefined rate last, unranked
    assert re.search(r'<tr class="worst"><td class="num">2</td><td>甲区', html)
    html = screen.ranking(names, _metrics(), "市(区)", rank_by="open_per_100_households")
    assert _order(html) == ["乙区", "丙区", "甲区"]  # fewer open per 100 is better
    assert "排名 · 每百户未销" in html


def test_the_ranking_uses_compare_default_rank_by(monkeypatch):
    names = pd.Series(["甲区", "乙区", "丙区"])
    monkeypatch.setattr(compare, "DEFAULT_RANK_BY", "closeout_rate")
    from paicha_geo.services import screen_service  # reads it at call time
    assert screen_service.compare.DEFAULT_RANK_BY == "closeout_rate"
    ranks = compare.rank(_metrics(), compare.DEFAULT_RANK_BY)
    html = screen.ranking(names, _metrics(), "市(区)", ranks, compare.DEFAULT_RANK_BY)
    assert _order(html) == ["甲区", "乙区", "丙区"]


def test_kpi_tiles_show_the_move_against_a_week_earlier_coloured_by_direction():
    totals = pd.Series({"issues_found": 100, "issues_closed": 60, "closeout_rate": 0.6,
                        "issues_overdue": 9})
    changes = {"issues_found": change("issues_found", 100, 100),
               "issues_closed": change("issues_closed", 60, 45),
               "closeout_rate": change("closeout_rate", 0.6, 0.45),
               "issues_overdue": change("issues_overdue", 9, 4)}
    html = screen.kpi_tiles(totals, 20, changes)
    assert '<div class="scr-chg good" data-delta="15">较 7 天前 ↑ 15</div>' in html
    assert "较 7 天前 ↑ 15.0 个百分点" in html
    assert '<div class="scr-chg bad" data-delta="5">较 7 天前 ↑ 5</div>' in html
    assert '<div class="scr-chg neutral" data-delta="0">较 7 天前 → 0</div>' in html


@pytest.mark.parametrize(("moment", "shown"), [
    (dt.datetime(2020, 7, 14, 9, 5), "数据更新于 2020-07-14 09:05"),
    (dt.datetime(2020, 7, 14), "数据更新于 2020-07-14"),  # a visit: its day only
    (None, "数据尚无变动"),
])
def test_the_update_time_is_the_data_s_and_never_shows_midnight(moment, shown):
    assert screen.updated_text(moment) == shown
