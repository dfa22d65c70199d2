"""Telling a wrongly encoded or garbled file from a file that merely lacks a header.

Chinese office text is almost entirely made of the 3,755 common characters of GB 2312
(level 1) and its punctuation rows. Text read with the wrong encoding is not: a Big5 file read
as GBK becomes rare characters, Greek and Cyrillic; UTF-8 read as GBK becomes rare level-2
characters (鍖哄幙 for 区县); GBK or UTF-8 read as a Western code page becomes accented Latin
letters (ÇøÏØ, åŒº). `diagnose` scores a sample by that share and, when it is low, tries to
undo each common wrong conversion; a reversal that yields ordinary Chinese names the cause.
No statistics package: the explicit reversals give a more useful message than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paicha_geo import labels

# Wrong readings seen in practice: (encoding the text was wrongly read with, real encoding).
_REVERSALS = (("gb18030", "utf-8"), ("cp1252", "utf-8"), ("latin-1", "utf-8"),
              ("cp1252", "gb18030"), ("latin-1", "gb18030"), ("gb18030", "big5"))
_PLAUSIBLE_SHARE = 0.75  # below this share of ordinary characters a sample looks garbled
_FIXED_SHARE = 0.9  # a reversal must give text at least this ordinary
_MIN_CHARS = 6  # fewer non-ASCII characters than this say nothing either way
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Diagnosis:
    """Why a text looks garbled: `sample` is what the user will recognise in the file."""

    sample: str
    # "converted" (orig read as wrong), "lost" (U+FFFD, cause unknown), "traditional"
    # (readable traditional Chinese: the headers will not match), "unknown"
    cause: str
    wrong: str | None = None  # the encoding the text was wrongly read with
    orig: str | None = None  # the encoding it really was in
    lost: bool = False  # some characters cannot be recovered (U+FFFD, dropped bytes)

    @property
    def certain(self) -> bool:
        """True when the text is surely damaged, so refusing it before any header check is safe
        (readable traditional Chinese and unexplained oddities only matter without a header)."""
        return self.cause in ("converted", "lost")


def _ordinary_gb(ch: str) -> bool:
    """A GB 2312 level-1 character or a character of its punctuation/symbol rows (A1-A3)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xA1 <= b[0] <= 0xA3 or 0xB0 <= b[0] <= 0xD7)


def _ordinary_big5(ch: str) -> bool:
    """A Big5 common character (常用字, lead bytes A4-C6) or Big5 punctuation (A1-A3)."""
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA1 <= b[0] <= 0xC6


def _non_ascii(text: str) -> list[str]:
    return [c for c in text if ord(c) > 0x7F and not c.isspace()]


def ordinary_share(text: str, big5: bool = False) -> float | None:
    """Share of non-ASCII characters that are ordinary Chinese; None when there are too few."""
    chars = [c for c in _non_ascii(text) if c != _REPLACEMENT]
    if len(chars) < _MIN_CHARS:
        return None
    test = _ordinary_big5 if big5 else _ordinary_gb
    return sum(map(test, chars)) / len(chars)


def _sample(text: str) -> str:
    """The first stretch of the text around an unusual character, for the message."""
    start = 0
    for i, ch in enumerate(text):
        if ord(ch) > 0x7F and (ch == _REPLACEMENT or not _ordinary_gb(ch)):
            start = max(0, i - 2)
            break
    piece = "".join(c if c.isprintable() else "?" for c in text[start:start + 10])
    return re.sub(r"\s+", " ", piece).strip()


def _reversal(text: str) -> tuple[str, str, bool] | None:
    """(wrong, orig, lost) when re-encoding with `wrong` and decoding as `orig` gives ordinary
    Chinese; `lost` when some characters did not survive the wrong conversion."""
    kept = text.replace(_REPLACEMENT, "")
    for wrong, orig in _REVERSALS:
        try:
            raw = kept.encode(wrong)
        except UnicodeEncodeError:
            continue
        fixed = raw.decode(orig, errors="replace")
        if fixed == kept:
            continue
        chars = _non_ascii(fixed)
        lost = chars.count(_REPLACEMENT)
        share = ordinary_share(fixed, big5=orig == "big5")
        if share is not None and share >= _FIXED_SHARE and lost <= 0.5 * len(chars):
            return wrong, orig, bool(lost) or _REPLACEMENT in text
    return None


def diagnose(text: str) -> Diagnosis | None:
    """None when `text` reads as ordinary Chinese (or says too little to tell)."""
    share = ordinary_share(text)
    damaged = _REPLACEMENT in text
    if not damaged and (share is None or share >= _PLAUSIBLE_SHARE):
        return None
    found = _reversal(text) if share is not None and share < _PLAUSIBLE_SHARE else None
    if found:
        wrong, orig, lost = found
        return Diagnosis(_sample(text), "converted", wrong, orig, lost)
    if not damaged and (ordinary_share(text, big5=True) or 0) >= _FIXED_SHARE:
        return Diagnosis(_sample(text), "traditional")
    return Diagnosis(_sample(text), "lost" if damaged else "unknown", lost=damaged)


def describe(found: Diagnosis) -> str:
    """The Chinese reason for the user: what the file looks like and how to fix it."""
    if found.cause == "traditional":
        return labels.ERR_TRADITIONAL.format(sample=found.sample)
    if found.cause == "converted" and found.orig == "big5":
        cause = labels.ENCODING_CAUSES["big5"]
    elif found.cause == "converted":
        cause = labels.ENCODING_CAUSES["converted"].format(
            orig=labels.ENCODING_NAMES[found.orig], wrong=labels.ENCODING_NAMES[found.wrong],
            lost=labels.ENCODING_LOST if found.lost else "")
    else:
        cause = labels.ENCODING_CAUSES[found.cause]
    return labels.ERR_GARBLED.format(sample=found.sample, cause=cause)
