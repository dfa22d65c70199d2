"""The progress series summed from steps kept per data version (Snapshot.progress_steps)
gives the figures worked out by hand on the four-district fixture, for a district, a
filter and a day before every issue was found, and follows a change of the issues."""

import dataclasses
import datetime as dt

import pandas as pd

from paicha_geo.domain.filters import IssueFilters
from paicha_geo.services import progress_service
from paicha_geo.services.data import Scope
from tests.compare_fixture import ASOF, HISTORY, ISSUES, city, snapshot

D1 = Scope("320401")
D2 = Scope("320402")


def day(frame: pd.DataFrame, text: str) -> dict:
    return frame.loc[pd.Timestamp(f"2020-{text}")].to_dict()


def test_district_one_by_hand():
    series = progress_service.issue_series(snapshot(), D1, ASOF)
    # I1 closed 05-10; I2 open, overdue from 05-21; I3 rectified 05-27, closed 05-28
    assert day(series, "05-01") == {"found": 3, "rectified": 0, "closed": 0, "open": 3,
                                    "overdue": 0}
    assert day(series, "05-10") == {"found": 3, "rectified": 1, "closed": 1, "open": 2,
                                    "overdue": 0}
    assert day(series, "05-21") == {"found": 3, "rectified": 1, "closed": 1, "open": 2,
                                    "overdue": 1}
    assert day(series, "05-27") == {"found": 3, "rectified": 2, "closed": 1, "open": 2,
                                    "overdue": 1}
    assert day(series, "05-31") == {"found": 3, "rectified": 2, "closed": 2, "open": 1,
                                    "overdue": 1}


def test_whole_city_adds_district_two_and_its_late_issue():
    series = progress_service.issue_series(snapshot(), city(), ASOF)
    # I4 (found 05-10, deadline 05-25) was rectified 05-20 and closed 05-26; I5 found 05-26
    assert day(series, "05-25") == {"found": 4, "rectified": 2, "closed": 1, "open": 3,
                                    "overdue": 1}
    assert day(series, "05-31") == {"found": 5, "rectified": 3, "closed": 3, "open": 2,
                                    "overdue": 1}
    assert len(series) == (ASOF - series.index[0].date()).days + 1


def test_a_filter_counts_only_its_issues_and_ignores_a_status_filter():
    audit = progress_service.issue_series(snapshot(), city(), ASOF,
                                          IssueFilters(sources=("audit",), statuses=("closed",)))
    # the two audit issues, I1 and I3, both closed by 05-31 (a series ignores status filters)
    assert day(audit, "05-31") == {"found": 2, "rectified": 2, "closed": 2, "open": 0,
                                   "overdue": 0}


def test_a_day_before_an_issue_was_found_leaves_it_out():
    early = progress_service.issue_series(snapshot(), D2, dt.date(2020, 5, 12))
    assert early.index[-1] == pd.Timestamp("2020-05-12")
    assert day(early, "05-09")["found"] == 0
    assert day(early, "05-12") == {"found": 1, "rectified": 0, "closed": 0, "open": 1,
                                   "overdue": 0}


def test_changed_issues_are_stepped_again():
    snap = snapshot()
    progress_service.issue_series(snap, D2, ASOF)  # the steps of the old issues are kept
    issues = ISSUES[ISSUES["issue_code"] != "I5"].reset_index(drop=True)
    history = HISTORY[HISTORY["issue_code"] != "I5"].reset_index(drop=True)
    changed = dataclasses.replace(snap, issues=issues, history=history, _asof_cache={})
    assert day(progress_service.issue_series(changed, D2, ASOF), "05-31")["found"] == 1
    assert day(progress_service.issue_series(snap, D2, ASOF), "05-31")["found"] == 2
