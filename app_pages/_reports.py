"""The weekly report (周报, Excel) and 通报 (Word) downloads shared by the progress and
comparison pages, and the ranking rate both read from the URL."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from app_pages import _auth, _cache, _downloads, _params
from paicha_geo import labels
from paicha_geo.render.report import report_filename
from paicha_geo.render.supervision_tables import DOCX_MIME
from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.services import bulletin_service, compare_service, params
from paicha_geo.services.data import IssueFilters, Scope


def report_download(version: str, scope: Scope, name: str, asof: dt.date,
                    filters: IssueFilters, rank_by: str) -> None:
    """The 周报 and 通报 buttons side by side; each file is built only when clicked
    (deferred data)."""
    snap = _cache.snapshot(version)
    build = functools.partial(compare_service.weekly_report, snap, scope, asof, filters,
                              rank_by)
    bulletin = functools.partial(bulletin_service.bulletin_file, _cache.store(), snap,
                                 _auth.viewer(), scope, asof, _cache.layers(version),
                                 filters, rank_by)
    with st.container(horizontal=True):
        _downloads.button(labels.REPORT_DOWNLOAD, build, report_filename(name, asof),
                          mime=XLSX_MIME, key="dl-report")
        _downloads.button(labels.BULLETIN_DOWNLOAD, bulletin,
                          bulletin_service.bulletin_file_name(snap, scope, asof),
                          mime=DOCX_MIME, key="dl-bulletin")


def rank_by_from_url() -> str:
    """The comparison's ranking rate from the URL (`rank`, written by the compare page's
    selector as its Chinese label), so the report from either page ranks the same way."""
    by_name = {name: key for key, (name, _unit) in labels.FAIR_RATES.items()}
    by_name.update({key: key for key in labels.FAIR_RATES})
    return by_name[_params.read(params.choice, "rank", labels.COMPARE_RANK_BY,
                                choices=list(by_name),
                                default=labels.FAIR_RATES[compare_service.DEFAULT_RANK_BY][0])]
