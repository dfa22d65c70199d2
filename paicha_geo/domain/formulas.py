"""Which text a spreadsheet would run as a formula (OWASP "CSV injection").

Exports put an apostrophe before such text (render.escape.cell); imports take that
apostrophe off again, so a file we wrote reads back as the text that was typed.
"""

from __future__ import annotations

RISKY_LEADS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralised(text: str) -> bool:
    """Text our exports neutralised: an apostrophe, then a character that starts a formula."""
    return text.startswith("'") and text[1:].startswith(RISKY_LEADS)
