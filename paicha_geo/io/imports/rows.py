"""The shared import pipeline: header per sheet, cell parsing, problems with file/row/column.

A kind (issues, households, villages) supplies its field parsers, its required columns and a
`finish` step that turns one row's parsed cells into a record (or raises CellError); this
module does the rest and keeps every rejected row's original cells for the download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from paicha_geo.domain.errors import Message, Term
from paicha_geo.io.imports import encoding
from paicha_geo.io.imports.common import CellError, ImportProblem, Notices, is_blank
from paicha_geo.io.imports.headers import ALIASES, HeaderMatch, find_header
from paicha_geo.io.imports.reader import ReadResult
from paicha_geo.io.imports.xlsx import Formula

HEADER_SCAN = 30
_FOOTER_WORDS = ("填表人", "制表人", "制表", "审核人", "审核", "填报单位", "填报人", "填报日期",
                 "注:", "注：", "备注:", "备注：", "说明:", "说明：", "合计", "小计", "总计",
                 "负责人")


@dataclass
class Row:
    """One data row: where it is, its original cells, and its parsed fields."""

    sheet: str | None
    number: int
    raw: list
    titles: list[str]
    values: dict = field(default_factory=dict)  # field -> parsed value (blank cells absent)
    problems: list[ImportProblem] = field(default_factory=list)
    record: dict | None = None


@dataclass
class Validated:
    kind: str
    file: str
    rows: list[Row] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)  # file-level problems
    notices: Notices = field(default_factory=Notices)
    headers: dict[str | None, HeaderMatch] = field(default_factory=dict)
    # Row warnings: imported as they are, but worth a look (e.g. a value outside its usual
    # range); errors go to the row's problems instead.
    warnings: list[ImportProblem] = field(default_factory=list)

    @property
    def valid_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.problems and r.record is not None]

    @property
    def rejected_rows(self) -> list[Row]:
        return [r for r in self.rows if r.problems]

    def all_problems(self) -> list[ImportProblem]:
        return self.problems + [p for r in self.rows for p in r.problems]


class RowProblems(Exception):
    """Several problems of one row at once: a kind's `finish` checks every rule, then raises
    this with a CellError for each rule broken (Collect gathers them)."""

    def __init__(self, errors: list[CellError]):
        super().__init__(errors)
        self.errors = errors


class Collect:
    """The broken rules of one row: `add` each, `done` raises them all (RowProblems)."""

    def __init__(self):
        self.errors: list[CellError] = []

    def add(self, error: CellError) -> None:
        self.errors.append(error)

    def attempt(self, lookup: Callable, field: str | None = None):
        """`lookup()`, or None with its CellError added (blamed on `field` when given)."""
        try:
            return lookup()
        except CellError as exc:
            self.add(CellError(exc.message, field) if field else exc)
            return None

    def done(self) -> None:
        if self.errors:
            raise RowProblems(self.errors)


@dataclass
class Kind:
    """What one import kind needs from the pipeline."""

    name: str
    parsers: dict[str, Callable]  # field -> parse(value, unit) -> value
    required: Callable[[HeaderMatch], list[Message]]  # -> reasons for missing columns
    finish: Callable[[Row], dict]  # parsed row -> record (raises CellError or RowProblems)
    # Called with a sheet's parsed rows before any is finished: work `finish` would repeat
    # row by row is done here for all of them at once (the issue kind scores descriptions).
    prepare: Callable[[list[Row]], None] | None = None


def problem_for(row: Row, field_name: str | None, reason: Message, match: HeaderMatch | None,
                file: str) -> ImportProblem:
    column = None
    if field_name:
        if match is not None and field_name in match.columns:
            column = match.titles[match.columns[field_name]]
        else:
            column = Term("FIELD_LABELS", field_name)
    return ImportProblem(file, row.number, column, reason, row.sheet)


def _blank_cell(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _is_footer(values: list, mapped: list[int]) -> tuple[bool, bool]:
    """(skip it, it has text): a blank row, a 填表人/合计 line (at most two cells), or a row
    with text only outside the known columns. Looks at no more cells than it must."""
    first = []
    for j, v in enumerate(values):
        if not _blank_cell(v):
            first.append(j)
            if len(first) == 3:
                break
    if not first:
        return True, False
    if len(first) <= 2 and str(values[first[0]]).strip().startswith(_FOOTER_WORDS):
        return True, True
    width = len(values)
    for j in mapped:
        if j < width and not _blank_cell(values[j]):
            return False, True
    return True, True


def validate(
    kind: Kind,
    file: str,
    read: ReadResult,
    on_progress: Callable[[int, int], None] | None = None,
) -> Validated:
    """Every row parsed and finished; problems collected, nothing raised."""
    out = Validated(kind.name, file)
    out.notices.counts.update({n: 1 for n in read.notices})
    if read.error:
        out.problems.append(ImportProblem(file, None, None, read.error))
        return out
    tables = []
    for sheet in read.sheets:
        if not sheet.rows:
            continue
        match = find_header([_plain(r) for r in sheet.rows[:HEADER_SCAN]], kind.name,
                            HEADER_SCAN)
        if match is None:
            continue
        out.headers[sheet.name if len(read.sheets) > 1 else None] = match
        tables.append((sheet, match))
    if not tables:
        if not any(s.rows for s in read.sheets):
            reason = Message("ERR_EMPTY_FILE")
        elif found := read.doubt or encoding.diagnose(_head_text(read)):
            reason = encoding.describe(found)  # not a missing header: unreadable text
        else:
            reason = Message("ERR_NO_HEADER", scan=HEADER_SCAN,
                             kind=Term("IMPORT_KINDS", kind.name))
        out.problems.append(ImportProblem(file, None, None, reason))
        return out
    for sheet, match in tables:
        where = sheet.name if len(read.sheets) > 1 else None
        for key, titles in match.duplicates.items():
            out.problems.append(ImportProblem(file, None, titles[0], Message(
                "ERR_DUPLICATE_COLUMN", label=Term("FIELD_LABELS", key), columns=tuple(titles)),
                where))
        for reason in kind.required(match):
            out.problems.append(ImportProblem(file, None, None, reason, where))
        if match.unknown:
            out.notices.add(Message("NOTE_UNKNOWN_COLUMNS", columns=tuple(match.unknown)))
        if match.row_index > 0:
            out.notices.add(Message("NOTE_HEADER_ROW", sheet=sheet.name or file,
                                    row=sheet.numbers[match.row_index]))
    if len(tables) > 1:
        out.notices.add(Message("NOTE_SHEETS", count=len(tables),
                                names=tuple(str(s.name) for s, _ in tables)))
    if out.problems:
        # Missing columns in a file whose text looks wrongly encoded: say that first.
        if found := read.doubt or encoding.diagnose(_head_text(read)):
            out.problems.insert(0, ImportProblem(file, None, None, encoding.describe(found)))
        return out
    total = sum(len(s.rows) - m.row_index - 1 for s, m in tables)
    done, footers = 0, 0
    for sheet, match in tables:
        where = sheet.name if len(read.sheets) > 1 else None
        mapped = sorted(set(match.columns.values()))
        rows = []
        for values, number in zip(sheet.rows[match.row_index + 1:],
                                  sheet.numbers[match.row_index + 1:], strict=True):
            skip, text = _is_footer(values, mapped)
            if skip:
                footers += text
                continue
            rows.append(Row(where, number, values, match.titles))
        failed = _parse_cells(kind, rows, match, file)
        if kind.prepare is not None:
            kind.prepare(rows)
        for row, blamed in zip(rows, failed, strict=True):
            done += 1
            if on_progress and done % 1000 == 0:
                on_progress(done, total)
            _finish_row(kind, row, match, file, blamed)
        out.rows.extend(rows)
    if footers:
        out.notices.add(Message("NOTE_SKIPPED_FOOTER", count=footers))
    if not out.rows:
        out.problems.append(ImportProblem(file, None, None, Message("ERR_HEADER_ONLY")))
    if on_progress:
        on_progress(total, total)
    return out


def _head_text(read: ReadResult) -> str:
    """The text cells of each sheet's first rows, where a header should have been."""
    return "\n".join(",".join(v for v in row if isinstance(v, str))
                     for sheet in read.sheets for row in sheet.rows[:HEADER_SCAN])


def _plain(values: list) -> list:
    return [None if isinstance(v, Formula) else v for v in values]


_BLANK = object()  # a parse result: the cell is blank


class _Failed:
    """A parse result: the cell's problem (`field` to blame when not the cell's own)."""

    __slots__ = ("field", "message")

    def __init__(self, field: str | None, message: Message):
        self.field, self.message = field, message


def _parse_cell(parser: Callable, value, unit):
    """A cell's parsed value, _BLANK or _Failed (a formula, or the parser's CellError)."""
    if is_blank(value):
        return _BLANK
    if isinstance(value, Formula):
        return _Failed(None, Message("ERR_FORMULA", formula=str(value)[:40]))
    try:
        return parser(value, unit)
    except CellError as exc:
        return _Failed(exc.field, exc.message)


def _parse_cells(kind: Kind, rows: list[Row], match: HeaderMatch, file: str) -> list[set]:
    """Every cell of the mapped columns parsed, a column at a time, each distinct value once
    (a district, a status or a date repeats on thousands of rows; parsers are pure). Each
    row's problems come in column order, as row by row; returns each row's blamed fields."""
    failed: list[set] = [set() for _ in rows]
    for key, j in match.columns.items():
        parser, unit = kind.parsers[key], match.units.get(key)
        texts: dict = {}  # text -> parsed; other values by (type, value): 1 == 1.0 == True
        others: dict = {}
        for row, blamed in zip(rows, failed, strict=True):
            raw = row.raw
            value = raw[j] if j < len(raw) else None
            if value is None:
                continue
            if value.__class__ is str:
                parsed = texts.get(value, _BLANK)
                if parsed is _BLANK and value not in texts:
                    parsed = texts[value] = _parse_cell(parser, value, unit)
            else:
                seen = (value.__class__, value)
                try:
                    parsed = others[seen]
                except KeyError:
                    parsed = others[seen] = _parse_cell(parser, value, unit)
                except TypeError:  # an unhashable value: parse it on its own
                    parsed = _parse_cell(parser, value, unit)
            if parsed is _BLANK:
                continue
            if parsed.__class__ is _Failed:
                blame = parsed.field or key
                row.problems.append(problem_for(row, blame, parsed.message, match, file))
                blamed |= {key, blame}
            elif parsed is not None:
                row.values[key] = parsed
    return failed


def _finish_row(kind: Kind, row: Row, match: HeaderMatch, file: str, failed: set) -> None:
    """Every problem of the row, not only the first: each cell that could not be read (found
    by _parse_cells), then each rule of the kind's `finish` (which reports them all,
    RowProblems), except a rule about a cell already blamed (an unreadable date is not also
    "missing"). A row whose cells failed but whose rules hold keeps its record, so the checks
    across rows (duplicates, households, region scope) name their problems too; only
    `valid_rows` are ever planned."""
    try:
        record = kind.finish(row)
    except (CellError, RowProblems) as exc:
        errors = exc.errors if isinstance(exc, RowProblems) else [exc]
        row.problems += [problem_for(row, e.field, e.message, match, file) for e in errors
                         if e.field not in failed]
        return
    row.record = record  # with cell problems too: the checks across rows still run on it


def missing(match: HeaderMatch, kind: str, field_name: str) -> Message | None:
    """The missing-column reason for `field_name`, with the accepted spellings."""
    if field_name in match.columns:
        return None
    return Message("ERR_MISSING_COLUMN", label=Term("FIELD_LABELS", field_name),
                   aliases=ALIASES[kind][field_name][:6])


def has_region_columns(match: HeaderMatch) -> bool:
    return any(k in match.columns for k in ("region_code", "district", "town", "village"))


def flag_duplicates(rows: list[Row], key: Callable[[Row], object],
                    reason: Callable[[int], Message],
                    field_name: str | None, match_of: Callable[[Row], HeaderMatch | None],
                    file: str) -> None:
    """Mark every row sharing a key with another, naming the other row in the reason."""
    seen: dict = {}
    for row in rows:
        if row.record is None or row.problems:
            continue
        k = key(row)
        if k is None:
            continue
        seen.setdefault(k, []).append(row)
    for group in seen.values():
        if len(group) < 2:
            continue
        for i, row in enumerate(group):
            other = group[1] if i == 0 else group[0]
            row.problems.append(problem_for(row, field_name, reason(other.number),
                                            match_of(row), file))
