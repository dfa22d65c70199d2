"""整改进度's 挂牌督办: the issues the rule says are due (tick rows, give a reason and a
督办时限, mark them), the issues marked now (tick rows to lift the mark, or to print only
them), and the 督办通知单 download. Every action is the signed-in account's; a batch ends
in a summary of what was done and what was refused and why."""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from app_pages import _auth, _cache, _downloads
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render import progress_tables as pt
from paicha_geo.render import supervision_tables as svt
from paicha_geo.services import supervision_service as sv

DEADLINE_DAYS = 15  # the 督办时限 the form proposes: two weeks after the data's day


def _round() -> int:
    """Bumped after each action, so the tables' ticks and the forms start empty again."""
    return st.session_state.get("sv_round", 0)


def _table_key(name: str, frame) -> str:
    """A table's key names its round and its rows: ticks are row positions, so a table whose
    rows changed (another filter, another day) must start unticked, not tick other issues."""
    rows = hashlib.sha1("\n".join(frame["issue_code"]).encode()).hexdigest()[:12]
    return f"{name}-{_round()}-{rows}"


def _selected(frame, event) -> list[str]:
    return list(frame["issue_code"].iloc[list(event.selection.rows)])


def _after(outcomes, done_text: str) -> None:
    """Keep the batch's summary for the next run, clear the ticks, and run again."""
    done = sum(o.done for o in outcomes)
    st.session_state["sv_summary"] = (done_text.format(count=done),
                                      [o.message for o in outcomes if not o.done])
    st.session_state["sv_round"] = _round() + 1
    st.rerun()


def _summary() -> None:
    if summary := st.session_state.pop("sv_summary", None):
        done, refused = summary
        st.success(done)
        if refused:
            st.error("\n".join([labels.SUPERVISION_REFUSED.format(count=len(refused)),
                                *(f"- {escape.markdown(m)}" for m in refused)]))


def due_list(view) -> list[str] | None:
    """The rule's list (overdue more than 30 days), rows to tick; the codes ticked (None:
    nothing is due)."""
    st.subheader(labels.ESCALATE_HEADING)
    if view.escalations.empty:
        st.success(labels.ESCALATE_NONE)
        return None
    st.caption(labels.ESCALATE_COUNT.format(count=len(view.escalations)))
    event = st.dataframe(pt.escalation_display(view.escalations), hide_index=True,
                         height=300, key=_table_key("escalations", view.escalations),
                         on_select="rerun", selection_mode="multi-row")
    return _selected(view.escalations, event)


def _mark_form(me, picked: list[str], asof: dt.date) -> None:
    n = _round()
    with st.form(f"sv-mark-{n}"):
        st.caption(labels.SUPERVISION_PICK_HINT + " " +
                   labels.SUPERVISION_PICKED.format(count=len(picked)))
        reason = st.text_area(labels.SUPERVISION_FORM_REASON, max_chars=sv.REASON_MAX,
                              key=f"sv-reason-{n}")
        left, right = st.columns(2)
        deadline = left.date_input(labels.SUPERVISION_FORM_DEADLINE, format="YYYY-MM-DD",
                                   value=asof + dt.timedelta(days=DEADLINE_DAYS),
                                   key=f"sv-deadline-{n}")
        contact = right.text_input(labels.SUPERVISION_FORM_CONTACT, max_chars=sv.CONTACT_MAX,
                                   key=f"sv-contact-{n}")
        go = st.form_submit_button(labels.SUPERVISION_MARK, type="primary", key=f"sv-mark-go-{n}")
    if go and not picked:
        st.warning(labels.SUPERVISION_NONE_PICKED)
    elif go:
        _after(sv.mark_many(_cache.store(), me, picked, reason, deadline, contact),
               labels.SUPERVISION_DONE)


def _unmark_form(me, picked: list[str]) -> None:
    n = _round()
    with st.form(f"sv-unmark-{n}"):
        st.caption(labels.SUPERVISION_UNMARK_HINT + " " +
                   labels.SUPERVISION_PICKED.format(count=len(picked)))
        reason = st.text_input(labels.SUPERVISION_UNMARK_REASON, max_chars=sv.REASON_MAX,
                               key=f"sv-unmark-reason-{n}")
        go = st.form_submit_button(labels.SUPERVISION_UNMARK, key=f"sv-unmark-go-{n}")
    if go and not picked:
        st.warning(labels.SUPERVISION_NONE_PICKED)
    elif go:
        _after(sv.unmark_many(_cache.store(), me, picked, reason), labels.SUPERVISION_UNDONE)


def _notice(me, snap, scope, asof: dt.date, picked: list[str]) -> None:
    st.caption(labels.NOTICE_HINT)
    contact = st.text_input(labels.SUPERVISION_FORM_CONTACT, key="sv-notice-contact",
                            max_chars=sv.CONTACT_MAX)
    store, codes = _cache.store(), picked or None
    _downloads.button(labels.NOTICE_DOWNLOAD,
                      lambda: sv.notice_docx(store, snap, me, scope, asof, codes, contact),
                      sv.notice_file_name(snap, scope, asof), key="sv-notice",
                      mime=svt.DOCX_MIME)


def section(snap, scope, asof: dt.date, due_picked: list[str] | None) -> None:
    """The mark form for the ticked due issues, then the marked list with its actions."""
    me = _auth.viewer()
    _summary()
    if not me.may("edit"):
        st.info(labels.NO_POWER.format(role=labels.ROLES.get(me.role, me.role),
                                       what=labels.SUPERVISION_POWER))
    elif due_picked is not None:
        _mark_form(me, due_picked, asof)
    st.subheader(labels.SUPERVISION_MARKED_HEADING)
    marked = sv.list_marked(_cache.store(), snap, scope, asof)
    if marked.empty:
        st.info(labels.SUPERVISION_MARKED_NONE)
        return
    st.caption(labels.SUPERVISION_MARKED_COUNT.format(count=len(marked)))
    event = st.dataframe(svt.marked_display(marked), hide_index=True, height=300,
                         key=_table_key("marked", marked), on_select="rerun",
                         selection_mode="multi-row")
    picked = _selected(marked, event)
    if me.may("edit"):
        _unmark_form(me, picked)
        _notice(me, snap, scope, asof, picked)
