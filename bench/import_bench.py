#!/usr/bin/env python3
"""Import speed: read / validate / preview / commit for 50,000 rows, .xlsx and CSV.

Not a test: prints seconds per step for the ledger's issue import (an office-layout .xlsx
with merged title and district runs, and the same rows as GBK CSV) and for the 部门数据比对
import (a 住建 list written by openpyxl, and the same list as CSV), each on a fresh copy of
its database so every import inserts every row.

    .venv/bin/python bench/import_bench.py [--rows 50000] [--db city.duckdb]
        [--dept-db prov.duckdb]   # the dept list needs as many households (province demo)

Columns: read = the file's bytes to rows (reader.read_file alone); validate = the rows
checked cell by cell (the issue import's pass up to its cross-row checks; for a department
list, read_dept_list minus read); preview = the whole preview as the page runs it (read,
validate, cross-row checks, plan or match); commit = writing it in one transaction; all wall
seconds, and (cpu) the process's CPU seconds for preview+commit, steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paicha_geo.config import settings  # noqa: E402
from paicha_geo.demo import samples  # noqa: E402
from paicha_geo.io.imports.dept_rows import read_dept_list  # noqa: E402
from paicha_geo.io.imports.reader import read_file  # noqa: E402
from paicha_geo.services import dept_service, session_service  # noqa: E402
from paicha_geo.services import ledger_service as ls  # noqa: E402
from paicha_geo.services.data import EVERYTHING  # noqa: E402
from paicha_geo.store import Store  # noqa: E402
from paicha_geo.store import queries as q  # noqa: E402


def _demo(db: Path | None, work: Path) -> Path:
    if db and db.exists():
        return db
    from paicha_geo.demo.build import build_demo

    path = work / "demo.duckdb"
    print("building the demo database ...", file=sys.stderr)
    build_demo(path, "city", 2020)
    return path


def _ledger(source: Path, work: Path, name: str, data: bytes) -> dict:
    db = work / f"{name}.duckdb"
    shutil.copy(source, db)
    t = time.perf_counter()
    read_file(name, data)
    read_s = time.perf_counter() - t
    marks: dict[str, float] = {}

    def progress(done: int, total: int) -> None:
        # The service reports reading as the first half and checking as the second.
        if 2 * done > total and "read" not in marks:
            marks["read"] = last[0]
        if done >= total and "read" in marks and "validate" not in marks:
            marks["validate"] = time.perf_counter()
        last[0] = time.perf_counter()

    last = [0.0]
    with Store(db) as store:
        c0 = time.process_time()
        t0 = time.perf_counter()
        last[0] = t0
        preview = ls.preview_import(store, "issues", name, data, scope=EVERYTHING,
                                    on_progress=progress)
        t1 = time.perf_counter()
        assert preview.ok, [p.describe() for p in preview.problems[:5]]
        result = ls.commit_import(store, preview, scope=EVERYTHING, items_confirmed=True)
        t2 = time.perf_counter()
        cpu = time.process_time() - c0
    validate_s = marks.get("validate", t1) - marks.get("read", t0)
    return {"import": "ledger issues", "file": name, "rows": result.inserted,
            "read": read_s, "validate": validate_s, "preview": t1 - t0, "commit": t2 - t1,
            "cpu": cpu}


def _dept_rows(store: Store, rows: int) -> list[list]:
    homes = store.cursor().execute(
        "SELECT h.head_name, h.id_number, t.name, v.name, h.house_grade FROM household h "
        "JOIN region v ON v.code = h.village_code JOIN region t ON t.code = v.parent_code "
        "WHERE h.house_grade IN ('A', 'B') ORDER BY hash(h.household_id) LIMIT ?",
        [rows]).fetchall()
    out = [["序号", "姓名", "公民身份号码", "镇", "所在村", "鉴定等级"]]
    for i, (name, number, town, village, grade) in enumerate(homes):
        out.append([i + 1, name, None if i % 10 == 9 else number, town, village,
                    "C级" if i % 100 == 0 else f"{grade}级"])
    return out


def _dept_files(rows: list[list]) -> dict[str, bytes]:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("鉴定名单")
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return {"dept.xlsx": buf.getvalue(), "dept.csv": text.getvalue().encode("utf-8-sig")}


def _dept(source: Path, work: Path, name: str, data: bytes) -> dict:
    db = work / f"{name}.duckdb"
    shutil.copy(source, db)
    t = time.perf_counter()
    read_file(name, data)
    t1 = time.perf_counter()
    validated = read_dept_list("dept_housing", name, data)
    t2 = time.perf_counter()
    with Store(db) as store:
        token = session_service.open_trusted(store, "admin", "bench")
        admin = session_service.check(store, settings().accounts, token).viewer
        c3 = time.process_time()
        t3 = time.perf_counter()
        shown = dept_service.preview(store, admin, "dept_housing", name, data)
        t4 = time.perf_counter()
        assert shown.ok, shown.problems[:5]
        dept_service.commit(store, admin, shown)
        t5 = time.perf_counter()
        cpu = time.process_time() - c3
    return {"import": "dept housing", "file": name, "rows": len(validated.rows),
            "read": t1 - t, "validate": (t2 - t1) - (t1 - t), "preview": t4 - t3,
            "commit": t5 - t4, "cpu": cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "paicha.duckdb")
    parser.add_argument("--dept-db", type=Path, default=None,
                        help="a database with at least --rows households (skip when absent)")
    parser.add_argument("--only", choices=("ledger", "dept"), default=None)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = _demo(args.db, work)
        with Store(source, read_only=True) as store:
            rows = samples.office_issue_rows(q.regions(store), q.checklist(store, 1), args.rows)
        if args.only != "dept":
            results.append(_ledger(source, work, "bench.xlsx", samples.office_workbook(
                rows, "全市脱贫攻坚问题排查整改清单", "市扶贫办")))
            results.append(_ledger(source, work, "bench.csv", samples.plain_csv(rows, "gbk")))
        if args.dept_db and args.dept_db.exists() and args.only != "ledger":
            with Store(args.dept_db, read_only=True) as store:
                files = _dept_files(_dept_rows(store, args.rows))
            for name, data in files.items():
                results.append(_dept(args.dept_db, work, name, data))
    print(f"{'import':<14} {'file':<11} {'rows':>6} {'read':>6} {'validate':>8} "
          f"{'preview':>7} {'commit':>6} {'preview+commit':>14} {'(cpu)':>6}")
    for r in results:
        print(f"{r['import']:<14} {r['file']:<11} {r['rows']:>6} {r['read']:>6.2f} "
              f"{r['validate']:>8.2f} {r['preview']:>7.2f} {r['commit']:>6.2f} "
              f"{r['preview'] + r['commit']:>14.2f} {r['cpu']:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
