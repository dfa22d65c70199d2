"""Matching a department's list to the ledger's households, and what the two disagree on.

A row is matched by ID number first (match "id"); without one found, by the head's name:
exactly one household of that name in the row's village is "high" ("medium" when both sides
hold an ID number and they differ), exactly one in another village of the same township is
"low"; several candidates are "ambiguous" and none "none". A row naming a person or village
that exists only outside the reader's region is "outside": not matched, nothing about it kept.

A matched row whose department fact contradicts the household's own fact is a lead (线索),
not an issue: "dept_fails" (the department says the guarantee fails, the ledger says it holds:
the guarantee's checklist item) or "ledger_fails" (the ledger says it fails, the department
says it holds: item 2.1.3, 建档立卡数据核实, the records disagree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

MATCHES = ("id", "high", "medium", "low", "ambiguous", "none", "outside")
MATCHED = ("id", "high", "medium", "low")
# The checklist item a lead raises when the department says the guarantee fails.
GUARANTEE_ITEM = {"dept_housing": "3.3.4", "dept_education": "3.1.1",
                  "dept_medical": "3.2.1", "dept_water": "3.4.2", "dept_social": "3.5.1"}
RECORDS_ITEM = "2.1.3"  # 建档立卡数据核实: the ledger says it fails, the department says it holds
# Kinds where a department's "it holds" says nothing about the whole household (one pupil in
# school, one member insured): only "dept_fails" is a lead there.
UNKNOWN = "unknown"  # the ledger's fact is blank (未填报)
ONE_WAY = ("dept_education", "dept_medical")


@dataclass(frozen=True)
class Match:
    match: str
    household_id: str | None = None
    village_code: str | None = None


def _clean(text) -> str:
    return "".join(str(text).split()) if isinstance(text, str) else ""


def _cleaned(texts: pd.Series) -> pd.Series:
    """`_clean` of a column at once (names and village names compared without spaces)."""
    return texts.astype("string").str.replace(r"\s+", "", regex=True).fillna("")


def match_rows(rows: pd.DataFrame, households: pd.DataFrame, villages: pd.DataFrame,
               id_inside: dict[str, tuple[str, str]], id_outside: set[str],
               inside: Callable[[str], bool]) -> list[Match]:
    """One Match per row of `rows` (id_number, name, village, town).

    `households`: the reader's households (household_id, village_code, head_name, id_number);
    `villages`: every village (code, name, town_code, town_name), for names outside the
    region; `id_inside`: ID number -> (household_id, village_code) in the region;
    `id_outside`: ID numbers of households outside it; `inside(code)`: a village in the region.
    """
    # Plain lists: iterating a str column of pandas 3 item by item is ten times slower, and
    # its isin converts every wanted value to an Arrow scalar.
    numbers = rows["id_number"].tolist()
    unresolved = [n not in id_inside and n not in id_outside for n in numbers]
    names = set(_cleaned(rows.loc[unresolved, "name"]).tolist()) - {""}
    homes = households.assign(head=_cleaned(households["head_name"]))
    homes = homes[homes["head"].isin(names)].merge(
        villages.assign(place=_cleaned(villages["name"])), left_on="village_code",
        right_on="code", how="left")
    by_name_village: dict[tuple, list] = {}
    by_name_town: dict[tuple, list] = {}
    for head, place, town, household, code, number in zip(
            *(homes[c].tolist() for c in ("head", "place", "town_code", "household_id",
                                          "village_code", "id_number")), strict=True):
        by_name_village.setdefault((head, place), []).append((household, code, number))
        by_name_town.setdefault((head, town), []).append((household, code, number))
    village_towns: dict[str, list] = {}
    for name, code, town_code, town_name in zip(
            *(villages[c].tolist() for c in ("name", "code", "town_code", "town_name")),
            strict=True):
        village_towns.setdefault(_clean(name), []).append((code, town_code,
                                                           _clean(town_name)))
    out = []
    for number, name, village, town in zip(
            numbers, *(rows[c].tolist() for c in ("name", "village", "town")), strict=True):
        number = number if isinstance(number, str) else None
        if number and number in id_inside:
            out.append(Match("id", *id_inside[number]))
            continue
        if number and number in id_outside:
            out.append(Match("outside"))
            continue
        out.append(_by_name(_clean(name), _clean(village), _clean(town), number,
                            by_name_village, by_name_town, village_towns, inside))
    return out


def _by_name(name, village, town, number, by_name_village, by_name_town, village_towns,
             inside) -> Match:
    if not name or not village:
        return Match("none")
    places = [p for p in village_towns.get(village, []) if not town or p[2] == town]
    if places and not any(inside(code) for code, _, _ in places):
        return Match("outside")
    here = [h for h in by_name_village.get((name, village), [])
            if not town or any(h[1] == code for code, _, _ in places)]
    if len(here) == 1:
        household, code, theirs = here[0]
        differs = bool(number and isinstance(theirs, str) and theirs and theirs != number)
        return Match("medium" if differs else "high", household, code)
    if len(here) > 1:
        return Match("ambiguous")
    towns = {t for _, t, _ in places}
    if len(towns) != 1:
        return Match("none")
    near = by_name_town.get((name, towns.pop()), [])
    if len(near) == 1:
        return Match("low", near[0][0], near[0][1])
    return Match("ambiguous" if near else "none")


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def facts(kind: str, fact, household, dangerous: tuple[str, ...]) -> tuple[bool, bool, str, str]:
    """(department says it fails, ledger says it fails, department fact, ledger fact) as
    codes: a house grade (A-D, "none" when the ledger holds none), "yes"/"no", or a count."""
    if kind == "dept_housing":
        grade = household["house_grade"] if isinstance(household["house_grade"], str) else None
        return fact in dangerous, grade in dangerous, fact, grade or "none"
    if kind == "dept_education":
        out, physical = (household["children_out_of_school"],
                         household["children_out_of_school_physical"])
        if pd.isna(out):  # 未填报: the ledger says nothing, so it does not fail
            return not fact, False, _yes_no(fact), UNKNOWN
        dropouts = int(out) - (int(physical) if pd.notna(physical) else 0)
        return not fact, dropouts > 0, _yes_no(fact), str(max(dropouts, 0))
    column = {"dept_medical": "all_insured", "dept_water": "safe_water",
              "dept_social": "social_floor_covered"}[kind]
    if pd.isna(household[column]):  # 未填报 (schema 8): not a failure of the ledger
        return not fact, False, _yes_no(fact), UNKNOWN
    ledger = bool(household[column])
    return not fact, not ledger, _yes_no(fact), _yes_no(ledger)


def contradiction(kind: str, fact, household, dangerous: tuple[str, ...]) -> dict | None:
    """The lead a matched row makes, or None when the department and the ledger agree:
    direction, the item to raise, and both facts (codes; labels words them)."""
    dept_bad, ledger_bad, dept_fact, ledger_fact = facts(kind, fact, household, dangerous)
    if dept_bad == ledger_bad or (ledger_bad and kind in ONE_WAY):
        return None
    direction = "dept_fails" if dept_bad else "ledger_fails"
    return {"direction": direction, "dept_fact": dept_fact, "ledger_fact": ledger_fact,
            "item_code": GUARANTEE_ITEM[kind] if dept_bad else RECORDS_ITEM}
