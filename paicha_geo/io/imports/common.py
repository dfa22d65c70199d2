"""What every import step shares: the problem record and the notice collector.

Reasons and notices are `domain.errors.Message`s (a code and its fields); labels words them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from paicha_geo.domain.errors import Message, Term, UserError


@dataclass(frozen=True)
class ImportProblem:
    """One reason a file or a row cannot be imported, located as the user sees it.

    `row` is the spreadsheet row number (None for the whole file); `column` is the header text
    as written in the file, or (a Term of FIELD_LABELS) the field's canonical name when the
    column is missing.
    """

    file: str
    row: int | None
    column: str | Term | None
    reason: Message
    sheet: str | None = None

    def as_message(self) -> Message:
        """The whole sentence: file, sheet, row and column, then the reason."""
        sheet = Message("PROBLEM_SHEET", sheet=self.sheet) if self.sheet else ""
        if self.row is None:
            return Message("PROBLEM_AT_FILE", file=self.file, sheet=sheet, reason=self.reason)
        if not self.column:
            return Message("PROBLEM_AT_ROW", file=self.file, sheet=sheet, row=self.row,
                           reason=self.reason)
        return Message("PROBLEM_AT", file=self.file, sheet=sheet, row=self.row,
                       column=self.column, reason=self.reason)


@dataclass
class Notices:
    """Non-blocking remarks, counted so a message repeated on 5,000 rows shows once."""

    counts: Counter = field(default_factory=Counter)

    def add(self, message: Message, times: int = 1) -> None:
        self.counts[message] += times

    def messages(self) -> list[Message]:
        return list(self.counts)


class CellError(UserError, ValueError):
    """A value that cannot be parsed; `message` is the reason (labels words it).

    `field` names the column to blame when it is not the one being parsed (region lookups).
    Raise with a Message or a code and its fields: CellError("ERR_BAD_DATE", value=raw).
    """

    def __init__(self, message: Message | str, field: str | None = None, **fields):
        super().__init__(message, **fields)
        self.field = field


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
