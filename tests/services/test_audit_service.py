"""The 审计日志 read model: filters on six hand-written rows, Chinese action names, the inert
and self-logging export, and the log's append-only rule (no code updates or deletes a row)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from paicha_geo import labels
from paicha_geo.domain.accounts import AccountError
from paicha_geo.services import audit_service
from paicha_geo.services.audit_service import AuditFilters
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import accounts as sa
from paicha_geo.store import loads
from tests.ledger_helpers import copy_store

ROOT = Path(__file__).resolve().parents[2]
D1, D2, D3 = dt.date(2020, 6, 1), dt.date(2020, 6, 2), dt.date(2020, 6, 3)
HOSTILE_TARGET = '=HYPERLINK("http://evil.example","点我")'
# (when, account, role, action, target, reason, client): the log the filters are checked on.
ROWS = [
    (dt.datetime(2020, 6, 1, 9, 0), "admin", "admin", "sign_in", None, None, "10.0.0.1"),
    (dt.datetime(2020, 6, 1, 10, 0), None, None, "sign_in_failed", "mallory", "1", "10.0.0.9"),
    (dt.datetime(2020, 6, 2, 11, 0), "admin", "admin", "account_add", "zhang.san",
     "official 320412000000", "10.0.0.1"),
    (dt.datetime(2020, 6, 2, 15, 0), "auditor", "auditor", "export", HOSTILE_TARGET,
     "**粗体** <b>x</b> 100%", None),
    (dt.datetime(2020, 6, 3, 8, 0), "leader", "leader", "sign_in", None, None, None),
    (dt.datetime(2020, 6, 3, 9, 0), "leader", "leader", "weird_action", "Zhang.San later",
     None, None),
]


def viewer(account="auditor", role="auditor", powers=("read", "audit"), name="市审计组"):
    return Viewer(account_id=account, display_name=name, role=role, powers=frozenset(powers),
                  region_code=None, villages=frozenset(), must_change_password=False,
                  session_hash="test", client="10.9.9.9")


def insert_rows(store, rows=ROWS) -> None:
    with store.transaction() as cur:
        for at, account, role, action, target, reason, client in rows:
            sa.append_audit(cur, at=at, account_id=account, role=role, action=action,
                            target=target, reason=reason, client=client)


@pytest.fixture
def store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, "audit.duckdb", backend=backend)
    assert s.cursor().execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    insert_rows(s)
    yield s
    s.close()


@pytest.mark.parametrize(("filters", "targets"), [
    (AuditFilters(), ["Zhang.San later", None, HOSTILE_TARGET, "zhang.san", "mallory", None]),
    (AuditFilters(accounts=("admin",)), ["zhang.san", None]),
    (AuditFilters(accounts=("admin", "leader")), ["Zhang.San later", None, "zhang.san", None]),
    (AuditFilters(actions=("sign_in",)), [None, None]),
    (AuditFilters(actions=("sign_in", "sign_in_failed")), [None, "mallory", None]),
    (AuditFilters(start=D2, end=D2), [HOSTILE_TARGET, "zhang.san"]),
    (AuditFilters(start=D3), ["Zhang.San later", None]),
    (AuditFilters(end=D1), ["mallory", None]),
    (AuditFilters(text="zhang"), ["Zhang.San later", "zhang.san"]),
    (AuditFilters(text="ZHANG.SAN LATER"), ["Zhang.San later"]),
    (AuditFilters(text="320412"), ["zhang.san"]),  # found in the reason
    (AuditFilters(text="100%"), [HOSTILE_TARGET]),
    (AuditFilters(text="%"), [HOSTILE_TARGET]),  # a literal %, no wildcard
    (AuditFilters(text="_"), []),
    (AuditFilters(accounts=("leader",), text="zhang"), ["Zhang.San later"]),
    (AuditFilters(accounts=("admin",), actions=("sign_in",), start=D2), []),
])
def test_filters_narrow_the_rows_newest_first(store, filters, targets):
    rows = audit_service.audit_rows(store, viewer(), filters)
    assert list(rows["target"]) == [t or "" for t in targets]


def test_rows_are_worded_in_chinese_with_blanks_not_none(store):
    rows = audit_service.audit_rows(store, viewer())
    assert list(rows.columns) == list(labels.AUDIT_COLUMNS)
    assert list(rows["action"]) == ["weird_action", "登录", "导出", "新建账号", "登录失败", "登录"]
    assert list(rows["account"]) == ["市领导（leader）", "市领导（leader）", "市审计组（auditor）",
                                     "市扶贫办管理员（admin）", "", "市扶贫办管理员（admin）"]
    assert list(rows["role"])[:3] == ["市领导", "市领导", "审计/只读"] and rows["role"][4] == ""
    cells = rows.drop(columns="occurred_at").to_numpy().ravel()
    assert all(isinstance(c, str) and c not in ("None", "nan", "NaN", "NaT") for c in cells)
    assert audit_service.count_line(rows) == ("共 6 条记录：登录 2、weird_action 1、导出 1、"
                                              "新建账号 1、登录失败 1")


def test_every_action_the_program_writes_has_a_chinese_name():
    written = set()
    for path in (ROOT / "paicha_geo").rglob("*.py"):
        written |= set(re.findall(r'append_audit\((?:[^()]|\([^()]*\))*?action="(\w+)"',
                                  path.read_text(encoding="utf-8")))
    assert written, "the scan found no action at all"
    assert written - set(labels.AUDIT_ACTIONS) == set()
    assert audit_service.action_name("something_new") == "something_new"


def test_account_choices_and_the_default_range(store):
    choices = audit_service.account_choices(store, viewer())
    assert choices["admin"] == "市扶贫办管理员（admin）" and "inspector2" in choices
    assert audit_service.date_span(store, viewer(), today=dt.date(2020, 7, 1)) == (
        D1, dt.date(2020, 7, 1))


def test_a_role_without_the_audit_power_reads_nothing(store):
    leader = viewer("leader", "leader", ("read",), "市领导")
    for read in (audit_service.audit_rows, audit_service.account_choices,
                 audit_service.date_span, audit_service.export_audit_xlsx):
        with pytest.raises(AccountError) as refused:
            read(store, leader)
        assert labels.say(refused.value) == "您的角色无权查看审计日志。"


def _cells(data: bytes) -> list[tuple[str, object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [(c.data_type, c.value) for ws in book.worksheets for row in ws.iter_rows()
            for c in row if c.value is not None]


def test_the_export_is_inert_and_logs_itself(store):
    now = dt.datetime(2020, 6, 4, 12, 0)
    data = audit_service.export_audit_xlsx(
        store, viewer(), AuditFilters(actions=("export", "account_add"), text="a"), now=now)
    cells = _cells(data)
    assert not [v for kind, v in cells if kind == "f"]
    assert ("s", "'" + HOSTILE_TARGET) in cells  # shown as typed, behind an apostrophe
    assert not [v for kind, v in cells if kind == "s" and v.startswith(("=", "+", "-", "@"))]
    assert ("s", "zhang.san") in cells and ("s", "新建账号") in cells
    assert not any(v == "mallory" for _k, v in cells)  # filtered out
    logged = sa.audit_rows(store).iloc[-1]
    assert (logged["action"], logged["target"], logged["account_id"], logged["role"],
            logged["client"]) == ("export", "audit_log", "auditor", "auditor", "10.9.9.9")
    assert logged["reason"] == "2 条；操作 导出、新建账号；含“a”"
    assert logged["occurred_at"] == now


# --- append-only ------------------------------------------------------------------------

_CHANGES_AUDIT = re.compile(
    r"\b(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?|DROP\s+TABLE(\s+IF\s+EXISTS)?|"
    r"ALTER\s+TABLE|INSERT\s+OR\s+REPLACE\s+INTO)\s+audit_log\b", re.IGNORECASE)


def audit_changes(paths) -> list[str]:
    """Every line that would update, delete, replace or drop audit rows."""
    return [f"{p.name}:{n}: {line.strip()}" for p in paths
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if _CHANGES_AUDIT.search(line)]


def test_no_code_in_store_or_services_changes_an_audit_row():
    paths = [p for folder in ("store", "services")
             for p in (ROOT / "paicha_geo" / folder).rglob("*.py")]
    assert len(paths) > 10
    assert audit_changes(paths) == []


def test_the_scan_finds_a_planted_change(tmp_path):
    planted = tmp_path / "bad.py"
    planted.write_text('cur.execute("DELETE FROM audit_log WHERE audit_id = ?")\n'
                       'cur.execute("update  AUDIT_LOG set reason = 1")\n'
                       'cur.execute("SELECT * FROM audit_log")\n', encoding="utf-8")
    assert len(audit_changes([planted])) == 2


def test_clearing_every_table_for_a_rebuild_keeps_the_audit_log(store):
    with store.transaction() as cur:
        loads.clear_all(cur)
    assert store.cursor().execute("SELECT count(*) FROM account").fetchone()[0] == 0
    assert store.cursor().execute("SELECT count(*) FROM audit_log").fetchone()[0] == len(ROWS)


def test_the_reasons_the_app_records_read_as_chinese_and_typed_ones_stay():
    assert audit_service.reason_text("import 3") == "导入时 3 行超出管辖范围，已拒绝"
    assert audit_service.reason_text("no power") == "角色无此权限"
    assert audit_service.reason_text("region") == "按区划代码查看"
    assert audit_service.reason_text("入户核实 region") == "入户核实 region"
