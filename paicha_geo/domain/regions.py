"""The 12-digit statistical region code (统计用区划代码) and the level hierarchy.

Code layout: 2 province + 2 city + 2 county + 3 town + 3 village. A region's scope prefix is
the significant part of its code for its level, so `starts_with(code, prefix)` finds all
regions (and issues, households) inside it.
"""

from __future__ import annotations

LEVELS = ("province", "city", "district", "town", "village")
PREFIX_LENGTH = {"province": 2, "city": 4, "district": 6, "town": 9, "village": 12}


def child_level(level: str) -> str | None:
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


def scope_prefix(code: str, level: str) -> str:
    """The significant prefix of a region code, e.g. ('320412000000', 'district') -> '320412'."""
    return code[: PREFIX_LENGTH[level]]


def full_code(prefix: str) -> str:
    """Pad a prefix to 12 digits: '320412' -> '320412000000'."""
    return prefix.ljust(12, "0")


def ancestor_code(code: str, level: str) -> str:
    """The code of the region at `level` that contains `code`."""
    return full_code(scope_prefix(code, level))


def level_of_code(code: str) -> str:
    """Guess a code's level from its trailing zeros (valid for well-formed statistical codes)."""
    for level in reversed(LEVELS):
        n = PREFIX_LENGTH[level]
        prev = LEVELS.index(level) - 1
        start = PREFIX_LENGTH[LEVELS[prev]] if prev >= 0 else 0
        if code[start:n].strip("0"):
            return level
    return "province"
