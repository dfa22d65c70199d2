"""Imports obey the importer's scope: a row about a region outside it, or naming a record
that lives outside it, becomes a row problem (shown, downloadable, never written).

These checks run after the file's own checks and before the plan, on every row read far
enough to know its region (a row with another problem too gets this one listed as well), so
"only import valid rows" writes the rows inside the scope and nothing else. A record that
already exists elsewhere is named by its region at the importer's level (the other district,
or the other township), not by its village: enough to explain the refusal, no more.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from paicha_geo.domain.errors import Message
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.io.imports.rows import Row, Validated, problem_for
from paicha_geo.services.data import Scope

_REGION_FIELDS = ("region_code", "village", "town", "district")  # the deepest given wins


class _Refuser:
    """Adds scope problems to the rows of one validated file."""

    def __init__(self, out: Validated, scope: Scope, regions: RegionIndex):
        self.out, self.scope, self.regions = out, scope, regions
        self.mine = regions.path(scope.code) if scope.code else ""

    def refuse(self, row: Row, field: str | None, code: str, reason: str, **fields) -> None:
        header = self.out.headers.get(row.sheet) or next(iter(self.out.headers.values()), None)
        row.problems.append(problem_for(row, field, Message(
            reason, region=self.regions.path(code) or self.regions.name.get(code, code),
            code=code, scope=self.mine,
            **fields), header, self.out.file))

    def region_row(self, row: Row, code: str) -> bool:
        """Refuse a row whose own region lies outside; True when it was refused."""
        if self.scope.covers(code):
            return False
        field = next((f for f in _REGION_FIELDS if f in row.values), None)
        self.refuse(row, field, code, "ERR_OUTSIDE_SCOPE")
        return True

    def elsewhere(self, code: str) -> str:
        """An outside record's region at the importer's own level (its district, its town)."""
        return Scope.of(code, self.scope.level).code


def _read(out: Validated) -> list[Row]:
    """The rows whose region is known (valid or not): each may lie outside."""
    return [r for r in out.rows if r.record is not None]


def _covering_all(scope: Scope) -> bool:
    return not scope.prefix


def refuse_issues(out: Validated, scope: Scope, regions: RegionIndex, existing: pd.DataFrame,
                  household_villages: Callable[[set[str]], dict[str, str]]) -> None:
    """Issue rows: the row's region, the village of the household it names, and the region
    of the stored issue with the same code must all lie in `scope`."""
    if _covering_all(scope):
        return
    check = _Refuser(out, scope, regions)
    stored = dict(zip(existing["issue_code"], existing["region_code"], strict=True)) \
        if len(existing) else {}
    rows = _read(out)
    wanted = {r.record["given"]["household_id"] for r in rows
              if "household_id" in r.record["given"]}
    villages = household_villages(wanted) if wanted else {}
    for row in rows:
        given, code = row.record["given"], row.record["issue_code"]
        check.region_row(row, given["region_code"])
        hid = given.get("household_id")
        if hid in villages and not scope.covers(villages[hid]):
            check.refuse(row, "household_id", check.elsewhere(villages[hid]),
                         "ERR_HOUSEHOLD_OUTSIDE_SCOPE", value=hid)
        if code in stored and not scope.covers(stored[code]):
            check.refuse(row, "issue_code" if row.record["explicit_code"] else None,
                         check.elsewhere(stored[code]), "ERR_ISSUE_OUTSIDE_SCOPE", value=code)


def refuse_households(out: Validated, scope: Scope, regions: RegionIndex,
                      existing: pd.DataFrame) -> None:
    """Household rows: the row's village, and the village the stored household (same 户编号,
    or found by its ID number) lives in, must lie in `scope`."""
    if _covering_all(scope):
        return
    check = _Refuser(out, scope, regions)
    stored = dict(zip(existing["household_id"], existing["village_code"], strict=True)) \
        if len(existing) else {}
    for row in _read(out):
        given = row.record["given"]
        check.region_row(row, given["village_code"])
        home = stored.get(row.record["key"])
        if home is not None and not scope.covers(home):
            if "household_id" in row.values:
                check.refuse(row, "household_id", check.elsewhere(home),
                             "ERR_HOUSEHOLD_OUTSIDE_SCOPE", value=row.values["household_id"])
            else:  # found by its ID number: the stored 户编号 is not the importer's to see
                check.refuse(row, "id_number", check.elsewhere(home), "ERR_PERSON_OUTSIDE_SCOPE")


def refuse_villages(out: Validated, scope: Scope, regions: RegionIndex) -> None:
    """Village rows: the village must lie in `scope` (its code is its key)."""
    if _covering_all(scope):
        return
    check = _Refuser(out, scope, regions)
    for row in _read(out):
        check.region_row(row, row.record["given"]["code"])


def outside(kind: str, rows: list[dict], scope: Scope) -> int:
    """How many planned rows (inserts or updates) would write outside `scope`."""
    column = {"issues": "region_code", "households": "village_code", "villages": "code"}[kind]
    return sum(1 for r in rows if not scope.covers(r[column]))
