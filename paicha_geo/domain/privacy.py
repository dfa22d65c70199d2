"""Masking of personal data. Household names and ID numbers are shown masked unless the
viewer's role allows them; a public screen never shows them at all."""

from __future__ import annotations

import secrets


def mask_name(name) -> str:
    """张三 -> 张*, 张三丰 -> 张*丰, 欧阳小明 -> 欧**明: keep the first and (if 3+) last char."""
    if not isinstance(name, str) or not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number) -> str:
    """320412199001011234 -> 3204**********1234: region prefix and last four only."""
    if not isinstance(number, str) or not number:
        return ""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def new_household_number(village_code: str) -> str:
    """A 户编号 for a household imported without one: the village code and 10 random hex digits.

    Random on purpose: a number derived from the ID number (even hashed) would let anyone who
    sees it recover the ID number by trying every birth date of a county.
    """
    return f"{village_code}-H{secrets.token_hex(5).upper()}"
