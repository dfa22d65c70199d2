"""The inspection page's visit form (AppTest, no browser): a finding per village tab, a bad
household number named and nothing saved (the text kept), then the corrected visit saved with
its issue on the right village, and the form empty again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from tests.conftest import ROOT
from tests.signin import signed_in


def _villages(db) -> list[tuple[str, list[str]]]:
    with Store(db) as s:  # read-write: the app's own store is open read-write in this process
        return s.cursor().execute(
            "SELECT village_code, list(household_id ORDER BY household_id) FROM household "
            "WHERE village_code LIKE '320412%' GROUP BY village_code HAVING count(*) >= 2 "
            "ORDER BY village_code LIMIT 2").fetchall()


def _count(db, sql: str) -> int:
    with Store(db) as s:
        return s.cursor().execute(sql).fetchone()[0]


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_a_visit_to_two_villages_files_the_finding_on_its_own_village(db):
    (a, a_homes), (b, b_homes) = _villages(db)
    visits = _count(db, "SELECT count(*) FROM visit")
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180))
    at.switch_page("app_pages/inspect.py")
    at.query_params["region"] = "320412"
    at.run()
    _ok(at)
    at.multiselect(key="visit-villages-0").set_value([a, b]).run()
    assert len(at.tabs) >= 2
    at.text_area(key=f"visit-0-{b}-text").input("饮水管网老化，两户停水")
    at.text_area(key=f"visit-0-{b}-homes").input(f"{b_homes[0]} 停水三天\n{a_homes[0]}")
    at.checkbox(key=f"visit-0-{b}-issue").check()
    unit = at.selectbox(key=f"visit-0-{b}-unit")
    unit.set_value(unit.options[0])
    at.button(key="visit-save-0").click().run()
    _ok(at)
    errors = [e.value for e in at.error]
    assert any(f"户编号 {a_homes[0]} 不是本村的农户" in e for e in errors), errors
    assert _count(db, "SELECT count(*) FROM visit") == visits  # nothing written
    assert at.text_area(key=f"visit-0-{b}-text").value == "饮水管网老化，两户停水"

    at.text_area(key=f"visit-0-{b}-homes").input(f"{b_homes[0]} 停水三天\n{b_homes[1]}")
    at.button(key="visit-save-0").click().run()
    _ok(at)
    assert not at.error, [e.value for e in at.error]
    saved = [s.value.replace("\\", "") for s in at.success]  # markdown-escaped
    assert any("已保存走访记录（2 个村，2 户）" in s and "DC20200715-" in s for s in saved), saved
    with Store(db) as s:
        code = s.cursor().execute("SELECT issue_code FROM issue WHERE source = 'supervision' "
                                  "AND found_date = DATE '2020-07-15'").fetchall()
        assert len(code) == 1
        issue = sl.get_issue(s, code[0][0])
    assert issue["region_code"] == b and issue["description"] == "饮水管网老化，两户停水"
    assert issue["responsible_unit"] == unit.options[0]
    assert _count(db, "SELECT count(*) FROM visit") == visits + 4  # 2 villages + 2 households
    # The form is empty again: the trip's villages, each tab with nothing typed.
    fresh = [t for t in at.text_area if (t.key or "").startswith("visit-")]
    assert fresh and all(t.key.startswith("visit-1-") and t.value == "" for t in fresh)
