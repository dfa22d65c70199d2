"""The map page's village sections in AppTest: the N worst places and the list
经济薄弱村问题清零情况, for the city leader and within a district account's scope."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from tests.conftest import ROOT
from tests.signin import signed_in

WUJIN = "320412"


def open_map(account: str, **query) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180), account)
    at.switch_page("app_pages/map.py")
    at.query_params["asof"] = "2020-05-31"
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_with(at: AppTest, headers) -> object:
    found = [d.value for d in at.dataframe if list(d.value.columns) == list(headers)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def top_headers(metric: str):
    return [*list(labels.TOP_COLUMNS.values())[:3], labels.MAP_METRICS[metric][0]]


@pytest.fixture
def weak_counts(db):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute(
        "SELECT substr(code, 1, 6) = ? AS inside, count(*) FROM village "
        "WHERE weak_type IS NOT NULL GROUP BY 1", [WUJIN]).fetchall())
    con.close()
    return {"city": rows[True] + rows[False], "wujin": rows[True]}


def test_leader_sees_the_worst_ten_villages_and_every_weak_village_of_the_city(db, weak_counts):
    at = open_map("leader")
    subheaders = [s.value for s in at.subheader]
    assert labels.TOP_TITLE in subheaders and labels.WEAK_LIST_TITLE in subheaders
    top = frame_with(at, top_headers("ontime_rate"))
    assert len(top) == 10  # the default: 10 villages
    assert list(top[labels.TOP_COLUMNS["rank"]]) == sorted(top[labels.TOP_COLUMNS["rank"]])
    assert top[labels.TOP_COLUMNS["rank"]].iloc[0] == 1
    weak = frame_with(at, labels.WEAK_LIST_COLUMNS.values())
    assert len(weak) == weak_counts["city"]
    status = weak[labels.WEAK_LIST_COLUMNS["status"]]
    assert set(status) <= set(labels.VILLAGE_STATUS.values())
    # Worst first: no 逾期 village after the first one that is not.
    overdue = list(status == labels.VILLAGE_STATUS["overdue"])
    assert overdue == sorted(overdue, reverse=True) and overdue[0]
    # More than one district among the paths: the list is city-wide.
    assert weak[labels.WEAK_LIST_COLUMNS["path"]].str.split(" · ").str[0].nunique() > 1


def test_the_worst_townships_by_failing_households_when_asked(db):
    at = open_map("leader", top_level=labels.LEVELS["town"], top_n="5",
                  top_by=labels.MAP_METRICS["households_failing_any"][0])
    top = frame_with(at, top_headers("households_failing_any"))
    assert 1 <= len(top) <= 5
    values = list(top[labels.MAP_METRICS["households_failing_any"][0]])
    assert values == sorted(values, reverse=True)


def test_a_district_account_sees_only_its_district(db, weak_counts):
    at = open_map("district")
    weak = frame_with(at, labels.WEAK_LIST_COLUMNS.values())
    assert len(weak) == weak_counts["wujin"]
    assert weak[labels.WEAK_LIST_COLUMNS["path"]].str.startswith("武进区").all()
    assert weak[labels.WEAK_LIST_COLUMNS["code"]].str.startswith(WUJIN).all()
    top = frame_with(at, top_headers("ontime_rate"))
    assert top[labels.TOP_COLUMNS["path"]].str.startswith("武进区").all()
