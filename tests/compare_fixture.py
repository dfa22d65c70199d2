"""A four-district city for the comparison tests, small enough to work out by hand.

D1 320401: 3 villages (2 weak), 4 households (1 in a C-grade house), 3 issues.
D2 320402: 1 village, no weak village, 2 households, 2 issues.
D3 320403: 1 weak village, 1 household, no issues at all.
D4 320404: nothing (no villages, households or issues).

Issues (found, deadline, history):
  I1 D1  05-01, 05-20: rectifying 05-02, rectified 05-08, closed 05-10 (on time)
  I2 D1  05-01, 05-20: rectifying 05-02, still open (overdue from 05-21)
  I3 D1  05-01, 06-30: rectifying 05-02, rectified 05-27, closed 05-28 (on time)
  I4 D2  05-10, 05-25: rectifying 05-12, rectified 05-20, closed 05-26 (late)
  I5 D2  05-26, 06-30: pending
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.config import default_campaign
from paicha_geo.services import data

CAMPAIGN, CHECKLIST = default_campaign()
ASOF = dt.date(2020, 5, 31)
BEFORE = dt.date(2020, 5, 24)
DISTRICTS = ("320401", "320402", "320403", "320404")

REGIONS = pd.DataFrame({
    "code": ["320400000000", "320401000000", "320402000000", "320403000000", "320404000000",
             "320401001000", "320402001000", "320403001000",
             "320401001201", "320401001202", "320401001203", "320402001201", "320403001201"],
    "name": ["测试市", "甲区", "乙区", "丙区", "丁区", "甲镇", "乙镇", "丙镇",
             "甲一村", "甲二村", "甲三村", "乙一村", "丙一村"],
    "level": ["city"] + ["district"] * 4 + ["town"] * 3 + ["village"] * 5,
    "parent_code": [None, "320400000000", "320400000000", "320400000000", "320400000000",
                    "320401000000", "320402000000", "320403000000",
                    "320401001000", "320401001000", "320401001000", "320402001000",
                    "320403001000"],
    "label_lon": 119.9, "label_lat": 31.8,
})
VILLAGES = pd.DataFrame({
    "code": ["320401001201", "320401001202", "320401001203", "320402001201", "320403001201"],
    "name": ["甲一村", "甲二村", "甲三村", "乙一村", "丙一村"],
    "weak_type": ["province", "city", None, None, "province"],
    "label_lon": 119.9, "label_lat": 31.8,
})
_VILLAGE_OF = ["320401001201", "320401001202", "320401001203", "320401001203",
               "320402001201", "320402001201", "320403001201"]
HOUSEHOLDS = pd.DataFrame({
    "household_id": [f"H{i}" for i in range(1, 8)],
    "village_code": _VILLAGE_OF,
    "per_capita_income": 9000.0, "exit_status": "exited",
    "school_age_children": 0, "children_out_of_school": 0, "children_out_of_school_physical": 0,
    "all_insured": True, "inpatient_selfpay_share": None,
    "house_grade": ["C", "A", "A", "B", "A", "A", "A"],
    "safe_water": True, "excess_fluoride": False,
    "social_floor_eligible": False, "social_floor_covered": False,
})
ISSUES = pd.DataFrame({
    "issue_code": ["I1", "I2", "I3", "I4", "I5"],
    "region_code": ["320401001201", "320401001202", "320401001203", "320402001201",
                    "320402001201"],
    "item_code": ["1.1.1", "3.3.1", "2.2.1", "3.3.1", "3.2.1"],
    "source": ["audit", "public_report", "audit", "self_inspection", "inspection_tour"],
    "severity": "general",
    "responsible_unit": ["甲区扶贫办", "甲区住建局", "甲区扶贫办", "乙区住建局", "乙区卫健局"],
    "escalated": False,  # as every issue row of the database has it (挂牌督办)
    "found_date": pd.to_datetime(["2020-05-01", "2020-05-01", "2020-05-01", "2020-05-10",
                                  "2020-05-26"]),
    "deadline": pd.to_datetime(["2020-05-20", "2020-05-20", "2020-06-30", "2020-05-25",
                                "2020-06-30"]),
})
_HISTORY = [
    ("I1", "05-01", "pending"), ("I1", "05-02", "rectifying"), ("I1", "05-08", "rectified"),
    ("I1", "05-10", "closed"),
    ("I2", "05-01", "pending"), ("I2", "05-02", "rectifying"),
    ("I3", "05-01", "pending"), ("I3", "05-02", "rectifying"), ("I3", "05-27", "rectified"),
    ("I3", "05-28", "closed"),
    ("I4", "05-10", "pending"), ("I4", "05-12", "rectifying"), ("I4", "05-20", "rectified"),
    ("I4", "05-26", "closed"),
    ("I5", "05-26", "pending"),
]
HISTORY = pd.DataFrame({
    "history_id": range(1, len(_HISTORY) + 1),
    "issue_code": [h[0] for h in _HISTORY],
    "changed_at": pd.to_datetime(["2020-" + h[1] + " 10:00" for h in _HISTORY]),
    "to_status": [h[2] for h in _HISTORY],
})


VISITS = pd.DataFrame({"visit_id": pd.Series(dtype="int64"),
                       "region_code": pd.Series(dtype=object),
                       "household_id": pd.Series(dtype=object),
                       "visit_date": pd.Series(dtype="datetime64[ns]"),
                       "visitors": pd.Series(dtype=object), "kind": pd.Series(dtype=object),
                       "findings": pd.Series(dtype=object)})


def snapshot() -> data.Snapshot:
    return data.Snapshot(campaign=CAMPAIGN, checklist=CHECKLIST, regions=REGIONS,
                         villages=VILLAGES, households=HOUSEHOLDS, issues=ISSUES,
                         history=HISTORY, visits=VISITS, is_demo=False)


def city() -> data.Scope:
    """The city's scope (the whole fixture)."""
    return data.resolve_region(REGIONS, None).scope
