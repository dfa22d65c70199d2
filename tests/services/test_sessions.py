"""Sign-in sessions (issue 13): the signed cookie value, the viewer it stands for, and every
way a session ends (idle, lifetime, sign-out, a disabled account, a password change), each
logged. No server: the services on a copy of the demo database."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pytest
from itsdangerous import URLSafeTimedSerializer

from paicha_geo import labels
from paicha_geo.config import settings
from paicha_geo.demo.accounts import DEMO_PASSWORD
from paicha_geo.domain.accounts import AccountError
from paicha_geo.services import account_service as acc
from paicha_geo.services import session_service as sessions
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import sessions as store_sessions

RULES = settings().accounts
T0 = dt.datetime(2026, 11, 30, 9, 0)
NEW_PASSWORD = "Xinmima#2026"


pytestmark = pytest.mark.usefixtures("cheap_hashes")


def signed_in(store, account="district", now=T0, client=None) -> str:
    return sessions.sign_in(store, RULES, account, DEMO_PASSWORD, client=client, now=now)


def audit(store, account):
    return acc.audit_log(store, account)


def session_id_in(store, token: str) -> str:
    """The random id a cookie value carries (what only the server can read back)."""
    secret = store_sessions.meta_value(store, "session_secret")
    return URLSafeTimedSerializer(secret, salt=sessions._SALT).loads(token)


def test_sign_in_gives_a_cookie_value_that_stands_for_the_account_and_its_region(store):
    token = signed_in(store, client="10.0.0.7")
    checked = sessions.check(store, RULES, token, now=T0)
    me = checked.viewer
    assert (me.account_id, me.role, me.region_code) == ("district", "official", "320412000000")
    assert me.scope == Scope("320412") and me.may("edit") and not me.may("admin")
    assert me.scope.covers("320412001001") and not me.scope.covers("320411001001")
    assert sessions.check(store, RULES, signed_in(store, "town"), now=T0).viewer.scope == \
        Scope("320412001")
    assert sessions.check(store, RULES, signed_in(store, "leader"), now=T0).viewer.scope == \
        EVERYTHING
    # The database keeps only the SHA-256 of the id the cookie carries.
    session_id = session_id_in(store, token)
    rows = store.cursor().execute("SELECT * FROM web_session WHERE account_id = 'district'"
                                  ).fetchall()
    assert len(rows) == 1 and session_id not in str(rows) and token not in str(rows)
    assert rows[0][0] == hashlib.sha256(session_id.encode()).hexdigest()
    assert list(audit(store, "district")["action"]) == ["sign_in"]
    assert audit(store, "district")["client"].iloc[0] == "10.0.0.7"


def _one_character_changed(store, token: str) -> str:
    first = "B" if token[0] != "B" else "C"  # the first character: all six bits count
    return first + token[1:]


def _signed_elsewhere(store, token: str) -> str:
    """The same live session id, signed with another secret."""
    other = URLSafeTimedSerializer(secrets.token_hex(32), salt=sessions._SALT)
    return other.dumps(session_id_in(store, token))


def _unknown_id_signed_right(store, token: str) -> str:
    secret = store_sessions.meta_value(store, "session_secret")
    return URLSafeTimedSerializer(secret, salt=sessions._SALT).dumps(secrets.token_urlsafe(32))


@pytest.mark.parametrize("tamper", [_one_character_changed, _signed_elsewhere,
                                    _unknown_id_signed_right, lambda s, t: t + "x",
                                    lambda s, t: ""])
def test_a_tampered_cookie_value_is_nobody(store, tamper):
    token = signed_in(store)
    forged = tamper(store, token)
    assert forged != token
    checked = sessions.check(store, RULES, forged, now=T0)
    assert checked.viewer is None and checked.reason in ("bad", "none")
    assert sessions.check(store, RULES, token, now=T0).viewer is not None  # still live


def test_activity_keeps_a_session_and_idleness_ends_it_with_an_audit_row(store):
    token = signed_in(store)
    idle = dt.timedelta(minutes=RULES.idle_minutes)
    step = idle - dt.timedelta(minutes=5)
    assert sessions.check(store, RULES, token, touch=True, now=T0 + step).viewer is not None
    # Without the touch above this would be past the idle time.
    assert sessions.check(store, RULES, token, now=T0 + 2 * step).viewer is not None
    # A file fetch (no touch) does not count as activity.
    gone = sessions.check(store, RULES, token, now=T0 + step + idle + dt.timedelta(minutes=1))
    assert gone == sessions.Check(None, "idle")
    assert sessions.check(store, RULES, token, now=T0 + step).reason == "ended"
    rows = audit(store, "district")
    assert list(rows["action"]) == ["sign_in", "session_end"]
    assert rows["reason"].iloc[-1] == "idle"


def test_the_absolute_lifetime_ends_even_an_active_session(store):
    token = signed_in(store)
    at, step = T0, dt.timedelta(minutes=RULES.idle_minutes - 1)
    lifetime = dt.timedelta(hours=RULES.session_hours)
    while at + step <= T0 + lifetime:
        at += step
        assert sessions.check(store, RULES, token, touch=True, now=at).viewer is not None
    checked = sessions.check(store, RULES, token, now=T0 + lifetime + dt.timedelta(minutes=1))
    assert checked == sessions.Check(None, "expired")
    rows = audit(store, "district")
    assert list(rows["action"]) == ["sign_in", "session_end"]
    assert rows["reason"].iloc[-1] == "expired"


def test_sign_out_ends_the_session_once(store):
    token = signed_in(store, now=sessions._now())
    other = signed_in(store, now=sessions._now())
    sessions.sign_out(store, RULES, token, client="10.0.0.7")
    assert sessions.check(store, RULES, token) == sessions.Check(None, "ended")
    assert sessions.check(store, RULES, other).viewer is not None  # another tab, other session
    sessions.sign_out(store, RULES, token)  # again: nothing more happens
    sessions.sign_out(store, RULES, "forged.value.x")
    assert list(audit(store, "district")["action"]) == ["sign_in", "sign_in", "sign_out"]


def test_disabling_the_account_ends_its_sessions(store):
    tokens = [signed_in(store, now=sessions._now()) for _ in range(2)]
    acc.disable_account(store, "district", actor="admin")
    for token in tokens:
        assert sessions.check(store, RULES, token) == sessions.Check(None, "disabled")
    assert labels.SIGN_IN_ENDED["disabled"] == "账号已停用，请联系管理员。"
    with pytest.raises(acc.SignInRefused, match="SIGN_IN_DISABLED"):
        signed_in(store)


def test_a_password_change_checks_the_old_one_and_the_rules_and_ends_the_other_sessions(store):
    here = signed_in(store, now=sessions._now())
    elsewhere = signed_in(store, now=sessions._now())
    me = sessions.check(store, RULES, here).viewer
    with pytest.raises(AccountError) as wrong_old:
        sessions.change_password(store, RULES, me, "Wrong#2020x", NEW_PASSWORD)
    assert labels.say(wrong_old.value) == "原密码不正确"
    for weak, says in [("Ab#1", "密码至少 10 个字符"), ("alllowercase", "至少 3 类"),
                       (DEMO_PASSWORD, "新密码不能与原密码相同")]:
        with pytest.raises(AccountError) as refused:
            sessions.change_password(store, RULES, me, DEMO_PASSWORD, weak)
        assert says in labels.say(refused.value)
    # The refusals changed nothing: the other session is still live.
    assert sessions.check(store, RULES, elsewhere).viewer is not None
    sessions.change_password(store, RULES, me, DEMO_PASSWORD, NEW_PASSWORD)
    assert sessions.check(store, RULES, here).viewer is not None
    assert sessions.check(store, RULES, elsewhere) == sessions.Check(None, "ended")
    with pytest.raises(acc.SignInRefused):
        signed_in(store)
    assert sessions.sign_in(store, RULES, "district", NEW_PASSWORD)
    assert "password_change" in list(audit(store, "district")["action"])


def test_lockout_refuses_even_the_right_password_and_is_logged(store):
    for i in range(RULES.lockout_attempts):
        with pytest.raises(acc.SignInRefused) as refused:
            sessions.sign_in(store, RULES, "inspector", f"Guess#{i:04d}x",
                             now=T0 + dt.timedelta(seconds=i))
        assert labels.say(refused.value) == labels.SIGN_IN_REFUSED
    with pytest.raises(acc.SignInRefused) as locked:
        signed_in(store, "inspector", now=T0 + dt.timedelta(minutes=1))
    until = T0 + dt.timedelta(seconds=RULES.lockout_attempts - 1,
                              minutes=RULES.lockout_minutes)
    assert f"已锁定至 {until:%H:%M}" in labels.say(locked.value)
    actions = list(audit(store, "inspector")["action"])
    assert actions == ["sign_in_failed"] * (RULES.lockout_attempts - 1) + [
        "lockout", "sign_in_locked"]
    assert store.cursor().execute(
        "SELECT count(*) FROM web_session WHERE account_id = 'inspector'").fetchone()[0] == 0
    # After the lock the right password opens a session again.
    later = until + dt.timedelta(minutes=1)
    assert sessions.check(store, RULES, signed_in(store, "inspector", now=later),
                          now=later).viewer.role == "inspector"
