"""The 整改台账 import tab signed in as the 武进区 official (AppTest, no browser): a row of
another district is a problem on the page, "only valid rows" writes the own row, and the
issue history names the account that imported it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.services.account_service import audit_log
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from tests.conftest import ROOT
from tests.ledger_helpers import xlsx_bytes
from tests.signin import signed_in

HEADER = ["问题编号", "区划代码", "排查项目", "问题描述", "发现日期"]


def _first_village(db, prefix: str) -> str:
    with Store(db, read_only=True) as s:
        regions = q.regions(s)
    villages = regions[(regions["level"] == "village") & regions["code"].str.startswith(prefix)]
    return villages["code"].min()


def test_the_official_imports_own_rows_under_its_own_name(db):
    mine, theirs = _first_village(db, "320412"), _first_village(db, "320411")
    data = xlsx_bytes([HEADER, ["P-IN", mine, "3.3.4", "本区问题", "2020-03-01"],
                       ["P-OUT", theirs, "3.3.4", "邻区问题", "2020-03-01"]])
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/ledger.py")
    at.run()
    at.file_uploader(key="upload-issues").set_value(("清单.xlsx", data, XLSX_MIME))
    at.run()
    at.button(key="preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    problems = [d for d in at.dataframe  # the problems table, above the row actions
                if not (d.key or "").startswith("grid-")][0].value
    assert list(problems["行号"]) == [3]
    assert theirs in problems["原因"].iloc[0] and "管辖范围" in problems["原因"].iloc[0]
    at.checkbox(key="only_valid").check().run()
    at.button(key="commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已导入：新增 1" in s.value for s in at.success)
    with Store(db) as s:  # the app's own store is open read-write in this process
        assert sl.get_issue(s, "P-OUT") is None
        assert set(sl.issue_history(s, "P-IN")["actor"]) == {"district"}
        log = audit_log(s, "district")  # the attempt and the import, for the administrator
    assert ("out_of_scope", "清单.xlsx", "import 1") in set(
        zip(log["action"], log["target"], log["reason"], strict=True))
    assert "import" in set(log["action"])


def test_a_village_file_of_another_district_is_previewed_with_a_warning(db):
    """Issue 14: a village file imported from the 武进区 page silently reclassified five
    villages of 天宁区. Now the preview names them before anything is written."""
    with Store(db) as s:
        regions = q.regions(s)
    tianning = regions[(regions["level"] == "village") & regions["code"].str.startswith(
        "320402")].sort_values("code").head(5)
    data = xlsx_bytes([["区划代码", "经济薄弱村类型"]] + [[c, "市定"] for c in tianning["code"]])
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "admin")
    at.switch_page("app_pages/ledger.py")
    at.query_params["region"] = "320412"
    at.run()
    at.radio(key="import_kind").set_value("villages").run()
    at.file_uploader(key="upload-villages").set_value(("村.xlsx", data, XLSX_MIME))
    at.run()
    at.button(key="preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "本页地区为武进区，文件中有 5 个地区不在其中" in warning
    assert all(name in warning for name in tianning["name"])
    rows = at.dataframe[-1].value  # the row actions, below the notices
    assert list(rows["地区"].str[:3]) == ["天宁区"] * 5


def test_suggested_items_are_shown_changed_and_confirmed_before_the_import(db):
    """Issue 16: a sheet that names only a part (问题类别 住房安全, 三保障（基本医疗）) has its
    items suggested from the description; the person can change one and must confirm."""
    mine = _first_village(db, "320412")
    header = ["区划代码", "问题类别", "问题描述", "发现日期"]
    texts = ["危改补助资金未按时拨付到户", "住院自付比例超过10%"]
    data = xlsx_bytes([header, [mine, "三保障-住房安全", texts[0], "2020-03-01"],
                       [mine, "三保障（基本医疗）", texts[1], "2020-03-01"]])
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/ledger.py")
    at.run()
    at.file_uploader(key="upload-issues").set_value(("类别.xlsx", data, XLSX_MIME))
    at.run()
    at.button(key="preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.session_state["import_preview"][2].suggestions_frame()
    assert list(table["item"]) == ["3.3.3", "3.2.2"]
    assert at.button(key="commit").disabled  # not before the suggestions are checked
    # the person picks another item for the second row in the table (the editor's state)
    at.session_state["suggested-items"] = {
        "edited_rows": {1: {"推荐的排查条目": "3.2.1 医保参保资助待遇"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert list(at.session_state["import_preview"][2].suggestions_frame()["item"]) == ["3.3.3"]
    at.checkbox(key="items_confirmed").check().run()
    assert not at.button(key="commit").disabled
    at.button(key="commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已导入：新增 2" in s.value for s in at.success)
    with Store(db) as s:
        stored = q.issues(s, 1)
    mine_now = stored[stored["description"].isin(texts)]
    assert dict(zip(mine_now["description"], mine_now["item_code"], strict=True)) == {
        texts[0]: "3.3.3", texts[1]: "3.2.1"}
