"""The demo's issue ledger: issues spread over the checklist, each with a dated history.

Histories run to `data_end` (after the deadline), so any as-of date tells a story: on the
default as-of date some issues are closed, some rectifying, some open and some overdue, and a
few closed ones were reopened by 回头看.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from paicha_geo.demo import fact_issues as facts
from paicha_geo.demo import regional
from paicha_geo.demo.descriptions import ITEM_PROBLEMS, describe
from paicha_geo.domain.campaign import Campaign

SOURCE_SHARES = {"supervision": 0.35, "self_inspection": 0.25, "inspection_tour": 0.15,
                 "public_report": 0.15, "audit": 0.10}
SEVERITY_SHARES = {"general": 0.65, "serious": 0.27, "critical": 0.08}

# Where an item's problem is found: district office, township, or village level.
_LEVEL_SHARES = {"implementation": (0.3, 0.5, 0.2), "precision": (0.05, 0.25, 0.7),
                 "guarantees": (0.0, 0.1, 0.9)}

# How often a screening files each item's other problems (not raised from a fact): a real
# list is dominated by a few items (records that do not match, booklets, policy awareness,
# assistance measures, fund management), most items collect a handful. Items not named: 1.
ITEM_WEIGHTS = {
    "2.1.3": 16, "2.2.6": 12, "1.2.1": 10, "2.2.2": 9, "1.3.4": 8, "1.1.3": 5, "2.1.2": 4,
    "3.2.5": 4, "3.1.2": 3, "2.3.2": 3, "2.2.4": 3, "2.2.1": 2, "3.3.1": 2, "3.3.3": 2,
    "1.2.4": 0.3, "1.2.6": 0.3, "1.2.7": 0.3, "1.3.5": 0.3, "2.2.5": 0.3, "3.4.1": 0,
}
MISSED_SHARE = 0.04  # failing facts the screening did not list (数据比对's 漏报线索)
CONTRADICTION_SHARE = 0.015  # of done household issues of a check: the facts still fail
_MEASURES = ["制定整改方案，明确责任人和时限", "逐户核查并补充完善台账", "召开专题会议研究落实",
             "资金已拨付到位", "已完成现场整改并留存影像资料"]

# The campaign's calendar: a few problems from self-inspection and audits early in the
# year, then the screening (mobilised in March, door to door in April and May), a trickle in
# June. Days after the campaign's start (2020-01-01).
_EARLY_SHARE, _EARLY_DAYS = 0.1, (5, 75)
_SCREENING_PEAK, _SCREENING_SD, _SCREENING_DAYS = 122, 20, (75, 176)  # peak 2020-05-02
_SCREENING_START = np.datetime64("2020-01-01") + np.timedelta64(_SCREENING_DAYS[0], "D")
SLOW_SHARE, SLOW_SHARE_WINTER = 0.08, 0.4


def _found_offsets(rng, n: int) -> np.ndarray:
    early = rng.random(n) < _EARLY_SHARE
    screening = rng.normal(_SCREENING_PEAK, _SCREENING_SD, n).clip(*_SCREENING_DAYS)
    return np.where(early, rng.integers(*_EARLY_DAYS, n), screening).astype(int)


def _weighted_choice(rng, shares: dict, size: int) -> np.ndarray:
    keys = list(shares)
    probs = np.array(list(shares.values()), dtype=float)
    return rng.choice(keys, size=size, p=probs / probs.sum())


def _unit_for(unit: str, district: str, town: str) -> str:
    """Replace the seed's generic '各市(区)…' with the issue's own district or township."""
    if unit.startswith("各市(区)、乡镇(街道)"):
        return town + unit.removeprefix("各市(区)、乡镇(街道)")
    if unit.startswith("各市(区)"):
        return district + unit.removeprefix("各市(区)")
    return unit


def issues_and_history(
    rng: np.random.Generator,
    campaign: Campaign,
    checklist: pd.DataFrame,
    regions: pd.DataFrame,
    villages: pd.DataFrame,
    households: pd.DataFrame,
    target: int,
    data_end: dt.date,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`target` issues with their history, and the households and villages as they stand at
    `data_end` (the facts a done issue fixed, fixed; see `facts.apply_fixes`).

    First the issues the facts raise (`facts.raised`: every failing household or weak
    village but MISSED_SHARE, one issue per problem, its description from the facts), then
    the rest drawn over ITEM_WEIGHTS with the item's own problems, on a region (and, for some,
    a household) they fit.
    """
    raised = facts.raised(rng, campaign, villages, households, MISSED_SHARE)
    other = _other_issues(rng, checklist, villages, households, campaign,
                          max(target - len(raised), 0))
    drawn = pd.concat([raised, other], ignore_index=True).head(target)
    short = dict(zip(checklist["code"], checklist["short"], strict=True))
    units_of = dict(zip(checklist["code"], checklist["responsible_units"], strict=True))
    names = regions.set_index("code")["name"].to_dict()
    rows = []
    start = pd.Timestamp(campaign.start_date)
    deadline = pd.Timestamp(campaign.deadline)
    found_all = _found_offsets(rng, len(drawn))
    for i, issue in enumerate(drawn.itertuples()):
        region = issue.region_code
        district_name = names[region[:6].ljust(12, "0")]
        town_name = names.get(region[:9].ljust(12, "0"), district_name)
        units = list(units_of[issue.item_code]) or ["各市(区)扶贫工作领导小组"]
        unit = _unit_for(units[rng.integers(len(units))], district_name, town_name)
        found = start + pd.Timedelta(days=int(found_all[i]))
        due = min(found + pd.Timedelta(days=int(rng.choice([30, 45, 60, 90]))), deadline)
        if due <= found:
            due = found + pd.Timedelta(days=15)
        rows.append({
            "issue_code": f"PC2020-{region[:6]}-{i + 1:06d}",
            "campaign_id": campaign.campaign_id,
            "region_code": region,
            "household_id": issue.household_id,
            "item_code": issue.item_code,
            "source": None, "severity": None,
            "responsible_unit": unit,
            "description": describe(short[issue.item_code], issue.problem),
            "found_date": found.date(),
            "deadline": due.date(),
        })
    issues = pd.DataFrame(rows)
    issues["source"] = _weighted_choice(rng, SOURCE_SHARES, len(issues))
    issues["severity"] = _weighted_choice(rng, SEVERITY_SHARES, len(issues))
    stuck = (drawn["check"].isin(facts.STUCK)).to_numpy()
    issues, history = _with_history(rng, issues, pd.Timestamp(data_end), stuck,
                                    regional.pace(issues["region_code"]))
    households, villages = facts.apply_fixes(rng, campaign, issues, drawn["check"], households,
                                             villages, CONTRADICTION_SHARE)
    return issues, history, households, villages


def _other_issues(rng, checklist: pd.DataFrame, villages: pd.DataFrame,
                  households: pd.DataFrame, campaign: Campaign, n: int) -> pd.DataFrame:
    """`n` issues not raised from a fact: item by ITEM_WEIGHTS, level by its group, a
    problem of its own item; a household attached only where its facts pass the item's
    check, so that no closure of these can contradict a fact."""
    codes = checklist["code"].to_numpy()
    weights = np.array([ITEM_WEIGHTS.get(c, 1.0) for c in codes], dtype=float)
    picked = rng.choice(codes, size=n, p=weights / weights.sum())
    group_of = dict(zip(checklist["code"], checklist["group_key"], strict=True))
    regions_ = facts.Places(rng, villages, households, campaign)
    rows = []
    for code in picked:
        level = rng.choice(["district", "town", "village"], p=_LEVEL_SHARES[group_of[code]])
        region, household, problem = regions_.place(code, level)
        if problem is None:
            options = ITEM_PROBLEMS[code]
            problem = options[rng.integers(len(options))]
        rows.append((code, region, household, problem, None))
    return pd.DataFrame(rows, columns=["item_code", "region_code", "household_id", "problem",
                                       "check"])


def _days(values) -> pd.TimedeltaIndex:
    return pd.to_timedelta(np.asarray(values, dtype=int), unit="D")


def _with_history(rng, issues: pd.DataFrame, data_end: pd.Timestamp, stuck: np.ndarray,
                  pace: np.ndarray):
    """Walk every issue through the workflow with random but plausible durations.

    Most problems found in the spring screening are put right within weeks (立行立改); some
    are slow and blow their deadline; `stuck` ones (an 改水 project) are not done by
    `data_end`; `pace` slows some districts' offices. Vectorised: one array of event times
    per step, so the province demo (100,000 issues) builds in seconds. Events after
    `data_end` have not happened yet and are dropped.
    """
    n = len(issues)
    # Slow issues blow their deadline: more of them among the winter's findings (巡察 and
    # audits raise the structural problems: funds, projects), which fill 挂牌督办 by May.
    winter = pd.to_datetime(issues["found_date"]).to_numpy() < _SCREENING_START
    slow = rng.random(n) < np.where(winter, SLOW_SHARE_WINTER, SLOW_SHARE)
    work = rng.gamma(1.8, 10.0, n) * np.where(slow, 4.0, 1.0)
    work = np.where(stuck, 400.0, work * pace)
    work *= np.where(issues["severity"].to_numpy() == "critical", 1.4, 1.0)
    found = pd.to_datetime(issues["found_date"]).to_numpy() + np.timedelta64(9, "h")
    t_rectifying = found + _days(rng.integers(1, 10, n))
    t_rectified = t_rectifying + _days(work.astype(int) + 1)
    t_closed = t_rectified + _days(rng.integers(3, 21, n))
    reopen = rng.random(n) < 0.04  # 回头看 finds the problem back
    t_reopen = t_closed + _days(rng.integers(10, 40, n))
    t_again = t_reopen + _days(rng.integers(3, 8, n))
    t_redone = t_again + _days(rng.integers(10, 30, n))
    t_reclosed = t_redone + _days(rng.integers(3, 10, n))
    unit = issues["responsible_unit"].to_numpy()
    steps = [
        (found, None, "pending", "排查组", "排查发现问题", np.ones(n, bool)),
        (t_rectifying, "pending", "rectifying", unit, "制定整改措施并启动整改", np.ones(n, bool)),
        (t_rectified, "rectifying", "rectified", unit, "整改完成，申请验收", np.ones(n, bool)),
        (t_closed, "rectified", "closed", "验收组", "验收合格，予以销号", np.ones(n, bool)),
        (t_reopen, "closed", "pending", "回头看督查组", "回头看发现问题反弹，重新整改", reopen),
        (t_again, "pending", "rectifying", unit, "重新整改", reopen),
        (t_redone, "rectifying", "rectified", unit, "再次整改完成", reopen),
        (t_reclosed, "rectified", "closed", "验收组", "复核合格，予以销号", reopen),
    ]
    frames = []
    for order, (when, old, new, actor, note, mask) in enumerate(steps):
        frames.append(pd.DataFrame({
            "row": np.flatnonzero(mask), "order": order, "changed_at": when[mask],
            "from_status": old, "to_status": new,
            "actor": actor[mask] if isinstance(actor, np.ndarray) else actor, "note": note,
        }))
    events = pd.concat(frames, ignore_index=True)
    events = events[events["changed_at"] <= data_end].sort_values(["row", "order"])
    last = events.groupby("row").tail(1).set_index("row")
    status = last["to_status"].reindex(range(n)).to_numpy()
    rectified = events[events["to_status"] == "rectified"].groupby("row")["changed_at"].max()
    closed = last["changed_at"].where(last["to_status"] == "closed")
    issues = issues.assign(
        status=status,
        measures=np.where(status != "pending", rng.choice(_MEASURES, n), None),
        rectified_date=rectified.reindex(range(n)).dt.date.to_numpy(),
        closed_date=closed.reindex(range(n)).dt.date.to_numpy(),
        verifier=np.where(status == "closed", "验收组", None),
        version=1,
    )
    overdue_long = (status != "closed") & (
        (data_end - pd.to_datetime(issues["deadline"])).dt.days > 30
    ).to_numpy()
    issues["escalated"] = overdue_long & (rng.random(n) < 0.5)
    history = events.assign(issue_code=issues["issue_code"].to_numpy()[events["row"]])
    history = history.sort_values(["changed_at", "row", "order"])
    return issues, history[["issue_code", "changed_at", "from_status", "to_status", "actor",
                            "note"]].reset_index(drop=True)


def visits(rng: np.random.Generator, villages: pd.DataFrame, households: pd.DataFrame,
           data_end: dt.date) -> pd.DataFrame:
    """三级书记遍访 and inspection visits; weak villages are visited more, some never.

    A visit is one row for the village and one per household the visitors saw.
    """
    rows = []
    start = pd.Timestamp("2020-01-06")
    span = (pd.Timestamp(data_end) - start).days
    kinds = {"secretary_visit": ["镇党委书记", "村党组织书记", "市(区)委书记"],
             "inspection": ["市督查组", "区督查组"]}
    by_village = households.groupby("village_code")["household_id"].apply(list).to_dict()
    for code, weak in zip(villages["code"], villages["weak_type"], strict=True):
        for _ in range(rng.poisson(2.2 if pd.notna(weak) else 0.5)):
            kind = "secretary_visit" if rng.random() < 0.7 else "inspection"
            day = (start + pd.Timedelta(days=int(rng.integers(0, span)))).date()
            who = rng.choice(kinds[kind])
            rows.append({"region_code": code, "household_id": None, "visit_date": day,
                         "visitors": who, "kind": kind,
                         "findings": "走访低收入农户，了解两不愁三保障落实情况"})
            homes = by_village.get(code, [])
            for hh in rng.permutation(homes)[: int(rng.integers(2, 9))]:
                rows.append({"region_code": code, "household_id": hh, "visit_date": day,
                             "visitors": who, "kind": kind, "findings": "入户走访"})
    columns = ["region_code", "household_id", "visit_date", "visitors", "kind", "findings"]
    return pd.DataFrame(rows, columns=columns)
