"""The 三保障 cards say 未填报 and never show a green flag over blanks."""

import pandas as pd

from paicha_geo.render import charts, guarantee_cards


def card(**row):
    base = {"population": 10, "checked": 8, "failing": 0, "unknown": 2, "not_exited": 0,
            "rate": 0.0, "state": "unknown", "cleared": False}
    return guarantee_cards.card_html("housing", pd.Series(base | row))


def test_blanks_make_a_grey_flag_not_a_green_one():
    html = card()
    assert "未填报 2 户" in html and "核查 8 户" in html
    assert 'paicha-flag grey">未填报，不能判定清零' in html and "已清零" not in html


def test_green_only_when_nothing_fails_and_nothing_is_blank():
    assert "已清零" in card(checked=10, unknown=0, state="cleared", cleared=True)
    assert "未清零" in card(failing=1, rate=0.125, state="failing")


def test_not_exited_households_are_named_beside_the_check():
    assert "未脱贫另计 3 户" in card(not_exited=3)
    assert "未脱贫另计" not in card()


def test_income_chart_stacks_not_exited_households_in_grey():
    dist = pd.DataFrame({"left": [0.0, 7000.0], "right": [7000.0, 14000.0],
                         "households": [3, 5], "exited": [1, 4], "not_exited": [2, 1]})
    fig = charts.build_income_histogram(dist, 7000.0, "t")
    done, rest = fig.data
    assert list(done.y) == [1, 4] and list(rest.y) == [2, 1]
    assert rest.marker.color == charts.NOT_EXITED and fig.layout.barmode == "stack"
