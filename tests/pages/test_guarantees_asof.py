"""Issue 17.6 on the 两不愁三保障 page (AppTest): the figures are as of the page's 数据截至
day. Before the demo's screening (2020-01-05) no household is judged: every card counts 0
未达标 and 0 核查, everything 未填报, and the household list names no failing check. At the
demo's today the cards show what they showed before facts had dates (the current facts)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from paicha_geo.domain import guarantees
from paicha_geo.services import data
from paicha_geo.store import Store
from tests.conftest import ROOT
from tests.signin import signed_in

TOWN = "320412100000"  # 湖塘镇
CHECKS = ("education", "medical", "housing", "water", "social_floor", "income",
          "village_income")


def _open(db, query: dict) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180), "leader", db)
    at.switch_page("app_pages/guarantees.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _card(at, key: str) -> dict:
    card = next(m.value for m in at.markdown if f"st-key-card-{key}" in m.value)
    number = r"([\d,]+)"
    got = {"failing": re.search(rf'class="big">{number}<', card),
           "checked": re.search(rf"核查 {number}", card),
           "unknown": re.search(rf"未填报 {number}", card)}
    return {k: int(m.group(1).replace(",", "")) for k, m in got.items()}


@pytest.fixture
def snap(db):
    with Store(db) as store:
        return data.load_snapshot(store)


@pytest.fixture
def current(snap):
    """The city's figures on the current facts: what the page showed before facts had
    dates."""
    return guarantees.summary(snap.households, snap.villages, snap.campaign)


def test_before_the_screening_no_household_passes_or_fails(db, snap, current):
    """Every household is 未填报 for every check it may fall under: all of them (a blank
    number of children or eligibility keeps a household in 义务教育 and 兜底), the 已脱贫 for
    the exit criteria, every weak village for its income."""
    homes = len(snap.households)
    exited = int((snap.households["exit_status"] == "exited").sum())
    weak = int(snap.villages["weak_type"].notna().sum())
    at = _open(db, {"asof": "2020-01-05"})
    expected = {"education": homes, "medical": homes, "housing": exited, "water": homes,
                "social_floor": homes, "income": exited, "village_income": weak}
    for key in CHECKS:
        assert _card(at, key) == {"failing": 0, "checked": 0, "unknown": expected[key]}, key
    assert current.loc["housing", "failing"] > 0  # the demo does have failures later


def test_before_the_screening_the_household_list_names_no_failing_check(db):
    at = _open(db, {"asof": "2020-01-05", "region": TOWN})
    listed = next(d.value for d in at.dataframe if "未填报项" in d.value.columns)
    assert len(listed) > 0
    assert (listed["未达标项"] == "—").all()
    assert (listed["未填报项"] != "—").all()


def test_at_the_demo_today_the_cards_are_what_they_were(db, current):
    at = _open(db, {"asof": "2020-07-15"})
    for key in CHECKS:
        assert _card(at, key) == {k: int(current.loc[key, k])
                                  for k in ("failing", "checked", "unknown")}, key
    assert _card(at, "housing")["failing"] > 0
