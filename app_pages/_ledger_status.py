"""The 整改台账 page's status tab: pick an issue, see it, move it through the workflow (the
rules refuse what they forbid, with the reason), and read its append-only history."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from app_pages._evidence import evidence_panel
from paicha_geo import labels
from paicha_geo.render import escape, ledger_card
from paicha_geo.services import issue_service
from paicha_geo.services.data import Scope


def status_tab(region: Scope, scope: Scope) -> None:
    """The picker lists the open issues of the `region` on screen; a code typed in may be any
    issue within the reader's `scope` (an issue outside it is not found)."""
    store = _cache.store()
    code = st.text_input(labels.STATUS_ISSUE, key="issue_code").strip()
    if not code:
        codes = issue_service.open_issue_codes(store, region, limit=500)
        picked = st.session_state.get("issue_pick")
        if picked and picked not in codes:  # just closed: it stays on screen, still picked
            codes = [picked, *codes]
        code = st.selectbox(labels.STATUS_PICK, codes, index=None, key="issue_pick",
                            placeholder=labels.STATUS_PICK_PLACEHOLDER) or ""
    if done := st.session_state.pop("status_done", None):
        st.success(escape.markdown(done))
    if not code:
        return
    me = _auth.viewer()
    issue = issue_service.get_issue_as(store, me, code)
    if issue is None:
        st.error(labels.REFUSE_NOT_FOUND.format(code=escape.markdown(code)))
        return
    st.markdown(ledger_card.status_line(issue))
    with st.container(key="issue-description"):
        st.text(issue["description"] or "")
    actions = issue_service.allowed_actions(issue["status"])
    if not me.may("edit"):
        st.info(labels.NO_POWER.format(role=labels.ROLES[me.role], what=labels.STATUS_CHANGE))
    elif not actions:
        st.info(labels.STATUS_NO_ACTIONS)
    else:
        _action_form(store, me, code, issue, actions)
    st.markdown(f"**{labels.STATUS_HISTORY}**")
    with st.container(key="issue-history"):  # short, so a plain (printable) table
        st.table(escape.markdown_table(issue_service.history_table(store, scope, code)))
    evidence_panel(code)  # issue 14 item 4; the merge moves it onto the issue card


def _action_form(store, me, code: str, issue, actions) -> None:
    with st.form("status_form", clear_on_submit=False):
        st.caption(labels.STATUS_ACTOR_IS.format(name=escape.markdown(me.display_name),
                                                 account=escape.markdown(me.account_id)))
        action = st.selectbox(labels.STATUS_ACTION, actions, format_func=lambda a: a.label)
        measures = st.text_area(labels.STATUS_MEASURES, value=issue["measures"] or "")
        note = st.text_input(labels.STATUS_NOTE)
        submitted = st.form_submit_button(labels.STATUS_SUBMIT, type="primary")
    if not submitted:
        return
    try:
        new = issue_service.change_status_as(store, me, code, action.to_status,
                                             expected_version=issue["version"], note=note,
                                             measures=measures)
    except (issue_service.ConflictError, issue_service.TransitionRefused,
            issue_service.IssueNotFound) as exc:
        st.error(escape.markdown(labels.say(exc)))
    else:  # show the new state at once, with the message above it
        st.session_state["status_done"] = labels.STATUS_DONE.format(
            code=code, status=labels.status_label(new["status"]), version=new["version"])
        st.rerun()
