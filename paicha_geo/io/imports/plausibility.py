"""Plausible values: the ranges from settings, checked on parsed rows before anything is planned.

A value outside an "error" range rejects its row (named by row and column, like any bad
cell); outside a "warning" range the row is imported and the user is told to check it. Ranges
are in the stored unit: incomes in 元 (a 万元 column has been converted by then), shares as
fractions. A field may have several ranges (a wide error range, a narrower warning range); the
first one broken, errors first, is reported.
"""

from __future__ import annotations

from paicha_geo import labels
from paicha_geo.domain.settings import Range
from paicha_geo.io.imports.common import ImportProblem
from paicha_geo.io.imports.rows import Validated, problem_for

SHARES = ("inpatient_selfpay_share",)
MAX_LISTED_WARNINGS = 20  # warnings listed one by one among the notices; the rest are counted


def _number(name: str, value: float) -> str:
    """A stored value as the message shows it: 12.5%, 1,000,000 元, 3 人."""
    if name in SHARES:
        return f"{value * 100:.4g}%"
    if float(value).is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}" if abs(value) < 1e15 else f"{value:.3g}"
    unit = labels.RANGE_UNITS.get(name)
    return f"{text} {unit}" if unit else text


def _as_written(row, match, name: str, value: float) -> str:
    """The cell as the user typed it, with the stored value when a unit was converted."""
    j = match.columns.get(name) if match is not None else None
    raw = row.raw[j] if j is not None and j < len(row.raw) else None
    stored = _number(name, value)
    if raw is None or isinstance(raw, int | float) and float(raw) == value:
        return stored
    typed = str(raw).strip()[:20]
    return typed if match.units.get(name) != "万元" else \
        labels.RANGE_CONVERTED.format(typed=typed, stored=stored)


def _range_text(name: str, spec: Range) -> str:
    if spec.min is not None and spec.max is not None:
        return labels.RANGE_BETWEEN.format(min=_number(name, spec.min),
                                           max=_number(name, spec.max))
    if spec.max is not None:
        return labels.RANGE_AT_MOST.format(max=_number(name, spec.max))
    return labels.RANGE_AT_LEAST.format(min=_number(name, spec.min))


def check_ranges(out: Validated, ranges: dict[str, tuple[Range, ...]]) -> None:
    """Add a problem to each row with a value outside an error range, and a warning to `out`
    for each value outside a warning range. Rows that already have problems are left alone."""
    ordered = {name: sorted(specs, key=lambda r: r.severity != "error")
               for name, specs in ranges.items()}
    for row in out.rows:
        if row.problems or row.record is None:
            continue
        match = out.headers.get(row.sheet)
        for name, specs in ordered.items():
            value = row.values.get(name)
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                continue
            broken = next((spec for spec in specs if not spec.contains(value)), None)
            if broken is None:
                continue
            template = labels.ERR_OUT_OF_RANGE if broken.severity == "error" else \
                labels.WARN_OUT_OF_RANGE
            problem = problem_for(row, name, template.format(
                value=_as_written(row, match, name, value), range=_range_text(name, broken)),
                match, out.file)
            (row.problems if broken.severity == "error" else out.warnings).append(problem)


def warning_notices(warnings: list[ImportProblem]) -> list[str]:
    """The first warnings in full (file, row, column), then how many more there are."""
    shown = [w.describe() for w in warnings[:MAX_LISTED_WARNINGS]]
    if len(warnings) > MAX_LISTED_WARNINGS:
        shown.append(labels.NOTE_ROW_WARNINGS.format(count=len(warnings) - MAX_LISTED_WARNINGS))
    return shown
