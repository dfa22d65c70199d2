"""The signed-in account is checked against the database once per script run, however often
the page asks (every download button does), and again at the next run: signing out
elsewhere still ends the page at its next run."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo.services import session_service
from tests.signin import session_for


def _page():
    import streamlit as st

    from app_pages import _auth

    names = [_auth.viewer().account_id for _ in range(5)]
    st.write(" ".join(names))


def test_one_check_per_run_and_a_sign_out_ends_the_next_run(db, monkeypatch):
    from paicha_geo.config import settings
    from paicha_geo.store import Store

    checks = []
    real = session_service.check
    monkeypatch.setattr(session_service, "check",
                        lambda *a, **k: checks.append(1) or real(*a, **k))
    token = session_for(db, "leader")
    at = AppTest.from_function(_page, default_timeout=60)
    at.user = {"session": token}
    at.run()
    assert at.markdown[0].value == " ".join(["leader"] * 5)
    assert len(checks) == 1
    at.run()
    assert len(checks) == 2  # the next run checks again

    with Store(db) as store:
        session_service.sign_out(store, settings().accounts, token)
    at.run()
    assert not at.markdown or "leader" not in at.markdown[0].value
    assert at.warning and "登录" in at.warning[0].value
