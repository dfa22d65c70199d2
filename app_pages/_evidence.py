"""An issue's evidence (佐证材料) on its card: thumbnails of the photos, every file with a
download (built when clicked, audited) and a removal that asks why, and an uploader whose
files are checked by content, not by name."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache, _downloads
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.uploader import uploader_css
from paicha_geo.services import evidence_service, startup

DONE = "evidence_done"
UPLOADER = "evidence-file"  # the uploader's key
THUMBS_PER_ROW = 4


def evidence_panel(issue_code: str) -> None:
    """The evidence part of an issue card (nothing for an issue outside the viewer's scope)."""
    store, me = _cache.store(), _auth.viewer()
    st.markdown(f"**{labels.EVIDENCE_TITLE}**")
    if done := st.session_state.pop(DONE, None):
        st.success(escape.markdown(done))
    items = evidence_service.list_for(store, me, issue_code)
    if not items:
        st.caption(labels.EVIDENCE_NONE)
    _thumbnails([i for i in items if i.thumbnail])
    for item in items:
        _file_row(store, me, item)
    if evidence_service.may_attach(me):
        _uploader(store, me, issue_code)


def _thumbnails(items) -> None:
    for start in range(0, len(items), THUMBS_PER_ROW):
        for column, item in zip(st.columns(THUMBS_PER_ROW), items[start:start + THUMBS_PER_ROW],
                                strict=False):
            with column:
                st.image(item.thumbnail, alt=labels.EVIDENCE_KINDS[item.kind])
                st.caption(escape.markdown(labels.EVIDENCE_KINDS[item.kind]))


def _file_row(store, me, item) -> None:
    text, download, remove = st.columns([6, 1, 1], vertical_alignment="center")
    text.caption(escape.markdown(item.caption))
    with download:
        _downloads.button(labels.EVIDENCE_DOWNLOAD,
                          lambda: evidence_service.content(store, me, item.evidence_id).data,
                          item.download_name, key=f"evidence-dl-{item.evidence_id}",
                          mime=item.media_type, logged=True)
    if not evidence_service.may_remove(me, item):
        return
    with remove.popover(labels.EVIDENCE_REMOVE), \
            st.form(f"evidence-rm-{item.evidence_id}", border=False):
        why = st.text_input(labels.EVIDENCE_REMOVE_WHY, key=f"evidence-why-{item.evidence_id}")
        if st.form_submit_button(labels.EVIDENCE_REMOVE, type="primary"):
            try:
                evidence_service.remove(store, me, item.evidence_id, why)
            except evidence_service.EvidenceRefused as exc:
                st.error(escape.markdown(labels.say(exc)))
            else:
                st.session_state[DONE] = labels.EVIDENCE_REMOVED.format(file=item.file_name)
                st.rerun()


def _uploader(store, me, issue_code: str) -> None:
    with st.form("evidence-upload", clear_on_submit=True):
        st.caption(escape.markdown(evidence_service.limits_hint()))
        own_limit = uploader_css(startup.settings().evidence.max_mb, f".st-key-{UPLOADER}")
        st.markdown(f"<style>{own_limit}</style>", unsafe_allow_html=True)  # not the page's
        kind = st.selectbox(labels.EVIDENCE_KIND, evidence_service.KINDS, key="evidence-kind",
                            format_func=labels.EVIDENCE_KINDS.get, placeholder=labels.CHOOSE_ONE)
        upload = st.file_uploader(labels.EVIDENCE_FILE, key=UPLOADER,
                                  type=evidence_service.accepted_extensions())
        submitted = st.form_submit_button(labels.EVIDENCE_UPLOAD, type="primary")
    if not submitted:
        return
    if upload is None:
        st.warning(labels.EVIDENCE_PICK_FILE)
        return
    try:
        added = evidence_service.add(store, me, issue_code, kind, upload.name, upload.getvalue())
    except (evidence_service.EvidenceRefused, evidence_service.IssueNotFound) as exc:
        st.error(escape.markdown(labels.say(exc)))
    else:
        st.session_state[DONE] = labels.EVIDENCE_ADDED.format(
            file=added.file_name, kind=labels.EVIDENCE_KINDS[kind])
        st.rerun()
