"""举一反三 on five hand-built villages: open first, then a recent close-out, then the one
village that looks like those that had the item (similarity computed by hand below)."""

import datetime as dt
import math

import pandas as pd
import pytest

from paicha_geo.domain import similar
from paicha_geo.domain.rules import GUARANTEE_KEYS

ASOF = dt.date(2020, 5, 31)
ITEM = "3.3.4"


def issue(village, item, status, since="2020-03-01"):
    return {"region_code": village, "item_code": item, "status_asof": status,
            "status_since": pd.Timestamp(since)}


ISSUES = pd.DataFrame([
    issue("V1", ITEM, "pending"), issue("V1", "3.3.1", "closed"),
    issue("V1", "3.3.2", "closed"),
    issue("V2", ITEM, "closed", "2020-05-20"), issue("V2", "3.3.1", "closed"),
    issue("V5", ITEM, "closed", "2020-01-10"), issue("V5", "3.3.1", "closed"),
    issue("V3", "3.3.1", "rectifying"), issue("V3", "3.3.2", "closed"),
    issue("V4", "1.1.1", "closed"),
])
# Two households a village: one fails housing (V4: water instead), one fails nothing.
VILLAGE_OF = pd.Series(["V1", "V1", "V2", "V2", "V3", "V3", "V4", "V4", "V5", "V5"])
FAILS = pd.DataFrame(False, index=VILLAGE_OF.index, columns=list(GUARANTEE_KEYS))
FAILS.loc[[0, 2, 4, 8], "housing"] = True
FAILS.loc[6, "water"] = True
FAILS["any_guarantee"] = FAILS.any(axis=1)
VILLAGES = pd.Index(["V1", "V2", "V3", "V4", "V5"])


def test_ranking_open_then_recent_then_likely():
    ranked, group = similar.rank(ISSUES, FAILS, VILLAGE_OF, VILLAGES, ITEM, ASOF,
                                 recent_days=60)
    assert list(ranked.index) == ["V1", "V2", "V3"]  # V5 closed in January; V4 unlike them
    assert list(ranked["category"]) == ["open", "recent", "likely"]
    assert ranked.loc["V1", "open_issues"] == 1
    assert ranked.loc["V2", "last_closed"] == dt.date(2020, 5, 20)
    # Group V1, V2, V5; items besides 3.3.4: (3.3.1, 3.3.2) mean (1, 1/3); V3 has (1, 1).
    items = (1 + 1 / 3) / (math.sqrt(2) * math.sqrt(1 + 1 / 9))
    assert ranked.loc["V3", "items_score"] == pytest.approx(items)
    assert ranked.loc["V3", "facts_score"] == pytest.approx(1.0)  # housing half, like theirs
    assert ranked.loc["V3", "score"] == pytest.approx((items + 1) / 2)
    assert ranked.loc["V3", "shared_items"] == ["3.3.1", "3.3.2"]
    assert group.size == 3 and group.failing_share == pytest.approx(0.5)


def test_a_short_relapse_window_drops_the_recent_close_out():
    ranked, _ = similar.rank(ISSUES, FAILS, VILLAGE_OF, VILLAGES, ITEM, ASOF, recent_days=5)
    assert list(ranked.index) == ["V1", "V3"]


def test_unlike_villages_are_not_proposed():
    ranked, _ = similar.rank(ISSUES, FAILS, VILLAGE_OF, VILLAGES, ITEM, ASOF,
                             min_score=0.99)
    assert "V3" not in ranked.index and "V4" not in ranked.index


def test_no_village_ever_had_it_gives_an_empty_list():
    ranked, group = similar.rank(ISSUES, FAILS, VILLAGE_OF, VILLAGES, "9.9.9", ASOF)
    assert ranked.empty and group.size == 0


def test_a_region_without_villages_gives_an_empty_list():
    ranked, _ = similar.rank(ISSUES.iloc[:0], FAILS.iloc[:0], VILLAGE_OF.iloc[:0],
                             pd.Index([]), ITEM, ASOF)
    assert ranked.empty
