"""Wording typed errors: `say` turns a domain.errors Message (a code and its fields), an error
carrying one, a Term or a tuple of these into Chinese. The code is the name of a wording in
this package: a template (str.format with the fields) or a function of the fields.
"""

from __future__ import annotations

import importlib
import sys

from paicha_geo.labels.common import LIST_SEPARATOR

_LIST_SEPARATORS = {"HISTORY_IMPORT_UPDATE": "；", "HISTORY_NOTES": "；",  # lists in these codes
                    "VISIT_REFUSED": "；"}


def say(item) -> str:
    """Chinese for a Message (domain.errors), an error carrying one, a Term or a tuple of
    these (listed with 、); any other value as str(). Fields are worded the same way, except
    plain values, which the wording's format spec formats ({km:.0f}, {date:%m-%d})."""
    message = getattr(item, "message", None)
    if message is not None and hasattr(message, "code"):
        return _word(message)
    if isinstance(item, BaseException):
        return str(item)
    return _word(item)


def _named(name: str):
    """A wording or vocabulary of this package by its name (the code of a Message)."""
    labels = sys.modules.get("paicha_geo.labels") or importlib.import_module("paicha_geo.labels")
    return getattr(labels, name)


def _word(item, separator: str = LIST_SEPARATOR) -> str:
    if hasattr(item, "vocabulary"):  # a Term
        return str(_named(item.vocabulary).get(item.key, item.key))
    if hasattr(item, "code") and hasattr(item, "items"):  # a Message
        inner = _LIST_SEPARATORS.get(item.code, LIST_SEPARATOR)
        fields = {k: _field(v, inner) for k, v in item.items}
        wording = _named(item.code)
        return wording(**fields) if callable(wording) else wording.format(**fields)
    if isinstance(item, tuple):
        return separator.join(_word(x) for x in item)
    return str(item)


def _field(value, separator: str):
    if isinstance(value, tuple) or hasattr(value, "vocabulary") or (
            hasattr(value, "code") and hasattr(value, "items")):
        return _word(value, separator)
    return value
