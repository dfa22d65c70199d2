"""The 审计日志 and 账号管理 pages in AppTest (issue 13, parts 5 and 6): who may open them,
adding an account through the form, the filters on hand-written audit rows, the export."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from paicha_geo.config import settings
from paicha_geo.services import account_admin, account_service
from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import sessions as ss
from tests.conftest import ROOT
from tests.signin import signed_in

HOSTILE = '=HYPERLINK("http://evil.example","点我")'
ROWS = [  # (when, account, role, action, target, reason)
    (dt.datetime(2020, 6, 1, 9, 0), "admin", "admin", "sign_in", None, None),
    (dt.datetime(2020, 6, 1, 10, 0), None, None, "sign_in_failed", "mallory", "1"),
    (dt.datetime(2020, 6, 2, 11, 0), "admin", "admin", "account_add", "zhang.san", "official"),
    (dt.datetime(2020, 6, 2, 15, 0), "auditor", "auditor", "export", HOSTILE, "**粗** <b>x</b>"),
    (dt.datetime(2020, 6, 3, 8, 0), "leader", "leader", "sign_in", None, None),
]
MISSING = ("None", "NaN", "NaT", "nan")
TOWN = "320412001000"  # 南夏墅街道, 武进区


@pytest.fixture
def db(db):
    """The pages' private copy of the demo (conftest), holding the five rows above."""
    with Store(db) as store, store.transaction() as cur:
        for at, account, role, action, target, reason in ROWS:
            sa.append_audit(cur, at=at, account_id=account, role=role, action=action,
                            target=target, reason=reason)
    return db


def open_page(page: str, account: str, directly: bool = False) -> AppTest:
    """The page as `account` sees it, through app.py's navigation (or the page file alone)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    script = ROOT / ("app_pages" if directly else "") / (f"{page}.py" if directly else "app.py")
    at = signed_in(AppTest.from_file(str(script), default_timeout=120), account)
    if not directly:
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(elements) -> list[str]:
    """The texts as read on screen (markdown escapes removed)."""
    return [e.value.replace("\\", "") for e in elements]


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def table(at: AppTest, columns: dict):
    """The page's dataframe with these (Chinese) columns, or None."""
    for frame in at.dataframe:
        if list(frame.value.columns) == list(columns.values()):
            return frame.value
    return None


def screen_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("title", "caption", "markdown", "success", "error",
                                       "warning", "info", "code") for e in getattr(at, kind)]
    parts += [f.value.to_string() for f in at.dataframe]
    return "\n".join(parts)


def set_days(at: AppTest, start: dt.date, end: dt.date) -> None:
    at.date_input(key="audit-days").set_value((start, end)).run()


@pytest.mark.parametrize("page", ["audit", "accounts"])
def test_a_leader_is_refused_both_pages(db, page):
    at = open_page(page, "leader", directly=True)
    what = {"audit": "查看审计日志", "accounts": "管理账号"}[page]
    assert shown(at.error) == [f"您的角色（市领导）无权{what}。"]
    assert not at.dataframe and not at.title
    at = open_page(page, "leader")  # not in his navigation: the map, no audit or account table
    assert labels.NAV_AUDIT not in titles(at) and labels.NAV_ACCOUNTS not in titles(at)
    assert table(at, labels.AUDIT_COLUMNS) is None
    assert table(at, labels.ACCOUNT_TABLE_COLUMNS) is None


def test_the_auditor_reads_the_audit_log_but_not_the_accounts(db):
    at = open_page("audit", "auditor")
    assert titles(at) == [labels.NAV_AUDIT] and not at.error
    rows = table(at, labels.AUDIT_COLUMNS)
    assert len(rows) == len(ROWS) + 1  # and his own sign-in of this test
    assert rows.iloc[0]["账号"] == "市审计组（auditor）" and rows.iloc[0]["操作"] == "登录"
    assert rows.iloc[-2]["账号"] == "" and rows.iloc[-2]["对象"] == "mallory"  # no account
    assert not any(m in screen_text(at) for m in MISSING)
    at = open_page("accounts", "auditor", directly=True)
    assert shown(at.error) == ["您的角色（审计/只读）无权管理账号。"]
    assert table(at, labels.ACCOUNT_TABLE_COLUMNS) is None
    at = open_page("accounts", "auditor")
    assert labels.NAV_ACCOUNTS not in titles(at)


def test_filters_narrow_the_rows(db):
    at = open_page("audit", "auditor")
    set_days(at, dt.date(2020, 6, 1), dt.date(2020, 6, 3))
    assert len(table(at, labels.AUDIT_COLUMNS)) == 5
    assert "共 5 条记录：登录 2、导出 1、新建账号 1、登录失败 1" in screen_text(at)
    at.selectbox(key="audit-account").set_value("admin").run()
    rows = table(at, labels.AUDIT_COLUMNS)
    assert list(rows["对象"]) == ["zhang.san", ""]
    at.multiselect(key="audit-actions").set_value(["sign_in"]).run()
    assert list(table(at, labels.AUDIT_COLUMNS)["时间"]) == [dt.datetime(2020, 6, 1, 9, 0)]
    at.selectbox(key="audit-account").set_value(None).run()
    assert len(table(at, labels.AUDIT_COLUMNS)) == 2  # admin's and leader's sign-ins
    at.multiselect(key="audit-actions").set_value([]).run()
    at.text_input(key="audit-text").input("ZHANG").run()
    assert list(table(at, labels.AUDIT_COLUMNS)["对象"]) == ["zhang.san"]
    at.text_input(key="audit-text").input("").run()
    set_days(at, dt.date(2020, 6, 2), dt.date(2020, 6, 2))
    rows = table(at, labels.AUDIT_COLUMNS)
    assert list(rows["对象"]) == [HOSTILE, "zhang.san"]  # typed text stays text, as typed
    assert rows.iloc[0]["说明"] == "**粗** <b>x</b>"
    set_days(at, dt.date(2019, 1, 1), dt.date(2019, 1, 2))
    assert table(at, labels.AUDIT_COLUMNS) is None and "没有符合条件的记录" in screen_text(at)
    assert not at.get("download_button")


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """file name -> the callable a deferred download button would run when clicked."""
    found = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def test_the_export_is_an_inert_workbook_and_is_logged(db, deferred):
    at = open_page("audit", "auditor")
    set_days(at, dt.date(2020, 6, 2), dt.date(2020, 6, 2))
    name = labels.AUDIT_FILE.format(day=dt.date.today().isoformat())
    with Store(db) as store:
        before = len(sa.audit_rows(store))
    data = deferred[name]()  # what a click on 下载 Excel returns
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [(c.data_type, c.value) for ws in book.worksheets for row in ws.iter_rows()
             for c in row if c.value is not None]
    assert not [v for kind, v in cells if kind == "f"]
    assert ("s", "'" + HOSTILE) in cells and ("s", "zhang.san") in cells
    assert not any(v == "mallory" for _k, v in cells)  # another day: not in the file
    with Store(db) as store:
        log = sa.audit_rows(store)
    assert len(log) == before + 1
    assert tuple(log.iloc[-1][["account_id", "role", "action", "target"]]) == (
        "auditor", "auditor", "export", "audit_log")
    assert log.iloc[-1]["reason"].startswith("2 条；自 2020-06-02；至 2020-06-02")


def test_the_admin_adds_an_account_and_sees_it_in_the_table_and_the_log(db):
    at = open_page("accounts", "admin")
    assert titles(at) == [labels.NAV_ACCOUNTS]
    assert not at.get("selectbox") or "add-region" not in [s.key for s in at.selectbox]
    at.selectbox(key="add-role").set_value("official").run()  # a role that needs a region
    region = at.selectbox(key="add-region")
    assert "武进区·南夏墅街道" in region.options and "武进区" in region.options
    region.set_value(TOWN)
    at.text_input(key="add-name").input("zhang.san")
    at.text_input(key="add-display").input("张三")
    at.button(key="add-submit").click().run()
    assert not at.error, [e.value for e in at.error]
    assert shown(at.success) == ["已创建账号 zhang.san。"]
    password = at.code[0].value
    assert labels.ONE_TIME_PASSWORD_NOTE in [w.value for w in at.warning]
    rows = table(at, labels.ACCOUNT_TABLE_COLUMNS).set_index("账号")
    assert tuple(rows.loc["zhang.san", ["姓名", "角色", "所辖区划", "须改密码"]]) == (
        "张三", "市(区)/乡镇干部", "武进区·南夏墅街道", "是")
    assert not any(m in rows.to_string() for m in MISSING)
    with Store(db) as store:  # the password shown is the account's
        account_service.sign_in(store, settings().accounts, "zhang.san", password)
    at.run()  # any later run: the password is gone
    assert not at.code and password not in screen_text(at)
    at = open_page("audit", "admin")
    rows = table(at, labels.AUDIT_COLUMNS)
    added = rows[rows["操作"] == "新建账号"].iloc[0]
    assert (added["账号"], added["对象"]) == ("市扶贫办管理员（admin）", "zhang.san")


def test_a_refused_name_is_said_in_chinese_and_nothing_is_added(db):
    at = open_page("accounts", "admin")
    at.text_input(key="add-name").input("李四")
    at.button(key="add-submit").click().run()
    assert shown(at.error) == [
        "账号名“李四”不可用：请用 2–40 个英文字母、数字、点、横线或下划线"]
    assert "李四" not in table(at, labels.ACCOUNT_TABLE_COLUMNS)["账号"].tolist()


def test_disable_enable_reset_and_never_oneself(db):
    at = open_page("accounts", "admin")
    at.selectbox(key="manage-account").set_value("admin").run()
    assert at.button(key="disable").disabled and at.selectbox(key="role-admin").disabled
    at.selectbox(key="manage-account").set_value("leader").run()
    at.button(key="disable").click().run()
    state = table(at, labels.ACCOUNT_TABLE_COLUMNS).set_index("账号")["状态"]
    assert state["leader"] == "已停用" and shown(at.success) == [
        "已停用账号 leader，其登录已全部结束。"]
    at.button(key="enable").click().run()
    assert table(at, labels.ACCOUNT_TABLE_COLUMNS).set_index("账号").at["leader", "状态"] == "正常"
    at.button(key="reset").click().run()
    assert len(at.code) == 1 and at.code[0].value
    with Store(db) as store:
        actions = list(sa.audit_rows(store)["action"])[-3:]
    assert actions == ["account_disable", "account_enable", "account_reset_password"]


def test_villages_are_assigned_to_an_inspector_by_name(db):
    at = open_page("accounts", "admin")
    at.selectbox(key="manage-account").set_value("inspector").run()
    picker = at.multiselect(key="villages-inspector")
    with Store(db) as store:
        choices = account_admin.village_choices(store)
    three = sorted(choices)[:3]
    assert picker.options == list(choices.values())  # each village as 区·镇·村
    picker.set_value(three)
    at.button(key="save-villages").click().run()
    assert shown(at.success) == ["已为账号 inspector 指派 3 个村。"]
    assert table(at, labels.ACCOUNT_TABLE_COLUMNS).set_index("账号").at["inspector",
                                                                       "指派村数"] == "3"
    with Store(db) as store:
        assert ss.assigned_villages(store, "inspector") == three
    at.selectbox(key="manage-account").set_value("leader").run()
    assert not at.multiselect  # a leader visits no village


def test_a_role_change_asks_for_a_region_only_where_the_role_needs_one(db):
    at = open_page("accounts", "admin")
    at.selectbox(key="manage-account").set_value("leader").run()
    assert "region-leader" not in [s.key for s in at.selectbox]
    at.selectbox(key="role-leader").set_value("official").run()
    at.selectbox(key="region-leader").set_value(TOWN)
    at.button(key="save-role").click().run()
    assert shown(at.success) == ["已变更账号 leader 的角色或区划。"]
    row = table(at, labels.ACCOUNT_TABLE_COLUMNS).set_index("账号").loc["leader"]
    assert (row["角色"], row["所辖区划"]) == ("市(区)/乡镇干部", "武进区·南夏墅街道")
