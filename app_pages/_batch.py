"""Batch actions on the issues picked in the grid (验收销号, 责任单位, 整改时限): each issue is
checked by the workflow on its own; a summary says what was done and what was refused, why."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import ledger_card
from paicha_geo.services import issue_batch
from paicha_geo.services.data import Scope

DONE_KEY = "batch_done"


def batch_panel(version: str, scope: Scope, codes: list[str], seen: dict[str, int]) -> None:
    me = _auth.viewer()
    with st.container(key="batch", border=True):
        st.subheader(labels.BATCH_TITLE.format(n=len(codes)))
        if summary := st.session_state.pop(DONE_KEY, None):
            (st.success if not summary.refused else st.warning)(labels.BATCH_SUMMARY.format(
                action=labels.BATCH_ACTIONS[summary.action], done=summary.done,
                refused=summary.refused))
            with st.container(key="batch-summary"):
                st.table(ledger_card.batch_rows(summary.rows), hide_index=True)
        if not me.may("edit"):
            st.info(labels.NO_POWER.format(role=labels.ROLES[me.role],
                                           what=labels.BATCH_NO_POWER))
            return
        action = st.radio(labels.BATCH_ACTION, issue_batch.ACTIONS, horizontal=True,
                          format_func=labels.BATCH_ACTIONS.get, key="batch_action")
        with st.form("batch_form"):
            value = None
            if action == "unit":
                value = st.selectbox(labels.BATCH_UNIT, _cache.units(version, scope),
                                     index=None, accept_new_options=True,
                                     placeholder=labels.BATCH_UNIT_PLACEHOLDER)
            elif action == "deadline":
                value = st.date_input(labels.BATCH_DEADLINE, value=None, format="YYYY-MM-DD")
            note = st.text_input(labels.BATCH_NOTE)
            st.caption(labels.BATCH_RULES)
            submitted = st.form_submit_button(labels.BATCH_SUBMIT, type="primary")
    if submitted:
        st.session_state[DONE_KEY] = issue_batch.run_batch(
            _cache.store(), me, codes, action, value=value, note=note, seen=seen)
        st.rerun()
