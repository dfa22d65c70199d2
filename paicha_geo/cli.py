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
    from paicha_geo import labels
    from paicha_geo.demo.install import first_start_allowed, install_demo

    path = db_path(args.db)
    if args.first_start and not first_start_allowed(path):
        if not path.exists():
            print(labels.DEMO_FIRST_START_SKIPPED.format(path=path), file=sys.stderr)
        return 0
    print(f"正在生成演示数据库（{args.scale}，seed={args.seed}）：{path}", file=sys.stderr)
    result = install_demo(path, args.scale, args.seed, force=args.force)
    if result["backup"]:
        print(labels.DEMO_BACKUP_MADE.format(path=result["backup"]), file=sys.stderr)
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()},
                     ensure_ascii=False))
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
    demo.add_argument("--force", action="store_true",
                      help="替换非演示数据或已改动的演示库（先把原文件另存一份）")
    demo.add_argument("--first-start", action="store_true",
                      help="仅在首次启动的默认位置且无数据库时生成（scripts/run.sh 使用）")
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
