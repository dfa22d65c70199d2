"""Sign-in sessions: who is at this page, in which role, over which part of the data.

The browser holds a cookie with a signed random session id (itsdangerous, secret kept in the
database's meta table); the database keeps the SHA-256 of that id with the account, the time
it was opened and last used, and when and why it ended. Every request and every script run
checks the session against the database, so signing out, the idle timeout, the absolute
lifetime and disabling an account take effect at once, in every open tab.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2.exceptions import VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from paicha_geo.domain.accounts import AccountError, AccountRules, password_problems
from paicha_geo.domain.regions import level_of_code
from paicha_geo.services import account_service
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import sessions as ss

COOKIE = "paicha_session"
TOUCH_EVERY = dt.timedelta(seconds=60)  # last_seen is written at most once a minute
_SALT = "paicha-geo-session"


@dataclass(frozen=True)
class Viewer:
    """The signed-in account as the pages see it."""

    account_id: str
    display_name: str
    role: str
    powers: frozenset
    region_code: str | None
    villages: frozenset  # an inspector's assigned villages (empty: no list)
    must_change_password: bool
    session_hash: str
    client: str | None = None

    def may(self, power: str) -> bool:
        return power in self.powers

    @property
    def scope(self) -> Scope:
        """What this account may read: its region, or everything."""
        if not self.region_code:
            return EVERYTHING
        return Scope.of(self.region_code, level_of_code(self.region_code))

    def may_act_on(self, village_code: str) -> bool:
        """An inspector with an assigned list records visits only there."""
        return self.scope.covers(village_code) and (
            not self.villages or village_code in self.villages)


@dataclass(frozen=True)
class Check:
    """A session check: the viewer, or why there is none (none, bad, ended, idle, expired,
    disabled)."""

    viewer: Viewer | None
    reason: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _signer(store: Store) -> URLSafeTimedSerializer:
    secret = ss.meta_value(store, "session_secret")
    if secret is None:
        with store.transaction() as cur:
            ss.insert_meta_if_missing(cur, "session_secret", secrets.token_hex(32))
        secret = ss.meta_value(store, "session_secret")
    return URLSafeTimedSerializer(secret, salt=_SALT)


def _open(store: Store, account_id: str, via: str, client: str | None,
          now: dt.datetime) -> str:
    session_id = secrets.token_urlsafe(32)
    with store.transaction() as cur:
        ss.insert_session(cur, _hash(session_id), account_id, via, client, now)
    return _signer(store).dumps(session_id)


def sign_in(store: Store, rules: AccountRules, name: str, password: str,
            client: str | None = None, now: dt.datetime | None = None) -> str:
    """The signed cookie value of a new session; SignInRefused when refused (and logged)."""
    now = now or _now()
    account = account_service.sign_in(store, rules, name, password, client, now)
    return _open(store, account["account_id"], "password", client, now)


def open_trusted(store: Store, account_id: str, via: str, client: str | None = None,
                 now: dt.datetime | None = None) -> str:
    """A session for an account vouched for elsewhere (an SSO proxy's header); the account
    must exist and be enabled. Logged as a sign-in `via`."""
    now = now or _now()
    account = sa.get_account(store, account_id)
    if account is None or account["disabled"]:
        raise account_service.SignInRefused("SIGN_IN_REFUSED")
    with store.transaction() as cur:
        sa.append_audit(cur, at=now, account_id=account_id, role=account["role"],
                        action="sign_in", reason=via, client=client)
    return _open(store, account_id, via, client, now)


def session_hash(store: Store, rules: AccountRules, token: str | None) -> str | None:
    """The stored key of a cookie value whose signature is good and not older than the
    absolute lifetime; None otherwise."""
    if not token:
        return None
    try:
        session_id = _signer(store).loads(token, max_age=rules.session_hours * 3600)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    return _hash(session_id) if isinstance(session_id, str) else None


def check(store: Store, rules: AccountRules, token: str | None, *, touch: bool = False,
          now: dt.datetime | None = None) -> Check:
    """Is this cookie value a live session? Ends it (and logs why) once it is idle too long
    or older than the lifetime. `touch` records activity (a script run, not a file fetch)."""
    if not token:
        return Check(None, "none")
    key = session_hash(store, rules, token)
    if key is None:
        return Check(None, "bad")
    row = ss.get_session(store, key)
    if row is None:
        return Check(None, "bad")
    if row["ended_at"] is not None:  # a disabled account's sessions ended with it: say so
        return Check(None, "disabled" if row["disabled"] else "ended")
    now = now or _now()
    reason = None
    if row["disabled"]:
        reason = "disabled"
    elif now - row["created_at"] > dt.timedelta(hours=rules.session_hours):
        reason = "expired"
    elif now - row["last_seen"] > dt.timedelta(minutes=rules.idle_minutes):
        reason = "idle"
    if reason:
        with store.transaction() as cur:
            ss.end_session(cur, key, now, reason)
            sa.append_audit(cur, at=now, account_id=row["account_id"], role=row["role"],
                            action="session_end", reason=reason, client=row["client"])
        return Check(None, reason)
    if touch and now - row["last_seen"] >= TOUCH_EVERY:
        with store.transaction() as cur:
            ss.touch_session(cur, key, now)
    spec = rules.role(row["role"])
    return Check(Viewer(
        account_id=row["account_id"], display_name=row["display_name"], role=row["role"],
        powers=frozenset(spec.powers), region_code=row["region_code"],
        villages=frozenset(ss.assigned_villages(store, row["account_id"])),
        must_change_password=bool(row["must_change_password"]), session_hash=key,
        client=row["client"]))


def sign_out(store: Store, rules: AccountRules, token: str | None,
             client: str | None = None) -> None:
    """End the session of this cookie value (nothing happens for a dead or forged one)."""
    key = session_hash(store, rules, token)
    row = ss.get_session(store, key) if key else None
    if row is None or row["ended_at"] is not None:
        return
    now = _now()
    with store.transaction() as cur:
        ss.end_session(cur, key, now, "sign_out")
        sa.append_audit(cur, at=now, account_id=row["account_id"], role=row["role"],
                        action="sign_out", client=client)


def change_password(store: Store, rules: AccountRules, viewer: Viewer, old: str,
                    new: str) -> None:
    """Change the viewer's own password (the old one is checked, the rules apply); every
    other session of the account ends."""
    account = sa.get_account(store, viewer.account_id)
    try:
        account_service.HASHER.verify(account["password_hash"], old)
    except (VerifyMismatchError, VerificationError):
        raise AccountError("PASSWORD_OLD_WRONG") from None
    if problems := password_problems(new, rules):
        raise AccountError(problems[0])
    if new == old:
        raise AccountError("PASSWORD_SAME")
    now = _now()
    with store.transaction() as cur:
        sa.update_account(cur, viewer.account_id, now,
                          password_hash=account_service.HASHER.hash(new),
                          must_change_password=False)
        ss.end_account_sessions(cur, viewer.account_id, now, "password_changed",
                                keep=viewer.session_hash)
        sa.append_audit(cur, at=now, account_id=viewer.account_id, role=viewer.role,
                        action="password_change", client=viewer.client)


def record(store: Store, viewer: Viewer, action: str, target: str | None = None,
           reason: str | None = None) -> None:
    """Append one row to the audit log for what this viewer did or tried."""
    with store.transaction() as cur:
        sa.append_audit(cur, at=_now(), account_id=viewer.account_id, role=viewer.role,
                        action=action, target=target, reason=reason, client=viewer.client)
