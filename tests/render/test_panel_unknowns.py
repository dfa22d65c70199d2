"""The village panel names blank facts (未填报) beside failures, never as passing."""

from types import SimpleNamespace

import pandas as pd

from paicha_geo.render import panel

KEYS = ["education", "medical", "housing", "water", "social_floor"]


def counts(**given):
    return pd.Series({k: given.get(k, 0) for k in KEYS})


def test_failures_then_unknowns():
    p = SimpleNamespace(failing=counts(water=1), unknown=counts(housing=28))
    assert panel.failing_caption(p) == "未达标：饮水安全 1；未填报：住房安全 28"


def test_only_unknowns_are_still_named():
    p = SimpleNamespace(failing=counts(), unknown=counts(medical=2))
    assert panel.failing_caption(p) == "未填报：基本医疗 2"


def test_nothing_to_say():
    assert panel.failing_caption(SimpleNamespace(failing=counts(), unknown=counts())) is None
