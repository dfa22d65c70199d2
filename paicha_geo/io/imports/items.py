"""Matching a sheet's 排查项目 / 问题类别 cell to a checklist item.

In order: a leading item code (3.3.4, also "3.3.4 脱贫户住房安全"; an unknown code is a
problem); the item's short label or full text; a part, in the spellings offices use
("住房安全保障", "住房安全", "三保障-住房安全", "三保障（基本医疗）", "两不愁三保障：饮水安全");
a group alone ("三保障", "帮扶精准" is a part). What names only a part or a group, or nothing
we know, is not filed under any item here: `Named` says what was known, and the importer
asks domain.item_suggest for the item the description reads like, for a person to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain.item_suggest import ItemSuggester, Suggestion
from paicha_geo.io.imports.common import CellError, is_blank
from paicha_geo.io.imports.headers import normalize

# The five guarantees (三保障 and 两不愁) as sheets name them: a part is found by these too.
GUARANTEE_NAMES = ("义务教育", "基本医疗", "住房安全", "饮水安全", "社会保障兜底")
_CODE = re.compile(r"^(\d+\.\d+\.\d+)(?![\d.])")
_ENUM = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）、.．]\s*")
# What joins a group to a part in "三保障-住房安全", "三保障（基本医疗）", "三保障：饮水"
_JOINERS = re.compile(r"[-－—–_:：/／\\、·•()（）\[\]【】<>《》〈〉「」]")
# Groups as offices also call them (两不愁三保障 is the national name of the guarantees)
GROUP_ALIASES = {"两不愁三保障": "三保障", "两不愁": "三保障"}


@dataclass(frozen=True)
class Named:
    """What a cell says: an item, or only a part or a group (or nothing known)."""

    code: str | None = None
    part: str | None = None  # the checklist's part name, when only the part is known
    group: str | None = None  # the checklist's group name, when only the group is known
    unknown: bool = False  # text that names nothing of the checklist

    @property
    def exact(self) -> bool:
        return self.code is not None


class ItemIndex:
    def __init__(self, checklist: pd.DataFrame):
        self._checklist = checklist
        self._suggester: ItemSuggester | None = None
        self._resolved: dict = {}
        items = checklist.sort_values("sort_order")
        self.codes = set(items["code"])
        self.short = dict(zip(items["code"], items["short"], strict=True))
        self._exact: dict[str, str] = {}
        self._part: dict[str, str] = {}  # spelling -> the checklist's part name
        self._group: dict[str, str] = {}
        for row in items.itertuples(index=False):
            self._exact.setdefault(normalize(row.short), row.code)
            self._exact.setdefault(normalize(row.text), row.code)
            part = normalize(row.part_name)
            self._part.setdefault(part, row.part_name)
            if part.endswith("保障") and len(part) > 4:
                self._part.setdefault(part.removesuffix("保障"), row.part_name)
            self._group.setdefault(normalize(row.group_name), row.group_name)
        for name in GUARANTEE_NAMES:
            key = normalize(name)
            for part_key, value in list(self._part.items()):
                if part_key.startswith(key):
                    self._part.setdefault(key, value)

    def suggest(self, description: str | None, named: Named) -> Suggestion:
        """The item `description` reads like, among the part or group `named` gives."""
        if self._suggester is None:  # fitted on first use: most sheets name their items
            self._suggester = ItemSuggester(self._checklist)
        return self._suggester.suggest(description, named.part, named.group)

    def prime(self, requests: list[tuple[str | None, Named]]) -> None:
        """Score every (description, what the cell named) of a sheet at once (see suggest)."""
        if not requests:
            return
        if self._suggester is None:
            self._suggester = ItemSuggester(self._checklist)
        self._suggester.prime([(d, n.part, n.group) for d, n in requests])

    def resolve(self, value) -> Named:
        """What the cell names (Named() for a blank cell); CellError for an unknown code.
        Each distinct cell text is looked up once per import."""
        key = (value.__class__, value)
        hit = self._resolved.get(key)
        if hit is None:
            try:
                hit = self._resolve(value)
            except CellError as exc:
                hit = exc
            self._resolved[key] = hit
        if isinstance(hit, CellError):
            raise hit.with_traceback(None)  # a cached error: no growing traceback
        return hit

    def _resolve(self, value) -> Named:
        if is_blank(value):
            return Named()
        text = str(value).strip()
        if m := _CODE.match(text):
            if m.group(1) in self.codes:
                return Named(code=m.group(1))
            raise CellError("ERR_UNKNOWN_ITEM", value=text[:40])
        key = normalize(_ENUM.sub("", text))
        if key in self._exact:
            return Named(code=self._exact[key])
        bare = _JOINERS.sub("", key)
        group = None
        for alias, name in (*GROUP_ALIASES.items(), *self._group.items()):
            if bare.startswith(alias) and bare != alias:
                group, bare = name, bare.removeprefix(alias)
                break
        if (m := _CODE.match(bare)) and group:  # "三保障-3.3.2"
            if m.group(1) in self.codes:
                return Named(code=m.group(1))
            raise CellError("ERR_UNKNOWN_ITEM", value=text[:40])
        for rest in (key, bare):
            if rest in self._exact:
                return Named(code=self._exact[rest])
            if rest in self._part:
                return Named(part=self._part[rest])
        whole = GROUP_ALIASES.get(bare, bare)
        if whole in self._group:
            return Named(group=self._group[whole])
        return Named(group=group, unknown=True)
