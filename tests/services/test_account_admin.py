"""账号管理 changes (issue 13, part 6): enable, re-role, assign an inspector's villages, not
oneself; each logged with the acting administrator; the table as people read it."""

from __future__ import annotations

import pytest

from paicha_geo import labels
from paicha_geo.config import settings
from paicha_geo.domain.accounts import AccountError
from paicha_geo.services import account_admin
from paicha_geo.services import account_service as acc
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import accounts as sa
from paicha_geo.store import sessions as ss
from tests.ledger_helpers import copy_store

RULES = settings().accounts
TOWN = "320412001000"  # the demo's 南夏墅街道 (武进区)


def viewer(account="admin", role="admin", name="市扶贫办管理员"):
    return Viewer(account_id=account, display_name=name, role=role,
                  powers=frozenset(RULES.role(role).powers), region_code=None,
                  villages=frozenset(), must_change_password=False, session_hash="test",
                  client="10.1.2.3")


ADMIN = viewer()


pytestmark = pytest.mark.usefixtures("cheap_hashes")


@pytest.fixture
def store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, "admin.duckdb", backend=backend)
    yield s
    s.close()


def last_audit(store) -> tuple:
    row = sa.audit_rows(store).iloc[-1]
    return (row["account_id"], row["role"], row["client"], row["action"], row["target"],
            row["reason"])


def villages(store, n: int) -> list[str]:
    return sorted(account_admin.village_choices(store))[:n]


def test_disable_then_enable_logs_the_admin_and_his_client(store):
    acc.disable_account(store, "leader", actor=ADMIN)
    assert sa.get_account(store, "leader")["disabled"]
    assert last_audit(store) == ("admin", "admin", "10.1.2.3", "account_disable", "leader", None)
    acc.enable_account(store, "leader", actor=ADMIN)
    assert not sa.get_account(store, "leader")["disabled"]
    assert last_audit(store) == ("admin", "admin", "10.1.2.3", "account_enable", "leader", None)


def test_an_admin_cannot_disable_or_re_role_himself(store):
    before = len(sa.audit_rows(store))
    with pytest.raises(AccountError) as refused:
        acc.disable_account(store, "admin", actor=ADMIN)
    assert labels.say(refused.value) == "不能停用自己的账号"
    with pytest.raises(AccountError) as refused:
        acc.change_role(store, RULES, "admin", "leader", actor=ADMIN)
    assert labels.say(refused.value) == "不能变更自己的角色或区划"
    assert not sa.get_account(store, "admin")["disabled"]
    assert sa.get_account(store, "admin")["role"] == "admin"
    assert len(sa.audit_rows(store)) == before


def test_a_signed_in_account_without_the_admin_power_changes_nothing(store):
    auditor = viewer("auditor", "auditor", "市审计组")
    for change in (lambda: acc.disable_account(store, "leader", actor=auditor),
                   lambda: acc.enable_account(store, "leader", actor=auditor),
                   lambda: acc.reset_password(store, RULES, "leader", actor=auditor),
                   lambda: acc.add_account(store, RULES, "x.y", "leader", actor=auditor),
                   lambda: acc.set_assigned_villages(store, RULES, "inspector", [],
                                                     actor=auditor)):
        with pytest.raises(AccountError) as refused:
            change()
        assert labels.say(refused.value) == "您的角色无权管理账号"
    assert sa.get_account(store, "x.y") is None
    assert sa.audit_rows(store).empty


def test_change_role_checks_the_region_like_a_new_account(store):
    acc.change_role(store, RULES, "leader", "official", TOWN, actor=ADMIN)
    account = sa.get_account(store, "leader")
    assert (account["role"], account["region_code"]) == ("official", TOWN)
    assert last_audit(store)[3:] == ("account_role", "leader", f"official {TOWN}")
    with pytest.raises(AccountError) as refused:
        acc.change_role(store, RULES, "leader", "official", None, actor=ADMIN)
    assert "须指定所辖区划" in labels.say(refused.value)


def test_villages_are_assigned_and_an_unknown_code_is_named(store):
    five = villages(store, 5)
    assert acc.set_assigned_villages(store, RULES, "inspector", five[::-1],
                                     actor=ADMIN) == five
    assert ss.assigned_villages(store, "inspector") == five
    assert last_audit(store)[3:] == ("account_villages", "inspector", ",".join(five))
    for bad in (TOWN, "320412999999", "abc"):
        with pytest.raises(AccountError) as refused:
            acc.set_assigned_villages(store, RULES, "inspector", [five[0], bad], actor=ADMIN)
        assert labels.say(refused.value) == f"“{bad}”不是已知的村（社区）代码，未保存指派"
    assert ss.assigned_villages(store, "inspector") == five  # nothing changed
    with pytest.raises(AccountError) as refused:
        acc.set_assigned_villages(store, RULES, "leader", five[:1], actor=ADMIN)
    assert labels.say(refused.value) == "账号“leader”的角色（市领导）不做入户走访，无须指派村"
    acc.set_assigned_villages(store, RULES, "inspector", [], actor=ADMIN)
    assert ss.assigned_villages(store, "inspector") == []


def test_the_table_names_roles_and_regions_and_shows_no_missing_marker(store):
    with store.transaction() as cur:
        sa.update_account(cur, "leader", sa.get_account(cur, "leader")["updated_at"],
                          disabled=True)
    table = account_admin.account_table(store).set_index("account_id")
    assert list(table.columns) == list(labels.ACCOUNT_TABLE_COLUMNS)[1:]
    assert table.at["town", "region"] == "武进区·南夏墅街道"
    assert table.at["district", "region"] == "武进区"
    assert table.at["town", "role"] == "市(区)/乡镇干部" and table.at["admin", "region"] == ""
    assert table.at["leader", "state"] == "已停用" and table.at["admin", "state"] == "正常"
    assert table.at["inspector2", "villages"] == "5" and table.at["inspector", "villages"] == ""
    text = table.to_string()
    assert not any(marker in text for marker in ("None", "NaN", "NaT", "nan", "argon2"))


def test_the_pickers_name_regions_from_the_district_down(store):
    regions = account_admin.region_choices(store)
    assert regions[TOWN] == "武进区·南夏墅街道" and regions["320412000000"] == "武进区"
    assert all(len(code) == 12 for code in regions) and "320400000000" not in regions
    village = villages(store, 1)[0]
    assert account_admin.village_choices(store)[village].count("·") == 2
