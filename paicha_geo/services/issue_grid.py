"""The 问题台账 grid: every issue in the reader's scope as of a day, one row each, found by words
and narrowed by the map page's filters, sorted, shown a page at a time, exported as shown.

`grid_frame` is built once per (data version, scope, day) and cached by the page; a search
then only slices it: every issue carries one prepared lower-case text (description, measures,
region names, code and unit), and each typed word is one vectorised substring test, so
100,000 issues answer in tens of milliseconds (bench/grid_bench.py measures it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from paicha_geo.domain import workflow
from paicha_geo.domain.filters import IssueFilters, apply_filters
from paicha_geo.domain.regions import LEVELS, PREFIX_LENGTH
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope

PAGE_SIZE = 500  # rows sent to the browser at once (selection needs them all on the page)
PLACE_SEPARATOR = " · "
SEVERITY_RANK = {"general": 0, "serious": 1, "critical": 2}
# sort key -> (columns, ascending); the issue code last, so every order is total
SORTS = {
    "overdue": (["overdue_days", "deadline", "code_rank"], [False, True, True]),
    "deadline": (["deadline", "code_rank"], [True, True]),
    "place": (["place", "code_rank"], [True, True]),
    "found": (["found_date", "code_rank"], [False, True]),
    "status": (["status_rank", "deadline", "code_rank"], [True, True, True]),
    "severity": (["severity_rank", "overdue_days", "code_rank"], [False, False, True]),
}
_NOTE = re.compile(r"（原文[^）]*）")  # the seed's internal notes, e.g. （原文截断）


def clean_wording(text) -> str:
    """Checklist wording without the internal notes the seed carries ('（原文截断）')."""
    return _NOTE.sub("", text).strip() if isinstance(text, str) else ""


def _names_at(codes: np.ndarray, regions: pd.DataFrame, level: str) -> np.ndarray:
    """The name of the region at `level` each code lies in (None where there is none)."""
    n = PREFIX_LENGTH[level]
    at = regions[regions["level"] == level]
    keys = pd.Index(at["code"].str[:n].to_numpy(dtype=object))
    names = np.append(at["name"].to_numpy(dtype=object), None)  # position -1: none
    return names[keys.get_indexer(pd.Series(codes, dtype=object).str[:n].to_numpy())]


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    out = np.full(len(parts[0]) if parts else 0, "", dtype=object)
    for part in parts:
        has = part != None  # noqa: E711 - elementwise on an object array
        text = np.where(has, part, "")
        out = np.where(~has, out, np.where(out == "", text, out + PLACE_SEPARATOR + text))
    return out


def region_path(codes: pd.Series, regions: pd.DataFrame, levels) -> pd.Series:
    """'湖塘镇 · 某村' for each region code: the names of `levels` that the code lies in
    (a township-level issue has no village name)."""
    values = codes.to_numpy(dtype=object)
    return pd.Series(_joined([_names_at(values, regions, lv) for lv in levels]),
                     index=codes.index, dtype=object)


def _levels_below(scope_level: str | None) -> list[str]:
    start = LEVELS.index(scope_level) + 1 if scope_level else 0
    return [lv for lv in LEVELS[start:] if lv != "province"]


def grid_frame(snap: Snapshot, scope: Scope, asof: dt.date) -> pd.DataFrame:
    """The issues in `scope` as of `asof` (issues_in_scope, unfiltered), with what the grid
    shows (`place`: the region names below the scope; `item`: code and short name), the keys
    the filters and sorts read, and `measures`, searched but not shown. Indexed by the issue
    code (the card and the batch look their issue up by it)."""
    scope = snap.regional(scope)
    found = issues_in_scope(snap, scope, asof)
    codes = found["region_code"]
    names = {lv: _names_at(codes.to_numpy(dtype=object), snap.regions, lv)
             for lv in LEVELS if lv != "province"}
    shown_place = pd.Series(_joined([names[lv] for lv in _levels_below(scope.level)]),
                            index=codes.index, dtype=object)
    own = codes.map(snap.regions.set_index("code")["name"]).fillna("")
    # an issue of the scope's own region (a district-level issue on the district's page)
    # names that region rather than leaving the cell blank
    shown_place = shown_place.where(shown_place.astype(bool), own)
    short = snap.checklist.set_index("code")["short"].map(clean_wording)
    item = found["item_code"] + " " + found["item_code"].map(short).fillna("")
    # A search also looks in the names of the scope's own regions (city, district ...): the
    # same for every row, so `search` checks them once rather than in every row.
    own_levels = [lv for lv in names if lv not in _levels_below(scope.level)]
    above = " ".join(n for lv in own_levels for n in names[lv][:1] if isinstance(n, str))
    out = pd.DataFrame({
        "issue_code": found["issue_code"], "region_code": codes, "place": shown_place,
        "item_code": found["item_code"], "item": item.str.strip(),
        "description": found["description"], "responsible_unit": found["responsible_unit"],
        "source": found["source"], "severity": found["severity"],
        "status_asof": found["status_asof"], "found_date": pd.to_datetime(found["found_date"]),
        "deadline": pd.to_datetime(found["deadline"]),
        "overdue_days": found["overdue_days"].astype(int),
        "escalated": found["escalated"].astype(bool), "version": found["version"].astype(int),
        "status_rank": found["status_asof"].map(workflow.RANK).astype(int),
        "severity_rank": found["severity"].map(SEVERITY_RANK).fillna(0).astype(int),
        # the issue code's place in code order: every sort's last key, as a number
        "code_rank": np.argsort(np.argsort(found["issue_code"].to_numpy(dtype=object),
                                           kind="stable")).astype("int32"),
        "measures": found["measures"],
    })
    out = out.set_index(pd.Index(out["issue_code"].to_numpy(), name=None))
    out.attrs["names_above"] = above.lower()
    return out


@dataclass(frozen=True)
class GridQuery:
    """What the reader asked for: words to find, the sidebar's filters, an order."""

    text: str = ""
    filters: IssueFilters = field(default_factory=IssueFilters)
    sort: str = "overdue"

    @property
    def words(self) -> list[str]:
        return self.text.lower().split()


# The columns a search looks in (with the region names above the scope).
SEARCHED = ("description", "measures", "place", "issue_code", "responsible_unit")


def search(frame: pd.DataFrame, text: str, above: str | None = None) -> pd.DataFrame:
    """The rows whose text holds every word of `text` (case-insensitive substrings, in any
    of `SEARCHED` or in `above`, the names of the scope's own regions: by default those
    `grid_frame` noted on `frame`).

    Column by column rather than in one prebuilt text per row: that text was ~25 MB at
    province scale, kept for the rare search; a search takes ~40 ms there."""
    above = frame.attrs.get("names_above", "") if above is None else above
    for word in GridQuery(text).words:
        if word in above:
            continue  # every row lies in that region
        hit = np.zeros(len(frame), dtype=bool)
        for column in SEARCHED:
            hit |= frame[column].str.contains(word, case=False, regex=False).fillna(
                False).to_numpy(dtype=bool)
        frame = frame[hit]
    return frame


def select(frame: pd.DataFrame, checklist: pd.DataFrame, query: GridQuery) -> pd.DataFrame:
    """The rows of `grid_frame` that pass the filters and the search, in the asked order."""
    return rows_at(frame, select_order(frame, checklist, query))


def select_order(frame: pd.DataFrame, checklist: pd.DataFrame, query: GridQuery) -> np.ndarray:
    """Where `select`'s rows are in `frame`, in order: what the app keeps per search (a few
    hundred KB, where the sorted rows themselves were ~35 MB at province scale)."""
    rows = apply_filters(frame, checklist, query.filters)
    rows = search(rows, query.text, frame.attrs.get("names_above", ""))
    columns, ascending = SORTS.get(query.sort, SORTS["overdue"])
    keys = rows[list(columns)].assign(_at=frame.index.get_indexer(rows.index).astype("int32"))
    return keys.sort_values(list(columns), ascending=ascending, kind="stable")["_at"].to_numpy()


def rows_at(frame: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """The rows of `frame` at positions `order`."""
    return frame.iloc[order]


def page_count(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def page(rows: pd.DataFrame | np.ndarray, number: int) -> pd.DataFrame | np.ndarray:
    """Page `number` (from 1; clamped to the pages there are) of the selected rows (or of
    their positions, `select_order`)."""
    number = min(max(1, number), page_count(len(rows)))
    part = slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE)
    return rows.iloc[part] if isinstance(rows, pd.DataFrame) else rows[part]
