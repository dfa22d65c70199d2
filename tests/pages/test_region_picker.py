"""No dead ends at city level (AppTest): the 三保障 household list offers the districts, then the
townships, as buttons; the inspection page ranks the villages of the whole city."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from paicha_geo.store import Store
from paicha_geo.store import queries as q
from tests.conftest import ROOT
from tests.signin import signed_in


def _open(page: str, account: str = "admin") -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), account)
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _picks(at) -> dict[str, str]:
    return {b.key.removeprefix("pick-"): b.label for b in at.button
            if (b.key or "").startswith("pick-")}


def test_the_household_list_at_city_level_offers_districts_then_townships(db):
    at = _open("guarantees")
    assert labels.HOUSEHOLD_PICK_TOWN in [c.value for c in at.caption]
    districts = _picks(at)
    assert districts["320412000000"] == "武进区" and len(districts) == 6
    at.button(key="pick-320412000000").click().run()
    assert at.query_params["region"] == "320412000000"
    towns = _picks(at)
    assert towns and all(code.startswith("320412") and not code.endswith("000000")
                         for code in towns)
    assert "选择乡镇(街道)：" in [c.value for c in at.caption]


def test_the_inspection_page_at_city_level_ranks_villages_city_wide(db):
    at = _open("inspect")
    assert labels.INSPECT_PICK_REGION not in [i.value for i in at.info]
    ranked = at.data_editor[0].value if at.data_editor else at.dataframe[0].value
    with Store(db) as s:  # the app's own store is open read-write in this process
        towns = q.regions(s, level="town")
    district_of = dict(zip(towns["name"], towns["code"].str[:6], strict=False))
    districts = {district_of[name] for name in ranked[labels.INSPECT_COLUMNS["town"]]}
    assert len(districts) > 1  # the villages of several districts, in one ranking
