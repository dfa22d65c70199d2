"""One kind of 数据比对 line on the page: the list in words, and one line's action (回头看 of
its closed issue, or a new issue with source 数据比对) for an account that may act."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import crosscheck_service, issue_service
from paicha_geo.services.data import OutOfScope

SHOWN = 200
DONE_KEY = "crosscheck_done"


def lines_section(version: str, scope, asof, result, kind: str) -> None:
    """`result`: _cache.crosscheck_view(version, scope, asof)."""
    snap, store, me = _cache.snapshot(version), _cache.store(), _auth.viewer()
    if done := st.session_state.pop(f"{DONE_KEY}-{kind}", None):
        st.success(escape.markdown(done))
    checks = [None, *labels.CROSS_CHECKS]
    check = st.selectbox(labels.CROSS_PICK_CHECK, checks, key=f"crosscheck-check-{kind}",
                         format_func=lambda c: labels.CROSS_CHECKS.get(c, labels.CROSS_ALL_CHECKS),
                         placeholder=labels.CHOOSE_ONE)
    total = int(((result.lines["kind"] == kind)
                 & ((result.lines["check"] == check) if check else True)).sum())
    if not total:
        st.info(labels.CROSS_NONE.format(kind=labels.CROSS_KINDS[kind]))
        return
    shown = _cache.crosscheck_lines(version, scope, asof, kind, check, SHOWN)
    st.caption(labels.CROSS_SHOWN.format(total=total, shown=len(shown)))
    columns = labels.CROSS_LINE_COLUMNS
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True,
                 width="stretch", key=f"crosscheck-lines-{kind}",
                 column_config={columns[c]: st.column_config.Column(width=w) for c, w in
                                (("place", 260), ("who", 300), ("fact", 380))})
    may_raise = me.may("edit") or me.may("visit")
    if not may_raise:
        st.info(labels.CROSS_READ_ONLY.format(role=labels.ROLES[me.role]))
        return
    st.markdown(f"**{labels.CROSS_ACT_TITLE.format(kind=labels.CROSS_KINDS[kind])}**")
    # Options are the lines' own keys, not positions: after an action the list changes, and a
    # position would silently point at another household while the old text stayed on screen.
    by_key = {crosscheck_service.line_key(row): row for row in shown.to_dict("records")}
    with st.form(f"crosscheck-form-{kind}", clear_on_submit=True):
        pick = st.selectbox(labels.CROSS_ACT_PICK, list(by_key),
                            format_func=lambda k: by_key[k]["text"],
                            placeholder=labels.CHOOSE_ONE, key=f"crosscheck-pick-{kind}")
        note = st.text_input(labels.CROSS_ACT_NOTE, key=f"crosscheck-note-{kind}")
        with st.container(horizontal=True):
            reopen = (kind == "doubt" and me.may("edit")
                      and st.form_submit_button(labels.CROSS_REOPEN, type="primary"))
            raise_new = st.form_submit_button(labels.CROSS_RAISE)
    if pick is None or not (reopen or raise_new):
        return
    line = by_key[pick]
    try:
        if reopen:
            issue = crosscheck_service.reopen_as(store, me, line, note)
            said = labels.CROSS_REOPENED.format(code=issue["issue_code"],
                                                status=labels.status_label(issue["status"]))
        else:
            code = crosscheck_service.raise_as(store, snap, me, line, note)
            said = labels.CROSS_RAISED.format(code=code)
    except OutOfScope:
        st.error(labels.CROSS_ACT_OUTSIDE)
    except (issue_service.ConflictError, issue_service.TransitionRefused,
            issue_service.IssueNotFound) as exc:
        st.error(escape.markdown(labels.say(exc)))
    else:
        st.session_state[f"{DONE_KEY}-{kind}"] = said
        st.rerun()
