"""The 核实日期 of a household or village sheet: each changed row becomes a dated version.

A row that adds a household (village) or changes one of its facts appends a version holding
all its facts after the change (the facts the sheet leaves out are carried over from the
version before), dated by the row's 核实日期, or the import's day when the sheet has none.
The earlier version stays with its own date. A 核实日期 after today, or before the newest
one already on record for that household (village), is a row error: an import adds the
newest version, it does not rewrite the past. A row that changes nothing adds no version.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.domain.errors import Message
from paicha_geo.io.imports.rows import Validated, problem_for


def check_days(out: Validated, latest: dict, today: dt.date) -> None:
    """Row errors for a 核实日期 after `today` or before the newest on record (`latest`:
    key -> date)."""
    for row in out.valid_rows:
        day = row.record.get("verified_on")
        if day is None:
            continue
        reason = None
        if day > today:
            reason = Message("ERR_VERIFIED_FUTURE", date=day, today=today)
        elif (last := latest.get(row.record["key"])) is not None and day < last:
            reason = Message("ERR_VERIFIED_BEFORE_LATEST", date=day, latest=last)
        if reason is not None:
            row.problems.append(problem_for(row, "verified_on", reason,
                                            out.headers.get(row.sheet), out.file))


def versions(out: Validated, plan, key: str, facts: tuple[str, ...],
             today: dt.date) -> tuple[pd.DataFrame, int]:
    """The versions a committed plan appends (key, verified_on and `facts`), and how many of
    them take the import's day for want of a 核实日期."""
    written = {r[key]: r for r in (*plan.inserts, *plan.updates)}
    rows, defaulted = [], 0
    for row in out.valid_rows:
        action = plan.row_action.get(id(row))
        changes = plan.row_changes.get(id(row), {})
        if action != "insert" and not (action == "update" and set(changes) & set(facts)):
            continue
        record = written[row.record["given"][key]]
        day = row.record.get("verified_on")
        defaulted += day is None
        rows.append({key: record[key], "verified_on": day or today,
                     **{f: record.get(f) for f in facts}})
    return pd.DataFrame(rows, columns=[key, "verified_on", *facts]), defaulted
