"""A new snapshot after a change: patched when only issue statuses changed, else reloaded.

A status change appends history rows and updates its issue's row; re-reading every table
for that (2–3 s at province scale) made each change cost every visitor a cold start. When
the basis (queries.snapshot_basis) says nothing but issues and history moved, the snapshot
takes the new history rows and the changed issues' rows and keeps every other table; the
counts read with them must then add up, or the snapshot is read again in full.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from paicha_geo.domain import progress
from paicha_geo.domain.membership import isin
from paicha_geo.services.data import Snapshot, load_snapshot, placed_steps, region_sums
from paicha_geo.store import Store
from paicha_geo.store import queries as q

_STATUS_FIELDS = {"versions", "history", "last_history"}


def refreshed_snapshot(store: Store, previous: Snapshot | None) -> Snapshot:
    """The data as it is now, from `previous` where that is safe (see the module)."""
    if previous is None or previous.basis is None:
        return load_snapshot(store)
    basis, history, issues = q.status_changes(
        store, previous.campaign.campaign_id, previous.basis["last_history"] or 0)
    patched = _patched(previous, basis, history, issues)
    return patched if patched is not None else load_snapshot(store)


def _patched(previous: Snapshot, basis: dict, history: pd.DataFrame,
             issues: pd.DataFrame) -> Snapshot | None:
    if basis == previous.basis:
        return previous
    if any(basis[k] != previous.basis[k] for k in basis if k not in _STATUS_FIELDS):
        return None  # more than statuses changed (or a row came and went): read it all
    if len(previous.history) + len(history) != basis["history"]:
        return None  # a row committed out of id order, or the snapshot saw it already
    old = previous.issues
    at = pd.Index(old["issue_code"]).get_indexer(issues["issue_code"])
    if (at < 0).any():
        return None
    try:
        new_issues = _replace_rows(old, at, issues)
        new_history = _appended(previous.history, history)
    except (TypeError, ValueError):
        return None  # a column that would not keep its type: read it all
    if int(new_issues["version"].sum()) != basis["versions"]:
        return None  # an issue changed without a history row
    return dataclasses.replace(previous, issues=new_issues, history=new_history, basis=basis,
                               _asof_cache={}, _facts_cache=previous._facts_cache,
                               _steps=_carried_steps(previous, new_issues, new_history, at))


def _carried_steps(previous: Snapshot, issues: pd.DataFrame, history: pd.DataFrame,
                   at: np.ndarray) -> tuple | None:
    """The previous snapshot's progress steps (Snapshot.progress_steps) with those of the
    changed issues (positions `at`, the same in both: codes are kept in order) made again
    from their new history, and the per-region sums moved by the difference: ~0.1 s at
    province scale where making them all again took ~1 s for the next 整改进度 visitor.
    None when the previous snapshot had not made them (they are made when first asked)."""
    held = previous._steps
    if held is None or held[0] is not previous.issues or held[1] is not previous.history:
        return None
    steps, per_region = held[2], held[3]
    changed = np.unique(at).astype("int32")
    mine = issues.iloc[changed].reset_index(drop=True)
    fresh = progress.daily_steps(mine, history[isin(history["issue_code"], mine["issue_code"])])
    fresh["row"] = changed[fresh["row"].to_numpy()]
    stale = isin(steps["row"], changed)
    moved = region_sums([per_region,
                         placed_steps(steps[stale], previous.issues["region_code"], -1),
                         placed_steps(fresh, issues["region_code"])])
    return (issues, history, pd.concat([steps[~stale], fresh], ignore_index=True), moved)


def _replace_rows(frame: pd.DataFrame, at, rows: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its rows at positions `at` replaced by `rows`, every column's type kept."""
    rows = rows[frame.columns].astype(frame.dtypes.to_dict())
    kept = frame.drop(index=frame.index[at])
    out = pd.concat([kept, rows], ignore_index=True)
    out = out.sort_values("issue_code", kind="stable", ignore_index=True)
    _same_types(frame, out)
    return out


def _appended(history: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """History with `rows` added, still ordered by (changed_at, history_id)."""
    if not len(rows):
        return history
    history, rows = _same_categories(history, rows[history.columns])
    rows = rows.astype(history.dtypes.to_dict())
    out = pd.concat([history, rows], ignore_index=True)
    if len(history) and (rows["changed_at"].iloc[0], rows["history_id"].iloc[0]) < (
            history["changed_at"].iloc[-1], history["history_id"].iloc[-1]):
        out = out.sort_values(["changed_at", "history_id"], kind="stable", ignore_index=True)
    _same_types(history, out)
    return out


def _same_categories(history: pd.DataFrame, rows: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both with the categorical columns of `history` over the values of both (a new actor
    or note would otherwise become blank when cast to the old categories)."""
    history = history.copy(deep=False)
    for column in history.columns:
        if isinstance(history[column].dtype, pd.CategoricalDtype):
            known = history[column].cat.categories
            new = pd.Index(rows[column].dropna().unique()).difference(known)
            if len(new):  # in sorted order, as a full read makes them
                history[column] = history[column].cat.set_categories(known.union(new))
    return history, rows


def _same_types(before: pd.DataFrame, after: pd.DataFrame) -> None:
    """Every column of the same type (categorical ones may have gained categories)."""
    def kinds(frame):
        return [("category" if isinstance(t, pd.CategoricalDtype) else str(t))
                for t in frame.dtypes]
    if kinds(before) != kinds(after):
        raise TypeError("a column changed type")
