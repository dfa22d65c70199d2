"""Accounts: who may sign in, in which role, over which region; the password rules.

Pure rules. Roles and their powers are settings (`AccountRules.roles`), not code: a role names
what it may do (`read`, `edit`, `personal`, `visit`, `audit`, `admin`) and whether its
accounts need a region. Passwords are hashed by a well-kept library in the services layer;
nothing here sees a hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paicha_geo.domain.errors import Message, UserError

POWERS = ("read", "edit", "personal", "visit", "audit", "admin")
ACCOUNT_NAME = re.compile(r"[A-Za-z0-9_.\-]{2,40}")


@dataclass(frozen=True)
class Role:
    key: str
    powers: tuple[str, ...]
    needs_region: bool  # a district or township official: scoped to one region


@dataclass(frozen=True)
class AccountRules:
    password_min_length: int = 10
    password_classes: int = 3  # of: lower case, upper case, digits, other characters
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    idle_minutes: int = 30
    session_hours: int = 12
    roles: dict = field(default_factory=dict)  # key -> {"powers": [...], "needs_region": bool}
    # Behind a single-sign-on proxy (统一身份认证): the header naming the signed-in account,
    # believed only from these client addresses. Empty: local accounts only.
    sso_header: str = ""
    sso_proxies: tuple = ("127.0.0.1", "::1")

    def role(self, key: str) -> Role:
        spec = self.roles.get(key)
        if spec is None:
            raise AccountError("ACCOUNT_UNKNOWN_ROLE", role=key, roles=tuple(self.roles))
        return Role(key, tuple(spec.get("powers", ())), bool(spec.get("needs_region")))


class AccountError(UserError):
    """An account change the rules refuse (unknown role, bad name, weak password...)."""


def check_name(name: str) -> None:
    if not ACCOUNT_NAME.fullmatch(name or ""):
        raise AccountError("ACCOUNT_BAD_NAME", name=name)


def password_problems(password: str, rules: AccountRules) -> list[Message]:
    """What is wrong with a new password under the rules (empty: acceptable)."""
    out = []
    if len(password) < rules.password_min_length:
        out.append(Message("PASSWORD_TOO_SHORT", minimum=rules.password_min_length))
    classes = sum(bool(re.search(p, password)) for p in
                  (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    if classes < rules.password_classes:
        out.append(Message("PASSWORD_TOO_SIMPLE", classes=rules.password_classes))
    return out


def check_region(role: Role, region: str | None, known: set[str]) -> None:
    """A scoped role needs a known region code; a region given must be known."""
    if role.needs_region and not region:
        raise AccountError("ACCOUNT_NEEDS_REGION", role=role.key)
    if region and region not in known:
        raise AccountError("ACCOUNT_UNKNOWN_REGION", region=region)
