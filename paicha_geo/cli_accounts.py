"""The `user` commands: add, list, disable, reset-password (wired into cli.build_parser).

The first administrator of a new installation is created here: `paicha-geo user add NAME
--role admin`. A one-time password is printed once; it must be changed at first sign-in.
Exit codes: 0 done; 1 the rules refused (unknown role or region, name taken...); 3 the
database could not be used (see cli.main).
"""

from __future__ import annotations

import argparse
import sys

from paicha_geo import labels
from paicha_geo.config import db_path, settings


def _run(args, action) -> int:
    from paicha_geo.services.account_service import AccountError
    from paicha_geo.services.opening import for_command

    with for_command(db_path(args.db)) as store:
        try:
            print(action(store, settings().accounts))
        except AccountError as exc:
            print(labels.say(exc), file=sys.stderr)
            return 1
    return 0


def _cmd_add(args) -> int:
    from paicha_geo.services import account_service as acc

    def add(store, rules):
        password = acc.add_account(store, rules, args.name, args.role, args.region,
                                   args.display_name)
        region = labels.USER_REGION_PART.format(region=args.region) if args.region else ""
        return labels.USER_ADDED.format(name=args.name, role=labels.ROLES.get(args.role, args.role),
                                        region=region, password=password)
    return _run(args, add)


def _cmd_list(args) -> int:
    from paicha_geo.services import account_service as acc

    def show(store, rules):
        frame = acc.list_accounts(store)[list(labels.ACCOUNT_LIST_COLUMNS)]
        frame = frame.assign(role=frame["role"].map(lambda r: labels.ROLES.get(r, r)))
        frame = frame.astype(object).where(frame.notna(), "")  # no NaN/NaT on screen
        return frame.rename(columns=labels.ACCOUNT_LIST_COLUMNS).to_string(index=False)
    return _run(args, show)


def _cmd_disable(args) -> int:
    from paicha_geo.services import account_service as acc

    def disable(store, rules):
        acc.disable_account(store, args.name)
        return labels.USER_DISABLED.format(name=args.name)
    return _run(args, disable)


def _cmd_reset(args) -> int:
    from paicha_geo.services import account_service as acc

    def reset(store, rules):
        return labels.USER_PASSWORD_RESET.format(
            name=args.name, password=acc.reset_password(store, rules, args.name))
    return _run(args, reset)


def add_account_commands(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help=labels.CLI_USER_HELP)
    cmds = user.add_subparsers(dest="user_command", required=True)
    add = cmds.add_parser("add", help=labels.CLI_USER_ADD_HELP)
    add.add_argument("name")
    add.add_argument("--role", required=True, help=labels.CLI_USER_ROLE_HELP)
    add.add_argument("--region", help=labels.CLI_USER_REGION_HELP)
    add.add_argument("--display-name", help=labels.CLI_USER_DISPLAY_HELP)
    add.set_defaults(func=_cmd_add)
    for name, helptext, func in (("list", labels.CLI_USER_LIST_HELP, _cmd_list),
                                 ("disable", labels.CLI_USER_DISABLE_HELP, _cmd_disable),
                                 ("reset-password", labels.CLI_USER_RESET_HELP, _cmd_reset)):
        cmd = cmds.add_parser(name, help=helptext)
        if name != "list":
            cmd.add_argument("name")
        cmd.set_defaults(func=func)
    for cmd in (add, *cmds.choices.values()):
        if not any(a.dest == "db" for a in cmd._actions):
            cmd.add_argument("--db")
