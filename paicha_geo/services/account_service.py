"""Accounts: create, list, disable, reset a password, and check a sign-in with lockout.

Passwords are hashed with argon2id (argon2-cffi), never stored or logged in clear. Every
change and every sign-in outcome is appended to the audit log. This is the account store the
sign-in page and the session middleware (issue 13) build on; the CLI uses it today.
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


def one_time_password(rules: AccountRules) -> str:
    """A random password that satisfies the rules (printed once; changed at first sign-in)."""
    while True:
        candidate = secrets.token_urlsafe(max(12, rules.password_min_length))
        if not password_problems(candidate, rules):
            return candidate


def add_account(store: Store, rules: AccountRules, name: str, role: str,
                region: str | None = None, display_name: str | None = None,
                actor: str | None = None) -> str:
    """Create an account; returns its one-time password."""
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
        sa.append_audit(cur, at=now, account_id=actor, role=None, action="account_add",
                        target=name, reason=f"{role} {region or ''}".strip())
    return password


def list_accounts(store: Store) -> pd.DataFrame:
    return sa.accounts(store)


def _existing(cur, name: str) -> dict:
    account = sa.get_account(cur, name)
    if account is None:
        raise AccountError("ACCOUNT_NOT_FOUND", name=name)
    return account


def disable_account(store: Store, name: str, actor: str | None = None) -> None:
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, disabled=True)
        ss.end_account_sessions(cur, name, now, "disabled")
        sa.append_audit(cur, at=now, account_id=actor, role=None, action="account_disable",
                        target=name)


def reset_password(store: Store, rules: AccountRules, name: str,
                   actor: str | None = None) -> str:
    """A new one-time password; the lock and the failure count are cleared."""
    password = one_time_password(rules)
    now = _now()
    with store.transaction() as cur:
        _existing(cur, name)
        sa.update_account(cur, name, now, password_hash=HASHER.hash(password),
                          must_change_password=True, failed_attempts=0, locked_until=None)
        ss.end_account_sessions(cur, name, now, "password_reset")
        sa.append_audit(cur, at=now, account_id=actor, role=None,
                        action="account_reset_password", target=name)
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
