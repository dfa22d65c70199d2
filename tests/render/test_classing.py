"""Colours that rank: natural-break classes cut where the values have gaps, so regions of one
level never all share a colour when their values differ, and the worst is in the worst class."""

import math

import pandas as pd
import pytest

from paicha_geo import labels
from paicha_geo.render.classing import natural_breaks, spread_colors
from paicha_geo.render.maps import legend_html
from paicha_geo.render.scales import (
    NO_DATA_COLOR,
    RDYLBU,
    YLORRD,
    rate_scale,
    scale_for,
    worst_color,
)

NAN = float("nan")


def test_breaks_fall_in_the_gaps_of_the_values():
    # Three clusters by eye: 1-3, 10-12, 30.
    lows, highs = natural_breaks([12, 1, 30, 2, 11, 3, 10], 3)
    assert lows == (1, 10, 30)
    assert highs == (3, 12, 30)


def test_fewer_distinct_values_than_classes_gives_one_class_each():
    assert natural_breaks([2, 1, 2, 2, NAN, None], 5) == ((1, 2), (1, 2))
    assert natural_breaks([NAN], 5) == ((), ())


def test_least_squared_deviation_split_by_hand():
    # {1} | {5,5,5,6,9}: 0 + (1+1+1+0+9) = 12; {1,5,5,5} | {6,9}: 12 + 4.5; {1,5,5,5,6} | {9}:
    # 15.2 + 0. The first is least.
    assert natural_breaks([5, 1, 5, 9, 5, 6], 2) == ((1, 5), (1, 9))


def test_colours_keep_the_palettes_ends():
    assert spread_colors(RDYLBU, 5) == RDYLBU
    assert spread_colors(RDYLBU, 2) == (RDYLBU[0], RDYLBU[-1])
    assert spread_colors(RDYLBU, 3) == (RDYLBU[0], RDYLBU[2], RDYLBU[4])
    assert spread_colors(RDYLBU, 1) == (RDYLBU[2],)


# On-time rates of the demo's six districts at 2020-05-31 (rounded), and awkward spreads.
SPREADS = [
    [0.572, 0.537, 0.524, 0.574, 0.541, 0.560],
    [0.743, 0.7431, 0.7432, 0.7433, 0.7434, 0.79],
    [0.5, 0.9, 0.9, 0.9, 0.9, 0.9],
    [0.5, 0.5, 0.5, 0.5, 0.5, 0.51],
    [0.2, 0.9, NAN, 0.9, 0.9, 0.9],
]


@pytest.mark.parametrize("values", SPREADS)
@pytest.mark.parametrize("metric", ["closeout_rate", "ontime_rate", "open_per_100_households",
                                    "open_per_weak_village"])
def test_six_different_values_never_share_one_colour_and_the_worst_is_worst(metric, values):
    scale = scale_for(metric, values)
    colors = [scale.color(v) for v in values if not math.isnan(v)]
    assert len(set(colors)) >= 2
    finite = [v for v in values if not math.isnan(v)]
    worst = min(finite) if metric.endswith("_rate") else max(finite)
    assert scale.color(worst) == worst_color(metric)
    assert scale.color(NAN) == NO_DATA_COLOR


def test_worst_colour_is_red_for_rates_and_darkest_for_densities():
    assert worst_color("ontime_rate") == RDYLBU[0]
    assert worst_color("open_per_100_households") == YLORRD[-1]


def test_legend_names_the_method_and_the_classes_in_one_percent_format():
    html = legend_html("按期销号率", scale_for("ontime_rate", [0.524, 0.537, 0.541, 0.574]))
    assert labels.CLASSING_METHODS["data"].format(n=4) in html
    assert "52.4%" in html and "57.4%" in html
    policy = legend_html("按期销号率", scale_for("ontime_rate", [0.524, 0.574], "policy"))
    assert labels.CLASSING_METHODS["policy"] in policy
    assert "≤ 50.0%" in policy and "85.0% – 95.0%" in policy


def test_policy_bands_stay_fixed_whatever_the_data():
    values = pd.Series([0.743, 0.755, 0.789])
    scale = scale_for("closeout_rate", values, "policy")
    assert scale.breaks == rate_scale().breaks
    assert {scale.color(v) for v in values} == {RDYLBU[2]}  # all 70-85 %: one colour


def test_an_unknown_classing_is_refused():
    with pytest.raises(ValueError, match="classing"):
        scale_for("closeout_rate", [0.5], "quantile")
