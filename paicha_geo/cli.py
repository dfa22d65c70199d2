"""The `paicha-geo` command: build the demo database and report what a database holds."""

from __future__ import annotations

import argparse
import json
import sys

from paicha_geo.cli_ledger import add_ledger_commands
from paicha_geo.config import db_path
from paicha_geo.store import Store, StoreError
from paicha_geo.store.queries import table_counts


def _cmd_demo(args) -> int:
    from paicha_geo.demo.build import build_demo

    path = db_path(args.db)
    print(f"正在生成演示数据库（{args.scale}，seed={args.seed}）：{path}", file=sys.stderr)
    timings = build_demo(path, args.scale, args.seed)
    print(json.dumps({k: round(v, 2) for k, v in timings.items()}))
    return 0


def _cmd_info(args) -> int:
    path = db_path(args.db)
    if not path.exists():
        print(f"数据库文件不存在：{path}（可先运行 paicha-geo demo）", file=sys.stderr)
        return 2
    with Store(path, read_only=True) as store:
        counts = table_counts(store)
        info = {**counts, "schema_version": store.schema_version(),
                "is_demo": store.get_meta("is_demo") == "1", "db": str(path)}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        for key, value in info.items():
            print(f"{key}\t{value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paicha-geo", description="排查地图 命令行工具")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="（重新）生成演示数据库")
    demo.add_argument("--scale", choices=["city", "province"], default="city")
    demo.add_argument("--seed", type=int, default=2020)
    demo.add_argument("--db", help="数据库文件路径（默认 $PAICHA_DB 或 data/paicha.duckdb）")
    demo.set_defaults(func=_cmd_demo)
    info = sub.add_parser("info", help="显示数据库概况")
    info.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    info.add_argument("--db")
    info.set_defaults(func=_cmd_info)
    add_ledger_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
