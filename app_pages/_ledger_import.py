"""The 整改台账 page's import tab: upload, preview (every problem by file, row and column;
each row's place, content and, for an update, old → new values), then confirm; nothing is
written until the user confirms, and then all or nothing. Rows outside the signed-in
account's region are problems, rows outside the page's region a warning, and the account's
id is the history's actor."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache, _nav
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import ledger_service, session_service
from paicha_geo.services.data import Scope

FILE_TYPES = ["xlsx", "csv", "txt", "geojson", "json", "zip", "gpkg"]


def import_tab(version: str, page: Scope) -> None:
    """The tab on the page of region `page`: a file reaching beyond it is previewed with a
    warning naming the regions (the account's own scope still refuses rows outside it)."""
    kinds = [k for k in labels.UPLOAD_KINDS  # boundaries are the whole city's: admins only
             if k != "boundaries" or _auth.viewer().may("admin")]
    kind = st.radio(labels.UPLOAD_KIND, kinds, horizontal=True,
                    format_func=labels.UPLOAD_KINDS.get, key="import_kind")
    upload = st.file_uploader(labels.UPLOAD_FILE, key=f"upload-{kind}", type=FILE_TYPES)
    options = _options(version, kind)
    if upload is not None and st.button(labels.PREVIEW, key="preview", type="primary"):
        bar = st.progress(0.0, text=labels.PREVIEW_PROGRESS)
        preview = ledger_service.preview_any(
            _cache.store(), kind, upload.name, upload.getvalue(), options,
            on_progress=lambda done, total: bar.progress(min(done / max(total, 1), 1.0),
                                                         text=labels.PREVIEW_PROGRESS),
            scope=_nav.viewer_scope(), page=page)
        bar.empty()
        st.session_state["import_preview"] = (kind, upload.name, preview)
        if kind != "boundaries" and preview.rows_outside_scope:
            session_service.record(_cache.store(), _auth.viewer(), "out_of_scope", upload.name,
                                   f"import {preview.rows_outside_scope}")
    held = st.session_state.get("import_preview")
    if held and upload is not None and held[:2] == (kind, upload.name):
        if kind == "boundaries":
            _boundaries(held[2], upload.name)
            return

        def again(choices: dict) -> None:  # preview once more with the person's item choices
            chosen = held[2].options
            chosen.item_choices = {**chosen.item_choices, **choices}
            st.session_state["import_preview"] = (kind, upload.name, ledger_service.preview_any(
                _cache.store(), kind, upload.name, upload.getvalue(), chosen,
                scope=_nav.viewer_scope(), page=page))
            st.rerun()

        _rows(held[2], upload.name, again)


def _options(version: str, kind: str) -> ledger_service.ImportOptions:
    actor = _auth.viewer().account_id
    if kind == "boundaries":
        crs = st.selectbox(labels.UPLOAD_CRS, list(labels.UPLOAD_CRS_CHOICES),
                           format_func=labels.UPLOAD_CRS_CHOICES.get, placeholder=labels.CHOOSE_ONE)
        return ledger_service.ImportOptions(source_crs=crs or None, actor=actor)
    if kind != "issues":
        return ledger_service.ImportOptions(actor=actor)
    c1, c2 = st.columns(2)
    found = c1.date_input(labels.UPLOAD_DEFAULT_FOUND, value=None, format="YYYY-MM-DD")
    short = _cache.snapshot(version).checklist.set_index("code")["short"]
    item = c2.selectbox(labels.UPLOAD_DEFAULT_ITEM, [None, *short.index],
                        format_func=lambda c: labels.NO_DATA if c is None else f"{c} {short[c]}",
                        placeholder=labels.CHOOSE_ONE)
    return ledger_service.ImportOptions(default_found_date=found, default_item=item,
                                        actor=actor)


def _notices(preview) -> None:
    for notice in preview.notices:
        st.info(escape.markdown(notice))


def _boundaries(preview, name: str) -> None:
    matched = 0 if preview.frame is None else len(preview.frame)
    st.success(labels.BOUNDARY_SUMMARY.format(features=preview.features, matched=matched,
                                              crs=escape.markdown(preview.crs)))
    if preview.problems:
        st.dataframe(ledger_service.boundary_problems(preview), width="stretch")
    _notices(preview)
    if preview.ok and st.button(labels.CONFIRM_IMPORT, key="commit-boundaries"):
        me = _auth.require("admin", labels.UPLOAD_KINDS["boundaries"])
        count = ledger_service.commit_boundaries(_cache.store(), preview)
        session_service.record(_cache.store(), me, "boundaries", name, str(count))
        st.session_state.pop("import_preview")
        st.success(labels.BOUNDARIES_UPDATED.format(count=count))


def _suggested_items(preview, again) -> bool:
    """The rows whose item was suggested from the description: the suggestion can be changed
    row by row (the file is previewed again with the choice); True once the person ticks that
    they checked them (or when there are none)."""
    frame = preview.suggestions_frame() if preview.kind == "issues" else None
    if frame is None or frame.empty:
        return True
    named = {code: f"{code} {short}" for code, short in preview.items.items()}
    shown = frame.assign(item=frame["item"].map(named)).astype(object)
    shown = shown.where(shown.notna(), labels.NO_DATA).rename(columns=labels.SUGGESTION_COLUMNS)
    item_col, key_col = labels.SUGGESTION_COLUMNS["item"], labels.SUGGESTION_COLUMNS["key"]
    st.markdown(f"**{labels.SUGGESTIONS_TITLE}**", help=labels.SUGGESTIONS_HELP)
    edited = st.data_editor(
        shown, hide_index=True, width="stretch", key="suggested-items",
        disabled=[c for c in shown.columns if c != item_col],
        column_config={key_col: None, item_col: st.column_config.SelectboxColumn(
            options=list(named.values()), required=True, width="medium"),
            labels.SUGGESTION_COLUMNS["score"]: st.column_config.NumberColumn(format="%.2f")})
    by_label = {text: code for code, text in named.items()}
    changed = {key: by_label[new] for key, new, old in zip(
        edited[key_col], edited[item_col], shown[item_col], strict=True) if new != old}
    if changed:
        again(changed)
    return st.checkbox(labels.SUGGESTIONS_CONFIRM, key="items_confirmed")


def _rows(preview, name: str, again) -> None:
    if preview.page_warning:
        st.warning(escape.markdown(preview.page_warning))
    if preview.ok:
        st.success(preview.summary())
    frame = preview.problems_frame()
    if len(frame):
        st.error(preview.summary())
        st.markdown(f"**{labels.PROBLEMS}**")
        st.dataframe(frame.astype(object).fillna(labels.NO_DATA), hide_index=True,
                     width="stretch", key="problems")
    _notices(preview)
    actions = preview.actions_frame()
    if len(actions):
        st.markdown(f"**{labels.ROW_ACTIONS}**")
        st.dataframe(actions, hide_index=True, width="stretch", height=240, key="actions")
    only_valid = False
    if not preview.ok and not preview.file_problems:
        st.download_button(labels.DOWNLOAD_REJECTED, preview.rejected_xlsx(),
                           labels.REJECTED_FILE.format(name=name), key="rejected")
        only_valid = st.checkbox(labels.ONLY_VALID, key="only_valid")
    confirmed = _suggested_items(preview, again)
    if st.button(labels.CONFIRM_IMPORT, key="commit", type="primary",
                 disabled=not ((preview.ok or only_valid) and confirmed)):
        try:
            result = ledger_service.commit_import(_cache.store(), preview,
                                                  scope=_nav.viewer_scope(),
                                                  only_valid=only_valid,
                                                  items_confirmed=confirmed)
        except (ledger_service.ImportRejected, ledger_service.ConflictError) as exc:
            st.error(escape.markdown(labels.say(exc)))
        else:
            st.session_state.pop("import_preview")
            session_service.record(_cache.store(), _auth.viewer(), "import", name,
                                   result.message())
            st.success(result.message())
