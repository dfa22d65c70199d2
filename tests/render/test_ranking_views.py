"""One definition of "worst" on the wall, and the map page's region table in one format."""

import re

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import compare
from paicha_geo.render import screen, tables

NAN = float("nan")


def _metrics(closeout, ontime, per100=(1.0, 2.0, 3.0)):
    return pd.DataFrame({"closeout_rate": closeout, "ontime_rate": ontime,
                         "open_per_100_households": per100})


def test_the_wall_ranks_by_the_comparison_pages_rate():
    # 甲 closes most but least on time; by compare.DEFAULT_RANK_BY (on time) it is last.
    assert compare.DEFAULT_RANK_BY == "ontime_rate"
    names = pd.Series(["甲区", "乙区", "丙区"])
    html = screen.ranking(names, _metrics([0.95, 0.70, 0.80], [0.40, 0.90, 0.60]), "区")
    assert re.findall(r"<td>(.区)</td>", html) == ["乙区", "丙区", "甲区"]


def test_the_wall_puts_an_undefined_rate_last():
    names = pd.Series(["甲区", "乙区", "丙区"])
    html = screen.ranking(names, _metrics([0.5, 0.7, 0.8], [NAN, 0.3, 0.6]), "区")
    assert re.findall(r"<td>(.区)</td>", html) == ["丙区", "乙区", "甲区"]


def _region_table():
    regions = pd.DataFrame({"name": ["甲村", "乙村", "丙村"], "code": ["1", "2", "3"]})
    metrics = pd.DataFrame({col: [1, 2, 3] for col in labels.REGION_COLUMNS
                            if col not in ("name", "code")})
    metrics["traffic"] = ["red", NAN, "green"]
    metrics["closeout_rate"] = [0.75, 0.5619, NAN]
    metrics["ontime_rate"] = [0.7097, NAN, 1.0]
    metrics["open_per_weak_village"] = [NAN, 2.0, 1.5]
    metrics["open_per_100_households"] = [3.14159, NAN, 0.0]
    return tables.region_table(regions, metrics)


def test_region_table_shows_one_percent_format_and_a_dash_never_none():
    html = tables.styled(_region_table()).to_html()
    for shown in ("75.0%", "56.2%", "71.0%", "100.0%", "3.14", "2.00", "0.00"):
        assert f">{shown}<" in html, shown
    assert "None" not in html and "nan" not in html.lower() and "70.97" not in html
    assert html.count(f">{labels.NO_DATA}<") == 5  # traffic, two rates, two densities


def test_region_table_values_stay_numbers_so_columns_sort():
    styled = tables.styled(_region_table())
    assert styled.data[labels.REGION_COLUMNS["closeout_rate"]].dtype.kind == "f"
