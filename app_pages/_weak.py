"""The map page's village sections: the N worst places (chosen here, drawn on the map above)
and the list 经济薄弱村问题清零情况 with its download."""

from __future__ import annotations

import streamlit as st

from app_pages import _cache, _downloads, _params
from paicha_geo import labels
from paicha_geo.render import escape, tables, weak_tables
from paicha_geo.services import weak_service

TOP_METRICS = tuple(k for k in labels.MAP_METRIC_CHOICES if k != "traffic")


def top_section(version, resolved, asof, filters, map_metric: str):
    """Controls and table of the N worst places; returns (rows, level) for the map."""
    levels = weak_service.top_levels(resolved.region["level"])
    if not levels:
        return None, None
    default = map_metric if map_metric in TOP_METRICS else "issues_overdue"
    st.subheader(labels.TOP_TITLE)
    with st.container(horizontal=True, key="top-controls"):
        level = _params.radio(st, labels.TOP_LEVEL_PICK, list(levels), key="top_level",
                              index=len(levels) - 1, format_func=labels.LEVELS.get,
                              horizontal=True)
        n = _params.slider(st, labels.TOP_N_PICK, 3, 30, 10, key="top_n")
        metric = _params.selectbox(st, labels.TOP_BY_PICK, list(TOP_METRICS), key="top_by",
                                   index=TOP_METRICS.index(default),
                                   format_func=lambda k: labels.MAP_METRICS[k][0])
    worst = _cache.worst_places(version, resolved.scope, asof, level, metric, n, filters)
    level_name, metric_name = labels.LEVELS[level], labels.MAP_METRICS[metric][0]
    if worst.rows.empty:
        st.info(labels.TOP_NONE.format(level=level_name, metric=metric_name))
        return None, None
    st.caption(labels.TOP_MAP_HINT.format(region=escape.markdown(resolved.region["name"]),
                                          n=len(worst.rows), level=level_name,
                                          metric=metric_name))
    with st.container(key="top-table"):
        st.dataframe(weak_tables.top_table(worst.rows, metric), hide_index=True,
                     width="stretch", column_config={
                         header: st.column_config.NumberColumn(format=f)
                         for header, f in weak_tables.top_value_format(metric).items()})
    if worst.tied_beyond:
        st.caption(labels.TOP_TIED.format(count=worst.tied_beyond, level=level_name,
                                          rank=int(worst.rows["rank"].iloc[-1])))
    return worst.rows, level


def weak_list_section(villages, region_name: str, asof) -> None:
    """Every weak village of the region on screen, worst first, sortable and downloadable."""
    st.subheader(labels.WEAK_LIST_TITLE)
    weak = weak_service.weak_list(villages)
    if weak.empty:
        st.info(labels.WEAK_LIST_EMPTY)
        return
    counts = weak_tables.weak_list_summary(weak)
    st.caption(labels.WEAK_LIST_CAPTION.format(region=escape.markdown(region_name),
                                               count=len(weak), asof=f"{asof:%Y-%m-%d}",
                                               **counts))
    table = weak_tables.weak_list_table(weak)
    with st.container(key="weak-list"):
        st.dataframe(table, hide_index=True, width="stretch")
    _downloads.button(labels.DOWNLOAD_XLSX,
                      lambda: weak_tables.to_xlsx(table, labels.WEAK_LIST_FILE),
                      f"{labels.WEAK_LIST_FILE}_{region_name}_{asof:%Y%m%d}.xlsx",
                      mime=tables.XLSX_MIME, key="dl-weak-xlsx")
