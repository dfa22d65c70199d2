"""The demo's issue ledger: issues spread over the checklist, each with a dated history.

Histories run to `data_end` (after the deadline), so any as-of date tells a story: on the
default as-of date some issues are closed, some rectifying, some open and some overdue, and a
few closed ones were reopened by 回头看.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.rules import household_failures

SOURCE_SHARES = {"supervision": 0.35, "self_inspection": 0.25, "inspection_tour": 0.15,
                 "public_report": 0.15, "audit": 0.10}
SEVERITY_SHARES = {"general": 0.65, "serious": 0.27, "critical": 0.08}
GROUP_SHARES = {"implementation": 0.22, "precision": 0.30, "guarantees": 0.48}

# Where an item's problem is found: district office, township, or village level.
_LEVEL_SHARES = {"implementation": (0.3, 0.5, 0.2), "precision": (0.05, 0.25, 0.7),
                 "guarantees": (0.0, 0.1, 0.9)}

_PROBLEMS = {
    "responsibility": ["专题研究脱贫攻坚工作次数不足", "三级书记遍访台账不完整",
                       "督促检查记录缺失"],
    "policy": ["政策口袋书未发放到户", "农户对帮扶政策知晓率偏低", "扶贫小额信贷使用不精准"],
    "work": ["扶贫项目进展迟缓", "扶贫资金拨付较慢", "扶贫资产未登记造册"],
    "identification": ["建档立卡信息与实际不符", "动态管理未及时更新", "存在漏评风险户"],
    "assistance": ["第一书记在岗时间不足", "帮扶措施针对性不强", "公益性岗位安排对象不精准"],
    "exit": ["脱贫户收入测算依据不足", "退出程序签字确认不全", "村集体收入不稳定"],
    "education": ["适龄儿童辍学未劝返", "教育资助未及时发放"],
    "medical": ["家庭成员未全部参保", "住院自付比例超过10%", "慢病签约服务未落实"],
    "housing": ["居住在C级危房", "居住在D级危房", "危改资金未足额到户"],
    "water": ["饮用水氟超标", "饮水安全未达到评价标准"],
    "social_floor": ["符合条件未纳入低保", "特困供养未落实到位"],
}
_MEASURES = ["制定整改方案，明确责任人和时限", "逐户核查并补充完善台账", "召开专题会议研究落实",
             "资金已拨付到位", "已完成现场整改并留存影像资料"]


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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = regions.set_index("code")["name"]
    districts = regions.loc[regions["level"] == "district", "code"].to_numpy()
    towns = regions.loc[regions["level"] == "town", "code"].to_numpy()
    village_codes = villages["code"].to_numpy()
    v_weight = np.where(villages["weak_type"].notna(), 4.0, 1.0)
    v_weight = v_weight / v_weight.sum()
    # Issues are drawn from the facts alone, whatever the household's exit status: the
    # demo's ledger stays as it was before the exit criteria got their population (issue
    # 17.2); which issues fit which households is issue 17.8's to revisit.
    failures = household_failures(households.assign(exit_status="exited"), campaign)
    failing_by_part = {
        part: households.loc[failures[part], ["household_id", "village_code"]].to_numpy()
        for part in failures.columns
    }
    items_by_group = {g: checklist[checklist["group_key"] == g].to_dict("records")
                      for g in GROUP_SHARES}

    groups = _weighted_choice(rng, GROUP_SHARES, target)
    rows = []
    start = pd.Timestamp(campaign.start_date)
    deadline = pd.Timestamp(campaign.deadline)
    for i, group in enumerate(groups):
        items = items_by_group[group]
        item = items[rng.integers(len(items))]
        level = rng.choice(["district", "town", "village"], p=_LEVEL_SHARES[group])
        household_id = None
        part = item["part_key"]
        if level == "district":
            region = districts[rng.integers(len(districts))]
        elif level == "town":
            region = towns[rng.integers(len(towns))]
        else:
            region = None
            failing = failing_by_part.get(part)
            if failing is not None and len(failing) and rng.random() < 0.8:
                household_id, region = failing[rng.integers(len(failing))]
            if region is None:
                region = village_codes[rng.choice(len(village_codes), p=v_weight)]
        district_name = names[region[:6].ljust(12, "0")]
        town_name = names.get(region[:9].ljust(12, "0"), district_name)
        units = list(item["responsible_units"]) or ["各市(区)扶贫工作领导小组"]
        unit = _unit_for(units[rng.integers(len(units))], district_name, town_name)
        # Found dates: the campaign ramps up in spring; a trickle continues into June.
        found = start + pd.Timedelta(days=int(min(rng.gamma(4.0, 18.0), 170)))
        due = min(found + pd.Timedelta(days=int(rng.choice([30, 45, 60, 90]))), deadline)
        if due <= found:
            due = found + pd.Timedelta(days=15)
        rows.append({
            "issue_code": f"PC2020-{region[:6]}-{i + 1:06d}",
            "campaign_id": campaign.campaign_id,
            "region_code": region,
            "household_id": household_id,
            "item_code": item["code"],
            "source": None, "severity": None,
            "responsible_unit": unit,
            "description": f"{item['short']}：{rng.choice(_PROBLEMS[part])}",
            "found_date": found.date(),
            "deadline": due.date(),
        })
    issues = pd.DataFrame(rows)
    issues["source"] = _weighted_choice(rng, SOURCE_SHARES, len(issues))
    issues["severity"] = _weighted_choice(rng, SEVERITY_SHARES, len(issues))
    return _with_history(rng, issues, pd.Timestamp(data_end))


def _days(values) -> pd.TimedeltaIndex:
    return pd.to_timedelta(np.asarray(values, dtype=int), unit="D")


def _with_history(rng, issues: pd.DataFrame, data_end: pd.Timestamp):
    """Walk every issue through the workflow with random but plausible durations.

    Vectorised: one array of event times per step, so the province demo (100,000 issues)
    builds in seconds. Events after `data_end` have not happened yet and are dropped.
    """
    n = len(issues)
    slow = rng.random(n) < 0.08  # stuck issues that blow their deadline
    work = rng.gamma(2.2, 14.0, n) * np.where(slow, 3.5, 1.0)
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
