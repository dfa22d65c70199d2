"""The 整改台账 page's 部门数据比对 tab: upload a department's list, preview how its rows
match the account's households and which leads they make, confirm (all or nothing); then
review the leads: raise one as a 数据比对 issue, or reject it with a reason."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import dept_service


def dept_tab() -> None:
    me = _auth.viewer()
    st.caption(labels.DEPT_INTRO)
    if said := st.session_state.pop("dept_said", None):  # what the last action did
        st.success(said)
    if me.may("edit"):
        _import(me)
    else:
        st.info(labels.DEPT_READ_ONLY)
    _leads(me)


def _import(me) -> None:
    kind = st.radio(labels.DEPT_KIND, list(labels.DEPT_LIST_KINDS), horizontal=True,
                    format_func=labels.DEPT_LIST_KINDS.get, key="dept_kind")
    upload = st.file_uploader(labels.DEPT_FILE, key=f"dept-upload-{kind}",
                              type=["xlsx", "csv", "txt"])
    if upload is not None and st.button(labels.DEPT_PREVIEW, key="dept-preview"):
        st.session_state["dept_preview"] = dept_service.preview(
            _cache.store(), me, kind, upload.name, upload.getvalue())
    shown = st.session_state.get("dept_preview")
    if shown is None or upload is None or (shown.kind, shown.file_name) != (kind, upload.name):
        return
    for notice in shown.notices:
        st.info(escape.markdown(notice))
    if shown.problems:
        st.error(labels.DEPT_PROBLEMS)
        st.markdown("\n".join(f"- {escape.markdown(p)}" for p in shown.problems))
        return
    st.success(shown.summary())
    leads, loose = dept_service.preview_tables(_cache.store(), shown)
    st.markdown(f"**{labels.DEPT_PREVIEW_LEADS}**")
    if len(leads):
        st.dataframe(leads, hide_index=True, width="stretch", key="dept-preview-leads")
    else:
        st.info(labels.DEPT_NO_LEADS)
    if len(loose):
        st.markdown(f"**{labels.DEPT_PREVIEW_LOOSE}**")
        st.dataframe(loose, hide_index=True, width="stretch", key="dept-preview-loose")
    if st.button(labels.DEPT_CONFIRM, key="dept-commit", type="primary"):
        try:
            dept_service.commit(_cache.store(), me, shown)
        except dept_service.DeptRefused as exc:
            st.error(escape.markdown(labels.say(exc)))
        else:
            st.session_state.pop("dept_preview")
            _done(labels.DEPT_SAVED.format(summary=shown.summary()))


def _leads(me) -> None:
    store = _cache.store()
    frame = dept_service.leads(store, me)
    st.markdown(f"**{labels.DEPT_LEADS}**")
    if frame.empty:
        st.info(labels.DEPT_NO_SAVED_LEADS)
    else:
        st.dataframe(dept_service.leads_table(store, frame), hide_index=True, width="stretch",
                     key="dept-leads")
    unmatched = dept_service.unmatched_table(store, me)
    if len(unmatched):
        with st.expander(labels.DEPT_UNMATCHED.format(n=len(unmatched))):
            st.dataframe(unmatched, hide_index=True, width="stretch", key="dept-unmatched")
    choices = dept_service.open_leads(frame)
    if not choices or not me.may("edit"):
        return
    key = st.selectbox(labels.DEPT_PICK, choices, key="dept-pick", placeholder=labels.CHOOSE_ONE,
                       format_func=lambda k: dept_service.choice_label(frame, k))
    c1, c2 = st.columns(2)
    try:
        if c1.button(labels.DEPT_ACCEPT, key="dept-accept", type="primary"):
            code = dept_service.accept(store, me, *key)
            _done(labels.DEPT_ACCEPTED.format(code=code))
        with c2.form("dept-reject-form", clear_on_submit=True, border=False):
            reason = st.text_input(labels.DEPT_REJECT_REASON, key="dept-reason")
            if st.form_submit_button(labels.DEPT_REJECT, key="dept-reject"):
                dept_service.reject(store, me, *key, reason)
                _done(labels.DEPT_REJECTED)
    except (dept_service.DeptRefused, dept_service.ConflictError) as exc:
        st.error(escape.markdown(labels.say(exc)))


def _done(said: str) -> None:
    """Run the page again so the tables show the change, with what was done said on top."""
    st.session_state["dept_said"] = said
    st.rerun()
