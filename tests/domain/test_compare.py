"""District comparison on the hand-built city of tests/compare_fixture.py.

As of 05-31 (and 05-24, seven days earlier), by hand:
          found closed open overdue on-time/known  weak  households failing
  D1 甲区    3     2     1     1        2/3          2       4         1
  D2 乙区    2     1     1     0        0/1          0       2         0
  D3 丙区    0     0     0     0        0/0          1       1         0
  D4 丁区    0     0     0     0        0/0          0       0         0
On 05-24: D1 closed 1 of 3, open 2, on time 1 of 2 known; D2 found 1 (I4, awaiting
verification, not yet due), open 1, nothing known.
"""

import math

import pandas as pd
import pytest

from paicha_geo.domain import compare
from paicha_geo.render import progress_tables as pt
from paicha_geo.services import compare_service
from tests.compare_fixture import ASOF, BEFORE, city, snapshot

NAN = float("nan")


def view(rank_by="ontime_rate", filters=None):
    return compare_service.comparison_view(snapshot(), city(), ASOF, filters, rank_by)


def rows(rank_by="ontime_rate"):
    return view(rank_by).table.set_index("name")


def same(got, want) -> bool:
    if isinstance(want, float) and math.isnan(want):
        return pd.isna(got)
    return got == pytest.approx(want)


@pytest.mark.parametrize(("name", "rate", "want"), [
    ("甲区", "closeout_rate", 2 / 3), ("甲区", "ontime_rate", 2 / 3),
    ("甲区", "open_per_weak_village", 0.5), ("甲区", "open_per_100_households", 25.0),
    ("甲区", "failing_per_100_households", 25.0),
    ("乙区", "closeout_rate", 0.5), ("乙区", "ontime_rate", 0.0),  # I4 closed a day late
    ("乙区", "open_per_weak_village", NAN),  # no weak village: undefined, not 0
    ("乙区", "open_per_100_households", 50.0), ("乙区", "failing_per_100_households", 0.0),
    ("丙区", "closeout_rate", NAN), ("丙区", "ontime_rate", NAN),  # no issues at all
    ("丙区", "open_per_weak_village", 0.0), ("丙区", "open_per_100_households", 0.0),
    ("丙区", "failing_per_100_households", 0.0),
    ("丁区", "closeout_rate", NAN), ("丁区", "ontime_rate", NAN),  # nothing at all
    ("丁区", "open_per_weak_village", NAN), ("丁区", "open_per_100_households", NAN),
    ("丁区", "failing_per_100_households", NAN),
])
def test_every_rate_by_hand(name, rate, want):
    assert same(rows().loc[name, rate], want)


@pytest.mark.parametrize(("name", "rate", "want"), [
    ("甲区", "closeout_rate", 1 / 3), ("甲区", "ontime_rate", 0.5),
    ("甲区", "open_per_weak_village", 1.0), ("甲区", "open_per_100_households", 50.0),
    ("乙区", "closeout_rate", 0.0), ("乙区", "ontime_rate", NAN),
    ("乙区", "open_per_100_households", 50.0),
])
def test_rates_seven_days_earlier(name, rate, want):
    assert view().before == BEFORE
    assert same(rows().loc[name, f"{rate}_before"], want)


def test_raw_counts_travel_with_the_rates():
    got = rows()
    assert got.loc["甲区", ["issues_found", "issues_closed", "issues_on_time",
                          "issues_outcome_known", "issues_open", "issues_overdue",
                          "weak_villages", "households", "households_failing_any"]
                   ].tolist() == [3, 2, 2, 3, 1, 1, 2, 4, 1]
    assert got.loc["丁区", ["issues_found", "weak_villages", "households"]].tolist() == [0, 0, 0]


def test_region_totals():
    t = view().totals
    assert t.closeout_rate == pytest.approx(3 / 5)
    assert t.ontime_rate == pytest.approx(2 / 4)
    assert t.open_per_weak_village == pytest.approx(2 / 3)
    assert t.open_per_100_households == pytest.approx(200 / 7)
    assert t.failing_per_100_households == pytest.approx(100 / 7)


def test_rank_on_the_on_time_rate_leaves_undefined_regions_unranked():
    got = rows("ontime_rate")
    assert list(got.index) == ["甲区", "乙区", "丙区", "丁区"]  # best first, unranked last
    assert got["rank"].tolist()[:2] == [1, 2]
    assert got[["rank"]].loc[["丙区", "丁区"]].isna().all().all()
    assert got.loc["甲区", "rank_change"] == 0
    assert pd.isna(got.loc["乙区", "rank_change"])  # no on-time rate a week ago


def test_rank_change_on_open_issues_per_100_households():
    # Lower is better. Now: 丙 0, 甲 25, 乙 50. A week ago: 丙 0, 甲 50, 乙 50 (tie: 2, 2).
    got = rows("open_per_100_households")
    assert got.loc[["丙区", "甲区", "乙区"], "rank"].tolist() == [1, 2, 3]
    assert got.loc[["丙区", "甲区", "乙区"], "rank_before"].tolist() == [1, 2, 2]
    assert got.loc[["丙区", "甲区", "乙区"], "rank_change"].tolist() == [0, 0, -1]
    assert pd.isna(got.loc["丁区", "rank"])


def test_rank_and_change_on_plain_frames():
    children = pd.DataFrame({"code": ["a", "b", "c", "d", "e"], "name": list("ABCDE")})

    def frame(closeout):
        out = pd.DataFrame({r: NAN for r in compare.FAIR_RATES}, index=range(5))
        out["closeout_rate"] = closeout
        for col in compare.COUNT_COLUMNS:
            out[col] = 0
        return out

    now = frame([0.9, 0.5, NAN, 0.7, 0.9])
    before = frame([0.4, 0.8, 0.6, NAN, 0.3])
    got = compare.comparison_table(children, now, before, "closeout_rate").set_index("name")
    assert got.loc[list("AEDB"), "rank"].tolist() == [1, 1, 3, 4]  # ties share the best
    assert got.loc[list("ABCE"), "rank_before"].tolist() == [3, 1, 2, 4]
    assert got.loc["A", "rank_change"] == 2 and got.loc["E", "rank_change"] == 3
    assert got.loc["B", "rank_change"] == -3
    assert pd.isna(got.loc["C", "rank_change"]) and pd.isna(got.loc["D", "rank_change"])
    assert list(got.index) == list("AEDBC")


@pytest.mark.parametrize(("value", "text"), [
    (2.0, "↑2"), (-1.0, "↓1"), (0.0, "持平"), (NAN, "—"), (None, "—")])
def test_rank_change_text(value, text):
    assert pt.format_rank_change(value) == text


@pytest.mark.parametrize(("rate", "value", "text"), [
    ("closeout_rate", 2 / 3, "66.7%"), ("ontime_rate", 0.0, "0.0%"),
    ("ontime_rate", NAN, "—"), ("open_per_weak_village", 0.5, "0.50"),
    ("open_per_100_households", NAN, "—"), ("failing_per_100_households", 0.0, "0.00"),
])
def test_rate_text(rate, value, text):
    assert pt.format_fair_rate(rate, value) == text


def test_heat_table_shows_dashes_for_undefined_rates_and_escapes_names():
    v = view("open_per_100_households")
    table = v.table.copy()
    table.loc[table["name"] == "丁区", "name"] = "<b>丁区</b>"
    html = pt.heat_table_html(table, v.totals, "测试市（合计）")
    assert "<b>丁区</b>" not in html and "&lt;b&gt;丁区&lt;/b&gt;" in html
    row = html.split("乙区</td>")[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1] for c in row.split("</td>") if ">" in c]
    # rank, change, closeout, on-time, per weak village, per 100 households, failing, ...
    assert cells[:7] == ["3", "↓1", "50.0%", "0.0%", "—", "50.00", "0.00"]
    assert "测试市（合计）" in html and "60.0%" in html


def test_rate_colours():
    fixed = pt.rate_colors("closeout_rate", pd.Series([0.4, 0.99, NAN]))
    assert fixed[0] != fixed[1] and fixed[2] == pt.NO_DATA_COLOR
    # Six on-time rates within five points: the lowest alone in red, as on the map.
    close = pt.rate_colors("ontime_rate", pd.Series([0.572, 0.537, 0.524, 0.574, 0.541, 0.56]))
    assert close[2] == pt.RDYLBU[0] and close.count(pt.RDYLBU[0]) == 1
    ordered = pt.rate_colors("open_per_100_households", pd.Series([0.0, 50.0, 10.0, NAN]))
    assert ordered[0] == pt.RDYLBU[-1] and ordered[1] == pt.RDYLBU[0]  # best blue, worst red
    assert ordered[3] == pt.NO_DATA_COLOR
