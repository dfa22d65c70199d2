#!/usr/bin/env python3
"""Import speed: a 50,000-row issue list as .xlsx (office layout) and as CSV.

Not a test: prints rows per second for reading+checking (preview) and for writing (commit),
each on a fresh copy of the demo database so both imports insert every row.

    .venv/bin/python bench/import_bench.py [--rows 50000] [--db data/paicha.duckdb]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paicha_geo.demo import samples  # noqa: E402
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


def _run(source: Path, work: Path, name: str, data: bytes) -> dict:
    db = work / f"{name}.duckdb"
    shutil.copy(source, db)
    with Store(db) as store:
        t0 = time.perf_counter()
        preview = ls.preview_import(store, "issues", name, data, scope=EVERYTHING)
        t1 = time.perf_counter()
        assert preview.ok, [p.describe() for p in preview.problems[:5]]
        result = ls.commit_import(store, preview, scope=EVERYTHING)
        t2 = time.perf_counter()
    rows = result.inserted
    return {"file": name, "rows": rows, "bytes": len(data),
            "preview_s": round(t1 - t0, 2), "commit_s": round(t2 - t1, 2),
            "total_s": round(t2 - t0, 2), "rows_per_s": round(rows / (t2 - t0)),
            "preview_rows_per_s": round(rows / (t1 - t0))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "paicha.duckdb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = _demo(args.db, work)
        with Store(source, read_only=True) as store:
            rows = samples.office_issue_rows(q.regions(store), q.checklist(store, 1), args.rows)
        xlsx = samples.office_workbook(rows, "全市脱贫攻坚问题排查整改清单", "市扶贫办")
        csv = samples.plain_csv(rows, "gbk")
        results = [_run(source, work, "bench.xlsx", xlsx), _run(source, work, "bench.csv", csv)]
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
