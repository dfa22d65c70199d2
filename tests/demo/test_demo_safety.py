"""`paicha-geo demo` and the app's first start never destroy a database."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from paicha_geo import cli
from paicha_geo.demo.install import building_path, first_start_allowed
from paicha_geo.store import Store
from paicha_geo.store.backup import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def _copy(demo_db: Path, tmp_path: Path, name: str = "paicha.duckdb") -> Path:
    target = tmp_path / name
    shutil.copy(demo_db, target)
    return target


def _prints(path: Path) -> dict:
    with Store(path, read_only=True) as store:
        return fingerprint(store)


@pytest.fixture
def holder():
    """Another process (as the running dashboard would) holding a database file open."""
    procs = []

    def hold(path: Path) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
             "print('ready', flush=True); time.sleep(120)", str(path)],
            stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        procs.append(proc)
        return proc

    yield hold
    for proc in procs:
        proc.kill()
        proc.wait()


def test_demo_refuses_a_database_another_process_has_open(demo_db, tmp_path, holder, capsys):
    db = _copy(demo_db, tmp_path)
    before = _prints(db)
    proc = holder(db)
    assert cli.main(["demo", "--db", str(db)]) == 3
    assert "正被另一个进程" in capsys.readouterr().err
    proc.kill()
    proc.wait()
    assert _prints(db) == before
    assert not building_path(db).exists()


def _mark_real(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
    con.close()


def test_demo_refuses_real_data_and_force_copies_it_aside_first(demo_db, tmp_path, capsys):
    db = _copy(demo_db, tmp_path)
    _mark_real(db)
    before = _prints(db)
    assert cli.main(["demo", "--db", str(db)]) == 3
    err = capsys.readouterr().err
    assert "非演示数据" in err and "--force" in err
    assert _prints(db) == before and not building_path(db).exists()

    assert cli.main(["demo", "--db", str(db), "--force"]) == 0
    backups = list(tmp_path.glob("paicha.duckdb.before-demo-*"))
    assert len(backups) == 1 and str(backups[0]) in capsys.readouterr().err
    assert _prints(backups[0]) == before  # the real data, intact, beside the new demo
    with Store(db, read_only=True) as store:
        assert store.get_meta("is_demo") == "1"


def test_demo_refuses_a_demo_someone_has_worked_in(demo_db, tmp_path, capsys):
    from paicha_geo.store import queries as q

    db = _copy(demo_db, tmp_path)
    with Store(db) as store:
        code = q.open_issue_codes(store, limit=1)[0]
        cur = store.cursor()
        cur.execute("INSERT INTO issue_history (issue_code, changed_at, from_status, to_status, "
                    "actor, note) VALUES (?, now()::TIMESTAMP, 'pending', 'rectifying', '张三', "
                    "'开始整改')", [code])
    before = _prints(db)
    assert cli.main(["demo", "--db", str(db)]) == 3
    assert "已有改动" in capsys.readouterr().err
    assert _prints(db) == before


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path, capsys):
    db = tmp_path / "paicha.duckdb"
    db.write_bytes(b"not a database, but someone's file")
    assert cli.main(["demo", "--db", str(db)]) == 3
    assert "不是可识别的" in capsys.readouterr().err
    assert db.read_bytes() == b"not a database, but someone's file"


def test_a_build_killed_midway_leaves_the_old_database_as_it_was(demo_db, tmp_path):
    db = _copy(demo_db, tmp_path)
    before = _prints(db)
    proc = subprocess.Popen([sys.executable, "-m", "paicha_geo.cli", "demo", "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not building_path(db).exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # the build has started writing its own file
    assert building_path(db).exists(), "the build never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _prints(db) == before
    assert not first_start_allowed(db, {}, default=db)  # the app would not build over it


@pytest.mark.parametrize(
    ("configured", "exists", "wal", "is_default", "allowed"),
    [
        (False, False, False, True, True),    # a fresh clone: build the demo
        (True, False, False, True, False),    # PAICHA_DB names a file that should be there
        (False, True, False, True, False),    # a database is there
        (False, False, True, True, False),    # only its WAL is left: data was there
        (False, False, False, False, False),  # not the default location
    ],
)
def test_first_start_builds_only_at_an_empty_default_location(tmp_path, configured, exists, wal,
                                                              is_default, allowed):
    default = tmp_path / "paicha.duckdb"
    path = default if is_default else tmp_path / "other.duckdb"
    if exists:
        path.write_bytes(b"x")
    if wal:
        Path(str(path) + ".wal").write_bytes(b"x")
    environ = {"PAICHA_DB": str(path)} if configured else {}
    assert first_start_allowed(path, environ, default=default) is allowed


def test_the_app_says_so_when_the_configured_database_is_missing(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    missing = tmp_path / "gone.duckdb"
    monkeypatch.setenv("PAICHA_DB", str(missing))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert any("找不到数据库文件" in e.value and str(missing) in e.value for e in at.error)
    assert not missing.exists()
