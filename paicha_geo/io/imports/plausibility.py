"""Plausible values: the ranges from settings, checked on parsed rows before anything is planned.

A value outside an "error" range rejects its row (named by row and column, like any bad
cell); outside a "warning" range the row is imported and the user is told to check it. Ranges
are in the stored unit: incomes in 元 (a 万元 column has been converted by then), shares as
fractions. A field may have several ranges (a wide error range, a narrower warning range); the
first one broken, errors first, is reported.
"""

from __future__ import annotations

from paicha_geo.domain.errors import Message
from paicha_geo.domain.settings import Range
from paicha_geo.io.imports.common import ImportProblem
from paicha_geo.io.imports.rows import Validated, problem_for
from paicha_geo.io.imports.values import PERCENT_UNITS

SHARES = ("inpatient_selfpay_share",)
MAX_LISTED_WARNINGS = 20  # warnings listed one by one among the notices; the rest are counted


def _number(name: str, value: float) -> Message | str:
    """A stored value as the message shows it: 12.5%, 1,000,000 元, 3 人 (labels adds the
    field's unit)."""
    if name in SHARES:
        return f"{value * 100:.4g}%"
    if float(value).is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}" if abs(value) < 1e15 else f"{value:.3g}"
    return Message("WITH_UNIT", number=text, field=name)


def _as_written(row, match, name: str, value: float) -> Message | str:
    """The cell as the user typed it, with the stored value when a unit was converted."""
    j = match.columns.get(name) if match is not None else None
    raw = row.raw[j] if j is not None and j < len(row.raw) else None
    stored = _number(name, value)
    if raw is None or isinstance(raw, int | float) and float(raw) == value:
        return stored
    typed = str(raw).strip()[:20]
    return typed if match.units.get(name) != "万元" else \
        Message("RANGE_CONVERTED", typed=typed, stored=stored)


def _range_text(name: str, spec: Range) -> Message:
    if spec.min is not None and spec.max is not None:
        return Message("RANGE_BETWEEN", min=_number(name, spec.min), max=_number(name, spec.max))
    if spec.max is not None:
        return Message("RANGE_AT_MOST", max=_number(name, spec.max))
    return Message("RANGE_AT_LEAST", min=_number(name, spec.min))


def check_ranges(out: Validated, ranges: dict[str, tuple[Range, ...]]) -> None:
    """Add a problem to each row with a value outside an error range (whatever else is wrong
    with it), and a warning to `out` for each value outside a warning range in a row that is
    otherwise fine (a rejected row's warnings would only distract)."""
    ordered = {name: sorted(specs, key=lambda r: r.severity != "error")
               for name, specs in ranges.items()}
    for row in out.rows:
        rejected = bool(row.problems)
        match = out.headers.get(row.sheet)
        for name, specs in ordered.items():
            value = row.values.get(name)
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                continue
            broken = next((spec for spec in specs if not spec.contains(value)), None)
            if broken is None:
                continue
            code = "ERR_OUT_OF_RANGE" if broken.severity == "error" else "WARN_OUT_OF_RANGE"
            problem = problem_for(row, name, Message(
                code, value=_as_written(row, match, name, value),
                range=_range_text(name, broken)), match, out.file)
            if broken.severity == "error":
                row.problems.append(problem)
            elif not rejected:
                out.warnings.append(problem)


SHARE_FIELDS = ("inpatient_selfpay_share",)


def ambiguous_shares(out: Validated) -> None:
    """Warn about a share written as a bare 1 under a header without (%): it is read as
    100 %, but an office may have meant 1 %."""
    for row in out.rows:
        match = out.headers.get(row.sheet)
        if row.problems or match is None:
            continue
        for name in SHARE_FIELDS:
            if name not in match.columns or match.units.get(name) in PERCENT_UNITS:
                continue
            column = match.columns[name]
            raw = row.raw[column] if column < len(row.raw) else None
            if row.values.get(name) == 1 and not str(raw).strip().endswith(PERCENT_UNITS):
                out.warnings.append(problem_for(row, name, Message(
                    "WARN_SHARE_AMBIGUOUS", value=str(raw).strip()[:20]), match, out.file))


def warning_notices(warnings: list[ImportProblem]) -> list[Message]:
    """The first warnings in full (file, row, column), then how many more there are."""
    shown = [w.as_message() for w in warnings[:MAX_LISTED_WARNINGS]]
    if len(warnings) > MAX_LISTED_WARNINGS:
        shown.append(Message("NOTE_ROW_WARNINGS", count=len(warnings) - MAX_LISTED_WARNINGS))
    return shown
