"""Who is at this page: the signed-in account, checked against the database on every run.

The web gate lets no request through without a live session and hands its id to the script
as st.user["session"]. A websocket outlives the cookie, so the check repeats here each run:
signing out elsewhere, the idle timeout, the absolute lifetime or a disabled account end the
page at its next run. Pages ask `viewer()`; a page run without a live session stops here.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app_pages import _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import session_service, startup
from paicha_geo.services.session_service import Viewer


def _token() -> str | None:
    try:
        return st.user.to_dict().get("session")
    except Exception:  # no user information at all
        return None


def viewer() -> Viewer:
    """The signed-in viewer; otherwise a message with the way back to the sign-in page, and
    the page stops. Checked against the database once per script run (or fragment run):
    a page asks for it a dozen times (every download button), and each check read the
    database again (0.1 s of every drill step)."""
    token = _token()
    run = _this_run()
    memo = st.session_state.get(_MEMO)
    if run is not None and memo is not None and memo[0] is run and memo[1] == token:
        return memo[2]
    checked = session_service.check(_cache.store(), startup.settings().accounts, token,
                                    touch=True)
    if checked.viewer is None:
        reason = labels.SIGN_IN_ENDED.get(checked.reason, labels.SIGN_IN_ENDED["none"])
        st.warning(labels.SESSION_GONE.format(reason=reason))
        st.stop()
    if run is not None:
        st.session_state[_MEMO] = (run, token, checked.viewer)
    return checked.viewer


_MEMO = "_paicha_viewer_this_run"


def _this_run() -> object | None:
    """An object that is new at every script or fragment run: Streamlit's context resets
    its element cursors (a new dict) each time."""
    ctx = get_script_run_ctx()
    return getattr(ctx, "cursors", None)  # None (no memo, a check per call) if it is gone


def require(power: str, what: str) -> Viewer:
    """The viewer if the role has `power`; else a clear refusal and the page (or the part
    of it inside a fragment) stops."""
    me = viewer()
    if not me.may(power):
        st.error(labels.NO_POWER.format(role=labels.ROLES.get(me.role, me.role), what=what))
        st.stop()
    return me


def signed_in_box(region_names: dict) -> None:
    """The sidebar's line naming the account, its role and region, and the sign-out link."""
    me = viewer()
    region = region_names.get(me.region_code, "") if me.region_code else ""
    st.caption(escape.markdown(labels.SIGNED_IN_AS.format(
        name=me.display_name, role=labels.ROLES.get(me.role, me.role),
        region=f"，{region}" if region else "")))
    st.markdown(f'<a href="/logout" target="_self">{labels.SIGN_OUT}</a>',
                unsafe_allow_html=True)


def change_password_form() -> None:
    """At the first sign-in with a one-time password: change it before anything else."""
    me = viewer()
    if not me.must_change_password:
        return
    st.title(labels.CHANGE_PASSWORD_TITLE)
    st.info(labels.CHANGE_PASSWORD_HINT)
    with st.form("change_password"):
        old = st.text_input(labels.CHANGE_PASSWORD_OLD, type="password")
        new = st.text_input(labels.CHANGE_PASSWORD_NEW, type="password")
        again = st.text_input(labels.CHANGE_PASSWORD_AGAIN, type="password")
        submitted = st.form_submit_button(labels.CHANGE_PASSWORD_SUBMIT, type="primary")
    if submitted:
        if new != again:
            st.error(labels.CHANGE_PASSWORD_MISMATCH)
        else:
            try:
                session_service.change_password(_cache.store(), startup.settings().accounts,
                                                me, old, new)
            except session_service.AccountError as exc:
                st.error(labels.say(exc))
            else:
                st.success(labels.CHANGE_PASSWORD_DONE)
                st.rerun()
    st.stop()
