"""The ledger API the pages and the CLI call: import preview and commit, status changes,
history, boundaries, backups. No Streamlit, no SQL: store reads and writes joined to the pure
import pipeline.

Import is two calls so the user sees what will happen before anything is written:
`preview_import` checks the file against the installation's limits before parsing it (size,
the XML inside an .xlsx, rows), reads and validates the whole file, checks values against
the plausibility ranges, and plans inserts and updates against the ledger; `commit_import`
writes that plan in one transaction, either only when the whole file is valid, or, when the
user chooses, the valid rows only.

Below this module problems, notices and errors are codes with fields (domain.errors); here they
are worded (labels.say) for the pages and the CLI: `ImportPreview.problems` and `.notices`, the
`BoundaryCheck` of a boundary file. Errors raised through (StoreError and its kinds) carry a
message the caller words with labels.say(error).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from paicha_geo import config, labels
from paicha_geo.domain.errors import Message
from paicha_geo.domain.settings import Settings
from paicha_geo.io.boundaries import BoundaryPreview, read_boundaries
from paicha_geo.io.imports import fact_dates, people
from paicha_geo.io.imports import issues as issue_import
from paicha_geo.io.imports.common import ImportProblem
from paicha_geo.io.imports.items import ItemIndex
from paicha_geo.io.imports.limits import check_upload, upload_problem
from paicha_geo.io.imports.plan import IssuePlan, plan_issues
from paicha_geo.io.imports.plausibility import ambiguous_shares, check_ranges, warning_notices
from paicha_geo.io.imports.reader import read_file
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.io.imports.rows import Validated, validate
from paicha_geo.io.imports.xlsx import estimate_rows
from paicha_geo.render.excel import rejected_workbook
from paicha_geo.services import clock, import_preview, import_scope
from paicha_geo.services.bulk import gc_paused
from paicha_geo.services.data import Scope
from paicha_geo.store import Store, StoreError
from paicha_geo.store import facts as store_facts
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from paicha_geo.store.backup import backup, restore  # noqa: F401 - part of this API
from paicha_geo.store.boundaries import apply_boundaries
from paicha_geo.store.ledger import ConflictError  # noqa: F401 - callers catch it
from paicha_geo.store.schema import HOUSEHOLD_FACT_COLUMNS, VILLAGE_FACT_COLUMNS

KINDS = ("issues", "households", "villages")
_NO_REGIONS = pd.DataFrame(columns=["code", "name", "level", "parent_code"])
Progress = Callable[[int, int], None]


class ImportRejected(StoreError):
    """commit_import on a file with problems, without choosing to import the valid rows."""


@dataclass(frozen=True)
class ShownProblem:
    """An import problem as the user reads it: where (file, sheet, row, column) and why."""

    file: str
    row: int | None
    column: str | None
    reason: str
    sheet: str | None = None
    text: str = ""  # the whole sentence, location first

    def describe(self) -> str:
        return self.text

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "reason": self.reason}


def shown(problem: ImportProblem) -> ShownProblem:
    """Word one problem (labels.say) for a table, a message or the console."""
    return ShownProblem(problem.file, problem.row,
                        None if problem.column is None else labels.say(problem.column),
                        labels.say(problem.reason), problem.sheet,
                        labels.say(problem.as_message()))


@dataclass
class ImportOptions:
    default_found_date: dt.date | None = None  # when the sheet has no 发现日期 column
    default_item: str | None = None  # checklist code when the sheet has no 排查项目 column
    source_crs: str | None = None  # boundary files: 'gcj02' or an EPSG when the file has none
    actor: str = labels.IMPORT_ACTOR  # recorded in the issue history
    item_choices: dict = field(default_factory=dict)  # row key -> item code a person chose


@dataclass
class ImportPreview:
    kind: str
    file: str
    validated: Validated
    plan: IssuePlan | people.UpsertPlan | None = None
    options: ImportOptions = field(default_factory=ImportOptions)
    regions: RegionIndex | None = None  # to name each row's place
    items: dict[str, str] = field(default_factory=dict)  # checklist code -> short name
    outside_page: Message | None = None  # the regions beyond the page's (import_preview)
    # Households/villages: the dated fact versions the commit appends (io.imports.fact_dates)
    fact_versions: pd.DataFrame | None = None

    @property
    def page_warning(self) -> str | None:
        """Regions of the file outside the page's region, in words (None: there are none)."""
        return None if self.outside_page is None else labels.say(self.outside_page)

    @property
    def problems(self) -> list[ShownProblem]:
        return [shown(p) for p in self.validated.all_problems()]

    @property
    def rows_outside_scope(self) -> int:
        """Rows refused because they lie (or name a record) outside the importer's region:
        an attempt the audit log records."""
        return len({(p.sheet, p.row) for p in self.validated.all_problems()
                    if p.reason.code.endswith("OUTSIDE_SCOPE")})

    @property
    def file_problems(self) -> list[ShownProblem]:
        return [shown(p) for p in self.validated.problems]

    @property
    def ok(self) -> bool:
        """True when the whole file can be imported as it is."""
        return not self.validated.all_problems() and self.plan is not None

    @property
    def warnings(self) -> list[ShownProblem]:
        """Rows imported as they are but worth checking (values outside their usual range)."""
        return [shown(p) for p in self.validated.warnings]

    @property
    def notices(self) -> list[str]:
        return [labels.say(n) for n in self.validated.notices.messages()
                + warning_notices(self.validated.warnings)]

    @property
    def counts(self) -> dict[str, int]:
        actions = list(self.plan.row_action.values()) if self.plan else []
        rows = len(self.validated.rows)
        rejected = len(self.validated.rejected_rows)
        return {"rows": rows, "valid": rows - rejected, "rejected": rejected,
                "inserted": actions.count("insert"), "updated": actions.count("update"),
                "unchanged": actions.count("unchanged") + actions.count("stale")}

    def summary(self) -> str:
        if self.validated.problems:
            return labels.IMPORT_REJECTED.format(count=len(self.validated.problems))
        return labels.IMPORT_SUMMARY.format(**self.counts)

    def problems_frame(self) -> pd.DataFrame:
        """Every problem as a table with Chinese headers, for the page and for download."""
        frame = pd.DataFrame([p.as_dict() for p in self.problems],
                             columns=list(labels.PROBLEM_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        return frame.rename(columns=labels.PROBLEM_COLUMNS)

    def actions_frame(self) -> pd.DataFrame:
        """Each row: what happens to it (新增 / 更新 / 无变化 / 未导入), where it is, what it
        says, and for an update each changed field's old → new value."""
        return import_preview.rows_frame(self.kind, self.validated, self.plan,
                                         self.regions or RegionIndex(_NO_REGIONS), self.items)

    @property
    def suggested(self) -> int:
        """Rows whose item was suggested from the description (to confirm before importing)."""
        return sum(1 for r in self.validated.valid_rows if r.record.get("suggested"))

    def suggestions_frame(self) -> pd.DataFrame:
        """The suggested rows: where, what the sheet said, the description, the suggested item
        with its score and the runners-up (import_preview.suggestions_frame)."""
        return import_preview.suggestions_frame(self.validated, self.items)

    def rejected_xlsx(self) -> bytes:
        """The rejected rows with their original cells and a 错误原因 column."""
        rows = []
        for row in self.validated.rejected_rows:
            reason = labels.REJECTED_REASONS_SEPARATOR.join(
                labels.REJECTED_REASON_IN_COLUMN.format(column=p.column, reason=p.reason)
                if p.column else p.reason for p in map(shown, row.problems))
            rows.append((row.sheet, row.number, row.raw, reason))
        headers = next(iter(self.validated.headers.values())).titles \
            if self.validated.headers else []
        width = max([len(headers)] + [len(r[2]) for r in rows]) if rows else len(headers)
        headers = list(headers) + [""] * (width - len(headers))
        return rejected_workbook(headers, rows)


@dataclass
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    rejected: int

    def message(self) -> str:
        return labels.IMPORT_DONE.format(**self.__dict__)


def _estimate(file: str, data: bytes) -> int:
    if data[:4] == b"PK\x03\x04":
        return estimate_rows(data)
    return data.count(b"\n") + 1


def file_size_problem(file: str, size: int, settings: Settings | None = None) -> str | None:
    """Why a file of `size` bytes is refused before it is even read (the CLI asks first)."""
    reason = upload_problem(file, size, (settings or config.settings()).limits)
    return None if reason is None else labels.say(reason)


@gc_paused
def preview_import(store: Store, kind: str, file: str, data: bytes,
                   options: ImportOptions | None = None,
                   on_progress: Progress | None = None,
                   settings: Settings | None = None, *, scope: Scope,
                   page: Scope | None = None) -> ImportPreview:
    """Read and check a whole file, and plan what it would change; writes nothing.

    `scope` is the importer's (services.data.EVERYTHING only for the server's operator):
    a row about a region outside it, or naming a record stored outside it, is a row problem
    (import_scope). `page` is the region of the page the file is imported on: regions of the
    file beyond it are named in a warning (`page_warning`), not refused. The limits in
    `settings` (the installation's by default) are checked before anything is parsed.
    `on_progress(done, total)` is called while reading and while checking (total counts both
    passes, so done/total is the fraction finished).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    options = options or ImportOptions()
    settings = settings or config.settings()
    if reason := check_upload(file, data, settings.limits):
        refused = Validated(kind, file, problems=[ImportProblem(file, None, None, reason)])
        return ImportPreview(kind, file, refused, options=options)
    expected = max(_estimate(file, data), 1)
    report = on_progress or (lambda done, total: None)
    read = read_file(file, data, lambda n: report(min(n, expected), 2 * expected),
                     max_rows=settings.limits.import_max_rows)
    rows_read = sum(len(s.rows) for s in read.sheets) or expected
    report(rows_read, 2 * rows_read)

    def checking(done: int, total: int) -> None:
        report(rows_read + int(done * rows_read / max(total, 1)), 2 * rows_read)

    regions = RegionIndex(q.regions(store))
    campaign = q.campaign(store)
    if kind == "issues":
        checklist = q.checklist(store, campaign["campaign_id"])
        ctx = issue_import.IssueContext(
            regions, ItemIndex(checklist),
            int(campaign["campaign_id"]), campaign["deadline"], options.default_found_date,
            options.default_item, item_choices=dict(options.item_choices))
        validated = validate(issue_import.issue_kind(ctx), file, read, checking)
        preview = ImportPreview(kind, file, validated, options=options)
        if not validated.problems:
            issue_import.check_rows(validated, ctx,
                                    lambda ids: sl.household_villages(store, ids))
            codes = [r.record["issue_code"] for r in validated.valid_rows]
            existing = sl.issues_by_code(store, codes)
            import_scope.refuse_issues(validated, scope, regions, existing,
                                       lambda ids: sl.household_villages(store, ids))
            preview.plan = plan_issues(validated, existing, int(campaign["campaign_id"]),
                                       campaign["deadline"], options.actor)
            defaulted = sum(1 for r in validated.valid_rows
                            if "deadline" not in r.record["given"])
            if defaulted:
                validated.notices.add(Message("NOTE_DEFAULT_DEADLINE", rows=defaulted,
                                              deadline=campaign["deadline"]))
            if any("found_date" not in r.values for r in validated.valid_rows):
                validated.notices.add(Message("NOTE_DEFAULT_FOUND",
                                              date=options.default_found_date))
    elif kind == "households":
        validated = validate(people.household_kind(regions), file, read, checking)
        check_ranges(validated, settings.plausibility.ranges)
        ambiguous_shares(validated)
        preview = ImportPreview(kind, file, validated, options=options)
        if not validated.problems:
            people.check_keys(validated, "household_id")
            people.number_households(validated, sl.household_numbers_by_id_number(
                store, [r.record["given"]["id_number"] for r in validated.valid_rows
                        if "household_id" not in r.record["given"]]))
            keys = [r.record["key"] for r in validated.valid_rows]
            existing = sl.households_by_id(store, keys)
            import_scope.refuse_households(validated, scope, regions, existing)
            today = clock.today(store)
            fact_dates.check_days(validated, store_facts.latest_verified(
                store, "household", keys), today)
            preview.plan = people.plan_upsert(
                validated, existing, "household_id",
                people.HOUSEHOLD_COLUMNS, people.HOUSEHOLD_DEFAULTS, ("members", "exit_status"))
            _date_versions(preview, "household_id", HOUSEHOLD_FACT_COLUMNS, today)
    else:
        validated = validate(people.village_kind(regions), file, read, checking)
        check_ranges(validated, settings.plausibility.ranges)
        preview = ImportPreview(kind, file, validated, options=options)
        if not validated.problems:
            people.check_keys(validated, "village")
            import_scope.refuse_villages(validated, scope, regions)
            keys = [r.record["key"] for r in validated.valid_rows]
            today = clock.today(store)
            fact_dates.check_days(validated, store_facts.latest_verified(
                store, "village", keys), today)
            preview.plan = people.plan_upsert(
                validated, sl.villages_by_code(store, keys), "code", people.VILLAGE_COLUMNS,
                {}, ())
            _date_versions(preview, "code", VILLAGE_FACT_COLUMNS, today)
    preview.regions = regions
    if kind == "issues":
        preview.items = dict(zip(checklist["code"], checklist["short"], strict=True))
    preview.outside_page = import_preview.outside_page(kind, validated, page, regions)
    report(2 * rows_read, 2 * rows_read)
    return preview


def _date_versions(preview: ImportPreview, key: str, facts: tuple[str, ...],
                   today: dt.date) -> None:
    """The dated versions the commit will append, and the preview's word on the default
    核实日期 (the import's day)."""
    preview.fact_versions, defaulted = fact_dates.versions(preview.validated, preview.plan,
                                                           key, facts, today)
    if defaulted:
        preview.validated.notices.add(Message("NOTE_DEFAULT_VERIFIED", rows=defaulted,
                                              date=today))
    updated = {r[key] for r in preview.plan.updates}
    if kept := int(preview.fact_versions[key].isin(updated).sum()):
        preview.validated.notices.add(Message("NOTE_VERIFIED_KEPT", rows=kept))


@gc_paused
def commit_import(store: Store, preview: ImportPreview, *, scope: Scope,
                  only_valid: bool = False, on_progress: Progress | None = None,
                  items_confirmed: bool = False) -> ImportResult:
    """Write the previewed plan in one transaction.

    Refuses (ImportRejected) a file with file-level problems, and a file with row problems
    unless `only_valid`, a plan that would write outside `scope` (a preview made by someone
    with a wider scope), and a file whose values the database refuses (a number too large for
    its column that validation missed). Raises ConflictError when the ledger changed since the
    preview (nothing is written; preview again).
    """
    problems = preview.validated.all_problems()
    if preview.validated.problems or preview.plan is None or (problems and not only_valid):
        raise ImportRejected("IMPORT_REJECTED", count=len(problems))
    if not preview.plan.row_action:
        raise ImportRejected("IMPORT_NOTHING_VALID")
    if preview.kind == "issues" and preview.suggested and not items_confirmed:
        raise ImportRejected("IMPORT_ITEMS_UNCONFIRMED", rows=preview.suggested)
    if on_progress:
        on_progress(0, 1)
    plan = preview.plan
    if wide := import_scope.outside(preview.kind, plan.inserts + plan.updates, scope):
        raise ImportRejected("IMPORT_OUTSIDE_SCOPE", count=wide)
    try:
        if preview.kind == "issues":
            inserts, updates, history = plan.frames()
            history["note"] = history["note"].map(labels.say)
            sl.apply_issue_import(store, inserts, updates, history, now=clock.now(store))
        elif preview.kind == "households":
            sl.apply_upsert(store, "household", "household_id", people.HOUSEHOLD_COLUMNS,
                            pd.DataFrame(plan.inserts, columns=people.HOUSEHOLD_COLUMNS),
                            pd.DataFrame(plan.updates, columns=people.HOUSEHOLD_COLUMNS),
                            versions=preview.fact_versions, recorded_at=clock.now(store),
                            recorded_by=preview.options.actor)
        else:
            sl.apply_upsert(store, "village", "code", people.VILLAGE_COLUMNS,
                            pd.DataFrame(plan.inserts, columns=people.VILLAGE_COLUMNS),
                            pd.DataFrame(plan.updates, columns=people.VILLAGE_COLUMNS),
                            versions=preview.fact_versions, recorded_at=clock.now(store),
                            recorded_by=preview.options.actor)
    except sl.ImportValueError as exc:
        raise ImportRejected(exc.message) from exc
    if on_progress:
        on_progress(1, 1)
    counts = preview.counts
    return ImportResult(counts["inserted"], counts["updated"], counts["unchanged"],
                        counts["rejected"])


@dataclass(frozen=True)
class BoundaryCheck:
    """A boundary file read and checked (io.boundaries.BoundaryPreview), worded for the user."""

    preview: BoundaryPreview

    @property
    def file(self) -> str:
        return self.preview.file

    @property
    def frame(self) -> gpd.GeoDataFrame | None:
        """code, name, geometry (WGS84) of the matched features."""
        return self.preview.frame

    @property
    def features(self) -> int:
        return self.preview.features

    @property
    def crs(self) -> str | None:
        return self.preview.crs

    @property
    def ok(self) -> bool:
        return self.preview.ok

    @property
    def problems(self) -> list[ShownProblem]:
        return [shown(p) for p in self.preview.problems]

    @property
    def warnings(self) -> list[ShownProblem]:
        return [shown(p) for p in self.preview.warnings]

    @property
    def notices(self) -> list[str]:
        return [labels.say(n) for n in self.preview.notices]


def preview_boundaries(store: Store, file: str, data: bytes, *, source_crs: str | None = None,
                       level: str | None = None,
                       settings: Settings | None = None) -> BoundaryCheck:
    """Read a boundary file, match its features and check them against the stored map;
    `source_crs` may be 'gcj02' or an EPSG. A file over the upload limit is not read."""
    settings = settings or config.settings()
    if reason := upload_problem(file, len(data), settings.limits):
        return BoundaryCheck(BoundaryPreview(
            file, problems=[ImportProblem(file, None, None, reason)]))
    regions = q.regions(store, geometry=True)
    roots = regions[regions["parent_code"].isna()]
    home = float(roots["label_lon"].iloc[0]) if len(roots) and pd.notna(
        roots["label_lon"].iloc[0]) else None
    return BoundaryCheck(read_boundaries(
        file, data, RegionIndex(regions), source_crs=source_crs, level=level, home_lon=home,
        stored=regions, checks=settings.plausibility.boundaries))


def commit_boundaries(store: Store, preview: BoundaryCheck) -> int:
    """Write the matched outlines (one transaction); refuses a preview with problems."""
    if not preview.ok:
        raise ImportRejected("IMPORT_REJECTED", count=len(preview.preview.problems))
    return apply_boundaries(store, preview.frame)


def preview_any(store: Store, kind: str, file: str, data: bytes,
                options: ImportOptions | None = None,
                on_progress: Progress | None = None, *,
                scope: Scope, page: Scope | None = None) -> ImportPreview | BoundaryCheck:
    """The preview of any kind of upload: boundaries, or issue/household/village rows
    (those within the importer's `scope`, with a warning for those beyond the `page`'s
    region; boundaries are for whoever the page lets in)."""
    options = options or ImportOptions()
    if kind == "boundaries":
        return preview_boundaries(store, file, data, source_crs=options.source_crs)
    return preview_import(store, kind, file, data, options, on_progress=on_progress,
                          scope=scope, page=page)


def boundary_problems(preview: BoundaryCheck) -> pd.DataFrame:
    """A boundary preview's problems as a table with Chinese headers."""
    frame = pd.DataFrame([p.as_dict() for p in preview.problems])
    return frame.rename(columns=labels.PROBLEM_COLUMNS)


def backup_now(store: Store) -> tuple[Path, dict]:
    """A consistent backup into a new time-stamped folder under data/backups."""
    target = config.backup_dir() / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return target, backup(store, target)


def backups() -> list[str]:
    """The backup folders there are, newest first."""
    root = config.backup_dir()
    return sorted((p.name for p in root.iterdir() if p.is_dir()), reverse=True) \
        if root.exists() else []
