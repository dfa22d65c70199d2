"""The 整改台账 page's 问题台账 tab: every issue in the region on screen, found by typing, narrowed
by the sidebar's filters, sorted, a page at a time; the card of the issue picked, or batch
actions on several. What is picked is kept by issue code, not by row: an action that moves
an issue out of the rows shown (closed under a 待整改 filter) leaves it on screen."""

from __future__ import annotations

import hashlib

import streamlit as st

from app_pages import _cache, _downloads
from app_pages._batch import batch_panel
from app_pages._ledger_status import card
from paicha_geo import labels
from paicha_geo.render import issue_grid as grid_table
from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.services import issue_grid

PICKED = "grid_picked"  # the issue codes picked (a tuple)
LAST_GRID = "grid_last_key"  # the key of the grid the previous run showed


def _digest(*parts) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


def workbench(version: str, resolved, asof, filters) -> None:
    frame = _cache.grid_frame(version, resolved.scope, asof)
    search, sorting, number = st.columns([5, 2, 1], vertical_alignment="bottom")
    text = search.text_input(labels.GRID_SEARCH, key="grid_q",
                             placeholder=labels.GRID_SEARCH_PLACEHOLDER)
    sort = sorting.selectbox(labels.GRID_SORT, list(labels.GRID_SORTS), key="grid_sort",
                             format_func=labels.GRID_SORTS.get, placeholder=labels.CHOOSE_ONE)
    query = issue_grid.GridQuery(text, filters, sort)
    order = _cache.grid_order(version, resolved.scope, asof, query)
    pages = issue_grid.page_count(len(order))
    page_no = number.number_input(labels.GRID_PAGE, 1, pages, 1,
                                  key=f"grid_page-{_digest(resolved.scope, asof, query)}")
    shown = issue_grid.rows_at(frame, issue_grid.page(order, page_no))
    if not len(order):
        st.info(labels.GRID_EMPTY.format(asof=asof))
    else:
        first = (page_no - 1) * issue_grid.PAGE_SIZE + 1
        st.caption(labels.GRID_COUNT.format(asof=asof, total=len(order), first=first,
                                            last=first + len(shown) - 1, page=page_no,
                                            pages=pages) + "　" + labels.GRID_HINT)
    st.caption(labels.GRID_SEARCH_HELP)
    _grid(shown, _digest(version, resolved.scope, asof, query, page_no))
    name = resolved.region["name"]
    _downloads.button(labels.GRID_EXPORT.format(n=len(order)),
                      lambda: grid_table.workbook(issue_grid.rows_at(frame, order),
                                                  grid_table.title(name, asof, text,
                                                                   not filters.is_empty())),
                      labels.GRID_FILE.format(region=name, asof=asof), mime=XLSX_MIME,
                      key="xlsx-grid")
    picked = st.session_state.get(PICKED, ())
    if len(picked) == 1:
        code = picked[0]
        on_screen = code in shown.index
        card(version, code, on_screen, (asof, frame.at[code, "status_asof"])
             if code in frame.index else None)
        if not on_screen:
            st.button(labels.CARD_CLOSE, key="card-close",
                      on_click=lambda: st.session_state.pop(PICKED, None))
    elif picked:
        batch_panel(version, resolved.scope, list(picked),
                    {c: int(frame.at[c, "version"]) for c in picked if c in frame.index})


def _grid(shown, token: str) -> None:
    """The page of rows, with the picked issues ticked; the reader's ticks become the picked
    issues (a grid new this run, after a search or a change of data, changes nothing)."""
    key = f"grid-{token}"
    codes = shown["issue_code"].tolist()
    picked = st.session_state.get(PICKED, ())
    ticked = [i for i, code in enumerate(codes) if code in picked]
    event = st.dataframe(
        grid_table.table(shown), key=key, on_select="rerun", selection_mode="multi-row",
        selection_default={"selection": {"rows": ticked}}, hide_index=True, width="stretch",
        height=420, placeholder=labels.NO_DATA, column_config={
            labels.GRID_COLUMNS["deadline"]: st.column_config.DateColumn(format="YYYY-MM-DD")})
    if st.session_state.get(LAST_GRID) == key:
        st.session_state[PICKED] = tuple(codes[i] for i in event.selection.rows
                                         if 0 <= i < len(codes))  # none of a stale one
    st.session_state[LAST_GRID] = key
