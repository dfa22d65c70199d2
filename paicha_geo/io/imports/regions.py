"""Matching region names and codes from a spreadsheet to the region tree, never by guesswork.

A name is looked up within its parent (村 within 乡镇, 乡镇 within 市(区)). Comparison first
drops administrative-body suffixes (村民委员会, 社区居委会, 人民政府, 街道办事处 ...) and
tries the exact stored name; failing that, it compares the core name without the level word
(湖塘 for 湖塘镇, 长安 for 长安社区). Several candidates, or none, is a problem for the user
to resolve; the message lists the candidates with their codes.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from paicha_geo.domain.errors import Message, Term
from paicha_geo.domain.regions import full_code, level_of_code
from paicha_geo.io.imports.common import CellError, is_blank

_BODY_SUFFIXES = ("社区居民委员会", "村民委员会", "居民委员会", "社区居委会", "村委会", "居委会",
                  "镇人民政府", "乡人民政府", "人民政府", "街道办事处", "办事处", "管委会")
_LEVEL_WORDS = {
    "district": ("市", "区", "县"),
    "town": ("街道", "镇", "乡"),
    "village": ("社区", "村", "居"),
}
_SPACE = re.compile(r"\s+")


def exact_key(name: str) -> str:
    """Name without spaces and without a trailing administrative-body suffix."""
    s = _SPACE.sub("", str(name)).replace("（", "(").replace("）", ")")
    for suffix in _BODY_SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            keep = s[: -len(suffix)]
            if suffix in ("社区居民委员会", "社区居委会"):
                keep += "社区"
            elif suffix in ("村民委员会", "村委会") and not keep.endswith("村"):
                keep += "村"
            elif suffix in ("镇人民政府",):
                keep += "镇"
            elif suffix in ("乡人民政府",):
                keep += "乡"
            elif suffix in ("街道办事处",):
                keep += "街道"
            return keep
    return s


def core_key(name: str, level: str) -> str:
    """The exact key without its level word: 湖塘镇 -> 湖塘, 长安社区 -> 长安."""
    s = exact_key(name)
    for word in _LEVEL_WORDS.get(level, ()):
        if s.endswith(word) and len(s) - len(word) >= 2:
            return s[: -len(word)]
    return s


class RegionIndex:
    """Lookups over the region table (code, name, level, parent_code)."""

    def __init__(self, regions: pd.DataFrame):
        self.name = dict(zip(regions["code"], regions["name"], strict=True))
        self.level = dict(zip(regions["code"], regions["level"], strict=True))
        self.parent = dict(zip(regions["code"], regions["parent_code"], strict=True))
        self._exact = defaultdict(list)  # (parent or None, level, key) -> codes
        self._core = defaultdict(list)
        for code, name, level in regions[["code", "name", "level"]].itertuples(index=False):
            exact, core = exact_key(name), core_key(name, level)
            for scope in (*self._ancestors(code), None):
                self._exact[(scope, level, exact)].append(code)
                self._core[(scope, level, core)].append(code)
        self._cache: dict = {}
        self._resolved: dict = {}

    def _ancestors(self, code: str) -> list[str]:
        out, parent = [], self.parent.get(code)
        while isinstance(parent, str) and parent:
            out.append(parent)
            parent = self.parent.get(parent)
        return out

    def path(self, code: str) -> str:
        """Readable location, e.g. 武进区湖塘镇长安社区, for candidate lists."""
        names = []
        while code and code in self.name and self.level.get(code) not in ("city", "province"):
            names.append(self.name[code])
            code = self.parent.get(code)
        return "".join(reversed(names))

    def _within(self, parent: str | None) -> Message | str:
        return Message("ERR_REGION_WITHIN", parent=self.path(parent)) if parent else ""

    def find(self, name, level: str, parent: str | None) -> str:
        """The code of `name` at `level` under `parent` (anywhere when parent is None)."""
        key = (str(name), level, parent)
        if key in self._cache:
            result = self._cache[key]
        else:
            result = self._find(str(name).strip(), level, parent)
            self._cache[key] = result
        if isinstance(result, CellError):
            raise result
        return result

    def candidates(self, name: str, level: str, parent: str | None = None) -> list[str]:
        """Codes an exact (else core) name comparison finds at `level` under `parent`."""
        hits = self._exact.get((parent, level, exact_key(name)), [])
        return hits or self._core.get((parent, level, core_key(name, level)), [])

    def _find(self, name: str, level: str, parent: str | None):
        hits = self.candidates(name, level, parent)
        if len(hits) == 1:
            return hits[0]
        level_label = Term("LEVELS", level)
        if not hits:
            return CellError("ERR_UNKNOWN_REGION", level=level_label, name=name[:40],
                             within=self._within(parent))
        return CellError("ERR_AMBIGUOUS_REGION", level=level_label, name=name[:40],
                         within=self._within(parent), candidates=self.listed(hits))

    def listed(self, codes, limit: int = 6) -> Message:
        """Candidate regions for a message: each with its path and code, at most `limit`."""
        shown = tuple(Message("REGION_CANDIDATE", path=self.path(c), code=c)
                      for c in sorted(codes)[:limit])
        return Message("REGION_CANDIDATES", regions=shown,
                       more=Message("LIST_MORE") if len(codes) > limit else "")

    def by_code(self, value) -> str:
        """A 6-, 9- or 12-digit code (number or text) that exists in the tree."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if not re.fullmatch(r"\d{6}|\d{9}|\d{12}", text):
            raise CellError("ERR_BAD_CODE", value=text[:20])
        code = full_code(text)
        if code not in self.name:
            raise CellError("ERR_UNKNOWN_CODE", value=text)
        return code

    def resolve(self, district=None, town=None, village=None, code=None) -> tuple[str, str]:
        """(region code, field to blame) for a row's region cells; raises CellError.

        The deepest level given wins; each name is sought within the one above it when that
        one is given. A code, when given, must agree with the names given beside it. Each
        distinct combination is resolved once (a village's rows all name the same cells).
        """
        key = tuple((v.__class__, v) for v in (district, town, village, code))
        hit = self._resolved.get(key)
        if hit is None:
            try:
                hit = self._resolve(district, town, village, code)
            except CellError as exc:
                hit = exc
            self._resolved[key] = hit
        if isinstance(hit, CellError):
            raise hit.with_traceback(None)  # a cached error: no growing traceback
        return hit

    def _resolve(self, district, town, village, code) -> tuple[str, str]:
        if not is_blank(code):
            try:
                resolved = self.by_code(code)
            except CellError as exc:
                raise CellError(exc.message, "region_code") from None
            for _field, value, level in (("village", village, "village"),
                                        ("town", town, "town"),
                                        ("district", district, "district")):
                if is_blank(value):
                    continue
                ancestor = resolved
                while ancestor and self.level.get(ancestor) != level:
                    ancestor = self.parent.get(ancestor)
                if ancestor is None or core_key(self.name[ancestor], level) != core_key(
                        str(value), level):
                    raise CellError("ERR_CODE_NAME_MISMATCH", "region_code", code=resolved,
                                    actual=self.path(resolved), given=str(value).strip())
            return resolved, "region_code"
        parent, found, blame = None, None, None
        for field, value, level in (("district", district, "district"),
                                    ("town", town, "town"),
                                    ("village", village, "village")):
            if is_blank(value):
                continue
            blame = field
            try:
                found = self.find(value, level, parent)
            except CellError as exc:
                raise CellError(exc.message, field) from None
            parent = found
        if found is None:
            raise CellError("ERR_NO_REGION", "village")
        return found, blame

    def level_of(self, code: str) -> str:
        return self.level.get(code) or level_of_code(code)
