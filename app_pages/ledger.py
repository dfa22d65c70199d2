"""整改台账: find any issue in the grid and act on it in its card (or on several at once), import
the offices' spreadsheets, export, back up."""

import functools

import streamlit as st

from app_pages import _auth, _cache, _downloads, _layout, _nav, _sidebar
from app_pages._dept_lists import dept_tab
from app_pages._ledger_import import import_tab
from app_pages._workbench import workbench
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.services import exports, ledger_service, session_service

version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
filters = _sidebar.issue_filters(version, snap.campaign)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
region = resolved.region
_layout.page_header(f"{region['name']} · {labels.LEDGER_TITLE}", snap.is_demo, snap.campaign, asof,
                    filters=filters)
me = _auth.viewer()
tab_grid, tab_import, tab_dept, tab_export, tab_backup = st.tabs(labels.LEDGER_TABS)
with tab_grid:
    workbench(version, resolved, asof, filters)
with tab_import:
    if me.may("edit"):
        import_tab(version, resolved.scope)
    else:
        st.info(labels.NO_POWER.format(role=labels.ROLES[me.role], what=labels.IMPORT_POWER))
with tab_dept:
    dept_tab()
with tab_export:  # built only when clicked (not on every rerun of every tab)
    st.caption(labels.EXPORT_HINT.format(region=escape.markdown(region["name"]), asof=asof))
    stem = labels.LEDGER_FILE.format(region=region["name"], asof=asof)
    for label, build, ext, mime in (
            (labels.EXPORT_XLSX, exports.export_ledger_xlsx, "xlsx", XLSX_MIME),
            (labels.EXPORT_CSV, exports.export_ledger_csv, "csv", "text/csv")):
        _downloads.button(label, functools.partial(build, snap, resolved.scope, asof),
                          f"{stem}.{ext}", mime=mime, key=f"ledger-{ext}")
with tab_backup:
    if not me.may("admin"):
        st.info(labels.NO_POWER.format(role=labels.ROLES[me.role], what=labels.BACKUP_POWER))
        st.stop()
    st.caption(labels.BACKUP_HINT)
    if st.button(labels.BACKUP_NOW, key="backup"):
        target, manifest = ledger_service.backup_now(_cache.store())
        session_service.record(_cache.store(), me, "backup", target.name)
        st.success(labels.BACKUP_DONE.format(path=target, tables=len(manifest["counts"]),
                                             rows=sum(manifest["counts"].values())))
    if backups := ledger_service.backups():
        st.markdown(f"**{labels.BACKUP_LIST}**")
        st.text("\n".join(backups))
    st.caption(labels.RESTORE_HINT)
