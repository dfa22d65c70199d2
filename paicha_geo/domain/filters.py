"""Issue filters shared by the map, the KPI row and the tables: one definition, one function."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pandas as pd


@dataclass(frozen=True)
class IssueFilters:
    """Empty tuples mean 'all'. Status filters apply to the status as of the chosen day."""

    groups: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    found_from: dt.date | None = None
    found_to: dt.date | None = None

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


def apply_filters(
    issues_asof: pd.DataFrame, checklist: pd.DataFrame, filters: IssueFilters
) -> pd.DataFrame:
    """The issues that pass every filter (checklist tree, source, status, unit, severity, dates)."""
    if filters.is_empty():
        return issues_asof
    keep = pd.Series(True, index=issues_asof.index)
    items = checklist.set_index("code")
    item = issues_asof["item_code"]
    if filters.groups:
        keep &= item.map(items["group_key"]).isin(filters.groups)
    if filters.parts:
        keep &= item.map(items["part_key"]).isin(filters.parts)
    if filters.items:
        keep &= item.isin(filters.items)
    if filters.sources:
        keep &= issues_asof["source"].isin(filters.sources)
    if filters.statuses:
        keep &= issues_asof["status_asof"].isin(filters.statuses)
    if filters.units:
        keep &= issues_asof["responsible_unit"].isin(filters.units)
    if filters.severities:
        keep &= issues_asof["severity"].isin(filters.severities)
    found = pd.to_datetime(issues_asof["found_date"])
    if filters.found_from:
        keep &= found >= pd.Timestamp(filters.found_from)
    if filters.found_to:
        keep &= found <= pd.Timestamp(filters.found_to)
    return issues_asof[keep]
