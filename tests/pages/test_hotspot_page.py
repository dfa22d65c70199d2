"""The 两不愁三保障 page's hot-spot section (AppTest): the leader sees the city's clusters for
the guarantee on screen; the 武进区 official sees only 武进区's villages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.signin import signed_in


def _open(db, account: str, query: dict) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180), account, db)
    at.switch_page("app_pages/guarantees.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _hotspot_table(at):
    return next(d.value for d in at.dataframe if "Gi* z 值" in d.value.columns)


def test_the_leader_sees_housing_hot_spots_explained_and_listed(db):
    at = _open(db, "leader", {"g": "住房安全", "asof": "2020-05-31"})
    assert any("热点分析" in h.value for h in at.subheader)
    assert any("Getis-Ord Gi*" in c.value for c in at.caption)
    counts = next(m.value for m in at.markdown if "99% 热点" in m.value)
    assert counts.startswith("常州市共 1000 个村")
    table = _hotspot_table(at)
    assert len(table) > 0 and set(table["类别"]) <= {"热点（99% 置信）", "热点（95% 置信）",
                                                     "冷点（95% 置信）", "冷点（99% 置信）"}
    assert (table["p 值"] <= 0.05).all()
    hot = table[table["类别"].str.startswith("热点")]
    assert (hot["Gi* z 值"] > 0).all()


def test_an_item_can_be_chosen_and_the_official_sees_only_own_villages(db):
    at = _open(db, "district", {"asof": "2020-05-31", "hs": "i:3.3.4"})
    counts = next(m.value for m in at.markdown if "99% 热点" in m.value)
    assert counts.startswith("武进区共 231 个村")
    table = _hotspot_table(at)
    assert table["所在地区"].str.startswith("常州市 · 武进区").all()
