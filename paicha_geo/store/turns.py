"""Taking turns on one DuckDB file: a process waiting for it says so, the holder lets go.

DuckDB's file lock has no queue: a dashboard that reads every fraction of a second would take
the file again before a waiting command's next try, for ever. So a waiter also takes an
exclusive lock on a small file beside the database (`<name>.queue`) until it has the database
open; a holder that sees that lock taken closes the database as soon as its current reads end
instead of keeping it. OS locks (flock) end with their process, so a killed waiter leaves no
stale claim behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class Queue:
    """The `<db>.queue` file of one database, as one opener sees it."""

    def __init__(self, db: Path):
        self.path = Path(f"{db}.queue")
        self._fd: int | None = None
        self._mine = False

    def _file(self, create: bool) -> int | None:
        """The queue file (made by the first waiter: nobody waited while there is none)."""
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
            except OSError:  # none yet, or a read-only folder (no turns: openers just retry)
                return None
        return self._fd

    def claim(self) -> bool:
        """Say 'I am waiting' (False when another waiter already did: it goes first)."""
        if self._mine:
            return True
        fd = self._file(create=True)
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self._mine = True
        return True

    def done(self) -> None:
        """The wait is over (the database is open, or we gave up)."""
        if self._mine:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            self._mine = False

    def someone_waiting(self) -> bool:
        """Another opener is waiting for the database (cheap: one non-blocking lock call)."""
        if self._mine:
            return False
        fd = self._file(create=False)
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False

    def close(self) -> None:
        self.done()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class DashboardMark:
    """A running dashboard's mark on its database: a shared lock on `<db>.dashboard`, held for
    the process's life. The dashboard no longer keeps the database open, so this is how the
    commands that replace the whole file (restore, demo) still see it and refuse."""

    def __init__(self, db: Path):
        self._fd: int | None = None
        try:
            self._fd = os.open(f"{db}.dashboard", os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        except OSError:  # a read-only folder: no mark (and nothing can replace the file)
            self._fd = None


def dashboard_running(db: Path) -> bool:
    """Whether a dashboard process has marked this database (see DashboardMark)."""
    try:
        fd = os.open(f"{db}.dashboard", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also drops the test lock
    return False
