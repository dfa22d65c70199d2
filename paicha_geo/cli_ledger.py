"""The ledger's commands: `import`, `backup`, `restore` (wired into cli.build_parser).

Exit codes: 0 done (or a clean dry run); 1 the file has problems, listed on stderr with file,
row, column and reason, and nothing was written; 2 the file or folder does not exist;
3 the database could not be used (held by another process for longer than
database.cli_wait_seconds, a conflict: see cli.main).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from paicha_geo import labels
from paicha_geo.config import db_path
from paicha_geo.store.server import is_server, shown


def _print_problems(problems, limit: int = 200) -> None:
    for p in problems[:limit]:
        print(p.describe(), file=sys.stderr)
    if len(problems) > limit:
        print(labels.CLI_MORE_PROBLEMS.format(count=len(problems)), file=sys.stderr)


def _cmd_import(args) -> int:
    from paicha_geo.services import ledger_service as ls
    from paicha_geo.services.data import EVERYTHING
    from paicha_geo.services.opening import for_command

    path = Path(args.file)
    if not path.is_file():
        print(labels.CLI_FILE_MISSING.format(path=path), file=sys.stderr)
        return 2
    if reason := ls.file_size_problem(path.name, path.stat().st_size):  # before reading it
        print(labels.PROBLEM_AT_FILE.format(file=path.name, sheet="", reason=reason),
              file=sys.stderr)
        return 1
    data = path.read_bytes()
    if not db_path(args.db).exists():
        print(labels.CLI_DB_MISSING.format(path=db_path(args.db)), file=sys.stderr)
        return 2
    with for_command(db_path(args.db)) as store:
        if args.kind == "boundaries":
            preview = ls.preview_boundaries(store, path.name, data, source_crs=args.crs,
                                            level=args.level)
            for notice in preview.notices:
                print(notice, file=sys.stderr)
            _print_problems(preview.problems)
            matched = 0 if preview.frame is None else len(preview.frame)
            print(labels.GEO_SUMMARY.format(features=preview.features, matched=matched,
                                            problems=len(preview.problems)))
            if not preview.ok:
                return 1
            if args.dry_run:
                print(labels.CLI_DRY_RUN)
                return 0
            print(labels.GEO_DONE.format(count=ls.commit_boundaries(store, preview)))
            return 0
        options = ls.ImportOptions(
            default_found_date=dt.date.fromisoformat(args.found_date) if args.found_date
            else None,
            default_item=args.item, actor=args.actor or labels.IMPORT_ACTOR)
        # The command line is the server's operator: every region is theirs.
        preview = ls.preview_import(store, args.kind, path.name, data, options,
                                    scope=EVERYTHING)
        for notice in preview.notices:
            print(notice, file=sys.stderr)
        _print_problems(preview.problems)
        print(preview.summary())
        if preview.problems and args.rejected_out and preview.validated.rejected_rows:
            Path(args.rejected_out).write_bytes(preview.rejected_xlsx())
            print(labels.CLI_REJECTED_SAVED.format(path=args.rejected_out), file=sys.stderr)
        if preview.file_problems or (preview.problems and not args.only_valid):
            print(labels.IMPORT_REJECTED.format(count=len(preview.problems)), file=sys.stderr)
            return 1
        if args.kind == "issues" and preview.suggested:
            print(preview.suggestions_frame().drop(columns="key").rename(
                columns=labels.SUGGESTION_COLUMNS).to_string(index=False), file=sys.stderr)
            if not args.accept_suggested_items and not args.dry_run:
                print(labels.CLI_ITEMS_UNCONFIRMED.format(rows=preview.suggested),
                      file=sys.stderr)
                return 1
        if args.dry_run:
            print(labels.CLI_DRY_RUN)
            return 0
        result = ls.commit_import(store, preview, scope=EVERYTHING,
                                  only_valid=args.only_valid,
                                  items_confirmed=args.accept_suggested_items)
        print(result.message())
        return 0


def _cmd_backup(args) -> int:
    from paicha_geo.services.opening import for_command
    from paicha_geo.store.backup import backup

    path = db_path(args.db)
    if not path.exists():
        print(labels.CLI_FILE_MISSING.format(path=path), file=sys.stderr)
        return 2
    with for_command(path, read_only=True) as store:
        manifest = backup(store, args.dir)
    print(labels.BACKUP_DONE.format(path=args.dir, tables=len(manifest["counts"]),
                                    rows=sum(manifest["counts"].values())))
    dump = manifest["pg_dump"]
    if dump is not None:  # a PostgreSQL database
        print(labels.BACKUP_PG_DUMP.format(file=dump["file"]) if dump["made"]
              else labels.BACKUP_NO_PG_DUMP.format(reason=dump["reason"]))
    return 0


def _cmd_restore(args) -> int:
    from paicha_geo.store.backup import restore

    if not Path(args.dir).is_dir():
        print(labels.CLI_FILE_MISSING.format(path=args.dir), file=sys.stderr)
        return 2
    path = db_path(args.db)
    if is_server(path):
        from paicha_geo.store.transfer import restore_to_server

        result = restore_to_server(path, args.dir)
        path = shown(path)
    else:
        result = restore(path, args.dir)
    if result["previous"]:
        print(labels.RESTORE_DONE.format(path=args.dir, rows=result["rows"],
                                         previous=result["previous"]))
    else:
        print(labels.RESTORE_DONE_NEW.format(path=args.dir, db=path, rows=result["rows"]))
    return 0


def _cmd_migrate(args) -> int:
    from paicha_geo.store.transfer import copy_database

    source, target = db_path(args.source), db_path(args.target)
    if not source.exists():
        print(labels.CLI_DB_MISSING.format(path=source), file=sys.stderr)
        return 2
    copied = copy_database(source, target)
    print(labels.MIGRATE_DONE.format(target=shown(target),
                                     tables=len(copied),
                                     rows=sum(t["rows"] for t in copied.values())))
    for table, facts in copied.items():
        print(f"{table}\t{facts['rows']}\t{facts['md5']}")
    return 0


def add_ledger_commands(sub: argparse._SubParsersAction) -> None:
    helps = labels.CLI_HELP
    imp = sub.add_parser("import", help=helps["import"])
    imp.add_argument("kind", choices=["issues", "households", "villages", "boundaries"])
    imp.add_argument("file", help=helps["file"])
    imp.add_argument("--db")
    imp.add_argument("--dry-run", action="store_true", help=helps["dry_run"])
    imp.add_argument("--only-valid", action="store_true", help=helps["only_valid"])
    imp.add_argument("--rejected-out", help=helps["rejected_out"])
    imp.add_argument("--actor", help=helps["actor"])
    imp.add_argument("--found-date", help=helps["found_date"])
    imp.add_argument("--item", help=helps["item"])
    imp.add_argument("--accept-suggested-items", action="store_true",
                     help=helps["accept_suggested_items"])
    imp.add_argument("--crs", help=helps["crs"])
    imp.add_argument("--level", choices=["district", "town", "village"], help=helps["level"])
    imp.set_defaults(func=_cmd_import)
    bak = sub.add_parser("backup", help=helps["backup"])
    bak.add_argument("dir")
    bak.add_argument("--db")
    bak.set_defaults(func=_cmd_backup)
    res = sub.add_parser("restore", help=helps["restore"])
    res.add_argument("dir")
    res.add_argument("--db")
    res.set_defaults(func=_cmd_restore)
    mig = sub.add_parser("migrate", help=helps["migrate"])
    mig.add_argument("--from", dest="source", required=True, help=helps["migrate_from"])
    mig.add_argument("--to", dest="target", required=True, help=helps["migrate_to"])
    mig.set_defaults(func=_cmd_migrate)
