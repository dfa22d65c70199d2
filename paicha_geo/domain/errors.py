"""What went wrong (or is worth saying), without the words: a code and the facts it names.

The layers below the services (domain, io, store) compose no user text. They return a
`Message`, or raise a `UserError` carrying one: a `code`, which is the name of its wording in
`paicha_geo.labels`, and the fields that wording names (file, row, value, limit ...).
`labels.say(...)` turns a message, or an error carrying one, into Chinese; services, the CLI
and the pages call it where the text is shown.

A field holds a plain value (text, number, date: formatted by the wording itself), another
`Message` (a reason inside a sentence), a `Term` (a key that labels words from one of its
vocabularies: a status, a level, a column's canonical name) or a tuple of these (a list).
Messages are immutable and hashable, so a notice repeated on 5,000 rows can be counted once.
"""

from __future__ import annotations

from dataclasses import dataclass


def _frozen(value):
    if isinstance(value, (list, tuple)):  # noqa: UP038 - the tuple form is the faster check
        return tuple(_frozen(v) for v in value)
    return value


@dataclass(frozen=True)
class Term:
    """A word from one of labels' vocabularies: `vocabulary` names the dict (e.g. "STATUSES",
    "LEVELS", "FIELD_LABELS"), `key` the entry; a key missing from it is shown as it is."""

    vocabulary: str
    key: object


@dataclass(frozen=True, init=False)
class Message:
    """Something to tell the user: a code (a wording's name in labels) and its fields."""

    code: str
    items: tuple[tuple[str, object], ...]

    def __init__(self, code: str, /, **fields):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "items", tuple([(k, _frozen(v)) for k, v in fields.items()]))

    @property
    def fields(self) -> dict:
        return dict(self.items)

    def __str__(self) -> str:  # for logs and developers; users get labels.say(message)
        inner = ", ".join(f"{k}={v}" for k, v in self.items)
        return f"{self.code}({inner})" if inner else self.code


class UserError(Exception):
    """A failure the user is told about. `message` holds the code and fields; labels.say(error)
    words it. Raise with a Message, or with a code and its fields: UserError("X", path=p)."""

    def __init__(self, message: Message | str, /, **fields):
        if isinstance(message, str):
            message = Message(message, **fields)
        elif fields:
            raise TypeError("fields go into the Message")
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def fields(self) -> dict:
        return self.message.fields

    def __str__(self) -> str:
        return str(self.message)
