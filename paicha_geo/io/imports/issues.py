"""Issue lists (问题清单): row rules, stable issue codes, and the plan against the ledger.

Issue code: the sheet's 问题编号 when it has one; otherwise derived from region code,
checklist item, found date and description (normalised) with SHA-1, so re-importing the same
row finds the same issue. The plan compares each row with the stored issue: only fields the
sheet fills in are compared (a blank cell never erases what the ledger holds); a row whose
status is behind the ledger's is stale and left alone (with a notice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from paicha_geo.domain.errors import Message
from paicha_geo.io.imports import values as v
from paicha_geo.io.imports.common import CellError, Notices
from paicha_geo.io.imports.headers import HeaderMatch
from paicha_geo.io.imports.items import ItemIndex, Named
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.io.imports.rows import (
    Collect,
    Kind,
    Row,
    Validated,
    flag_duplicates,
    has_region_columns,
    missing,
    problem_for,
)

COMPARED = ("region_code", "household_id", "item_code", "source", "severity",
            "responsible_unit", "description", "found_date", "deadline", "status", "measures",
            "rectified_date", "closed_date", "verifier", "escalated")
DEFAULTS = {"source": "self_inspection", "severity": "general", "status": "pending",
            "escalated": False}
_FIELD_OF = {"region_code": "region_code", "item_code": "item"}

PARSERS = {
    "issue_code": lambda x, u: v.parse_text(x, 40),
    "region_code": lambda x, u: x,
    "district": lambda x, u: v.parse_text(x, 40),
    "town": lambda x, u: v.parse_text(x, 40),
    "village": lambda x, u: v.parse_text(x, 40),
    "household_id": lambda x, u: v.parse_code_text(x),
    "item": lambda x, u: v.parse_text(x),
    "description": lambda x, u: v.parse_long_text(x),
    "measures": lambda x, u: v.parse_long_text(x),
    "found_date": lambda x, u: v.parse_date(x),
    "deadline": lambda x, u: v.parse_date(x, month_end=True),
    "status": lambda x, u: v.parse_status(x),
    "responsible_unit": lambda x, u: v.parse_text(x),
    "source": lambda x, u: v.parse_source(x),
    "severity": lambda x, u: v.parse_severity(x),
    "rectified_date": lambda x, u: v.parse_date(x),
    "closed_date": lambda x, u: v.parse_date(x),
    "verifier": lambda x, u: v.parse_text(x),
    "escalated": lambda x, u: v.parse_bool(x),
}


@dataclass
class IssueContext:
    regions: RegionIndex
    items: ItemIndex
    campaign_id: int
    campaign_deadline: dt.date
    default_found_date: dt.date | None = None
    default_item: str | None = None
    notices: Notices = field(default_factory=Notices)
    item_choices: dict = field(default_factory=dict)  # row_key -> item a person chose


def row_key(row: Row) -> str:
    """A row's address in the file, as the preview and the person's item choices name it."""
    return f"{row.sheet or ''}!{row.number}"


def derive_code(region: str, item: str, found: dt.date, description: str | None) -> str:
    """A stable code for a row without 问题编号: same content, same code, on every import."""
    text = "".join((description or "").split())
    digest = hashlib.sha1(f"{region}|{item}|{found.isoformat()}|{text}".encode()).hexdigest()
    return f"PC{found.year}-{region[:6]}-H{digest[:10].upper()}"


def issue_kind(ctx: IssueContext) -> Kind:
    def required(match: HeaderMatch) -> list[Message]:
        reasons = []
        if not has_region_columns(match):
            reasons.append(Message("ERR_MISSING_REGION_COLUMNS"))
        if reason := missing(match, "issues", "description"):
            reasons.append(reason)
        if "found_date" not in match.columns and ctx.default_found_date is None:
            reasons.append(Message("ERR_MISSING_FOUND_DATE"))
        return reasons

    def finish(row: Row) -> dict:
        val = row.values
        broken = Collect()
        located = broken.attempt(lambda: ctx.regions.resolve(
            val.get("district"), val.get("town"), val.get("village"), val.get("region_code")))
        region = located[0] if located else None
        named = broken.attempt(lambda: ctx.items.resolve(val.get("item")), "item")
        item, suggested = _item_of(row, named, ctx, broken)
        if not val.get("description"):
            broken.add(CellError("ERR_REQUIRED", "description"))
        found = val.get("found_date") or ctx.default_found_date
        if found is None:
            broken.add(CellError("ERR_REQUIRED", "found_date"))
        deadline = val.get("deadline")
        rectified, closed = val.get("rectified_date"), val.get("closed_date")
        if found is not None:
            if deadline is not None and deadline < found:
                broken.add(CellError("ERR_DEADLINE_BEFORE_FOUND", "deadline", deadline=deadline,
                                     found=found))
            if rectified is not None and rectified < found:
                broken.add(CellError("ERR_RECTIFIED_BEFORE_FOUND", "rectified_date",
                                     date=rectified, found=found))
            if closed is not None and closed < found:
                broken.add(CellError("ERR_CLOSED_BEFORE_FOUND", "closed_date", closed=closed,
                                     found=found))
        if closed is not None and rectified is not None and closed < rectified:
            broken.add(CellError("ERR_CLOSED_BEFORE_RECTIFIED", "closed_date", closed=closed,
                                 rectified=rectified))
        broken.done()
        given = {k: val[k] for k in COMPARED if k in val}
        given.update(region_code=region, item_code=item, found_date=found)
        code = val.get("issue_code") or derive_code(region, item, found, val["description"])
        return {"issue_code": code, "explicit_code": "issue_code" in val, "given": given,
                "suggested": suggested}

    return Kind("issues", PARSERS, required, finish,
                lambda rows: _prime_suggestions(ctx, rows))


def _decided(row: Row, named: Named, ctx: IssueContext) -> str | None:
    """The item when the cell, a person's choice or the page's default decides it."""
    if named.exact:
        return named.code
    if (choice := ctx.item_choices.get(row_key(row))) in ctx.items.codes:
        return choice
    blank = not (named.part or named.group or named.unknown)
    if blank and ctx.default_item is not None:
        return ctx.default_item
    return None


def _prime_suggestions(ctx: IssueContext, rows: list[Row]) -> None:
    """Score the description of every row whose item is left to a suggestion, at once."""
    wanted = []
    for row in rows:
        try:
            named = ctx.items.resolve(row.values.get("item"))
        except CellError:
            continue
        if _decided(row, named, ctx) is None:
            wanted.append((row.values.get("description"), named))
    ctx.items.prime(wanted)


def _item_of(row: Row, named: Named | None, ctx: IssueContext,
             broken: Collect) -> tuple[str | None, dict | None]:
    """The row's item, and how it was suggested (None when the sheet or a person named it).

    A cell naming an item decides; else the person's choice in the preview; else, for a blank
    cell, the page's default item; else the item the description reads like (within the part
    or group the cell names), to be confirmed; a description like nothing is a problem that
    lists the nearest items."""
    if named is None:  # an unknown item code: the cell's problem is recorded already
        return None, None
    if (decided := _decided(row, named, ctx)) is not None:
        return decided, None
    description = row.values.get("description")
    suggestion = ctx.items.suggest(description, named)
    if suggestion.code is None:
        if description:
            nearest = "、".join(f"{c.code} {ctx.items.short[c.code]}（{c.score:.2f}）"
                               for c in suggestion.candidates) or "—"
            broken.add(CellError("ERR_ITEM_NOT_PLACED", "item",
                                 value=str(row.values.get("item") or "")[:40],
                                 candidates=nearest))
        return None, None
    return suggestion.code, {"value": str(row.values.get("item") or ""),
                             "within": named.part or named.group or "",
                             "score": suggestion.score,
                             "candidates": [c.code for c in suggestion.candidates]}


def check_rows(out: Validated, ctx: IssueContext,
               household_villages: Callable[[set[str]], dict[str, str]]) -> None:
    """Checks across rows: duplicate codes and content, households that do not exist."""
    def match_of(row: Row) -> HeaderMatch | None:
        return out.headers.get(row.sheet) or next(iter(out.headers.values()), None)

    explicit = [r for r in out.rows if r.record and r.record["explicit_code"]]
    derived = [r for r in out.rows if r.record and not r.record["explicit_code"]]
    def code_of(row: Row) -> str:
        return row.record["issue_code"]

    def same_code(n: int) -> Message:
        return Message("ERR_DUPLICATE_CODE", row=n)

    def same_content(n: int) -> Message:
        return Message("ERR_DUPLICATE_CONTENT", row=n)

    flag_duplicates(explicit, code_of, same_code, "issue_code", match_of, out.file)
    flag_duplicates(derived, code_of, same_content, None, match_of, out.file)
    wanted = {r.record["given"]["household_id"] for r in out.rows
              if r.record and "household_id" in r.record["given"]}
    known = household_villages(wanted) if wanted else {}
    for row in out.rows:
        if not row.record or "household_id" not in row.record["given"]:
            continue
        hid, region = row.record["given"]["household_id"], row.record["given"]["region_code"]
        if hid not in known:
            reason = Message("ERR_UNKNOWN_HOUSEHOLD", value=hid)
        elif ctx.regions.level_of(region) == "village" and known[hid] != region:
            reason = Message("ERR_HOUSEHOLD_ELSEWHERE", value=hid,
                             village=ctx.regions.path(known[hid]))
        else:
            continue
        row.problems.append(problem_for(row, "household_id", reason, match_of(row), out.file))
    suggested = sum(1 for r in out.rows if r.record and r.record.get("suggested"))
    if suggested:
        out.notices.add(Message("NOTE_ITEMS_SUGGESTED", rows=suggested))
