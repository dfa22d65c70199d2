"""The `paicha-geo` command: build the demo database and report what a database holds."""

from __future__ import annotations

import argparse
import json
import sys

from paicha_geo import labels
from paicha_geo.cli_accounts import add_account_commands
from paicha_geo.cli_ledger import add_ledger_commands
from paicha_geo.config import db_path
from paicha_geo.services.opening import for_command
from paicha_geo.store import StoreError
from paicha_geo.store.queries import table_counts
from paicha_geo.store.server import is_server, shown


def _cmd_demo(args) -> int:
    from paicha_geo.demo.install import first_start_allowed, install_demo

    path = db_path(args.db)
    if is_server(path) and args.first_start:  # a first start is a file's (scripts/run.sh)
        print(labels.DEMO_FIRST_START_SKIPPED.format(path=shown(path)), file=sys.stderr)
        return 0
    if is_server(path):  # built as a file, then copied into the (empty) server database
        from paicha_geo.demo.install import install_demo_on_server

        print(labels.CLI_BUILDING_DEMO.format(scale=args.scale, seed=args.seed,
                                              path=shown(path)), file=sys.stderr)
        result = install_demo_on_server(path, args.scale, args.seed)
        print(json.dumps({k: round(v, 2) if isinstance(v, float) else v
                          for k, v in result.items()}, ensure_ascii=False))
        return 0
    if args.first_start and not first_start_allowed(path):
        if not path.exists():
            print(labels.DEMO_FIRST_START_SKIPPED.format(path=path), file=sys.stderr)
        return 0
    print(labels.CLI_BUILDING_DEMO.format(scale=args.scale, seed=args.seed, path=path),
          file=sys.stderr)
    result = install_demo(path, args.scale, args.seed, force=args.force)
    if result["backup"]:
        print(labels.DEMO_BACKUP_MADE.format(path=result["backup"]), file=sys.stderr)
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()},
                     ensure_ascii=False))
    return 0


def _cmd_info(args) -> int:
    path = db_path(args.db)
    if not path.exists():
        print(labels.CLI_DB_MISSING.format(path=path), file=sys.stderr)
        return 2
    with for_command(path, read_only=True) as store:
        counts = table_counts(store)
        info = {**counts, "schema_version": store.schema_version(),
                "is_demo": store.get_meta("is_demo") == "1",
                "db": shown(path)}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        for key, value in info.items():
            print(f"{key}\t{value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    helps = labels.CLI_HELP
    parser = argparse.ArgumentParser(prog="paicha-geo", description=helps["program"])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help=helps["demo"])
    demo.add_argument("--scale", choices=["city", "province"], default="city")
    demo.add_argument("--seed", type=int, default=2020)
    demo.add_argument("--db", help=helps["db"])
    demo.add_argument("--force", action="store_true", help=helps["force"])
    demo.add_argument("--first-start", action="store_true", help=helps["first_start"])
    demo.set_defaults(func=_cmd_demo)
    info = sub.add_parser("info", help=helps["info"])
    info.add_argument("--json", action="store_true", help=helps["json"])
    info.add_argument("--db")
    info.set_defaults(func=_cmd_info)
    add_ledger_commands(sub)
    add_account_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(labels.say(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
