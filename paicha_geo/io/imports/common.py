"""What every import step shares: the problem record and the notice collector."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from paicha_geo import labels


@dataclass(frozen=True)
class ImportProblem:
    """One reason a file or a row cannot be imported, located as the user sees it.

    `row` is the spreadsheet row number (None for the whole file); `column` is the header text
    as written in the file (or the field's canonical name when the column is missing).
    """

    file: str
    row: int | None
    column: str | None
    reason: str
    sheet: str | None = None

    def describe(self) -> str:
        sheet = f"［{self.sheet}］" if self.sheet else ""
        if self.row is None:
            return labels.PROBLEM_AT_FILE.format(file=self.file, sheet=sheet, reason=self.reason)
        if not self.column:
            return labels.PROBLEM_AT_ROW.format(
                file=self.file, sheet=sheet, row=self.row, reason=self.reason
            )
        return labels.PROBLEM_AT.format(
            file=self.file, sheet=sheet, row=self.row, column=self.column, reason=self.reason
        )

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "reason": self.reason}


@dataclass
class Notices:
    """Non-blocking remarks, counted so a message repeated on 5,000 rows shows once."""

    counts: Counter = field(default_factory=Counter)

    def add(self, message: str, times: int = 1) -> None:
        self.counts[message] += times

    def messages(self) -> list[str]:
        return list(self.counts)


class CellError(ValueError):
    """A value that cannot be parsed; the message is the Chinese reason for the user.

    `field` names the column to blame when it is not the one being parsed (region lookups).
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
