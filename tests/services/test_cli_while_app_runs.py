"""The command line works on the database while the dashboard runs (issue 19, item 2).

The dashboard is a real second process holding the app's Store (services.opening.for_app)
and reading through it in bursts, as page runs do; the commands run here and wait for it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from paicha_geo import cli
from paicha_geo.store import Store
from tests.ledger_helpers import HEADER, csv_bytes, village_path

# A dashboard: the app's Store, a burst of reads every `pause` seconds (a page run), printing
# the issue count whenever the data signature changes; stops at a line on stdin. A page run
# that waited longer than database.app_wait_seconds (a backup on a slow machine) says busy on
# the page, and the next run tries again: so does this loop.
DASHBOARD = """
import sys, threading, time
from pathlib import Path
from paicha_geo.services import opening
from paicha_geo.store import StoreBusyError
from paicha_geo.store import queries as q
store = opening.for_app(Path(sys.argv[1]))
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
seen = None
while not stop.is_set():
    try:
        signature = q.data_signature(store)
        if signature != seen:
            print("issues", q.table_counts(store)["issues"], flush=True)
            seen = signature
        q.campaign(store)
    except StoreBusyError:
        pass
    stop.wait(float(sys.argv[2]))
store.close()
"""

# Holds the file read-write (as a command importing would) until a line on stdin.
HOLD = """
import sys
from paicha_geo.store import Store
store = Store(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "served.duckdb"
    shutil.copy(demo_db, path)
    return path


def _issue_file(db, tmp_path, n=3):
    with Store(db, read_only=True) as store:
        district, town, name, _ = village_path(store)
    rows = [HEADER] + [[i, district, town, name, "3.3.4", f"夜间导入问题{i}", None,
                        "2020-03-01", "2020-05-31", "待整改", "住建局", "自查"]
                       for i in range(1, n + 1)]
    path = tmp_path / "夜间导入.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def _start(script, *args):
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _stop(proc) -> str:
    """Tell the process to stop; what it printed after its first line."""
    if proc.poll() is None:
        proc.stdin.write("\n")
        proc.stdin.flush()
    out, _ = proc.communicate(timeout=120)
    return out


def test_info_dry_run_backup_and_import_work_while_the_dashboard_serves(db, tmp_path, capsys):
    path = _issue_file(db, tmp_path)
    dashboard = _start(DASHBOARD, db, 0.3)
    try:
        first = dashboard.stdout.readline().split()
        assert first[0] == "issues"
        before = int(first[1])
        assert cli.main(["info", "--json", "--db", str(db)]) == 0
        assert json.loads(capsys.readouterr().out)["issues"] == before
        assert cli.main(["import", "issues", str(path), "--db", str(db), "--dry-run"]) == 0
        assert "试运行" in capsys.readouterr().out
        assert cli.main(["backup", str(tmp_path / "nightly"), "--db", str(db)]) == 0
        assert (tmp_path / "nightly" / "manifest.json").exists()
        assert cli.main(["import", "issues", str(path), "--db", str(db)]) == 0
        assert "新增 3" in capsys.readouterr().out
        seen = dashboard.stdout.readline().split()  # the dashboard's next page run sees it
    finally:
        _stop(dashboard)
    assert dashboard.returncode == 0
    assert seen == ["issues", str(before + 3)]


def test_a_command_waits_until_the_other_process_lets_go(db, tmp_path, capsys):
    holder = _start(HOLD, db)
    try:
        assert holder.stdout.readline().strip() == "held"
        command = subprocess.Popen([sys.executable, "-m", "paicha_geo.cli", "info", "--json",
                                    "--db", str(db)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):  # still waiting while it is held
            command.wait(2)
    finally:
        _stop(holder)
    out, err = command.communicate(timeout=120)
    assert command.returncode == 0, err
    assert json.loads(out)["issues"] > 0


def test_a_holder_that_never_lets_go_ends_the_wait_with_a_chinese_message(db, tmp_path,
                                                                          monkeypatch, capsys):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"database": {"cli_wait_seconds": 1}}), encoding="utf-8")
    monkeypatch.setenv("PAICHA_SETTINGS", str(settings))
    path = _issue_file(db, tmp_path)
    holder = _start(HOLD, db)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert cli.main(["info", "--db", str(db)]) == 3
        assert cli.main(["import", "issues", str(path), "--db", str(db)]) == 3
    finally:
        _stop(holder)
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"数据库文件 {db} 正被另一个进程占用（例如正在导入的命令或看板），"
                   "已等待 1 秒仍未释放。请稍后再试；如果一直如此，请检查是否有命令卡住。"] * 2
