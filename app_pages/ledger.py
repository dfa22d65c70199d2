"""整改台账: import the offices' spreadsheets, move issues through the workflow, export, back up."""

import datetime as dt

import streamlit as st

from app_pages import _filters, _nav
from app_pages._shared import (
    PAGE_CSS,
    cached_campaign,
    cached_checklist,
    cached_regions,
    data_version,
    get_store,
    page_header,
)
from paicha_geo import labels, ledger_export, ledger_service
from paicha_geo.config import PROJECT_ROOT
from paicha_geo.domain.regions import scope_prefix
from paicha_geo.render import escape

st.markdown(PAGE_CSS, unsafe_allow_html=True)
store = get_store()
version = data_version()
campaign = cached_campaign(version)
regions = cached_regions(version)
asof = _filters.asof_input(campaign)
resolved = _nav.current_region(regions)
_nav.breadcrumb(resolved)
page_header(f"{resolved.region['name']} · {labels.LEDGER_TITLE}", store.get_meta("is_demo") == "1")

tab_import, tab_status, tab_export, tab_backup = st.tabs(labels.LEDGER_TABS)


def _show_problems(preview) -> None:
    frame = preview.problems_frame()
    if len(frame):
        st.error(preview.summary())
        st.markdown(f"**{labels.PROBLEMS}**")
        st.dataframe(frame.astype(object).fillna("—"), hide_index=True,
                     use_container_width=True, key="problems")
    for notice in preview.notices:
        st.info(escape.markdown(notice))


with tab_import:
    kind = st.radio(labels.UPLOAD_KIND, list(labels.UPLOAD_KINDS), horizontal=True,
                    format_func=labels.UPLOAD_KINDS.get, key="import_kind")
    upload = st.file_uploader(labels.UPLOAD_FILE, key=f"upload-{kind}",
                              type=["xlsx", "csv", "txt", "geojson", "json", "zip", "gpkg"])
    if kind == "boundaries":
        crs = st.selectbox(labels.UPLOAD_CRS, list(labels.UPLOAD_CRS_CHOICES),
                           format_func=labels.UPLOAD_CRS_CHOICES.get)
    elif kind == "issues":
        c1, c2 = st.columns(2)
        found = c1.date_input(labels.UPLOAD_DEFAULT_FOUND, value=None, format="YYYY-MM-DD")
        checklist = cached_checklist(version)
        item = c2.selectbox(labels.UPLOAD_DEFAULT_ITEM, [None, *checklist["code"]],
                            format_func=lambda c: "—" if c is None else
                            f"{c} {checklist.set_index('code').loc[c, 'short']}")
    if upload is not None and st.button(labels.PREVIEW, key="preview", type="primary"):
        data = upload.getvalue()
        bar = st.progress(0.0, text=labels.PREVIEW_PROGRESS)
        if kind == "boundaries":
            preview = ledger_service.preview_boundaries(store, upload.name, data,
                                                        source_crs=crs or None)
        else:
            options = ledger_service.ImportOptions(
                default_found_date=found if kind == "issues" else None,
                default_item=item if kind == "issues" else None)
            preview = ledger_service.preview_import(
                store, kind, upload.name, data, options,
                on_progress=lambda done, total: bar.progress(min(done / max(total, 1), 1.0),
                                                             text=labels.PREVIEW_PROGRESS))
        bar.empty()
        st.session_state["import_preview"] = (kind, upload.name, preview)
    held = st.session_state.get("import_preview")
    if held and upload is not None and held[:2] == (kind, upload.name):
        preview = held[2]
        if kind == "boundaries":
            matched = 0 if preview.frame is None else len(preview.frame)
            st.success(labels.BOUNDARY_SUMMARY.format(features=preview.features,
                                                      matched=matched,
                                                      crs=escape.markdown(preview.crs)))
            if preview.problems:
                st.dataframe([p.as_dict() for p in preview.problems], use_container_width=True)
            for notice in preview.notices:
                st.info(escape.markdown(notice))
            if preview.ok and st.button(labels.CONFIRM_IMPORT, key="commit-boundaries"):
                count = ledger_service.commit_boundaries(store, preview)
                st.session_state.pop("import_preview")
                st.success(f"已更新 {count} 个区划边界")
        else:
            if preview.ok:
                st.success(preview.summary())
            _show_problems(preview)
            actions_table = preview.actions_frame()
            if len(actions_table):
                st.markdown(f"**{labels.ROW_ACTIONS}**")
                st.dataframe(actions_table, hide_index=True, use_container_width=True,
                             height=240, key="actions")
            only_valid = False
            if not preview.ok and not preview.file_problems:
                st.download_button(labels.DOWNLOAD_REJECTED, preview.rejected_xlsx(),
                                   f"问题行_{upload.name}.xlsx", key="rejected")
                only_valid = st.checkbox(labels.ONLY_VALID, key="only_valid")
            if st.button(labels.CONFIRM_IMPORT, key="commit", type="primary",
                         disabled=not (preview.ok or only_valid)):
                try:
                    result = ledger_service.commit_import(store, preview, only_valid=only_valid)
                except (ledger_service.ImportRejected, ledger_service.ConflictError) as exc:
                    st.error(escape.markdown(labels.say(exc)))
                else:
                    st.session_state.pop("import_preview")
                    st.success(result.message())

with tab_status:
    code = st.text_input(labels.STATUS_ISSUE, key="issue_code").strip()
    if not code:
        scope = scope_prefix(resolved.region["code"], resolved.region["level"])
        open_codes = ledger_service.open_issue_codes(store, scope, limit=500)
        picked = st.selectbox(labels.STATUS_PICK, [None, *open_codes], key="issue_pick")
        code = picked or ""
    if done := st.session_state.pop("status_done", None):
        st.success(escape.markdown(done))
    if code:
        issue = ledger_service.get_issue(store, code)
        if issue is None:
            st.error(labels.REFUSE_NOT_FOUND.format(code=escape.markdown(code)))
        else:
            st.markdown(labels.STATUS_CURRENT.format(
                status=labels.status_label(issue["status"]), version=issue["version"],
                deadline=issue["deadline"],
                unit=escape.markdown(issue["responsible_unit"]) or "—"))
            with st.container(key="issue-description"):
                st.text(issue["description"] or "")
            actions = ledger_service.allowed_actions(issue["status"])
            if not actions:
                st.info(labels.STATUS_NO_ACTIONS)
            else:
                with st.form("status_form", clear_on_submit=False):
                    actor = st.text_input(labels.STATUS_ACTOR)
                    action = st.selectbox(labels.STATUS_ACTION, actions,
                                          format_func=lambda a: a.label)
                    measures = st.text_area(labels.STATUS_MEASURES,
                                            value=issue["measures"] or "")
                    note = st.text_input(labels.STATUS_NOTE)
                    submitted = st.form_submit_button(labels.STATUS_SUBMIT, type="primary")
                if submitted:
                    try:
                        new = ledger_service.change_status(
                            store, code, action.to_status, actor=actor,
                            expected_version=issue["version"], note=note, measures=measures)
                    except ledger_service.ConflictError as exc:
                        st.error(escape.markdown(labels.say(exc)))
                    except (ledger_service.TransitionRefused,
                            ledger_service.IssueNotFound) as exc:
                        st.error(escape.markdown(labels.say(exc)))
                    else:  # show the new state at once, with the message above it
                        st.session_state["status_done"] = labels.STATUS_DONE.format(
                            code=code, status=labels.status_label(new["status"]),
                            version=new["version"])
                        st.rerun()
            st.markdown(f"**{labels.STATUS_HISTORY}**")
            with st.container(key="issue-history"):  # short, so a plain (printable) table
                st.table(escape.markdown_table(ledger_service.history_table(store, code)))

with tab_export:
    st.caption(labels.EXPORT_HINT.format(region=escape.markdown(resolved.region["name"]),
                                         asof=asof))
    region_code = resolved.region["code"]
    stem = f"整改台账_{resolved.region['name']}_{asof:%Y%m%d}"
    st.download_button(
        labels.EXPORT_XLSX, ledger_export.export_ledger_xlsx(store, region_code, asof),
        f"{stem}.xlsx", key="ledger-xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.download_button(labels.EXPORT_CSV, ledger_export.export_ledger_csv(store, region_code,
                                                                          asof),
                       f"{stem}.csv", mime="text/csv", key="ledger-csv")

with tab_backup:
    st.caption(labels.BACKUP_HINT)
    root = PROJECT_ROOT / "data" / "backups"
    if st.button(labels.BACKUP_NOW, key="backup"):
        target = root / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        manifest = ledger_service.backup(store, target)
        st.success(labels.BACKUP_DONE.format(path=target, tables=len(manifest["counts"]),
                                             rows=sum(manifest["counts"].values())))
    if root.exists():
        st.markdown(f"**{labels.BACKUP_LIST}**")
        st.text("\n".join(sorted((p.name for p in root.iterdir() if p.is_dir()),
                                 reverse=True)) or "—")
    st.caption(labels.RESTORE_HINT)
