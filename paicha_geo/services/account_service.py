"""Accounts: create, list, disable, reset a password, and check a sign-in with lockout.

Passwords are hashed with argon2id (argon2-cffi), never stored or logged in clear. Every
change and every sign-in outcome is appended to the audit log, with who acted: an `actor` is
the signed-in administrator (a session_service.Viewer: account, role and client go into the
row) or a name (the CLI). The 账号管理 page, the CLI and the sign-in gate build on this.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError, VerifyMismatchError

from paicha_geo.domain.accounts import (  # AccountError: callers catch it
    AccountError,
    AccountRules,
    check_name,
    check_region,
    password_problems,
)
from paicha_geo.domain.errors import Term
from paicha_geo.domain.regions import full_code
from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import queries as q
from paicha_geo.store import sessions as ss

HASHER = PasswordHasher()  # argon2id with the library's recommended costs


class SignInRefused(AccountError):
    """Wrong name or password (one message for both), locked, or disabled."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _who(actor) -> dict:
    """The audit fields of whoever acts: a Viewer (account, role, client), a name, or None."""
    if actor is None or isinstance(actor, str):
        return {"account_id": actor, "role": None, "client": None}
    return {"account_id": actor.account_id, "role": actor.role, "client": actor.client}


def _actor_id(actor) -> str | None:
    """The acting account's id; a signed-in actor must hold the "admin" power (the CLI runs as
    the installation's owner)."""
    if actor is not None and not isinstance(actor, str) and not actor.may("admin"):
        raise AccountError("ACCOUNT_NOT_ADMIN")
    return _who(actor)["account_id"]


def one_time_password(rules: AccountRules) -> str:
    """A random password that satisfies the rules (printed once; changed at first sign-in)."""
    while True:
        candidate = secrets.token_urlsafe(max(12, rules.password_min_length))
        if not password_problems(candidate, rules):
            return candidate


def add_account(store: Store, rules: AccountRules, name: str, role: str,
                region: str | None = None, display_name: str | None = None,
                actor=None) -> str:
    """Create an account; returns its one-time password."""
    _actor_id(actor)
    check_name(name)
    spec = rules.role(role)
    region = full_code(region) if region else None
    check_region(spec, region, set(q.regions(store)["code"]))
    password = one_time_password(rules)
    now = _now()
    with store.transaction() as cur:
        if sa.get_account(cur, name) is not None:
            raise AccountError("ACCOUNT_EXISTS", name=name)
        sa.insert_account(cur, name, display_name or name, role, region,
                          HASHER.hash(password), now)
        sa.append_audit(cur, at=now, **_who(actor), action="account_add", target=name,
                        reason=f"{role} {region or ''}".strip())
    return password


def list_accounts(store: Store) -> pd.DataFrame:
    return sa.accounts(store)


def _existing(cur, name: str) -> dict:
    account = sa.get_account(cur, name)
    if account is None:
        raise AccountError("ACCOUNT_NOT_FOUND", name=name)
    return account


def disable_account(store: Store, name: str, actor=None) -> None:
    """Refuse every sign-in of the account and end its sessions; not one's own account."""
    if name == _actor_id(actor):
        raise AccountError("ACCOUNT_SELF_DISABLE")
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, disabled=True)
        ss.end_account_sessions(cur, name, now, "disabled")
        sa.append_audit(cur, at=now, **_who(actor), action="account_disable", target=name)


def enable_account(store: Store, name: str, actor=None) -> None:
    """Let a disabled account sign in again (its password is unchanged)."""
    _actor_id(actor)
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, disabled=False, failed_attempts=0, locked_until=None)
        sa.append_audit(cur, at=now, **_who(actor), action="account_enable", target=name)


def change_role(store: Store, rules: AccountRules, name: str, role: str,
                region: str | None = None, actor=None) -> None:
    """Give the account another role or region (checked as for a new account); not one's own,
    so no administrator removes the last way back by mistake. Takes effect at the account's
    next page run (the session check reads the role each time)."""
    if name == _actor_id(actor):
        raise AccountError("ACCOUNT_SELF_ROLE")
    spec = rules.role(role)
    region = full_code(region) if region else None
    check_region(spec, region, set(q.regions(store)["code"]))
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, role=role, region_code=region)
        sa.append_audit(cur, at=now, **_who(actor), action="account_role", target=name,
                        reason=f"{role} {region or ''}".strip())


def set_assigned_villages(store: Store, rules: AccountRules, name: str,
                          villages: list[str], actor=None) -> list[str]:
    """The villages an inspector (a role with the "visit" power) records visits in; an empty
    list lifts the limit. Every code must be a village's (the first unknown one is named and
    nothing is saved). Returns the saved codes, sorted."""
    _actor_id(actor)
    codes = sorted({str(c).strip() for c in villages})
    known = set(q.regions(store, level="village")["code"])
    for code in codes:
        if code not in known:
            raise AccountError("ACCOUNT_UNKNOWN_VILLAGE", code=code)
    now = _now()
    with store.transaction() as cur:
        account = _existing(cur, name)
        if "visit" not in rules.role(account["role"]).powers:
            raise AccountError("ACCOUNT_NO_VILLAGES_FOR_ROLE", name=name,
                               role=Term("ROLES", account["role"]))
        ss.set_assigned_villages(cur, name, codes)
        sa.append_audit(cur, at=now, **_who(actor), action="account_villages", target=name,
                        reason=",".join(codes))
    return codes


def reset_password(store: Store, rules: AccountRules, name: str, actor=None) -> str:
    """A new one-time password; the lock and the failure count are cleared."""
    _actor_id(actor)
    password = one_time_password(rules)
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, password_hash=HASHER.hash(password),
                          must_change_password=True, failed_attempts=0, locked_until=None)
        ss.end_account_sessions(cur, name, now, "password_reset")
        sa.append_audit(cur, at=now, **_who(actor), action="account_reset_password",
                        target=name)
    return password


def sign_in(store: Store, rules: AccountRules, name: str, password: str,
            client: str | None = None, now: dt.datetime | None = None) -> dict:
    """The account (without its hash) when `password` is right; else SignInRefused.

    After `rules.lockout_attempts` failures in a row the account is locked for
    `rules.lockout_minutes` (even the right password is refused meanwhile); the lock is logged.
    """
    now = now or _now()
    with store.transaction() as cur:  # the audit row is written whatever the outcome
        refusal, account = _check_sign_in(cur, rules, name, password, client, now)
    if refusal is not None:
        raise refusal
    return account


def _check_sign_in(cur, rules: AccountRules, name: str, password: str, client: str | None,
                   now: dt.datetime) -> tuple[SignInRefused | None, dict | None]:
    account = sa.get_account(cur, name)
    if account is None:
        sa.append_audit(cur, at=now, account_id=None, role=None, action="sign_in_failed",
                        target=name[:40], client=client)
        return SignInRefused("SIGN_IN_REFUSED"), None
    role = account["role"]
    if account["disabled"]:
        sa.append_audit(cur, at=now, account_id=name, role=role, action="sign_in_disabled",
                        client=client)
        return SignInRefused("SIGN_IN_DISABLED"), None
    locked = account["locked_until"]
    if locked is not None and pd.Timestamp(locked) > pd.Timestamp(now):
        sa.append_audit(cur, at=now, account_id=name, role=role, action="sign_in_locked",
                        client=client)
        return SignInRefused("SIGN_IN_LOCKED", until=pd.Timestamp(locked).to_pydatetime()), None
    try:
        HASHER.verify(account["password_hash"], password)
    except (VerifyMismatchError, VerificationError):
        failures = int(account["failed_attempts"]) + 1
        lock = failures >= rules.lockout_attempts
        until = now + dt.timedelta(minutes=rules.lockout_minutes) if lock else None
        sa.update_account(cur, name, now, failed_attempts=0 if lock else failures,
                          locked_until=until)
        sa.append_audit(cur, at=now, account_id=name, role=role,
                        action="lockout" if lock else "sign_in_failed", client=client,
                        reason=f"{failures} → {until:%Y-%m-%d %H:%M}" if lock else f"{failures}")
        return SignInRefused("SIGN_IN_REFUSED"), None
    sa.update_account(cur, name, now, failed_attempts=0, locked_until=None)
    sa.append_audit(cur, at=now, account_id=name, role=role, action="sign_in", client=client)
    account.pop("password_hash")
    return None, account


def audit_log(store: Store, name: str | None = None) -> pd.DataFrame:
    return sa.audit_rows(store, name)
