#!/usr/bin/env python3
"""Write the sample spreadsheets in data/samples/ from a demo database.

The names in the samples must exist in the database they are imported into, so they are made
from one: by default data/paicha.duckdb (built by `paicha-geo demo`), else a given --db.

    .venv/bin/python tools/make_samples.py [--db PATH] [--out data/samples]

Writes:
  武进区问题清单.xlsx      an office issue list: merged title, 填报 line, 序号, merged
                            district/township cells, mixed date styles, a signature line
  问题清单_GBK.csv          the same rows as a GBK CSV (what Excel on Chinese Windows saves)
  低收入农户.csv            a few households (UTF-8)
  村基本情况.xlsx           village weak-type and incomes, amounts in 万元
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import xlsxwriter  # noqa: E402

from paicha_geo.demo import samples  # noqa: E402
from paicha_geo.domain.id_numbers import id_check_digit  # noqa: E402
from paicha_geo.store import Store  # noqa: E402
from paicha_geo.store import queries as q  # noqa: E402


def _households(regions) -> bytes:
    names = dict(zip(regions["code"], regions["name"], strict=True))
    villages = regions[regions["level"] == "village"]["code"].iloc[:3]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["户编号", "户主姓名", "身份证号", "县(市、区)", "镇(街道)", "村(社区)",
                     "家庭人口", "人均纯收入(元)", "是否脱贫", "住房等级", "住院自付比例",
                     "饮水安全"])
    for i, code in enumerate(villages, start=1):
        first17 = f"32041219800101{i:03d}"
        writer.writerow([f"SAMPLE-{i:04d}", f"样例户{i}", first17 + id_check_digit(first17),
                         names[code[:6] + "000000"], names[code[:9] + "000"], names[code],
                         i + 1, 6500 + 400 * i, "已脱贫" if i % 2 else "未脱贫",
                         "C级" if i == 1 else "B", f"{8 + i}%", "是"])
    return text.getvalue().encode("utf-8-sig")


def _villages(regions) -> bytes:
    names = dict(zip(regions["code"], regions["name"], strict=True))
    villages = regions[(regions["level"] == "village") & regions["name"].str.endswith("村")]
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("村情况")
    ws.write_row(0, 0, ["县(市、区)", "镇(街道)", "村(社区)", "经济薄弱村类型",
                        "集体经营性收入(万元)", "集体可支配收入(万元)", "第一书记在岗"])
    for i, code in enumerate(villages["code"].iloc[:5], start=1):
        ws.write_row(i, 0, [names[code[:6] + "000000"], names[code[:9] + "000"], names[code],
                            "省定" if i % 2 else "市定", 16.5 + i, 30.0 + i, "是"])
    wb.close()
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description="write data/samples/ spreadsheets")
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "paicha.duckdb")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "samples")
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"数据库不存在：{args.db}（先运行 paicha-geo demo）")
    with Store(args.db, read_only=True) as store:
        regions = q.regions(store)
        checklist = q.checklist(store, int(q.campaign(store)["campaign_id"]))
    rows = samples.office_issue_rows(regions, checklist, 80, district="320412")
    args.out.mkdir(parents=True, exist_ok=True)
    files = {
        "武进区问题清单.xlsx": samples.office_workbook(rows, "武进区脱贫攻坚问题排查整改清单",
                                                      "武进区扶贫开发领导小组办公室"),
        "问题清单_GBK.csv": samples.plain_csv(rows, "gbk"),
        "低收入农户.csv": _households(regions),
        "村基本情况.xlsx": _villages(regions),
    }
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
