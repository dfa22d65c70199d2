"""One DuckDB file, two processes: the dashboard's Store lets go of the file when idle, every
opener waits a bounded time for the other, and a wait that runs out says so in Chinese.

The other process is real (a subprocess): DuckDB's lock is between processes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from paicha_geo import labels
from paicha_geo.store import Store, StoreBusyError
from paicha_geo.store import ledger as lg
from paicha_geo.store import queries as q
from paicha_geo.store.db import connect

# Holds the file read-write until a line arrives on stdin (or for argv[2] seconds).
HOLD = """
import duckdb, sys, threading
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
if len(sys.argv) > 2:
    threading.Timer(float(sys.argv[2]), lambda: (con.close(), print("let go", flush=True))).start()
sys.stdin.readline()
"""

OPENS = """
import duckdb, sys
try:
    duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro").close()
    print("opened")
except duckdb.IOException as exc:
    print("refused" if "lock" in str(exc).lower() else exc)
"""


@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "shared.duckdb"
    shutil.copy(demo_db, path)
    return path


def _other_process_opens(path, mode="rw") -> str:
    return subprocess.run([sys.executable, "-c", OPENS, str(path), mode], capture_output=True,
                          text=True, timeout=60).stdout.strip()


class _Holder:
    """Another process holding the file read-write until `release()` (or `seconds`)."""

    def __init__(self, path, seconds: float | None = None):
        args = [sys.executable, "-c", HOLD, str(path)] + ([str(seconds)] if seconds else [])
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def release(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
        self.proc.wait(60)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()


def _app_store(path, wait=0.5):
    return Store(path, wait=wait, hold=False, linger=0)


def test_while_one_process_has_the_file_read_write_another_cannot_even_read_it(db):
    """The DuckDB fact the design rests on (checked on the installed version): so the
    dashboard must close the file between uses for a command to get in."""
    with _Holder(db):
        assert _other_process_opens(db, "ro") == "refused"
        assert _other_process_opens(db, "rw") == "refused"
    assert _other_process_opens(db, "ro") == "opened"


def test_the_dashboards_store_lets_go_of_the_file_between_uses(db):
    held = Store(db)  # a command's hold=True store keeps it
    assert _other_process_opens(db, "ro") == "refused"
    held.close()
    app = _app_store(db)
    assert q.table_counts(app)["issues"] > 0
    assert not app.is_open()
    assert _other_process_opens(db, "ro") == "opened"
    assert _other_process_opens(db, "rw") == "opened"
    app.close()


def test_one_page_runs_reads_share_one_opening_and_the_file_is_let_go_after_the_linger(db):
    app = Store(db, wait=0.5, hold=False, linger=30)
    q.table_counts(app)
    assert app.is_open()  # within the linger: the next read needs no new opening
    assert _other_process_opens(db, "ro") == "refused"
    app._last_use -= 60  # the linger is over: what its timer then does
    app._linger_over()
    assert not app.is_open()
    assert _other_process_opens(db, "ro") == "opened"
    app.close()


def test_an_opener_waits_for_the_other_process_to_let_go(db):
    with _Holder(db, seconds=1.5):
        app = _app_store(db, wait=60)
        assert q.table_counts(app)["issues"] > 0  # waited for the holder's release
        app.close()


def test_a_holder_that_never_lets_go_gets_a_chinese_message_naming_the_file(db):
    app = _app_store(db, wait=0.3)
    with _Holder(db):
        with pytest.raises(StoreBusyError) as err:
            q.table_counts(app)
    said = labels.say(err.value)
    assert str(db) in said and "占用" in said and "0.3 秒" in said
    assert err.value.path == db
    assert "lock" in str(err.value.__cause__)  # DuckDB's words (naming the holder) for the log


def test_a_write_that_waits_too_long_is_refused_whole_and_can_be_done_afterwards(db):
    app = _app_store(db)
    issue = q.issues(app, q.campaign(app)["campaign_id"]).query("status == 'pending'").iloc[0]
    code, version = issue["issue_code"], int(issue["version"])
    history = len(lg.issue_history(app, code))
    with _Holder(db), pytest.raises(StoreBusyError):
        lg.change_status(app, code, "rectifying", actor="t", note="n", say=labels.say,
                         expected_version=version)
    assert lg.get_issue(app, code)["status"] == "pending"  # nothing half-written
    assert len(lg.issue_history(app, code)) == history
    lg.change_status(app, code, "rectifying", actor="t", note="n", say=labels.say,
                     expected_version=version)
    assert lg.get_issue(app, code)["version"] == version + 1
    with pytest.raises(lg.ConflictError):  # the optimistic check still refuses a stale change
        lg.change_status(app, code, "rectified", actor="t", note="n", say=labels.say,
                         expected_version=version)
    app.close()


def test_the_signature_follows_another_processes_writes_without_opening_the_file(db):
    app = _app_store(db)
    first = q.data_signature(app)
    with _Holder(db):  # an opening would wait and fail: the unchanged file needs none
        assert q.data_signature(app) == first
    other = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
con.execute("UPDATE issue SET version = version + 1 WHERE issue_code = "
            "(SELECT min(issue_code) FROM issue)")
con.close()
"""
    subprocess.run([sys.executable, "-c", other, str(db)], check=True, timeout=60)
    assert q.data_signature(app) != first
    app.close()


def test_the_dashboards_own_write_changes_the_signature_once(db):
    """Its commit changes the WAL, closing folds the WAL into the file: the file changes twice,
    the signature once (so the snapshot is not loaded again for nothing)."""
    app = Store(db, wait=0.5, hold=False, linger=30)
    before = q.data_signature(app)
    issue = q.issues(app, q.campaign(app)["campaign_id"]).query("status == 'pending'").iloc[0]
    lg.change_status(app, issue["issue_code"], "rectifying", actor="t", note="n", say=labels.say,
                     expected_version=int(issue["version"]))
    after_write = q.data_signature(app)
    app._last_use -= 60  # the linger ends: DuckDB folds the WAL into the file on closing
    app._linger_over()
    assert not app.is_open()
    assert after_write != before
    assert q.data_signature(app) == after_write
    app.close()


WAITS = """
import sys
from paicha_geo.store import Store
with Store(sys.argv[1], read_only=True, wait=60, hold=False) as store:
    print("opened", store.get_meta("is_demo"), flush=True)
"""


def test_a_waiting_process_gets_its_turn_from_a_store_that_is_always_reading(db):
    """DuckDB's lock has no queue: a waiter says it waits (the .queue file's lock), and the
    dashboard's next read lets go of the file first instead of keeping it."""
    app = Store(db, wait=60, hold=False, linger=3600)  # would keep the file for an hour
    q.campaign(app)
    waiter = subprocess.Popen([sys.executable, "-c", WAITS, str(db)], stdout=subprocess.PIPE,
                              text=True)
    while not app._queue.someone_waiting():  # the waiter has tried, and said so
        assert waiter.poll() is None
    assert app.is_open()
    assert q.campaign(app)["campaign_id"]  # the next read lets the waiter in first
    assert waiter.communicate(timeout=60)[0].strip() == "opened 1"
    assert q.campaign(app)["campaign_id"]
    app.close()


DASHBOARD_MARK = """
import sys
from pathlib import Path
from paicha_geo.services import opening
from paicha_geo.store import queries as q
store = opening.for_app(Path(sys.argv[1]))
q.campaign(store)
print("serving", flush=True)
sys.stdin.readline()
"""


def test_restore_and_demo_refuse_a_file_a_running_dashboard_uses(db, tmp_path, capsys):
    """The dashboard no longer keeps the file open, so its lock cannot tell; its mark can."""
    from paicha_geo import cli
    from paicha_geo.store.backup import backup, restore

    with Store(db, read_only=True) as store:
        backup(store, tmp_path / "bk")
    dashboard = subprocess.Popen([sys.executable, "-c", DASHBOARD_MARK, str(db)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert dashboard.stdout.readline().strip() == "serving"
        connect(db, wait=60).close()  # once idle, the file itself is free: the lock can't tell
        assert cli.main(["restore", str(tmp_path / "bk"), "--db", str(db)]) == 3
        assert cli.main(["demo", "--db", str(db), "--force"]) == 3
        said = capsys.readouterr().err
        assert said.count(f"数据库文件 {db} 正由运行中的看板使用") == 2
    finally:
        dashboard.communicate("\n", timeout=60)
    assert restore(db, tmp_path / "bk")["previous"]  # once it has stopped


def test_no_code_takes_a_bare_cursor_from_a_store():
    """`store.cursor()` fails on the dashboard's store outside a reading (the file may be
    closed); reads use `with store.reading() as cur:` (or cursor_of). A branch merged with an
    old-style read fails here, not in the running dashboard."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "paicha_geo"
    bare = [f"{path.relative_to(package)}:{node.lineno}"
            for path in package.rglob("*.py") if path.name not in ("db.py", "server.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "cursor" and not node.args]
    assert bare == []
