"""`paicha-geo import`: exit 0 when imported, non-zero with the list of problems otherwise."""

from __future__ import annotations

import subprocess
import sys

import openpyxl

from paicha_geo import cli
from paicha_geo.store import Store
from tests.ledger_helpers import HEADER, copy_store, csv_bytes, fingerprint, village_path


def _setup(demo_db, tmp_path):
    store = copy_store(demo_db, tmp_path)
    p = village_path(store)
    store.close()
    return tmp_path / "ledger.duckdb", p


def _rows(p, village=None, n=3):
    district, town, name, _ = p
    return [HEADER] + [[i, district, town, village or name, "3.3.4", f"问题{i}", None,
                        "2020-03-01", "2020-05-31", "待整改", "住建局", "自查"]
                       for i in range(1, n + 1)]


def _state(db):
    with Store(db, read_only=True) as s:
        return fingerprint(s)


def test_import_exit_zero_and_dry_run_writes_nothing(demo_db, tmp_path, capsys):
    db, p = _setup(demo_db, tmp_path)
    path = tmp_path / "清单.csv"
    path.write_bytes(csv_bytes(_rows(p), "gbk"))
    before = _state(db)
    assert cli.main(["import", "issues", str(path), "--db", str(db), "--dry-run"]) == 0
    assert "试运行" in capsys.readouterr().out
    assert _state(db) == before
    assert cli.main(["import", "issues", str(path), "--db", str(db)]) == 0
    assert "新增 3" in capsys.readouterr().out
    after = _state(db)
    assert after["issue"][0] == before["issue"][0] + 3
    assert cli.main(["import", "issues", str(path), "--db", str(db)]) == 0
    assert _state(db) == after  # importing the same file again changes nothing


def test_import_with_problems_exits_non_zero_and_lists_them(demo_db, tmp_path, capsys):
    db, p = _setup(demo_db, tmp_path)
    rows = _rows(p)
    rows[2][3] = "乌有村"
    rows[3][8] = "明年"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows))
    before = _state(db)
    assert cli.main(["import", "issues", str(path), "--db", str(db),
                     "--rejected-out", str(tmp_path / "rejected.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "bad.csv 第3行 “村”列：找不到村(社区)“乌有村”" in err
    assert "bad.csv 第4行 “整改时限”列：无法识别的日期“明年”" in err
    assert _state(db) == before
    wb = openpyxl.load_workbook(tmp_path / "rejected.xlsx")
    assert wb.active.max_row == 3  # header + two rejected rows
    assert cli.main(["import", "issues", str(path), "--db", str(db), "--only-valid"]) == 0
    assert _state(db)["issue"][0] == before["issue"][0] + 1


def test_missing_file_and_missing_database(demo_db, tmp_path, capsys):
    db, _ = _setup(demo_db, tmp_path)
    assert cli.main(["import", "issues", str(tmp_path / "nope.xlsx"), "--db", str(db)]) == 2
    assert "文件不存在" in capsys.readouterr().err
    (tmp_path / "a.csv").write_text("x")
    assert cli.main(["import", "issues", str(tmp_path / "a.csv"), "--db",
                     str(tmp_path / "none.duckdb")]) == 2


def test_the_installed_command_runs(demo_db, tmp_path):
    db, p = _setup(demo_db, tmp_path)
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(_rows(p, n=1)))
    done = subprocess.run([sys.executable, "-m", "paicha_geo.cli", "import", "issues", str(path),
                           "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "新增 1" in done.stdout
