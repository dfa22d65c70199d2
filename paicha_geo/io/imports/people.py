"""Household (低收入农户) and village (村基本情况) sheets: row rules and the upsert plan.

A household is keyed by 户编号. When the sheet has none, the household already stored under
the same 身份证号 keeps its number (so re-importing finds it), and a new one gets a random
number: never one derived from the ID number. Only cells the sheet fills in are
compared and written; a new household needs its village, 家庭人口 and 是否脱贫.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from paicha_geo.domain.errors import Message, Term
from paicha_geo.domain.privacy import new_household_number
from paicha_geo.io.imports import values as v
from paicha_geo.io.imports.common import CellError
from paicha_geo.io.imports.headers import HeaderMatch
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.io.imports.rows import (
    Collect,
    Kind,
    Row,
    Validated,
    flag_duplicates,
    has_region_columns,
    problem_for,
)

HOUSEHOLD_COLUMNS = ["household_id", "village_code", "head_name", "id_number", "members",
                     "per_capita_income", "exit_status", "school_age_children",
                     "children_out_of_school", "children_out_of_school_physical", "all_insured",
                     "inpatient_selfpay_share", "house_grade", "house_renovation", "safe_water",
                     "excess_fluoride", "social_floor_eligible", "social_floor_covered"]
# A new household's fact the sheet leaves blank stays blank: 未填报 (unknown), never the
# passing answer (domain/rules.py: missing is not passing).
HOUSEHOLD_DEFAULTS: dict = {}
VILLAGE_COLUMNS = ["code", "weak_type", "collective_operating_income",
                   "collective_disposable_income", "first_secretary_present", "population"]
_REGION = {"region_code": lambda x, u: x, "district": lambda x, u: v.parse_text(x, 40),
           "town": lambda x, u: v.parse_text(x, 40), "village": lambda x, u: v.parse_text(x, 40)}

HOUSEHOLD_PARSERS = {
    **_REGION,
    "household_id": lambda x, u: v.parse_code_text(x),
    "head_name": lambda x, u: v.parse_text(x, 40),
    "id_number": lambda x, u: v.parse_id_number(x),
    "members": lambda x, u: v.parse_int(x),
    "per_capita_income": lambda x, u: v.parse_number(x, u),
    "exit_status": lambda x, u: v.parse_exit(x),
    "school_age_children": lambda x, u: v.parse_int(x),
    "children_out_of_school": lambda x, u: v.parse_int(x),
    "children_out_of_school_physical": lambda x, u: v.parse_int(x),
    "all_insured": lambda x, u: v.parse_bool(x),
    "inpatient_selfpay_share": lambda x, u: v.parse_share(x, u),
    "house_grade": lambda x, u: v.parse_grade(x),
    "house_renovation": lambda x, u: v.parse_renovation(x),
    "safe_water": lambda x, u: v.parse_bool(x),
    "excess_fluoride": lambda x, u: v.parse_bool(x),
    "social_floor_eligible": lambda x, u: v.parse_bool(x),
    "social_floor_covered": lambda x, u: v.parse_bool(x),
    "verified_on": lambda x, u: v.parse_date(x),
}
VILLAGE_PARSERS = {
    **_REGION,
    "weak_type": lambda x, u: v.parse_weak(x),
    "collective_operating_income": lambda x, u: v.parse_number(x, u),
    "collective_disposable_income": lambda x, u: v.parse_number(x, u),
    "first_secretary_present": lambda x, u: v.parse_bool(x),
    "population": lambda x, u: v.parse_int(x),
    "verified_on": lambda x, u: v.parse_date(x),
}


def _village_of(regions: RegionIndex, val: dict) -> str:
    code, _ = regions.resolve(val.get("district"), val.get("town"), val.get("village"),
                              val.get("region_code"))
    if regions.level_of(code) != "village":
        raise CellError("ERR_NEED_VILLAGE", "village")
    return code


def household_kind(regions: RegionIndex) -> Kind:
    def required(match: HeaderMatch) -> list[Message]:
        reasons = [] if has_region_columns(match) else [Message("ERR_MISSING_REGION_COLUMNS")]
        if "household_id" not in match.columns and "id_number" not in match.columns:
            reasons.append(Message("ERR_NEED_HOUSEHOLD_KEY"))
        return reasons

    def finish(row: Row) -> dict:
        val = row.values
        broken = Collect()
        village = broken.attempt(lambda: _village_of(regions, val))
        if "members" in val and val["members"] < 1:
            broken.add(CellError("ERR_MEMBERS", "members"))
        out_of_school = val.get("children_out_of_school")
        if out_of_school is not None and out_of_school > val.get("school_age_children",
                                                                 out_of_school):
            broken.add(CellError("ERR_DROPOUTS_EXCEED_CHILDREN", "children_out_of_school",
                                 dropouts=out_of_school, children=val["school_age_children"]))
        physical = val.get("children_out_of_school_physical")
        if physical is not None and out_of_school is not None and physical > out_of_school:
            broken.add(CellError("ERR_PHYSICAL_EXCEED_DROPOUTS", "children_out_of_school_physical",
                                 physical=physical, dropouts=out_of_school))
        hid = val.get("household_id")
        if hid is None and "id_number" not in val:
            broken.add(CellError("ERR_NEED_HOUSEHOLD_KEY", "household_id"))
        broken.done()
        given = {k: val[k] for k in HOUSEHOLD_COLUMNS if k in val}
        given["village_code"] = village
        if hid is not None:
            given["household_id"] = hid
        # Without a 户编号 the ID number identifies the row until number_households() runs.
        return {"key": hid if hid is not None else f"id:{val['id_number']}", "given": given,
                "verified_on": val.get("verified_on")}

    return Kind("households", HOUSEHOLD_PARSERS, required, finish)


def number_households(out: Validated, known: dict[str, str]) -> None:
    """Give each row without a 户编号 the number its ID number already has, else a random one.

    `known` maps ID numbers to stored 户编号, so re-importing a sheet updates the same
    households. Rows repeating one ID number share one new number (check_keys flags them).
    """
    fresh: dict[str, str] = {}
    for row in out.valid_rows:
        given = row.record["given"]
        if "household_id" in given:
            continue
        number = given["id_number"]
        if number not in known and number not in fresh:
            fresh[number] = new_household_number(given["village_code"])
        given["household_id"] = known.get(number) or fresh[number]
        row.record["key"] = given["household_id"]


def village_kind(regions: RegionIndex) -> Kind:
    def required(match: HeaderMatch) -> list[Message]:
        return [] if has_region_columns(match) else [Message("ERR_MISSING_REGION_COLUMNS")]

    def finish(row: Row) -> dict:
        code = _village_of(regions, row.values)
        given = {k: row.values[k] for k in VILLAGE_COLUMNS if k in row.values}
        if given.get("weak_type") == v.NOT_WEAK:  # 否 is a value: the village is not weak
            given["weak_type"] = None
        given["code"] = code
        return {"key": code, "given": given, "verified_on": row.values.get("verified_on")}

    return Kind("villages", VILLAGE_PARSERS, required, finish)


def check_keys(out: Validated, label_field: str) -> None:
    def match_of(row: Row):
        return out.headers.get(row.sheet)

    def same_key(n: int) -> Message:
        return Message("ERR_DUPLICATE_KEY", row=n, label=Term("FIELD_LABELS", label_field))

    flag_duplicates(out.rows, lambda r: r.record["key"], same_key, label_field, match_of,
                    out.file)


@dataclass
class UpsertPlan:
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    unchanged: int = 0
    row_action: dict[int, str] = field(default_factory=dict)
    row_changes: dict[int, dict] = field(default_factory=dict)  # id(row) -> {field: (old, new)}


def _clean(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def plan_upsert(out: Validated, existing: pd.DataFrame, key: str, columns: list[str],
                defaults: dict, required_new: tuple[str, ...]) -> UpsertPlan:
    """Insert new keys, update changed fields of known ones; a new row needs `required_new`."""
    stored = {r[key]: {k: _clean(x) for k, x in r.items()}
              for r in existing.to_dict("records")} if len(existing) else {}
    plan = UpsertPlan()
    for row in out.valid_rows:
        given = row.record["given"]
        old = stored.get(given[key])
        if old is None:
            lacking = [f for f in required_new if f not in given]
            if lacking:
                for f in lacking:
                    row.problems.append(problem_for(row, f, Message("ERR_REQUIRED"),
                                                    out.headers.get(row.sheet), out.file))
                continue
            new = {c: None for c in columns}
            new.update(defaults)
            new.update(given)
            plan.inserts.append(new)
            plan.row_action[id(row)] = "insert"
            continue
        changes = {k: x for k, x in given.items() if x != old.get(k)}
        if not changes:
            plan.unchanged += 1
            plan.row_action[id(row)] = "unchanged"
            continue
        new = {c: old.get(c) for c in columns}
        new.update(changes)
        plan.updates.append(new)
        plan.row_action[id(row)] = "update"
        plan.row_changes[id(row)] = {k: (old.get(k), x) for k, x in changes.items()}
    return plan
