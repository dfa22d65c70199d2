"""Column names as offices write them, and finding the header row under titles and notes.

Alias tables are recognition vocabulary (data), not UI text: they list every spelling seen in
county and township spreadsheets. Matching is on a normalised form (full-width brackets and
spaces folded, required-field stars and trailing colons dropped), exact first, then with a
trailing unit note such as （元） or （万元） removed; the unit is kept so amounts in 万元 are
scaled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paicha_geo.io.imports.dept_aliases import DEPT_ALIASES

REGION_ALIASES = {
    "region_code": ("区划代码", "行政区划代码", "统计用区划代码", "村代码", "村(社区)代码",
                    "地区代码", "村居代码"),
    "district": ("市(区)", "县(市、区)", "县(市,区)", "县(市区)", "县市区", "区县", "县区",
                 "县(区)", "区(县)", "市区", "县(市)", "市(县、区)", "所属区县", "所属市(区)",
                 "所属县(市、区)", "辖市区", "县(市、区)名称"),
    "town": ("乡镇", "镇(街道)", "乡镇(街道)", "乡(镇)", "乡(镇、街道)", "乡镇街道", "镇街",
             "街道", "镇", "乡镇名称", "所属乡镇", "镇(区)", "乡镇(街道)名称", "镇(街道、园区)"),
    "village": ("村", "村(社区)", "村居", "村(居)", "行政村", "社区", "村名", "村(社区)名称",
                "所属村", "村庄", "村居名称", "村(居)委会", "村(社区)名"),
}

ISSUE_ALIASES = {
    **REGION_ALIASES,
    "issue_code": ("问题编号", "问题编码", "问题代码"),
    "household_id": ("户编号", "农户编号", "户码", "户主编号"),
    "item": ("排查项目", "排查重点", "排查内容", "排查事项", "问题类别", "问题类型", "问题分类",
             "清单项", "清单编号", "排查条目", "类别", "所属类别"),
    "description": ("问题描述", "存在问题", "问题表现", "问题内容", "具体问题", "主要问题",
                    "存在的问题", "问题具体表现", "问题"),
    "measures": ("整改措施", "整改举措", "整改办法", "整改方案", "整改措施及成效"),
    "found_date": ("发现日期", "发现时间", "排查时间", "排查日期", "交办时间", "交办日期",
                   "发现问题时间", "登记日期"),
    "deadline": ("整改时限", "完成时限", "整改期限", "整改完成时限", "时限", "时限要求",
                 "整改时间要求"),
    "status": ("整改状态", "整改进展", "完成情况", "整改情况", "进展情况", "状态", "整改进度",
               "整改完成情况", "整改进展情况"),
    "responsible_unit": ("责任单位", "牵头单位", "责任部门", "整改责任单位", "牵头部门",
                         "整改单位", "责任主体"),
    "source": ("问题来源", "来源", "发现途径", "问题渠道", "发现渠道"),
    "severity": ("严重程度", "问题等级", "问题程度"),
    "rectified_date": ("整改完成日期", "整改完成时间", "完成日期", "实际完成时间", "完成时间"),
    "closed_date": ("销号日期", "销号时间", "验收销号时间", "验收日期"),
    "verifier": ("验收人", "验收单位", "销号验收人", "验收部门"),
    "escalated": ("挂牌督办", "是否挂牌督办"),
}

# The day a row's facts were verified (schema 9: facts have dates).
VERIFIED_ALIASES = ("核实日期", "核实时间", "信息核实日期", "数据核实日期", "核查日期",
                    "核实日期(年月日)")

HOUSEHOLD_ALIASES = {
    **REGION_ALIASES,
    "household_id": ISSUE_ALIASES["household_id"],
    "head_name": ("户主姓名", "户主", "姓名"),
    "id_number": ("身份证号", "户主身份证号", "身份证号码", "证件号码", "公民身份号码"),
    "members": ("家庭人口", "人口数", "家庭人口数", "户人口", "人数", "家庭成员数"),
    "per_capita_income": ("人均纯收入", "人均可支配收入", "家庭人均纯收入", "年人均纯收入",
                          "人均收入", "家庭人均可支配收入"),
    "exit_status": ("是否脱贫", "脱贫状态", "脱贫情况", "脱贫标志"),
    "school_age_children": ("适龄儿童人数", "义务教育阶段人数", "适龄儿童"),
    "children_out_of_school": ("失学辍学人数", "辍学人数", "失学人数"),
    "children_out_of_school_physical": ("因身体原因失学人数", "因病失学人数"),
    "all_insured": ("全员参保", "是否全员参保"),
    "inpatient_selfpay_share": ("住院自付比例", "自付比例", "住院个人自付比例"),
    "house_grade": ("住房等级", "房屋等级", "危房等级", "房屋鉴定等级", "住房安全等级"),
    "house_renovation": ("危房改造情况", "危改进度", "危房改造进度"),
    "safe_water": ("饮水安全", "饮水是否安全"),
    "excess_fluoride": ("氟超标", "饮水氟超标"),
    "social_floor_eligible": ("符合低保特困条件", "应纳入低保特困"),
    "social_floor_covered": ("已纳入低保特困", "纳入低保特困", "已纳入兜底"),
    "verified_on": VERIFIED_ALIASES,
}

VILLAGE_ALIASES = {
    **REGION_ALIASES,
    "weak_type": ("经济薄弱村类型", "薄弱村类型", "村类型", "是否经济薄弱村", "经济薄弱村"),
    "collective_operating_income": ("集体经营性收入", "村集体经营性收入", "经营性收入"),
    "collective_disposable_income": ("集体可支配收入", "村集体可支配收入", "可支配收入"),
    "first_secretary_present": ("第一书记在岗", "第一书记是否在岗", "第一书记"),
    "population": ("人口", "户籍人口", "总人口", "人口数"),
    "verified_on": VERIFIED_ALIASES,
}

ALIASES = {"issues": ISSUE_ALIASES, "households": HOUSEHOLD_ALIASES,
           "villages": VILLAGE_ALIASES,
           **{kind: {**REGION_ALIASES, **fields,  # a department's list: its village spellings too
                     "village": (*REGION_ALIASES["village"], *fields["village"])}
              for kind, fields in DEPT_ALIASES.items()}}

# Recognised and deliberately not imported (so they are not reported as unknown).
IGNORED = ("序号", "备注", "责任人", "联系电话", "联系人", "超期天数", "说明", "序", "No",
           "排序", "填报人")

_FOLD = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "　": "", "【": "(",
                       "】": ")", "［": "(", "］": ")"})
_UNIT = re.compile(r"\((万元|元|%|％|人|户|个|是/否|是或否|年月日|[^()]{0,8})\)$")


def normalize(text) -> str:
    """The comparable form of a header cell."""
    if text is None:
        return ""
    s = str(text).translate(_FOLD)
    s = re.sub(r"\s+", "", s).strip("*＊:")
    return s


@dataclass
class HeaderMatch:
    """Where the header is and which column holds which field."""

    row_index: int  # index in the sheet's row list of the (last) header row
    columns: dict[str, int]  # field -> column index
    titles: list[str]  # header text per column as written (for messages)
    units: dict[str, str] = field(default_factory=dict)  # field -> unit note, e.g. 万元
    unknown: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)


def _lookup(kind: str) -> dict[str, str]:
    table = {}
    for key, aliases in ALIASES[kind].items():
        for alias in aliases:
            table.setdefault(normalize(alias), key)
    return table


_LOOKUPS = {kind: _lookup(kind) for kind in ALIASES}
_IGNORED = {normalize(x) for x in IGNORED}


def classify(text, kind: str) -> tuple[str | None, str | None]:
    """(field, unit) for a header cell, or (None, None) when it is not a known column."""
    key = normalize(text)
    if not key:
        return None, None
    lookup = _LOOKUPS[kind]
    if key in lookup:
        return lookup[key], None
    unit = _UNIT.search(key)
    if unit:
        base = key[: unit.start()]
        if base in lookup:
            return lookup[base], unit.group(1)
    return None, None


def _score(row: list, kind: str) -> int:
    return len({classify(v, kind)[0] for v in row} - {None})


def find_header(rows: list[list], kind: str, scan: int = 30) -> HeaderMatch | None:
    """The header: the first row (within `scan`) naming the most known fields, at least two.

    A group heading merged over sub-headings (整改情况 over 整改状态 | 完成时间) is handled by
    reading the next row too when it names fields the first one does not.
    """
    best, best_score = None, 1
    for i, row in enumerate(rows[:scan]):
        score = _score(row, kind)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    top = rows[best]
    titles = [normalize(v) for v in top]
    last = best
    if best + 1 < len(rows):
        below = rows[best + 1]
        def grouped(j: int) -> bool:
            """A heading merged across columns (its text repeats beside it), or no field."""
            here = titles[j] if j < len(titles) else ""
            if not classify(here, kind)[0]:
                return True
            return bool(here) and ((j > 0 and titles[j - 1] == here)
                                   or (j + 1 < len(titles) and titles[j + 1] == here))

        new = [j for j, v in enumerate(below) if classify(v, kind)[0] and grouped(j)]
        rest_ok = all(
            v is None or classify(v, kind)[0] or (j < len(top) and normalize(v) == titles[j])
            for j, v in enumerate(below)
        )
        if new and rest_ok:
            last = best + 1
            width = max(len(top), len(below))
            titles = [
                normalize(below[j]) if j in new or (j < len(below) and classify(
                    below[j], kind)[0] and not classify(titles[j] if j < len(titles) else "",
                                                        kind)[0])
                else (titles[j] if j < len(titles) else "")
                for j in range(width)
            ]
    match = HeaderMatch(row_index=last, columns={}, titles=titles)
    for j, title in enumerate(titles):
        key, unit = classify(title, kind)
        if key is None:
            if title and title not in _IGNORED and not title.startswith("Unnamed"):
                match.unknown.append(title)
            continue
        if key in match.columns:
            match.duplicates.setdefault(key, [titles[match.columns[key]]]).append(title)
            continue
        match.columns[key] = j
        if unit:
            match.units[key] = unit
    return match
