"""Reading one value from the URL (or an environment variable): the value, or what was used
instead and why.

Pure: each reader takes the raw text and its bounds and returns a `Read`; a raw value that
cannot be used comes back with a `Problem`, which the page shows (labels formats it) rather
than silently replacing it. Intervals are raised to a minimum so that no address can turn
the large screen into a rerun loop.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from paicha_geo import labels

T = TypeVar("T")

# Problem kinds (labels.param_notice words each one).
NOT_NUMBER = "not_number"
NOT_INTEGER = "not_integer"
NOT_DATE = "not_date"
NOT_BOOL = "not_bool"
OUT_OF_RANGE = "out_of_range"  # the fallback was used instead
RAISED = "raised"  # raised to the minimum
LOWERED = "lowered"  # lowered to the maximum
UNKNOWN = "unknown"  # not one of the choices
SOME_UNKNOWN = "some_unknown"  # a multi-value parameter: the unknown values were dropped

URL = "url"
ENV = "env"


@dataclass(frozen=True)
class Problem:
    """Why the raw value of `key` was not used as given, and what was used instead."""

    key: str
    raw: str
    kind: str
    used: Any = None
    low: Any = None
    high: Any = None
    dropped: tuple[str, ...] = ()
    source: str = URL


@dataclass(frozen=True)
class Read(Generic[T]):
    value: T
    problem: Problem | None = None


Reader = Callable[[str | None], Read]


def _empty(raw: str | Sequence[str] | None) -> bool:
    """Absent, or given empty (?n=): the default, with nothing to say."""
    if raw is None or (not isinstance(raw, str) and len(raw) == 0):
        return True
    return not _last(raw).strip()


def _last(raw: str | Sequence[str]) -> str:
    """A single-valued parameter given twice (?n=3&n=5) means its last value, as Streamlit."""
    return raw if isinstance(raw, str) else raw[-1]


def _finite(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def clamp_interval(seconds: float, minimum: float, off: bool = False) -> tuple[float, bool]:
    """(seconds to use, whether it was raised). `off=True` lets exactly 0 mean 'switched off'."""
    if off and seconds == 0:
        return 0.0, False
    if seconds < minimum:
        return float(minimum), True
    return float(seconds), False


def interval(key: str, raw: str | None, default: float, minimum: float, *, unit: float = 1,
             off: bool = False, source: str = URL) -> Read[float]:
    """An interval in seconds given as `raw` units of `unit` seconds (60 for minutes).

    Missing -> `default`; not a finite number -> `default` with a problem; below `minimum`
    (zero, negative, too short) -> `minimum` with a problem. With `off`, 0 switches it off.
    """
    if _empty(raw):
        return Read(default)
    text = _last(raw)
    number = _finite(text)
    if number is None:
        return Read(default, Problem(key, text, NOT_NUMBER, used=default, low=minimum,
                                     source=source))
    seconds, raised = clamp_interval(number * unit, minimum, off)
    if raised:
        return Read(seconds, Problem(key, text, RAISED, used=seconds, low=minimum, source=source))
    return Read(seconds)


def number(key: str, raw: str | None, default: T, *, low: float | None = None,
           high: float | None = None, integer: bool = False, clamp: bool = False,
           source: str = URL) -> Read:
    """A number within [low, high]. Out of range: clamped when `clamp`, else the default."""
    if _empty(raw):
        return Read(default)
    text = _last(raw)
    value = _finite(text)
    if value is None:
        return Read(default, Problem(key, text, NOT_NUMBER, used=default, low=low, high=high,
                                     source=source))
    if integer:
        if value != int(value):
            return Read(default, Problem(key, text, NOT_INTEGER, used=default, low=low,
                                         high=high, source=source))
        value = int(value)
    for bound, kind, outside in ((low, RAISED, lambda v, b: v < b),
                                 (high, LOWERED, lambda v, b: v > b)):
        if bound is not None and outside(value, bound):
            if clamp:
                return Read(bound, Problem(key, text, kind, used=bound, low=low, high=high,
                                           source=source))
            return Read(default, Problem(key, text, OUT_OF_RANGE, used=default, low=low,
                                         high=high, source=source))
    return Read(value)


def date(key: str, raw: str | None, default: dt.date | None, low: dt.date | None = None,
         high: dt.date | None = None) -> Read:
    """A day written YYYY-MM-DD (or YYYY/MM/DD, as Streamlit accepts) within [low, high]."""
    if _empty(raw):
        return Read(default)
    text = _last(raw).strip()
    day = None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
            break
        except ValueError:
            continue
    if day is None:
        return Read(default, Problem(key, text, NOT_DATE, used=default, low=low, high=high))
    if (low is not None and day < low) or (high is not None and day > high):
        return Read(default, Problem(key, text, OUT_OF_RANGE, used=default, low=low, high=high))
    return Read(day)


def flag(key: str, raw: str | None, default: bool = False) -> Read[bool]:
    """true/false in any letter case (what a bound toggle writes)."""
    if _empty(raw):
        return Read(default)
    text = _last(raw).strip()
    if text.lower() in ("true", "false"):
        return Read(text.lower() == "true")
    return Read(default, Problem(key, text, NOT_BOOL, used=default))


def choice(key: str, raw: str | None, choices: Sequence[str], default: str | None) -> Read:
    """One of `choices` (as written in the URL), else the default."""
    if _empty(raw):
        return Read(default)
    text = _last(raw)
    if text in choices:
        return Read(text)
    return Read(default, Problem(key, text, UNKNOWN, used=default))


def choices(key: str, raw: str | Sequence[str] | None, allowed: Sequence[str]) -> Read:
    """Several of `allowed` (?unit=a&unit=b); unknown ones are dropped, and named."""
    if raw is None:
        return Read(())
    values = [raw] if isinstance(raw, str) else list(raw)
    values = [v for v in values if v != ""]
    kept = tuple(v for v in values if v in allowed)
    dropped = tuple(v for v in values if v not in allowed)
    if dropped:
        return Read(kept, Problem(key, labels.LIST_SEPARATOR.join(dropped), SOME_UNKNOWN, used=kept,
                                  dropped=dropped))
    return Read(kept)


def used_instead(problem: Problem | None, value) -> Problem | None:
    """The problem, naming `value` (what the widget actually shows) as the value used."""
    return None if problem is None else replace(problem, used=value)


def asof_bounds(start: dt.date, deadline: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days an as-of date may take: from the campaign's start to its deadline, or to today
    when the deadline has passed (a closed campaign is still looked back on)."""
    return start, max(deadline, today)
