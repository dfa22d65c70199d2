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
    failures = household_failures(households, campaign)
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


def _with_history(rng, issues: pd.DataFrame, data_end: pd.Timestamp):
    """Walk each issue through the workflow with random but plausible durations."""
    history = []
    status, measures, rectified, closed, verifier = [], [], [], [], []
    slow = rng.random(len(issues)) < 0.08  # stuck issues that blow their deadline
    for row, is_slow in zip(issues.itertuples(index=False), slow, strict=True):
        code = row.issue_code
        t = pd.Timestamp(row.found_date) + pd.Timedelta(hours=9)
        events = [(t, None, "pending", "排查组", "排查发现问题")]
        t_rectifying = t + pd.Timedelta(days=int(rng.integers(1, 10)))
        work = rng.gamma(2.2, 14.0) * (3.5 if is_slow else 1.0)
        if row.severity == "critical":
            work *= 1.4
        t_rectified = t_rectifying + pd.Timedelta(days=int(work) + 1)
        t_closed = t_rectified + pd.Timedelta(days=int(rng.integers(3, 21)))
        unit = row.responsible_unit
        events.append((t_rectifying, "pending", "rectifying", unit, "制定整改措施并启动整改"))
        events.append((t_rectified, "rectifying", "rectified", unit, "整改完成，申请验收"))
        events.append((t_closed, "rectified", "closed", "验收组", "验收合格，予以销号"))
        if rng.random() < 0.04:  # 回头看 finds the problem back
            t_reopen = t_closed + pd.Timedelta(days=int(rng.integers(10, 40)))
            events.append((t_reopen, "closed", "pending", "回头看督查组",
                           "回头看发现问题反弹，重新整改"))
            t_r2 = t_reopen + pd.Timedelta(days=int(rng.integers(3, 8)))
            events.append((t_r2, "pending", "rectifying", unit, "重新整改"))
            t_r3 = t_r2 + pd.Timedelta(days=int(rng.integers(10, 30)))
            events.append((t_r3, "rectifying", "rectified", unit, "再次整改完成"))
            events.append((t_r3 + pd.Timedelta(days=int(rng.integers(3, 10))), "rectified",
                           "closed", "验收组", "复核合格，予以销号"))
        kept = [e for e in events if e[0] <= data_end]
        for when, old, new, actor, note in kept:
            history.append({"issue_code": code, "changed_at": when, "from_status": old,
                            "to_status": new, "actor": actor, "note": note})
        final = kept[-1][2]
        status.append(final)
        last_rectified = max((e[0] for e in kept if e[2] == "rectified"), default=None)
        last_closed = kept[-1][0] if final == "closed" else None
        measures.append(rng.choice(_MEASURES) if final != "pending" else None)
        rectified.append(last_rectified.date() if last_rectified is not None else None)
        closed.append(last_closed.date() if last_closed is not None else None)
        verifier.append("验收组" if final == "closed" else None)
    issues = issues.assign(status=status, measures=measures, rectified_date=rectified,
                           closed_date=closed, verifier=verifier, version=1)
    overdue_long = (np.array(status) != "closed") & (
        (data_end - pd.to_datetime(issues["deadline"])).dt.days > 30
    )
    issues["escalated"] = overdue_long & (rng.random(len(issues)) < 0.5)
    return issues, pd.DataFrame(history)


def visits(rng: np.random.Generator, villages: pd.DataFrame, data_end: dt.date) -> pd.DataFrame:
    """三级书记遍访 and inspection visits; weak villages are visited more, some never."""
    rows = []
    start = pd.Timestamp("2020-01-06")
    span = (pd.Timestamp(data_end) - start).days
    kinds = {"secretary_visit": ["镇党委书记", "村党组织书记", "市(区)委书记"],
             "inspection": ["市督查组", "区督查组"]}
    for code, weak in zip(villages["code"], villages["weak_type"], strict=True):
        n = rng.poisson(2.2 if pd.notna(weak) else 0.5)
        for _ in range(n):
            kind = "secretary_visit" if rng.random() < 0.7 else "inspection"
            rows.append({
                "region_code": code, "household_id": None,
                "visit_date": (start + pd.Timedelta(days=int(rng.integers(0, span)))).date(),
                "visitors": rng.choice(kinds[kind]), "kind": kind,
                "findings": "走访低收入农户，了解两不愁三保障落实情况",
            })
    columns = ["region_code", "household_id", "visit_date", "visitors", "kind", "findings"]
    return pd.DataFrame(rows, columns=columns)
