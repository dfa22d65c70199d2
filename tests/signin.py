"""Signing a test in: a real session in the test database for one of the demo accounts.

AppTest cannot send the gate's header, so a test puts the session id where the gate would
(`st.user["session"]`, through `AppTest.user`); the page then checks it like any other.
"""

from __future__ import annotations

import os
from pathlib import Path

from paicha_geo.services import session_service
from paicha_geo.store import Store


def session_for(db: Path | str, account: str = "admin") -> str:
    with Store(db) as store:
        return session_service.open_trusted(store, account, "test")


def signed_in(at, account: str = "admin", db: Path | str | None = None):
    """`at` (an AppTest) signed in as the demo `account` of `db` (default: $PAICHA_DB)."""
    at.user = {"session": session_for(db or os.environ["PAICHA_DB"], account)}
    return at


def viewer(store, account: str) -> session_service.Viewer:
    """The demo `account` signed in on `store` as a page sees it (a real session, checked)."""
    from paicha_geo.config import settings

    token = session_service.open_trusted(store, account, "test")
    return session_service.check(store, settings().accounts, token).viewer
