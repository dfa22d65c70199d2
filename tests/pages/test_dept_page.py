"""The 整改台账 page's 部门数据比对 tab (AppTest): the 武进区 official previews a 住建 list
(its two rows of another district are not matched), imports it, and raises one lead as an
issue; the administrator sees every row matched; nothing shows an ID number in full."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.store import Store
from tests.conftest import ROOT
from tests.dept_fixture import housing_list
from tests.signin import signed_in


def _previewed(db, account: str, data: bytes) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), account)
    at.switch_page("app_pages/ledger.py")
    at.run()
    at.file_uploader(key="dept-upload-dept_housing").set_value(("住建.xlsx", data, XLSX_MIME))
    at.run()
    at.button(key="dept-preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _frame(at, column: str):
    """The table holding `column` (AppTest keeps no key for a table without selection)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _page_text(at) -> str:
    parts = [e.value for kind in (at.success, at.info, at.markdown, at.error) for e in kind]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_the_district_official_imports_a_list_and_raises_a_lead(db):
    housing = housing_list(db)
    at = _previewed(db, "district", housing.data)
    summary = " ".join(s.value for s in at.success)
    assert "线索10条" in summary and "未比对上3行" in summary and "超出本账号范围2行" in summary
    assert list(_frame(at, "不一致")["行号"]) == sorted(housing.planted)
    loose = _frame(at, "比对结果").set_index("行号")
    assert loose.loc[list(housing.elsewhere), "姓名"].tolist() == ["—", "—"]
    assert not [n for n in housing.id_numbers if n in _page_text(at)]
    at.button(key="dept-commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(_frame(at, "状态")) == 10
    at.selectbox(key="dept-pick").select_index(0).run()
    at.button(key="dept-accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(s.value for s in at.success)
    assert "已转为问题 SJ" in said
    with Store(db) as s:
        rows = s.cursor().execute("SELECT source, item_code FROM issue WHERE issue_code LIKE "
                                  "'SJ%'").fetchall()
    assert rows == [("data_check", "3.3.4")]


def test_the_administrator_matches_every_district(db):
    housing = housing_list(db)
    at = _previewed(db, "admin", housing.data)
    summary = " ".join(s.value for s in at.success)
    assert "比对上33户（身份证号32户，姓名+村1户）" in summary
    assert "超出本账号范围0行" in summary


def test_a_leader_reads_leads_but_cannot_import(db):
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "leader")
    at.switch_page("app_pages/ledger.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [u for u in at.get("file_uploader") if (u.key or "").startswith("dept-")]
    assert any("只能查看线索" in i.value for i in at.info)


def test_a_lead_rejected_without_a_reason_is_kept_open(db):
    housing = housing_list(db)
    at = _previewed(db, "district", housing.data)
    at.button(key="dept-commit").click().run()
    at.button(key="dept-reject").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("驳回线索须写明理由" in e.value for e in at.error)
    assert set(_frame(at, "状态")["状态"]) == {"待核实"}
    at.text_input(key="dept-reason").input("已现场核实，名单有误")
    at.button(key="dept-reject").click().run()
    assert any("已驳回该线索" in s.value for s in at.success)
    assert (_frame(at, "状态")["驳回理由"] == "已现场核实，名单有误").sum() == 1
