"""Recording a visit on the inspection page: when, which villages and households, what was
found, and optionally the finding as a new 督查 issue (one transaction). Who is the signed-in
account; a role that does not record visits does not get the form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import inspect_service
from paicha_geo.services.data import Scope


def visit_form(version: str, scope: Scope, ranked, chosen: list[str], asof: dt.date,
               deadline: dt.date) -> None:
    me = _auth.viewer()
    if not me.may("visit"):
        return
    checklist = _cache.snapshot(version).checklist.set_index("code")["short"]
    mine = [c for c in ranked.index if me.may_act_on(c)]  # an inspector's assigned villages
    with st.expander(labels.VISIT_FORM, expanded=False), st.form("visit_form"):
        c1, c2 = st.columns(2)
        when = c1.date_input(labels.VISIT_DATE, value=asof or dt.date.today())
        c2.caption(labels.VISIT_WHO_IS.format(name=escape.markdown(me.display_name),
                                              account=escape.markdown(me.account_id)))
        villages = st.multiselect(labels.VISIT_VILLAGES, mine,
                                  default=[c for c in chosen if c in mine],
                                  format_func=lambda c: ranked.loc[c, "name"])
        homes = st.text_area(labels.VISIT_HOUSEHOLDS)
        findings = st.text_area(labels.VISIT_FINDINGS)
        to_issue = st.checkbox(labels.VISIT_TO_ISSUE)
        c3, c4, c5 = st.columns(3)
        item = c3.selectbox(labels.VISIT_ITEM, list(checklist.index),
                            format_func=lambda c: f"{c} {checklist[c]}")
        severity = c4.selectbox(labels.VISIT_SEVERITY, list(labels.SEVERITIES),
                                format_func=labels.SEVERITIES.get)
        issue_deadline = c5.date_input(labels.VISIT_DEADLINE, value=deadline)
        if not st.form_submit_button(labels.VISIT_SAVE, type="primary"):
            return
    if not (villages and findings.strip()):
        st.error(labels.VISIT_NEED)
        return
    issue = {"region_code": villages[0], "item_code": item, "severity": severity,
             "deadline": issue_deadline, "description": findings.strip()} if to_issue else None
    code = inspect_service.record_visit_as(
        _cache.store(), me, village_codes=villages, visit_date=when, findings=findings.strip(),
        households=[h.strip() for h in homes.splitlines() if h.strip()], new_issue=issue)
    st.success(labels.VISIT_SAVED.format(n=len(villages))
               + (labels.VISIT_SAVED_ISSUE.format(code=code) if code else ""))
