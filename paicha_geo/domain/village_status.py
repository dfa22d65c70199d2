"""A village's own standing in the campaign, for the points on every map and the weak-village
list: 逾期 (an issue past its deadline and not yet rectified), else 有未销号 (issues still
open, all within their deadline or awaiting verification), else 已清零 (everything found is
closed, or nothing was found).

The order is the order of gravity: a village is counted once, under its worst state.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUSES = ("overdue", "open", "cleared")  # worst first


def village_status(metrics: pd.DataFrame) -> pd.Series:
    """One status per row of `metrics` (`issues_overdue`, `issues_open` counts)."""
    overdue = metrics["issues_overdue"] > 0
    still_open = metrics["issues_open"] > 0
    return pd.Series(np.select([overdue, still_open], ["overdue", "open"], "cleared"),
                     index=metrics.index, dtype=object)


def gravity(status: pd.Series) -> pd.Series:
    """0 for the worst status, 2 for 已清零: a sort key that puts the worst first."""
    return status.map({s: i for i, s in enumerate(STATUSES)})


def on_map(weak_type: pd.Series, status: pd.Series) -> pd.Series:
    """Which villages get a point: every weak village, and any other village with an overdue
    issue (so an overdue village is never hidden under the grey of 'not weak')."""
    return weak_type.notna() | (status == "overdue")
