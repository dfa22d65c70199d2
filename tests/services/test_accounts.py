"""Local accounts (issue 13, first part): argon2 hashes, roles and regions from settings,
lockout after failed sign-ins, and every outcome in the append-only audit log."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from paicha_geo import cli, labels
from paicha_geo.config import settings
from paicha_geo.domain.accounts import AccountError, AccountRules, password_problems
from paicha_geo.services import account_service as acc
from paicha_geo.store import accounts as store_accounts
from tests.ledger_helpers import copy_store

T0 = dt.datetime(2026, 11, 30, 9, 0)


pytestmark = pytest.mark.usefixtures("cheap_hashes")


@pytest.fixture
def store(demo_db, tmp_path, backend):
    """The demo's data without its demo accounts (a real installation's start)."""
    s = copy_store(demo_db, tmp_path, backend=backend)
    for table in ("account_village", "web_session", "account"):
        s.cursor().execute(f"DELETE FROM {table}")  # noqa: S608
    yield s
    s.close()


RULES = settings().accounts


def test_an_account_stores_an_argon2_hash_never_the_password(store):
    password = acc.add_account(store, RULES, "zhang.san", "official", "320412")
    row = store.cursor().execute("SELECT * FROM account").fetchall()
    assert len(row) == 1 and password not in str(row)
    stored = store_accounts.get_account(store, "zhang.san")
    assert stored["password_hash"].startswith("$argon2id$")
    assert stored["region_code"] == "320412000000" and stored["must_change_password"]
    assert not password_problems(password, RULES)
    listed = acc.list_accounts(store)
    assert list(listed["account_id"]) == ["zhang.san"] and "password_hash" not in listed


@pytest.mark.parametrize(("name", "role", "region", "says"), [
    ("li", "boss", None, "没有角色“boss”"),
    ("li", "official", None, "须指定所辖区划"),
    ("li", "official", "999999", "找不到区划代码 999999000000"),
    ("李四", "leader", None, "账号名“李四”不可用"),
])
def test_the_rules_refuse_and_nothing_is_written(store, name, role, region, says):
    with pytest.raises(AccountError) as refused:
        acc.add_account(store, RULES, name, role, region)
    assert says in labels.say(refused.value)
    assert acc.list_accounts(store).empty and acc.audit_log(store).empty


def test_a_name_is_taken_once(store):
    acc.add_account(store, RULES, "wang", "leader")
    with pytest.raises(AccountError, match="ACCOUNT_EXISTS"):
        acc.add_account(store, RULES, "wang", "auditor")


def test_sign_in_locks_after_the_set_number_of_failures_and_logs_it(store):
    rules = AccountRules(**{**RULES.__dict__, "lockout_attempts": 3, "lockout_minutes": 15})
    password = acc.add_account(store, rules, "zhao", "inspector")
    assert acc.sign_in(store, rules, "zhao", password, now=T0)["role"] == "inspector"
    for i in range(3):
        with pytest.raises(acc.SignInRefused) as refused:
            acc.sign_in(store, rules, "zhao", "wrong", client="10.0.0.9",
                        now=T0 + dt.timedelta(minutes=i))
        assert labels.say(refused.value) == labels.SIGN_IN_REFUSED  # no hint which was wrong
    with pytest.raises(acc.SignInRefused) as locked:  # even the right password, while locked
        acc.sign_in(store, rules, "zhao", password, now=T0 + dt.timedelta(minutes=5))
    assert "已锁定至 09:17" in labels.say(locked.value)
    assert acc.sign_in(store, rules, "zhao", password,
                       now=T0 + dt.timedelta(minutes=18))["account_id"] == "zhao"
    actions = list(acc.audit_log(store, "zhao")["action"])
    assert actions == ["sign_in", "sign_in_failed", "sign_in_failed", "lockout",
                       "sign_in_locked", "sign_in"]
    assert acc.audit_log(store, "zhao")["client"].iloc[1] == "10.0.0.9"


def test_brute_force_never_gets_in_while_locked(store):
    rules = AccountRules(**{**RULES.__dict__, "lockout_attempts": 5, "lockout_minutes": 60})
    password = acc.add_account(store, rules, "target", "leader")
    guesses = ["123456", "password", "Passw0rd!", "qwerty", "admin", "letmein", password]
    outcomes = []
    for i, guess in enumerate(guesses):
        try:
            acc.sign_in(store, rules, "target", guess, now=T0 + dt.timedelta(seconds=i))
            outcomes.append("in")
        except acc.SignInRefused:
            outcomes.append("refused")
    assert outcomes == ["refused"] * 7  # the right password came after the lock
    assert (acc.audit_log(store, "target")["action"] == "lockout").sum() == 1


def test_disabled_accounts_and_unknown_names_are_refused(store):
    password = acc.add_account(store, RULES, "gone", "leader")
    acc.disable_account(store, "gone")
    with pytest.raises(acc.SignInRefused, match="SIGN_IN_DISABLED"):
        acc.sign_in(store, RULES, "gone", password)
    with pytest.raises(acc.SignInRefused, match="SIGN_IN_REFUSED"):
        acc.sign_in(store, RULES, "nobody", password)


def test_reset_password_gives_a_new_one_time_password_and_clears_the_lock(store):
    rules = AccountRules(**{**RULES.__dict__, "lockout_attempts": 1})
    old = acc.add_account(store, rules, "sun", "auditor")
    with pytest.raises(acc.SignInRefused):
        acc.sign_in(store, rules, "sun", "wrong", now=T0)
    new = acc.reset_password(store, rules, "sun")
    assert new != old
    assert acc.sign_in(store, rules, "sun", new, now=T0)["account_id"] == "sun"
    with pytest.raises(acc.SignInRefused):
        acc.sign_in(store, rules, "sun", old, now=T0)


def test_the_audit_log_has_no_update_or_delete_path():
    source = inspect.getsource(store_accounts)
    assert "UPDATE audit_log" not in source and "DELETE FROM audit_log" not in source


def test_the_command_line_creates_the_first_administrator(demo_db, tmp_path, capsys):
    copy_store(demo_db, tmp_path).close()
    db = str(tmp_path / "ledger.duckdb")
    assert cli.main(["user", "add", "admin1", "--role", "admin", "--db", db]) == 0
    out = capsys.readouterr().out
    password = out.strip().rsplit("：", 1)[-1]
    assert "已创建账号 admin1（市级管理员）" in out
    assert cli.main(["user", "add", "xu", "--role", "official", "--db", db]) == 1
    assert "须指定所辖区划" in capsys.readouterr().err
    assert cli.main(["user", "list", "--db", db]) == 0
    assert "admin1" in capsys.readouterr().out
    from paicha_geo.store import Store

    with Store(db) as store:
        assert acc.sign_in(store, RULES, "admin1", password)["role"] == "admin"
