"""数据比对: closures the household's (or weak village's) own facts contradict, and failures no
issue covers.

Checklist part 3.1–3.5 is the guarantee the household rules of `rules.py` check; item 2.3.3
is the weak village's income standard. `PART_GUARANTEE` is the one place that says so.

For a household failing guarantee G (`rules.household_failures`, as its facts stand) and its
issues of G's part found by the as-of day (`household_id` set), with their status that day:

* **销号存疑** (`doubt`): it has at least one such issue and none is 待整改 or 整改中, i.e. every
  one is 已整改(待验收) or 已销号: the ledger says the problem is dealt with, the facts say not.
  `all_closed` marks those whose every such issue is 已销号 (the issue-16 figure: 219 for
  住房安全 on the demo at 2020-05-31; since issue 17.8 the demo leaves about 1.5 % of its done
  household issues contradicting their facts, a handful per check).
* **漏报线索** (`lead`): it has no such issue at all.

A failing household with a 待整改/整改中 issue of G is being dealt with: neither. For weak
villages the same two kinds are read with "fails its income standard" and the village's own
2.3.3 issues (region code the village's, no household).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.membership import isin
from paicha_geo.domain.rules import GUARANTEE_KEYS, household_failures, village_income_standard

PART_GUARANTEE = {"3.1": "education", "3.2": "medical", "3.3": "housing", "3.4": "water",
                  "3.5": "social_floor"}
VILLAGE_INCOME_ITEM = "2.3.3"
IN_HAND = ("pending", "rectifying")  # statuses that say the problem is still being worked on
DONE = ("rectified", "closed")

# The item a new issue raised from a failing fact goes under (the fact decides for 医疗/饮水).
NEW_ISSUE_ITEM = {"education": "3.1.1", "medical": "3.2.1", "medical_selfpay": "3.2.2",
                  "housing": "3.3.4", "water": "3.4.2", "water_fluoride": "3.4.1",
                  "social_floor": "3.5.1", "village_income": VILLAGE_INCOME_ITEM}

LINE_COLUMNS = ["kind", "check", "household_id", "region_code", "issues", "statuses",
                "closed_dates", "all_closed"]


def guarantee_of_item(item_codes: pd.Series) -> pd.Series:
    """The guarantee key of each checklist item code (NaN for items of no guarantee)."""
    return item_codes.astype(str).str[:3].map(PART_GUARANTEE)


def _classify(failing: pd.DataFrame, related: pd.DataFrame, key: str) -> pd.DataFrame:
    """`failing`: rows (key, check, region_code) that fail; `related`: their issues (key,
    check, issue_code, status_asof, status_since). One row per failing (key, check) that is a
    doubt or a lead."""
    wanted = set(zip(failing[key].tolist(), failing["check"].tolist(), strict=True))
    pairs_of_related = zip(related[key].tolist(), related["check"].tolist(), strict=True)
    keep = np.array([p in wanted for p in pairs_of_related], dtype=bool)  # (an empty list
    related = related[keep].sort_values("issue_code")  # would pick columns, not rows)
    found: dict[tuple, tuple[list, list, list]] = {}
    for k, c, code, status, since in zip(
            related[key].tolist(), related["check"].tolist(), related["issue_code"].tolist(),
            related["status_asof"].tolist(), related["status_since"].tolist(), strict=True):
        codes, statuses, dates = found.setdefault((k, c), ([], [], []))
        codes.append(code)
        statuses.append(status)
        dates.append(since)
    empty = ([], [], [])
    pairs = list(zip(failing[key].tolist(), failing["check"].tolist(), strict=True))
    out = failing.copy()
    out["issues"] = [found.get(p, empty)[0] for p in pairs]
    out["statuses"] = [found.get(p, empty)[1] for p in pairs]
    out["closed_dates"] = [found.get(p, empty)[2] for p in pairs]
    kinds = [("lead" if not s else None if any(x in IN_HAND for x in s) else "doubt")
             for s in out["statuses"]]
    out["kind"] = kinds
    out["all_closed"] = [bool(s) and all(x == "closed" for x in s) for s in out["statuses"]]
    return out[out["kind"].notna()]


def household_lines(households: pd.DataFrame, issues_asof: pd.DataFrame,
                    campaign: Campaign) -> pd.DataFrame:
    """Doubts and leads of households, one row per (household, guarantee): LINE_COLUMNS."""
    fails = household_failures(households, campaign)
    failing = []
    for check in GUARANTEE_KEYS:
        rows = households.loc[fails[check], ["household_id", "village_code"]]
        failing.append(rows.assign(check=check))
    failing = pd.concat(failing, ignore_index=True).rename(columns={"village_code":
                                                                    "region_code"})
    issues = issues_asof[issues_asof["household_id"].notna()]
    issues = issues.assign(check=guarantee_of_item(issues["item_code"]))
    issues = issues[issues["check"].notna()]
    out = _classify(failing, issues, "household_id")
    return out.reindex(columns=LINE_COLUMNS).reset_index(drop=True)


def village_lines(villages: pd.DataFrame, issues_asof: pd.DataFrame,
                  campaign: Campaign) -> pd.DataFrame:
    """Doubts and leads of weak villages below their income standard (item 2.3.3)."""
    weak = villages[villages["weak_type"].notna()]
    below = weak[village_income_standard(weak, campaign)["fails"].to_numpy()]
    failing = pd.DataFrame({"region_code": below["code"].to_numpy(),
                            "check": "village_income"})
    issues = issues_asof[(issues_asof["item_code"] == VILLAGE_INCOME_ITEM)
                         & isin(issues_asof["region_code"], failing["region_code"])]
    issues = issues.assign(check="village_income")
    out = _classify(failing, issues, "region_code")
    return out.assign(household_id=None).reindex(columns=LINE_COLUMNS).reset_index(drop=True)


def counts(lines: pd.DataFrame) -> pd.DataFrame:
    """Per check: doubts, of them all closed, and leads (zeros where none)."""
    checks = [*GUARANTEE_KEYS, "village_income"]
    doubt = lines[lines["kind"] == "doubt"]
    return pd.DataFrame({
        "doubts": doubt["check"].value_counts(),
        "all_closed": doubt[doubt["all_closed"].astype(bool)]["check"].value_counts(),
        "leads": lines[lines["kind"] == "lead"]["check"].value_counts(),
    }).reindex(checks).fillna(0).astype(int)


def _is(value, expected: bool) -> bool:
    return bool(pd.notna(value) and bool(value) is expected)


def new_issue_item(check: str, household: pd.Series | None) -> str:
    """The checklist item a new issue for this failing fact goes under."""
    # A blank fact (未填报) is neither: the item of the other cause is taken.
    if check == "medical" and household is not None and not _is(household["all_insured"],
                                                                 False):
        return NEW_ISSUE_ITEM["medical_selfpay"]
    if check == "water" and household is not None and _is(household["excess_fluoride"], True):
        return NEW_ISSUE_ITEM["water_fluoride"]
    return NEW_ISSUE_ITEM[check]
