"""A department's list (部门数据) read as it comes: the ledger's pipeline (reader, encoding,
header search, row/column problems) with one kind per list. Each row names a person by ID
number and/or name, where they live, and the one fact the department vouches for.
"""

from __future__ import annotations

from collections.abc import Callable

from paicha_geo.domain.errors import Message
from paicha_geo.io.imports import values as v
from paicha_geo.io.imports.common import CellError, is_blank
from paicha_geo.io.imports.dept_aliases import DEPT_KINDS, IN_SCHOOL_WORDS, SOCIAL_WORDS
from paicha_geo.io.imports.headers import HeaderMatch, normalize
from paicha_geo.io.imports.reader import MAX_ROWS, read_file
from paicha_geo.io.imports.rows import Collect, Kind, Row, Validated, missing, validate


def _words_or_bool(words: dict[bool, tuple[str, ...]]) -> Callable:
    table = {normalize(w).lower(): key for key, ws in words.items() for w in ws}

    def parse(value, _unit=None) -> bool | None:
        if not is_blank(value) and normalize(str(value)).lower() in table:
            return table[normalize(str(value)).lower()]
        return v.parse_bool(value)
    return parse


FACT_PARSERS: dict[str, Callable] = {
    "dept_housing": lambda value, _unit=None: v.parse_grade(value),
    "dept_education": _words_or_bool(IN_SCHOOL_WORDS),
    "dept_medical": lambda value, _unit=None: v.parse_bool(value),
    "dept_water": lambda value, _unit=None: v.parse_bool(value),
    "dept_social": _words_or_bool(SOCIAL_WORDS),
}


_WHO = ("head_id", "id_number", "head_name", "name")


def _required(kind: str) -> Callable[[HeaderMatch], list[Message]]:
    def required(match: HeaderMatch) -> list[Message]:
        out = [m for m in (missing(match, kind, "fact"),) if m]
        if not any(k in match.columns for k in _WHO):
            out.append(missing(match, kind, "id_number"))
        return out
    return required


def _finish(row: Row) -> dict:
    """The row as matched: the head's ID number and name when the list gives them (the
    ledger holds heads only), else the person's."""
    rules = Collect()
    if "fact" not in row.values:
        rules.add(CellError("ERR_REQUIRED", field="fact"))
    if not any(k in row.values for k in _WHO):
        rules.add(CellError("ERR_DEPT_NO_PERSON", field="id_number"))
    rules.done()
    got = row.values.get
    return {"id_number": got("head_id") or got("id_number"),
            "name": got("head_name") or got("name"),
            **{key: got(key) for key in ("village", "town", "district", "fact")}}


def _kind(name: str) -> Kind:
    text = lambda value, _unit=None: v.parse_text(value, 60)  # noqa: E731
    number = lambda value, _unit=None: v.parse_id_number(value)  # noqa: E731
    parsers = {"id_number": number, "head_id": number, "name": text, "head_name": text,
               "village": text, "town": text, "district": text,
               "region_code": lambda value, _unit=None: v.parse_code_text(value),
               "fact": FACT_PARSERS[name]}
    return Kind(name, parsers, _required(name), _finish)


KINDS = {name: _kind(name) for name in DEPT_KINDS}


def read_dept_list(kind: str, file: str, data: bytes, max_rows: int = MAX_ROWS) -> Validated:
    """Every row of a department's list parsed, with each problem by file, row and column."""
    return validate(KINDS[kind], file, read_file(file, data, max_rows=max_rows))
