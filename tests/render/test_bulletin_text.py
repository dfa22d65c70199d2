"""The 通报's sentences on a hand-made Bulletin: what it says when a rate is better low, when
there is nothing below the region, when nothing is due yet, and when all is closed."""

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from paicha_geo import labels
from paicha_geo.domain import bulletin as rules
from paicha_geo.render import bulletin_text as text

NAN = float("nan")
ASOF = dt.date(2020, 5, 31)


def campaign() -> SimpleNamespace:
    return SimpleNamespace(deadline=dt.date(2020, 6, 30))


def bulletin(table: pd.DataFrame, rank_by: str, totals: dict, *, now=(10, 6, 5, 5, 2),
             units=None) -> SimpleNamespace:
    totals = pd.Series(totals)
    units = units if units is not None else pd.DataFrame(
        columns=["unit", "ontime_rate", "issues_outcome_known", "issues_overdue"])
    return SimpleNamespace(
        campaign=campaign(), region=pd.Series({"code": "320400000000", "name": "测试市"}),
        child_level="district", asof=ASOF, before=dt.date(2020, 5, 24), rank_by=rank_by,
        now=pd.Series(dict(zip(["found", "rectified", "closed", "open", "overdue"], now,
                               strict=True))),
        totals=totals, week=rules.WeekFlow(dt.date(2020, 5, 25), ASOF, 3, 2, 1), table=table,
        worst=rules.worst(table), moves=rules.rank_moves(table),
        behind=rules.behind(table, totals[rank_by], rank_by) if len(table) else
        pd.DataFrame(columns=["name", "value", "gap"]),
        units_behind=rules.units_behind(units, totals["ontime_rate"]),
        marked=pd.DataFrame(), marked_by_child=pd.DataFrame(columns=["name", "count"]))


TABLE = pd.DataFrame({"code": ["a", "b"], "name": ["甲区", "乙区"], "rank": [1.0, 2.0],
                      "rank_before": [2.0, 1.0], "rank_change": [1.0, -1.0],
                      "open_per_100_households": [2.0, 4.5]})


def test_a_rate_better_low_says_higher_than_the_city_by_so_many_units():
    b = bulletin(TABLE, "open_per_100_households",
                 {"open_per_100_households": 3.0, "ontime_rate": 0.5, "closeout_rate": 0.5})
    ranking = text.ranking(b)
    assert ranking[0] == ("按“每百户未销号问题”排名（越低越好），甲区居首（2.00 个/百户），"
                          "乙区居末位（4.50 个/百户）。")
    assert ranking[1] == ("与5月24日相比，甲区上升1位（第2→第1）；乙区下降1位（第1→第2）；"
                          "其余市(区)排名不变。")
    assert text.behind(b)[0] == ("“每百户未销号问题”差于全市水平的市(区)有1个：乙区每百户未销号问题"
                                 " 4.50 个/百户，高于全市 3.00 个/百户 1.50 个/百户。")


def test_units_behind_by_points_and_none_when_nothing_is_due_yet():
    units = pd.DataFrame({"unit": ["市住建局"], "ontime_rate": [0.612],
                          "issues_outcome_known": [12], "issues_overdue": [3]})
    b = bulletin(TABLE, "open_per_100_households",
                 {"open_per_100_households": 3.0, "ontime_rate": 0.784}, units=units)
    assert text.behind(b)[1].endswith("：市住建局 61.2%（低于 17.2 个百分点，超期未整改3个）。")
    b = bulletin(TABLE, "open_per_100_households",
                 {"open_per_100_households": 3.0, "ontime_rate": NAN}, units=units)
    assert len(text.behind(b)) == 1  # no on-time rate for the city: no unit is judged


def test_nothing_below_the_region_and_everything_closed():
    empty = TABLE.iloc[0:0]
    b = bulletin(empty, "open_per_100_households",
                 {"open_per_100_households": NAN, "ontime_rate": 1.0, "closeout_rate": 1.0},
                 now=(2, 2, 2, 0, 0))
    assert text.ranking(b) == ["测试市以下无下级地区，本期不排名。"]
    assert text.demand(b) == [labels.BULLETIN_DEMAND_DONE.format(region="测试市")]
    assert [h for _k, h, _p in text.sections(b)][1] == "二、各市(区)排名"


@pytest.mark.parametrize(("name", "whole"), [("常州市", "全市"), ("武进区", "全区"),
                                             ("湖塘镇", "全镇"), ("西湖街道", "全街道"),
                                             ("雕庄社区", "全社区"), ("某某", "某某")])
def test_how_the_bulletin_names_the_whole_region(name, whole):
    assert labels.whole(name) == whole

