"""部门数据比对 benchmark (not a test): reading and matching a department's list.

    cp /tmp/prov.duckdb /tmp/dept_prov.duckdb
    .venv/bin/python bench/dept_bench.py --db /tmp/dept_prov.duckdb --rows 5000 50000

On the province-scale demo (500,000 households). A 住建 list is written for real (.xlsx by
openpyxl) from the ledger's own households: 90 % by ID number, 10 % by name + village only,
1 % graded C/D where the ledger says A/B; then previewed as the administrator (the whole
province) and saved. Prints seconds per step and the counts found (leads must equal the
planted mismatches).
"""

from __future__ import annotations

import argparse
import io
import time

import openpyxl

from paicha_geo.config import settings
from paicha_geo.io.imports.dept_rows import read_dept_list
from paicha_geo.services import dept_service, session_service
from paicha_geo.store import Store


def _list(store: Store, rows: int) -> tuple[bytes, int]:
    homes = store.cursor().execute(
        "SELECT h.head_name, h.id_number, t.name, v.name, h.house_grade FROM household h "
        "JOIN region v ON v.code = h.village_code JOIN region t ON t.code = v.parent_code "
        "WHERE h.house_grade IN ('A', 'B') ORDER BY hash(h.household_id) LIMIT ?",
        [rows]).fetchall()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("鉴定名单")
    ws.append(["序号", "姓名", "公民身份号码", "镇", "所在村", "鉴定等级"])
    planted = 0
    for i, (name, number, town, village, grade) in enumerate(homes):
        by_name = i % 10 == 9
        wrong = i % 100 == 0
        planted += wrong
        ws.append([i + 1, name, None if by_name else number, town, village,
                   "C级" if wrong else f"{grade}级"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), planted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/dept_prov.duckdb")
    parser.add_argument("--rows", type=int, nargs="+", default=[5000, 50000])
    args = parser.parse_args()
    with Store(args.db) as store:
        token = session_service.open_trusted(store, "admin", "bench")
        admin = session_service.check(store, settings().accounts, token).viewer
        for rows in args.rows:
            t0 = time.perf_counter()
            data, planted = _list(store, rows)
            t1 = time.perf_counter()
            read_dept_list("dept_housing", "bench.xlsx", data)
            t2 = time.perf_counter()
            shown = dept_service.preview(store, admin, "dept_housing", "bench.xlsx", data)
            t3 = time.perf_counter()
            dept_service.commit(store, admin, shown)
            t4 = time.perf_counter()
            dept_service.leads_table(store, dept_service.leads(store, admin))
            t5 = time.perf_counter()
            print(f"{rows:>6} rows ({len(data) / 1e6:.1f} MB xlsx, written in {t1 - t0:.1f} s): "
                  f"read {t2 - t1:.2f} s, preview (read + match + compare) {t3 - t2:.2f} s, "
                  f"save {t4 - t3:.2f} s, leads table {t5 - t4:.2f} s")
            print(f"        {shown.summary()}; planted {planted}")


if __name__ == "__main__":
    main()
