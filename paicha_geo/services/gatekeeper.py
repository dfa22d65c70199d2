"""What the web gate (paicha_geo.web) asks of the data: plain functions it runs in a thread.

The gate runs outside any Streamlit script, so it keeps its own handle on the database (the
same DuckDB instance the pages use: one process, one file). The demo is built here on a true
first start, because the sign-in page is the first thing anyone opens.
"""

from __future__ import annotations

import threading

from paicha_geo.demo.accounts import DEMO_PASSWORD  # noqa: F401 - shown on the sign-in page
from paicha_geo.domain.accounts import AccountRules
from paicha_geo.services import session_service, startup
from paicha_geo.store import Store, StoreBusyError  # noqa: F401 - the web layer catches it
from paicha_geo.store import queries as q
from paicha_geo.store import sessions as ss
from paicha_geo.store.accounts import accounts

_lock = threading.Lock()
_stores: dict[str, Store] = {}



class DatabaseMissing(Exception):
    """The configured database does not exist (and this is not a first start)."""


def store() -> Store:
    """The process's handle on the configured database (built on a true first start)."""
    path = startup.database_path()
    with _lock:
        if str(path) not in _stores:
            if startup.needs_first_demo(path):
                startup.build_first_demo(path)
            elif not path.exists():
                raise DatabaseMissing(str(path))
            _stores[str(path)] = startup.open_store(path)
        return _stores[str(path)]


def rules() -> AccountRules:
    return startup.settings().accounts


def check(token: str | None) -> session_service.Check:
    return session_service.check(store(), rules(), token)


def sign_in(name: str, password: str, client: str | None) -> str:
    return session_service.sign_in(store(), rules(), name, password, client)


def sign_out(token: str | None, client: str | None) -> None:
    session_service.sign_out(store(), rules(), token, client)


def trusted_session(account_id: str, client: str | None) -> str:
    return session_service.open_trusted(store(), account_id, "sso", client)


def has_accounts() -> bool:
    """False on a new installation: the sign-in page then names the command that creates
    the first administrator (nobody can create one from the browser)."""
    return not accounts(store()).empty


def demo_accounts() -> list[dict]:
    """The demo database's accounts (name, role, region name) for its sign-in page; empty
    for real data."""
    s = store()
    if ss.meta_value(s, "is_demo") != "1":
        return []
    frame = accounts(s)
    frame = frame[~frame["disabled"]]
    regions = q.regions(s)
    names = dict(zip(regions["code"], regions["name"], strict=True))
    return [{"account": r.account_id, "name": r.display_name, "role": r.role,
             "region": names.get(r.region_code, "") if r.region_code else ""}
            for r in frame.itertuples()]
