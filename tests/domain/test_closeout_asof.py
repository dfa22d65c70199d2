"""整改完成日期 / 销号日期 / 验收人 as they stood on a past day, from the history (hand-made)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from paicha_geo.domain.metrics import closeout_as_of, status_as_of

D = dt.date
ISSUES = pd.DataFrame({
    "issue_code": ["A", "B"],
    "found_date": [D(2020, 3, 1), D(2020, 3, 1)],
    "deadline": [D(2020, 6, 30), D(2020, 6, 30)],
    # today: A closed on 5-10 by 李; B closed 4-10 by 王, reopened 5-01, closed again 6-20 by 赵
    "rectified_date": [D(2020, 5, 2), D(2020, 6, 15)],
    "closed_date": [D(2020, 5, 10), D(2020, 6, 20)],
    "verifier": ["李", "赵"],
})
HISTORY = pd.DataFrame([
    (1, "A", "2020-03-01 00:00", None, "pending", "导入"),
    (2, "A", "2020-05-02 09:00", "pending", "rectified", "张"),
    (3, "A", "2020-05-10 16:00", "rectified", "closed", "李"),
    (4, "B", "2020-03-01 00:00", None, "pending", "导入"),
    (5, "B", "2020-04-01 10:00", "pending", "rectified", "张"),
    (6, "B", "2020-04-10 11:00", "rectified", "closed", "王"),
    (7, "B", "2020-05-01 08:00", "closed", "pending", "督查组"),
    (8, "B", "2020-06-15 08:00", "pending", "rectified", "张"),
    (9, "B", "2020-06-20 17:00", "rectified", "closed", "赵"),
], columns=["history_id", "issue_code", "changed_at", "from_status", "to_status", "actor"])
HISTORY["changed_at"] = pd.to_datetime(HISTORY["changed_at"])


def _as_of(day: dt.date) -> dict:
    found = status_as_of(ISSUES, HISTORY, day)
    then = closeout_as_of(found, HISTORY, day)
    out = {}
    for code, (_, row) in zip(found["issue_code"], then.iterrows(), strict=True):
        out[code] = tuple(None if pd.isna(v) else (v.date() if hasattr(v, "date") else v)
                          for v in row[["rectified_date", "closed_date", "verifier"]])
    return out


@pytest.mark.parametrize(("day", "expected"), [
    (D(2020, 3, 15), {"A": (None, None, None), "B": (None, None, None)}),
    (D(2020, 4, 10), {"A": (None, None, None), "B": (D(2020, 4, 1), D(2020, 4, 10), "王")}),
    (D(2020, 5, 2), {"A": (D(2020, 5, 2), None, None), "B": (None, None, None)}),
    (D(2020, 5, 31), {"A": (D(2020, 5, 2), D(2020, 5, 10), "李"), "B": (None, None, None)}),
    (D(2020, 7, 1), {"A": (D(2020, 5, 2), D(2020, 5, 10), "李"),
                     "B": (D(2020, 6, 15), D(2020, 6, 20), "赵")}),
])
def test_dates_and_verifier_as_they_stood(day, expected):
    assert _as_of(day) == expected
