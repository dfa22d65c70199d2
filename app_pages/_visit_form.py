"""Recording a visit on the inspection page: the villages visited, and for each (a tab) its own
finding, the households seen (each may carry its own finding) and, when chosen, the finding
raised as a 督查 issue on that village with item, 责任单位, severity and deadline. Every
problem is named before anything is written; a saved visit empties the form. Who is the
signed-in account; a role that does not record visits does not get the form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import clock, visit_service
from paicha_geo.services.data import Scope

ROUND = "visit_round"  # bumped after a save: every key changes, so the form starts empty
SAVED = "visit_saved"  # the confirmation, shown after the rerun that empties the form


def visit_form(version: str, scope: Scope, ranked, chosen: list[str],
               campaign_deadline: dt.date) -> None:
    me = _auth.viewer()
    if not me.may("visit"):
        return
    checklist = _cache.snapshot(version).checklist.set_index("code")["short"]
    units = _cache.units(version, scope)
    today = clock.today(_cache.store())
    deadline = visit_service.default_deadline(campaign_deadline, today)
    mine = [c for c in ranked.index if me.may_act_on(c)]  # an inspector's assigned villages
    names = _cache.region_names(version)

    def named(code: str) -> str:  # village names repeat across townships
        return labels.VISIT_VILLAGE_NAME.format(name=ranked.loc[code, "name"],
                                                town=names.get(ranked.loc[code, "parent_code"]))
    n = st.session_state.get(ROUND, 0)
    saved = st.session_state.pop(SAVED, None)
    with st.expander(labels.VISIT_FORM, expanded=saved is not None):
        if saved:
            st.success(escape.markdown(saved))
        villages = st.multiselect(labels.VISIT_VILLAGES, mine, key=f"visit-villages-{n}",
                                  default=[c for c in chosen if c in mine],
                                  format_func=named,
                                  placeholder=labels.CHOOSE_OPTIONS)
        with st.form(f"visit-form-{n}"):
            c1, c2 = st.columns(2)
            when = c1.date_input(labels.VISIT_DATE, value=today, max_value=today,
                                 format="YYYY-MM-DD", key=f"visit-date-{n}")
            c2.caption(labels.VISIT_WHO_IS.format(name=escape.markdown(me.display_name),
                                                  account=escape.markdown(me.account_id)))
            if not villages:
                st.info(labels.VISIT_PICK_VILLAGES)
            tabs = st.tabs([escape.markdown(named(c)) for c in villages]) if villages else []
            findings = [_finding(tab, code, f"visit-{n}-{code}", checklist, units, deadline)
                        for tab, code in zip(tabs, villages, strict=True)]
            submitted = st.form_submit_button(labels.VISIT_SAVE, type="primary",
                                              key=f"visit-save-{n}")
    if submitted:
        _save(me, when, findings, n)


def _finding(tab, code: str, key: str, checklist, units: list[str],
             deadline: dt.date) -> visit_service.Finding:
    with tab:
        text = st.text_area(labels.VISIT_FINDINGS, key=f"{key}-text")
        homes = st.text_area(labels.VISIT_HOUSEHOLDS, key=f"{key}-homes",
                             placeholder=labels.VISIT_HOUSEHOLDS_HINT)
        raise_it = st.checkbox(labels.VISIT_TO_ISSUE, key=f"{key}-issue")
        c1, c2 = st.columns(2)
        item = c1.selectbox(labels.VISIT_ITEM, list(checklist.index), key=f"{key}-item",
                            format_func=lambda c: f"{c} {checklist[c]}",
                            placeholder=labels.CHOOSE_ONE)
        unit = c2.selectbox(labels.VISIT_UNIT, units, index=None, accept_new_options=True,
                            placeholder=labels.VISIT_UNIT_PLACEHOLDER, key=f"{key}-unit")
        c3, c4, c5 = st.columns(3)
        severity = c3.selectbox(labels.VISIT_SEVERITY, list(labels.SEVERITIES),
                                format_func=labels.SEVERITIES.get, key=f"{key}-severity",
                                placeholder=labels.CHOOSE_ONE)
        due = c4.date_input(labels.VISIT_DEADLINE, value=deadline, format="YYYY-MM-DD",
                            key=f"{key}-deadline")
        home = c5.text_input(labels.VISIT_ISSUE_HOUSEHOLD, key=f"{key}-household")
    issue = visit_service.IssueDraft(item, unit, severity, due,
                                     home.strip() or None) if raise_it else None
    return visit_service.Finding(code, text, visit_service.household_lines(homes), issue)


def _save(me, when: dt.date, findings: list[visit_service.Finding], n: int) -> None:
    try:
        codes = visit_service.record_visit_as(_cache.store(), me, visit_date=when,
                                              findings=findings)
    except visit_service.VisitRefused as exc:  # nothing written; the form keeps its text
        st.error(escape.markdown(labels.say(exc)))
        return
    st.session_state[SAVED] = visit_service.summary(findings, codes)
    st.session_state[ROUND] = n + 1
    st.rerun()
