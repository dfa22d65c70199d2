"""The one class that opens DuckDB. Everything else asks it for cursors and transactions.

DuckDB allows one process per file to have it open read-write (and then no other process may
open it at all, not even read-only); threads share the one connection through cursors. So that
the command line (info, imports, backups) can work on the file while the dashboard runs, the
dashboard's Store does not keep the file: it opens it for each read or transaction (and keeps
it a moment longer, `linger`, so that one page run's reads share one opening), and closes it
when idle. Every opener waits for a holder to let go, for a bounded time (`wait`), and then
says in Chinese which file is busy.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from paicha_geo.domain.errors import Message, UserError
from paicha_geo.store.schema import MIGRATIONS, SCHEMA_VERSION
from paicha_geo.store.turns import Queue

RETRY_EVERY = 0.02  # seconds between two tries to open a file another process holds


class StoreError(UserError):
    """A store failure the user is told about: a code and its fields (labels.say words it)."""


class StoreBusyError(StoreError):
    """Another process held the database file for longer than we were willing to wait.

    The message (DB_BUSY) names the file and the wait, for the console; the dashboard shows its
    own message without server paths (labels.DB_BUSY_PAGE) and logs this one.
    """

    def __init__(self, path: Path, waited: float = 0.0):
        super().__init__(Message("DB_BUSY", path=path, seconds=f"{waited:g}"))
        self.path = path
        self.waited = waited


def _is_lock_error(exc: duckdb.Error) -> bool:
    """Another process holds the file ("Could not set lock … Conflicting lock is held"); not
    any error that merely says "block" (a corrupt file's checksum message does)."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.IOException) and ("could not set lock" in text
                                                   or "conflicting lock" in text)


def connect(path: str | Path, read_only: bool = False, wait: float = 0.0,
            queue: Queue | None = None) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, retrying while another process holds its lock, for `wait` seconds
    at most; then StoreBusyError. (A read-write open takes the lock: while the connection is
    open, other processes cannot open the file.) With a `queue` (see turns), a waiter says it
    is waiting, and an opener lets an earlier waiter go first."""
    deadline = time.monotonic() + max(wait, 0.0)
    refused = None
    try:
        while True:
            if queue is None or not queue.someone_waiting():
                try:
                    return duckdb.connect(str(path), read_only=read_only)
                except duckdb.IOException as exc:
                    if not _is_lock_error(exc):
                        raise
                    refused = exc
                    if queue is not None:
                        queue.claim()
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusyError(Path(path), wait) from refused
            time.sleep(min(RETRY_EVERY, left))
    finally:
        if queue is not None:
            queue.done()


def file_state(path: Path) -> tuple | None:
    """(inode, size, mtime) of the file and of its WAL: changes whenever any process commits
    (a commit appends to the WAL; closing folds the WAL into the file). None without a file."""
    try:
        main = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}.wal")
        wal_state = (wal.st_ino, wal.st_size, wal.st_mtime_ns)
    except OSError:
        wal_state = None
    return (main.st_ino, main.st_size, main.st_mtime_ns, main.st_ctime_ns, wal_state)


class Store:
    """A DuckDB file with the paicha-geo schema, migrated to the current version on open.

    `hold=True` (commands, tests): the file is opened now and kept until `close()`.
    `hold=False` (the dashboard): the file is opened for each `reading()` or `transaction()`
    and closed `linger` seconds after the last one ends, so other processes get it between.
    Either way an open waits up to `wait` seconds for another process to let go.
    """

    # Committed write transactions per file in this process (any Store object on it): the
    # app rechecks the data signature at once after its own writes, and only now and then
    # for other processes' (see app_pages/_cache.version).
    _commits: dict[Path, int] = {}

    def __init__(self, path: str | Path, read_only: bool = False, *, wait: float = 0.0,
                 hold: bool = True, linger: float = 0.0):
        self.path = Path(path)
        self.read_only = read_only
        self.wait = wait
        self.hold = hold
        self.linger = linger
        self._lock = threading.Condition()
        self._queue = Queue(self.path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0  # readings and transactions in progress (all threads)
        self._last_use = 0.0  # when the last reading ended (monotonic)
        self._timer: threading.Timer | None = None  # the pending linger's end
        self._closed = False
        self._memo: dict[str, tuple] = {}
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.held():
            if not read_only:
                self.migrate()
            if hold:
                self._users += 1  # never released until close()

    # -- connections -------------------------------------------------------------------
    def _open(self, deadline: float) -> duckdb.DuckDBPyConnection:
        try:
            return connect(self.path, self.read_only, wait=deadline - time.monotonic(),
                           queue=self._queue)
        except StoreBusyError as exc:  # say the whole wait, and keep DuckDB's words (the holder)
            raise StoreBusyError(self.path, self.wait) from exc.__cause__
        except duckdb.IOException as exc:
            if "newer version of duckdb" in str(exc).lower():  # e.g. written by DuckDB 2.x
                raise StoreError("DB_STORAGE_NEWER", path=self.path,
                                 version=duckdb.__version__) from exc
            raise StoreError("EXCEPTION_DB", path=self.path, reason=str(exc)) from exc

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Keep the file open for the block (nested readings share the one opening)."""
        deadline = time.monotonic() + self.wait
        # A thread queued behind one that is waiting for the file finds its own time spent
        # when its turn comes, and then tries once: nobody waits much longer than `wait`.
        with self._lock:
            if self._closed:
                raise StoreError("EXCEPTION_DB", path=self.path, reason="closed")
            if self._con is not None and self._yields():  # no new reader: let the waiter in
                self._lock.wait_for(lambda: self._users == 0, deadline - time.monotonic())
                self._close_if_idle()
            if self._con is None:
                self._con = self._open(deadline)
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._lock.notify_all()
                    self._last_use = time.monotonic()
                    if self.linger <= 0 or self._yields():
                        self._close_if_idle()
                    elif self._timer is None:
                        self._linger_for(self.linger)

    def _yields(self) -> bool:
        """A store that lets go when idle, with another process waiting for the file."""
        return not self.hold and self._queue.someone_waiting()

    def _linger_for(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._linger_over)
        self._timer.daemon = True
        self._timer.start()

    def _linger_over(self) -> None:
        """The timer: close when idle for `linger` since the last use, else look again then
        (one timer per store, however many readings end meanwhile)."""
        with self._lock:
            self._timer = None
            if self._users or self._con is None:
                return  # in use: its end starts the next linger
            left = self._last_use + self.linger - time.monotonic()
            if left > 0:
                self._linger_for(left)
            else:
                self._close_if_idle()

    def _close_if_idle(self) -> None:
        """Close the file when no reading is in progress (the caller holds the lock)."""
        if self._users == 0 and self._con is not None:
            self._con.close()
            self._con = None

    def is_open(self) -> bool:
        """Whether this process has the file open right now (others must wait)."""
        return self._con is not None

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for the calling thread, with the file open for the block."""
        with self.held():
            cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of a held file (hold=True, or inside `held()`); the store's own reads use
        `reading()`, which also works on the dashboard's store."""
        with self._lock:
            if self._con is None:
                raise RuntimeError("Store.cursor() needs the file held: use reading()")
            return self._con.cursor()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: commit when the block ends, roll back on any exception.

        If DuckDB already aborted the transaction (a write conflict), the ROLLBACK itself
        fails; that second error is suppressed so the real one surfaces.
        """
        with self.reading() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
                key = self._commit_key()
                Store._commits[key] = Store._commits.get(key, 0) + 1

    def unless_changed(self, name: str, compute: Callable[[], object]):
        """`compute()`, or its last result while the file has not changed since (no opening:
        a look at the file's size and time). For reads repeated on every page run."""
        before = self.data_state()  # before computing: a write meanwhile is seen next time
        known = self._memo.get(name)
        if before is not None and known is not None and known[0] == before:
            return known[1]
        value = compute()
        self._memo[name] = (before, value)
        return value

    def data_state(self) -> tuple | None:
        """What changes whenever any process commits: here the file's size and times."""
        return file_state(self.path)

    def _commit_key(self) -> object:
        return self.path.resolve()

    @property
    def commits(self) -> int:
        """How many write transactions this process has committed on this file."""
        return Store._commits.get(self._commit_key(), 0)

    @staticmethod
    def bump_data_version(cur: duckdb.DuckDBPyConnection) -> None:
        """Mark a bulk change (import, boundaries) the row counts would not reveal.

        Only bulk writers call this: a meta row written by every status change would make
        concurrent writers collide on it. Status changes and visits show up in the data
        signature (history and visit counts) instead; see queries.data_signature.
        """
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)",
                    [uuid.uuid4().hex])

    def checkpoint(self) -> None:
        """Write the WAL into the database file (so a copied file is complete)."""
        with self.reading() as cur:
            cur.execute("CHECKPOINT")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is not None:
                self._con.close()
                self._con = None
            self._queue.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.reading() as cur:
            has_meta = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
            ).fetchone()[0]
            if not has_meta:
                return 0
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Bring an older (or empty) file to SCHEMA_VERSION, one version per transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError("DB_NEWER", path=self.path, version=current,
                             supported=SCHEMA_VERSION)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction() as cur:
                for statement in MIGRATIONS[version]:
                    cur.execute(statement)
                cur.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)]
                )

    # -- meta --------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.reading() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str, cur: duckdb.DuckDBPyConnection | None = None) -> None:
        """Inside the caller's transaction `cur`, or committed on its own."""
        if cur is not None:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
            return
        with self.transaction() as own:
            own.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


@contextlib.contextmanager
def cursor_of(source: Store | duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for reads that run alone (a Store: the file is opened for the block) or
    inside a caller's transaction (its cursor, used as it is)."""
    if isinstance(source, Store):
        with source.reading() as cur:
            yield cur
    else:
        yield source
