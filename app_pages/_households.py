"""The 三保障 page's household list (a township or a village): names and ID numbers always
masked; selecting a household shows its issues, and a role allowed to see personal data may
reveal that one household with a reason (audited)."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache, _facts, _nav, _params
from paicha_geo import labels
from paicha_geo.render import escape, guarantee_cards
from paicha_geo.services import guarantees_service
from paicha_geo.services.data import HOUSEHOLD_FACT_COLUMNS, Scope


def household_list(version: str, scope: Scope | None, asof, check: str, resolved) -> None:
    """`scope` is the township or village listed; None above township level: the hint, and
    the regions one level down as buttons (`resolved`: the region on screen)."""
    st.subheader(labels.HOUSEHOLD_LIST)
    if scope is None:
        st.caption(labels.HOUSEHOLD_PICK_TOWN)
        _nav.child_buttons(_cache.snapshot(version), resolved)
        return
    me = _auth.viewer()
    only_failing = _params.toggle(st, labels.HOUSEHOLD_ONLY_FAILING, key="gonly")
    people = _cache.household_list(version, scope, asof, False,
                                   check if only_failing else None)
    st.caption(labels.HOUSEHOLD_LIST_PERSONAL if me.may("personal")
               else labels.HOUSEHOLD_LIST_HINT)
    picked = st.dataframe(guarantee_cards.households(people), hide_index=True, width="stretch",
                          height=360, on_select="rerun", selection_mode="single-row",
                          placeholder=labels.NO_DATA,
                          key="households")
    if not (rows := (picked.selection.rows if picked else [])):
        return
    household = people.iloc[rows[0]]["household_id"]
    st.markdown(labels.HOUSEHOLD_ISSUES_OF.format(household=escape.markdown(household)))
    if me.may("personal"):
        _reveal(me, household)
    issues = _cache.household_issues(version, scope, household, asof)
    if issues.empty:
        st.caption(labels.HOUSEHOLD_NO_ISSUES)
    else:
        with st.container(key="household-issues"):
            st.table(guarantee_cards.household_issues(issues))
    _facts.history(labels.FACT_HISTORY_HOUSEHOLD,
                   _cache.household_fact_history(version, scope, household, asof),
                   HOUSEHOLD_FACT_COLUMNS, "household-facts")


def _reveal(me, household: str) -> None:
    """One household at a time, with a reason; shown for this run only (not kept)."""
    with st.form(f"reveal-{household}", clear_on_submit=True):
        st.markdown(f"**{labels.REVEAL_TITLE}**")
        reason = st.text_input(labels.REVEAL_REASON)
        submitted = st.form_submit_button(labels.REVEAL_SUBMIT)
    if not submitted:
        return
    try:
        shown = guarantees_service.reveal_household(_cache.store(), me, household, reason)
    except guarantees_service.RevealRefused as exc:
        st.error(labels.say(exc))
    else:
        with st.container(key="revealed"):
            st.text(labels.REVEAL_SHOWN.format(name=shown["head_name"],
                                               id_number=shown["id_number"]))
