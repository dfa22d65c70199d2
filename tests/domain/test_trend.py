"""The wall's ↑/↓ beside each KPI: the move against 7 days earlier, good or bad by figure."""

import math

import pytest

from paicha_geo.domain.trend import change


@pytest.mark.parametrize(("kpi", "now", "before", "delta", "direction", "tone"), [
    ("issues_closed", 12, 10, 2, 1, "good"),  # more closed: good
    ("issues_closed", 10, 10, 0, 0, "neutral"),
    ("issues_overdue", 8, 5, 3, 1, "bad"),  # more overdue: bad
    ("issues_overdue", 3, 5, -2, -1, "good"),
    ("closeout_rate", 0.62, 0.5, 12.0, 1, "good"),  # a rate moves in percentage points
    ("closeout_rate", 0.5, 0.625, -12.5, -1, "bad"),
    ("issues_found", 30, 20, 10, 1, "neutral"),  # finding problems is neither
])
def test_change_against_a_week_earlier(kpi, now, before, delta, direction, tone):
    got = change(kpi, now, before)
    assert (got.delta, got.direction, got.tone) == (delta, direction, tone)


@pytest.mark.parametrize(("now", "before"), [(math.nan, 0.5), (0.5, math.nan), (None, 0.5)])
def test_an_undefined_rate_has_no_change(now, before):
    assert change("closeout_rate", now, before) is None
