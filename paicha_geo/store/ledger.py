"""Ledger writes: imports in one transaction, status changes with an optimistic version check.

Every change to an issue bumps `version` and appends to issue_history in the same
transaction. A writer states the version it saw; `UPDATE ... WHERE version = ?` touching no
row, or DuckDB refusing a concurrent write to the same row, both mean someone else changed the
issue first: the transaction is rolled back and ConflictError carries the current row.
issue_history is only ever INSERTed into. Errors carry a code and fields (domain.errors);
history notes the store adds itself are worded by the `say` function the caller passes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import time
from collections.abc import Callable

import duckdb
import pandas as pd

from paicha_geo.domain import issue_fields, workflow
from paicha_geo.domain.errors import Message, Term
from paicha_geo.store.db import Store, StoreError, cursor_of
from paicha_geo.store.facts import append_versions
from paicha_geo.store.loads import insert_frame

log = logging.getLogger(__name__)

_ISSUE_SET = ["region_code", "household_id", "item_code", "source", "severity",
              "responsible_unit", "description", "found_date", "deadline", "status", "measures",
              "rectified_date", "closed_date", "verifier", "escalated"]


class ConflictError(StoreError):
    """Someone changed the issue first; `current` is its row now (None if it is gone)."""

    def __init__(self, message: Message, current: dict | None = None):
        super().__init__(message)
        self.current = current


class ImportValueError(StoreError):
    """The database refused a value (a number too large for its column, a CHECK): a problem
    of the file, not a concurrent change. Validation should have caught it first."""


class TransitionRefused(StoreError):
    """The workflow does not allow this change; the message (workflow.refusal) says why."""


class IssueNotFound(StoreError):
    pass


def _is_conflict(exc: Exception) -> bool:
    """A concurrent writer got there first: DuckDB's own write-write conflict, or on a
    PostgreSQL server a serialization failure or deadlock (store.server)."""
    text = str(exc).lower()
    return (isinstance(exc, duckdb.TransactionException) or "conflict" in text
            or "could not serialize access" in text or "deadlock detected" in text)


def _is_bad_value(exc: Exception) -> bool:
    """A value the column cannot hold (conversion, overflow, CHECK), not someone else's write.

    A duplicate key is left out: two imports inserting the same new key at once is a conflict.
    """
    if isinstance(exc, duckdb.ConversionException | duckdb.OutOfRangeException):
        return True
    return isinstance(exc, duckdb.ConstraintException) and "duplicate key" not in str(exc).lower()


def _bad_value(exc: Exception) -> ImportValueError:
    log.warning("import refused by the database: %s", exc)
    m = re.search(r"column (\w+)", str(exc))
    column = Message("IMPORT_VALUE_COLUMN", column=Term("FIELD_LABELS", m.group(1))) if m else ""
    return ImportValueError("IMPORT_VALUE_REFUSED", column=column)


# -- reads ----------------------------------------------------------------------------------
def get_issue(store: Store, issue_code: str, cur=None) -> dict | None:
    """One issue as a plain dict (dates as dt.date), or None."""
    with cursor_of(cur or store) as own:
        result = own.execute("SELECT * FROM issue WHERE issue_code = ?", [issue_code])
        row = result.fetchone()
        columns = [d[0] for d in result.description]
    if row is None:
        return None
    record = dict(zip(columns, row, strict=True))
    record["version"] = int(record["version"])
    record["escalated"] = bool(record["escalated"])
    return record


def issue_history(store: Store, issue_code: str) -> pd.DataFrame:
    """Every change of one issue, oldest first."""
    with store.reading() as cur:
        return cur.execute(
            "SELECT history_id, issue_code, changed_at, from_status, to_status, actor, note "
            "FROM issue_history WHERE issue_code = ? ORDER BY changed_at, history_id",
            [issue_code],
        ).fetchdf()


def _by_keys(store: Store, table: str, key: str, keys) -> pd.DataFrame:
    keys = sorted({k for k in keys if k is not None})
    frame = pd.DataFrame({"k": pd.Series(keys, dtype="object")})
    with store.reading() as cur:
        cur.register("_wanted", frame)
        try:
            return cur.execute(
                f"SELECT t.* FROM {table} t JOIN _wanted w ON t.{key} = w.k"  # noqa: S608
            ).fetchdf()
        finally:
            cur.unregister("_wanted")


def issues_by_code(store: Store, codes) -> pd.DataFrame:
    return _by_keys(store, "issue", "issue_code", codes)


def households_by_id(store: Store, ids) -> pd.DataFrame:
    return _by_keys(store, "household", "household_id", ids)


def household_numbers_by_id_number(store: Store, id_numbers) -> dict[str, str]:
    """户编号 of the households already stored under these ID numbers (first by number)."""
    df = _by_keys(store, "household", "id_number", id_numbers)
    df = df.sort_values("household_id").drop_duplicates("id_number")
    return dict(zip(df["id_number"], df["household_id"], strict=True))


def villages_by_code(store: Store, codes) -> pd.DataFrame:
    return _by_keys(store, "village", "code", codes)


def household_villages(store: Store, ids) -> dict[str, str]:
    df = households_by_id(store, ids)
    return dict(zip(df["household_id"], df["village_code"], strict=True))


# -- imports --------------------------------------------------------------------------------
def _update_from(cur, table: str, key: str, frame: pd.DataFrame, columns: list[str],
                 version_check: bool) -> int:
    sets = ", ".join(f"{c} = f.{c}" for c in columns)
    where = f"{table}.{key} = f.{key}"
    if version_check:
        sets += ", version = f.version"
        where += f" AND {table}.version = f.expected_version"
    cur.register("_upd", frame)
    try:
        row = cur.execute(
            f"UPDATE {table} SET {sets} FROM _upd f WHERE {where}"  # noqa: S608 - fixed names
        ).fetchone()
    finally:  # after a failed update the transaction is aborted and unregister fails too:
        with contextlib.suppress(duckdb.Error):  # that must not hide the real error
            cur.unregister("_upd")
    return int(row[0]) if row else 0


def apply_issue_import(store: Store, inserts: pd.DataFrame, updates: pd.DataFrame,
                       history: pd.DataFrame, now: dt.datetime | None = None) -> None:
    """Write a planned issue import in one transaction, or nothing (ConflictError)."""
    now = now or dt.datetime.now()
    history = history.copy()
    history["changed_at"] = pd.to_datetime(
        [now if pd.isna(x) else x for x in history["changed_at"]]).astype("datetime64[us]")
    try:
        _with_retries(lambda: _import_once(store, inserts, updates, history))
    except _Busy:
        raise ConflictError(Message("IMPORT_CONFLICT", code="")) from None


def _import_once(store: Store, inserts: pd.DataFrame, updates: pd.DataFrame,
                 history: pd.DataFrame) -> None:
    try:
        with store.transaction() as cur:
            store.bump_data_version(cur)
            if len(inserts):
                insert_frame(cur, "issue", inserts)
            if len(updates):
                changed = _update_from(cur, "issue", "issue_code", updates, _ISSUE_SET, True)
                if changed != len(updates):
                    raise ConflictError(Message("IMPORT_CONFLICT",
                                                code=updates["issue_code"].iloc[0]))
            if len(history):
                insert_frame(cur, "issue_history", history)
    except ConflictError:
        raise
    except duckdb.Error as exc:
        if _is_bad_value(exc):
            raise _bad_value(exc) from exc
        if isinstance(exc, duckdb.ConstraintException):
            raise ConflictError(Message("IMPORT_CONFLICT", code=str(exc)[:80])) from exc
        if _is_conflict(exc):
            raise _Busy() from exc
        raise


def apply_upsert(store: Store, table: str, key: str, columns: list[str],
                 inserts: pd.DataFrame, updates: pd.DataFrame,
                 versions: pd.DataFrame | None = None, recorded_at: dt.datetime | None = None,
                 recorded_by: str = "") -> None:
    """Households or villages: insert new rows and update changed ones, and append their
    dated fact `versions` (store.facts), all or nothing."""
    try:
        with store.transaction() as cur:
            store.bump_data_version(cur)
            if len(inserts):
                insert_frame(cur, table, inserts[columns])
            if len(updates):
                _update_from(cur, table, key, updates[columns],
                             [c for c in columns if c != key], False)
            if versions is not None and len(versions):
                append_versions(cur, table, versions, recorded_at or dt.datetime.now(),
                                recorded_by)
    except duckdb.Error as exc:
        if _is_bad_value(exc):
            raise _bad_value(exc) from exc
        if isinstance(exc, duckdb.ConstraintException | duckdb.TransactionException):
            raise ConflictError(Message("IMPORT_CONFLICT", code=str(exc)[:80])) from exc
        raise


# -- the status workflow --------------------------------------------------------------------
def _rectified_by(cur, issue_code: str) -> str | None:
    """Who reported the rectification: a row that leaves the status as it was (an edit, a
    挂牌督办 mark) is not a report."""
    row = cur.execute(
        "SELECT actor FROM issue_history WHERE issue_code = ? AND to_status = 'rectified' "
        "AND from_status IS DISTINCT FROM to_status "
        "ORDER BY changed_at DESC, history_id DESC LIMIT 1", [issue_code]).fetchone()
    return row[0] if row else None


def rectified_by(store: Store, issue_code: str) -> str | None:
    """Who reported an issue's rectification (the account that may not also close it)."""
    with store.reading() as cur:
        return _rectified_by(cur, issue_code)


def conflict(store: Store, issue_code: str, seen: int) -> ConflictError:
    """The refusal of a write to an issue that changed since the writer saw version `seen`
    (or is gone), naming what it is now."""
    current = get_issue(store, issue_code)
    if current is None:
        return ConflictError(Message("REFUSE_NOT_FOUND", code=issue_code), None)
    return ConflictError(Message("CONFLICT", code=issue_code,
                                 status=Term("STATUSES", current["status"]),
                                 version=current["version"], seen=seen), current)


def _as_seen(store: Store, cur, issue_code: str, expected_version: int) -> dict:
    """The issue inside a write's transaction, if it is still the version the writer saw."""
    current = get_issue(store, issue_code, cur)
    if current is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=issue_code)
    if current["version"] != expected_version:
        raise conflict(store, issue_code, expected_version)
    return current


class _Busy(Exception):
    """DuckDB refused a write because another transaction holds the row: try again."""


def _with_retries(attempt, tries: int = 50):
    """Run `attempt` again while DuckDB reports a concurrent writer on the same row.

    DuckDB signals such a write-write clash at once, before the other transaction has
    committed (or rolled back). It is not yet a conflict the user must hear about: on the
    next attempt the version check either passes (the other writer gave up) or fails with
    the other writer's committed state, which is what ConflictError must show.
    """
    for i in range(tries):
        try:
            return attempt()
        except _Busy:
            time.sleep(min(0.002 * (i + 1), 0.05))
    return attempt()  # still busy: _Busy propagates to the caller, which names the conflict


def change_status(store: Store, issue_code: str, to_status: str, *, actor: str,
                  expected_version: int, say: Callable[[Message], str],
                  note: str | None = None, measures: str | None = None,
                  when: dt.datetime | None = None) -> dict:
    """Move one issue along the workflow; returns the issue as this change left it.

    `say` words the notes the store adds to the history (measures changed, a reopened
    issue's former close-out): the service passes labels.say. Raises IssueNotFound,
    ConflictError (someone else changed it since `expected_version`; `.current` holds the
    new state) or TransitionRefused (the rule and its reason).
    """
    when = when or dt.datetime.now()
    actor = (actor or "").strip()
    try:
        return _with_retries(lambda: _change_once(store, issue_code, to_status, actor,
                                                  expected_version, note, measures, when,
                                                  say))
    except _Busy:
        raise conflict(store, issue_code, expected_version) from None


def _change_once(store: Store, issue_code: str, to_status: str, actor: str,
                 expected_version: int, note: str | None, measures: str | None,
                 when: dt.datetime, say: Callable[[Message], str]) -> dict:
    try:
        with store.transaction() as cur:
            current = _as_seen(store, cur, issue_code, expected_version)
            new_measures = measures.strip() if measures and measures.strip() else None
            effective = new_measures or current["measures"]
            frm = current["status"]
            reason = workflow.refusal(frm, to_status, actor=actor, measures=effective, note=note,
                                      rectified_by=_rectified_by(cur, issue_code))
            if reason:
                raise TransitionRefused(reason)
            values = {"status": to_status, "measures": effective,
                      "rectified_date": current["rectified_date"],
                      "closed_date": current["closed_date"], "verifier": current["verifier"]}
            text = [note.strip()] if note and note.strip() else []
            if new_measures and current["measures"] and new_measures != current["measures"]:
                text.append(Message("HISTORY_MEASURES_CHANGED", old=current["measures"],
                                    new=new_measures))
            action = workflow.action_of(frm, to_status)
            if action == "report":
                values["rectified_date"] = when.date()
            elif action == "close":
                values.update(closed_date=when.date(), verifier=actor)
            elif action == "send_back":
                values["rectified_date"] = None
            elif action == "reopen":
                text.append(Message("HISTORY_REOPEN_TRACE", closed=current["closed_date"],
                                    verifier=current["verifier"]))
                values.update(closed_date=None, verifier=None, rectified_date=None)
            changed = cur.execute(
                "UPDATE issue SET status = ?, measures = ?, rectified_date = ?, "
                "closed_date = ?, verifier = ?, version = version + 1 "
                "WHERE issue_code = ? AND version = ?",
                [values["status"], values["measures"], values["rectified_date"],
                 values["closed_date"], values["verifier"], issue_code, expected_version],
            ).fetchone()[0]
            if changed != 1:
                raise conflict(store, issue_code, expected_version)
            cur.execute(
                "INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, "
                "actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                [issue_code, when, frm, to_status, actor,
                 say(Message("HISTORY_NOTES", parts=tuple(text))) if text else None],
            )
    except (ConflictError, IssueNotFound, TransitionRefused):
        raise
    except duckdb.Error as exc:
        if _is_conflict(exc):
            raise _Busy() from exc
        raise
    # The row as this change left it (a fresh read could already show a later change).
    return {**current, **values, "version": expected_version + 1}


# -- settings outside the workflow (责任单位, 整改时限) ----------------------------------------
def set_issue_field(store: Store, issue_code: str, field: str, value, *, actor: str,
                    expected_version: int, say: Callable[[Message], str],
                    note: str | None = None, when: dt.datetime | None = None) -> dict:
    """Set one issue's 责任单位 or 整改时限 (domain.issue_fields decides whether it may), bump its
    version and append a history row naming the change (old → new, and `note`), all in one
    transaction. The status is unchanged: the history row goes from the status to itself.
    Raises IssueNotFound, ConflictError or TransitionRefused, like change_status."""
    when = when or dt.datetime.now()
    actor = (actor or "").strip()
    if field not in issue_fields.FIELDS:  # the column name below comes from this tuple only
        raise TransitionRefused(Message("REFUSE_FIELD_UNKNOWN", field=field))
    try:
        return _with_retries(lambda: _set_once(store, issue_code, field, value, actor,
                                               expected_version, note, when, say))
    except _Busy:
        raise conflict(store, issue_code, expected_version) from None


def _set_once(store: Store, issue_code: str, field: str, value, actor: str,
              expected_version: int, note: str | None, when: dt.datetime,
              say: Callable[[Message], str]) -> dict:
    try:
        with store.transaction() as cur:
            current = _as_seen(store, cur, issue_code, expected_version)
            if not actor:
                raise TransitionRefused(Message("REFUSE_NO_ACTOR"))
            reason = issue_fields.refusal(current["status"], field, current[field], value,
                                          current["found_date"])
            if reason:
                raise TransitionRefused(reason)
            changed = cur.execute(
                f"UPDATE issue SET {field} = ?, version = version + 1 "  # noqa: S608 - FIELDS
                "WHERE issue_code = ? AND version = ?",
                [value, issue_code, expected_version]).fetchone()[0]
            if changed != 1:
                raise conflict(store, issue_code, expected_version)
            text = [Message("HISTORY_CHANGE", label=Term("FIELD_LABELS", field),
                            old=Message("HISTORY_EMPTY_VALUE") if current[field] is None
                            else current[field], new=value)]
            if note and note.strip():
                text.insert(0, note.strip())
            cur.execute(
                "INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, "
                "actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                [issue_code, when, current["status"], current["status"], actor,
                 say(Message("HISTORY_NOTES", parts=tuple(text)))])
    except (ConflictError, IssueNotFound, TransitionRefused):
        raise
    except duckdb.Error as exc:
        if _is_conflict(exc):
            raise _Busy() from exc
        raise
    return {**current, field: value, "version": expected_version + 1}
