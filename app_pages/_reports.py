"""Streamlit glue for the progress and comparison pages: cached views and the weekly-report
download (built only when clicked)."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from app_pages import _params
from app_pages._shared import cached_regions, cached_snapshot
from paicha_geo import labels, progress_service, service
from paicha_geo.domain import params
from paicha_geo.domain.compare import DEFAULT_RANK_BY
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.render.report import report_filename

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(version: str, code: str):
    return service.resolve_region(cached_regions(version), code, "").region


@st.cache_data(show_spinner=False, max_entries=64)
def cached_progress_view(version: str, code: str, asof: dt.date, filters: IssueFilters):
    return progress_service.progress_view(cached_snapshot(version), _region(version, code),
                                          asof, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_comparison_view(version: str, code: str, asof: dt.date, filters: IssueFilters,
                           rank_by: str):
    return progress_service.comparison_view(cached_snapshot(version), _region(version, code),
                                            asof, filters, rank_by)


def report_download(version: str, region, asof: dt.date, filters: IssueFilters,
                    rank_by: str) -> None:
    """The 周报 button; the workbook is built only when clicked (deferred data)."""
    build = functools.partial(progress_service.weekly_report, cached_snapshot(version), region,
                              asof, filters, rank_by)
    st.download_button(labels.REPORT_DOWNLOAD, data=build,
                       file_name=report_filename(region["name"], asof), mime=XLSX_MIME,
                       key="dl-report", on_click="ignore")


def rank_by_from_url() -> str:
    """The comparison's ranking rate from the URL (`rank`, written by the compare page's
    selector as its Chinese label), so the report from either page ranks the same way."""
    by_name = {name: key for key, (name, _unit) in labels.FAIR_RATES.items()}
    by_name.update({key: key for key in labels.FAIR_RATES})
    return by_name[_params.read(params.choice, "rank", labels.COMPARE_RANK_BY,
                                choices=list(by_name),
                                default=labels.FAIR_RATES[DEFAULT_RANK_BY][0])]
