"""The issue card on the 整改台账 page: one issue in words, the status changes the workflow
allows (the rules refuse what they forbid, with the reason), its append-only history and a
link to its village on the map. After a change the same issue stays on screen."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache, _sidebar
from app_pages._evidence import evidence_panel
from paicha_geo import labels
from paicha_geo.render import escape, ledger_card
from paicha_geo.services import issue_card, issue_service

DONE_KEY = "status_done"


def card(version: str, code: str, on_screen: bool, then: tuple | None) -> None:
    """The card of issue `code` (read now from the store); `on_screen`: whether the grid
    still lists it (after an action moved it out of the filter, it stays here); `then`: the
    grid's (day, status that day), said when it differs from the status now."""
    store, me = _cache.store(), _auth.viewer()
    found = issue_card.issue_card(store, _cache.snapshot(version), me, code)
    with st.container(key="issue-card", border=True):
        if done := st.session_state.pop(DONE_KEY, None):
            st.success(escape.markdown(done))
        if found is None:
            st.warning(labels.CARD_GONE.format(code=escape.markdown(code)))
            return
        issue = found.issue
        st.subheader(labels.CARD_TITLE.format(code=escape.markdown(code)))
        if not on_screen:
            st.caption(labels.CARD_ON_SCREEN)
        st.markdown(ledger_card.status_line(issue))
        if then and then[1] != issue["status"]:
            st.caption(labels.CARD_STATUS_THEN.format(asof=then[0],
                                                      status=labels.status_label(then[1])))
        st.markdown(ledger_card.facts(found))
        asof = ({_sidebar.CARRIED_DAY: st.query_params["asof"]} if "asof" in st.query_params
                else {})
        st.page_link("app_pages/map.py", query_params={"region": found.region_code, **asof},
                     label=labels.CARD_MAP_LINK.format(place=escape.markdown(found.place)))
        st.page_link("app_pages/crosscheck.py", label=labels.CARD_SAME_LINK,  # 举一反三
                     query_params={"like": issue["item_code"], **asof})
        for title, text, key in ((labels.CARD_DESCRIPTION, issue["description"],
                                  "issue-description"),
                                 (labels.CARD_MEASURES, issue["measures"], "issue-measures")):
            st.markdown(f"**{title}**")
            with st.container(key=key):
                st.text(text or labels.NO_DATA)
        if found.withheld:
            st.caption(escape.markdown(found.withheld))
        if not me.may("edit"):
            st.info(labels.NO_POWER.format(role=labels.ROLES[me.role], what=labels.STATUS_CHANGE))
        elif not found.actions:
            st.info(labels.STATUS_NO_ACTIONS)
        else:
            _action_form(store, me, code, issue, found.actions)
        st.markdown(f"**{labels.STATUS_HISTORY}**")
        with st.container(key="issue-history"):  # short, so a plain (printable) table
            st.table(ledger_card.history(found.history), hide_index=True)
        evidence_panel(code)  # 佐证材料: thumbnails, downloads, upload


def _action_form(store, me, code: str, issue, actions) -> None:
    with st.form(f"status_form-{code}", clear_on_submit=False):
        st.caption(labels.STATUS_ACTOR_IS.format(name=escape.markdown(me.display_name),
                                                 account=escape.markdown(me.account_id)))
        action = st.selectbox(labels.STATUS_ACTION, actions, format_func=lambda a: a.label,
                              placeholder=labels.STATUS_ACTION_PLACEHOLDER)
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
        st.session_state[DONE_KEY] = labels.STATUS_DONE.format(
            code=code, status=labels.status_label(new["status"]), version=new["version"])
        st.rerun()
