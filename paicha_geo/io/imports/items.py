"""Matching a sheet's 排查项目 cell to a checklist item.

In order: a leading item code (3.3.4, also "3.3.4 脱贫户住房安全"); the item's short label or
full text; a part name (住房安全保障, also 住房安全 without 保障) which maps to the part's first
item and is reported as a notice with the count of rows. A group name (三保障) is too broad
and is a problem.
"""

from __future__ import annotations

import re

import pandas as pd

from paicha_geo import labels
from paicha_geo.io.imports.common import CellError, is_blank
from paicha_geo.io.imports.headers import normalize

_CODE = re.compile(r"^(\d+\.\d+\.\d+)(?![\d.])")
_ENUM = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*")


class ItemIndex:
    def __init__(self, checklist: pd.DataFrame):
        items = checklist.sort_values("sort_order")
        self.codes = set(items["code"])
        self.short = dict(zip(items["code"], items["short"], strict=True))
        self._exact: dict[str, str] = {}
        self._part: dict[str, tuple[str, str]] = {}
        self._group: set[str] = set()
        for row in items.itertuples(index=False):
            self._exact.setdefault(normalize(row.short), row.code)
            self._exact.setdefault(normalize(row.text), row.code)
            part = normalize(row.part_name)
            self._part.setdefault(part, (row.code, row.part_name))
            if part.endswith("保障") and len(part) > 4:
                self._part.setdefault(part.removesuffix("保障"), (row.code, row.part_name))
            self._group.add(normalize(row.group_name))
        for name in labels.GUARANTEES.values():
            key = normalize(name)
            for part_key, value in list(self._part.items()):
                if part_key.startswith(key):
                    self._part.setdefault(key, value)

    def resolve(self, value) -> tuple[str | None, str | None]:
        """(item code, part name when matched only by part) or CellError."""
        if is_blank(value):
            return None, None
        text = str(value).strip()
        if m := _CODE.match(text):
            if m.group(1) in self.codes:
                return m.group(1), None
            raise CellError(labels.ERR_UNKNOWN_ITEM.format(value=text[:40]))
        key = normalize(_ENUM.sub("", text))
        if key in self._exact:
            return self._exact[key], None
        if key in self._part:
            code, part = self._part[key]
            return code, part
        if key in self._group:
            raise CellError(labels.ERR_AMBIGUOUS_ITEM.format(value=text[:40], name=text[:20]))
        raise CellError(labels.ERR_UNKNOWN_ITEM.format(value=text[:40]))
