"""The map page follows the selection (AppTest): with a village picked, the title and the KPI
tiles are that village's, while the map and the region table stay its township's."""

from __future__ import annotations

import duckdb
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from tests.conftest import ROOT
from tests.signin import signed_in

ASOF = "2020-05-31"


def _open(**query) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    at.switch_page("app_pages/map.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _busiest_village(db) -> tuple[str, str, str, int, int]:
    """(village code, its name, its township's name, issues found by ASOF there, in the
    township), for the village with the most issues of a township with several villages."""
    con = duckdb.connect(str(db), read_only=True)
    code, name, town, found, town_found = con.execute(
        """
        WITH found AS (SELECT region_code, count(*) AS n FROM issue
                       WHERE found_date <= CAST(? AS DATE) GROUP BY region_code)
        SELECT v.code, v.name, t.name, f.n,
               (SELECT sum(n) FROM found WHERE region_code LIKE left(v.code, 9) || '%')
        FROM region v JOIN region t ON t.code = v.parent_code JOIN found f
          ON f.region_code = v.code
        WHERE v.level = 'village' ORDER BY f.n DESC, v.code LIMIT 1""", [ASOF]).fetchone()
    con.close()
    return code, name, town, int(found), int(town_found)


def _tile(at: AppTest, key: str) -> str:
    wanted = labels.METRICS[key][0]
    return next(m.value for m in at.metric if m.label == wanted)


def test_a_selected_villages_title_and_tiles_are_its_own(db):
    code, name, town, found, town_found = _busiest_village(db)
    assert found < town_found  # otherwise the township's tiles would pass for the village's
    at = _open(region=code, asof=ASOF)
    assert at.title[0].value.replace("\\", "").startswith(name)
    assert _tile(at, "issues_found") == f"{found:,}"
    # The table below the map still lists the township's villages.
    assert any(town in s.value and labels.LEVELS["village"] in s.value for s in at.subheader)


def test_the_map_opens_on_the_ranking_rate_classed_by_the_data(db):
    at = _open(asof=ASOF)
    assert at.selectbox(key="metric").value == "ontime_rate"
    assert at.radio(key="cls").value == "data"
