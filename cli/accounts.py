"""Accounts and the organisation: `users`, `teams`, `employees assign`, `cases
assign-physician`, `tokens` and `login`. Every command acts as the account whose token is in
$REINTEGRATION_TOKEN, except adding the first admin to a store without accounts, and `login`,
which proves a password and prints a token."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from cli.store_options import now, open_store, signed_in, store_options
from domain.errors import BadInputError, escaped, quoted, shown

SIGN_IN_HOURS = 12  # a `login` token lasts a working day unless asked otherwise


def add_to(commands: Any) -> None:
    shared = store_options()
    _add_users(commands, shared)
    _add_organisation(commands, shared)
    _add_tokens(commands, shared)


def _add_users(commands: Any, shared: argparse.ArgumentParser) -> None:
    from domain.roles import Role  # noqa: PLC0415 (`cases`, built here too, does without)

    users = commands.add_parser("users", help="accounts: add, list, disable, reset a password")
    each = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = each.add_parser("add", parents=[shared], help="add an account")
    add.add_argument("login", help="the sign-in name (a-z, 0-9, '.', '_', '-')")
    add.add_argument("--name", required=True, help="the name people see")
    add.add_argument("--role", required=True, choices=list(Role))
    add.add_argument("--employee", metavar="KEY", help="an employee account's employee key")
    _password_options(add, "generated and printed once")
    add.add_argument(
        "--no-password", action="store_true", help="no password: the account uses tokens only"
    )
    add.set_defaults(run=run_add_user)
    listing = each.add_parser("list", parents=[shared], help="every account")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=run_list_users)
    for verb, disabled in (("disable", True), ("enable", False)):
        switch = each.add_parser(verb, parents=[shared], help=f"{verb} an account's sign-in")
        switch.add_argument("login")
        switch.set_defaults(run=run_switch_user, disabled=disabled)
    reset = each.add_parser("reset-password", parents=[shared], help="set a new password")
    reset.add_argument("login")
    _password_options(reset, "generated and printed once")
    reset.set_defaults(run=run_reset_password)


def _add_organisation(commands: Any, shared: argparse.ArgumentParser) -> None:
    teams = commands.add_parser("teams", help="teams: add, list")
    each = teams.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = each.add_parser("add", parents=[shared], help="add a team")
    add.add_argument("name")
    add.set_defaults(run=run_add_team)
    each.add_parser("list", parents=[shared], help="every team").set_defaults(run=run_teams)

    employees = commands.add_parser("employees", help="employees: their team and manager")
    each = employees.add_subparsers(dest="action", required=True, metavar="ACTION")
    assign = each.add_parser("assign", parents=[shared], help="set a team and a manager")
    assign.add_argument("employee", help="the employee's key")
    assign.add_argument("--team")
    assign.add_argument("--manager", metavar="LOGIN", help="a manager's login")
    assign.add_argument("--name", help="the employee's name, when they are new to the store")
    assign.set_defaults(run=run_assign_employee)


def _add_tokens(commands: Any, shared: argparse.ArgumentParser) -> None:
    tokens = commands.add_parser("tokens", help="bearer tokens: create, list, revoke")
    each = tokens.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = each.add_parser("create", parents=[shared], help="a token, printed once")
    create.add_argument("login")
    create.add_argument("--expires", type=_days, metavar="DAYS", help="days it is valid")
    create.add_argument("--label", default="", help="what it is for, e.g. the integration")
    create.set_defaults(run=run_create_token)
    listing = each.add_parser("list", parents=[shared], help="tokens (never their secret)")
    listing.add_argument("login", nargs="?", help="one account's (an admin sees all)")
    listing.set_defaults(run=run_list_tokens)
    revoke = each.add_parser("revoke", parents=[shared], help="revoke a token by its number")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(run=run_revoke_token)

    login = commands.add_parser(
        "login", parents=[shared], help="prove a password; prints a token for this account"
    )
    login.add_argument("login")
    login.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    login.add_argument(
        "--hours", type=int, default=SIGN_IN_HOURS, help=f"valid for (default {SIGN_IN_HOURS})"
    )
    login.set_defaults(run=run_login)


def add_case_commands(cases: argparse.ArgumentParser) -> None:
    """`cases assign-physician CASE LOGIN` (plain `cases` lists the open cases)."""
    each = cases.add_subparsers(dest="action", required=False, metavar="ACTION")
    assign = each.add_parser(
        "assign-physician",
        parents=[store_options()],
        help="give a physician a case: they see it, others do not",
    )
    assign.add_argument("case")
    assign.add_argument("login", help="the physician's login")
    assign.set_defaults(run=run_assign_physician)
    unassign = each.add_parser(
        "unassign-physician",
        parents=[store_options()],
        help="take a case from a physician (another took over): they no longer see it",
    )
    unassign.add_argument("case")
    unassign.add_argument("login", help="the physician's login")
    unassign.set_defaults(run=run_unassign_physician)


def _password_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true", help=f"read the password from stdin ({default})"
    )


def _days(text: str) -> dt.timedelta:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError("a token lasts at least one day")
    return dt.timedelta(days=days)


def _new_password(args: argparse.Namespace) -> tuple[str, bool]:
    """The password from stdin, or a generated one (and whether it was generated)."""
    from service.accounts import check_password, new_password  # noqa: PLC0415

    if args.password_stdin:
        return check_password(sys.stdin.readline().rstrip("\n")), False
    return new_password(), True


def run_add_user(args: argparse.Namespace) -> int:
    from domain.roles import Role  # noqa: PLC0415
    from service.accounts import add_account, hash_password  # noqa: PLC0415
    from service.ports import NewAccount  # noqa: PLC0415

    if args.no_password and args.password_stdin:
        raise BadInputError("choose --password-stdin or --no-password, not both")
    password, generated = (None, False) if args.no_password else _new_password(args)
    with open_store(args) as store:
        actor = signed_in(store) if store.directory.has_accounts() else None
        account = NewAccount(
            login=args.login,
            display_name=args.name,
            role=Role(args.role),
            password_hash=hash_password(password) if password is not None else None,
            created_at=now(),
            employee_key=args.employee,
        )
        added = add_account(store, actor, account)
    print(f"added {added.login} ({added.role})")
    if generated:
        print(f"password (shown once): {password}")
    return 0


def run_list_users(args: argparse.Namespace) -> int:
    from service.accounts import list_accounts  # noqa: PLC0415

    with open_store(args) as store:
        rows = list_accounts(store, signed_in(store))
    if args.json:
        print(json.dumps(rows, indent=2))
    for row in [] if args.json else rows:
        state = "disabled" if row["disabled"] else ""
        print(escaped(f"{row['login']:<24} {row['role']:<10} {row['name']:<30} {state}".rstrip()))
    return 0


def run_switch_user(args: argparse.Namespace) -> int:
    from service.accounts import set_disabled  # noqa: PLC0415

    with open_store(args) as store:
        set_disabled(store, signed_in(store), args.login, args.disabled)
    print(f"{args.login} {'disabled' if args.disabled else 'enabled'}")
    return 0


def run_reset_password(args: argparse.Namespace) -> int:
    from service.accounts import set_password  # noqa: PLC0415

    password, generated = _new_password(args)
    with open_store(args) as store:
        revoked = set_password(store, signed_in(store), args.login, password, now())
    print(f"new password for {args.login} set; {revoked} token(s) of theirs revoked")
    if generated:
        print(f"password (shown once): {password}")
    return 0


def run_add_team(args: argparse.Namespace) -> int:
    from service.accounts import add_team  # noqa: PLC0415

    with open_store(args) as store:
        add_team(store, signed_in(store), args.name)
    print(f"added team {args.name.strip()}")
    return 0


def run_teams(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        signed_in(store)
        teams = store.directory.teams()
    for name, members in teams:
        print(escaped(f"{name:<30} {members} employee{'s' if members != 1 else ''}"))
    return 0


def run_assign_employee(args: argparse.Namespace) -> int:
    from service.accounts import assign_employee  # noqa: PLC0415
    from service.ports import NewEmployee  # noqa: PLC0415

    with open_store(args) as store:
        actor = signed_in(store)
        known = store.cases.find_employee(args.employee)
        if known is None and not args.name:
            raise BadInputError(f"{shown(args.employee)} is new to the store: give their --name")
        name = known.display_name if known else args.name
        assign_employee(store, actor, NewEmployee(args.employee, name), args.team, args.manager)
    print(f"{args.employee}: " + ", ".join(_assigned(args)))
    return 0


def _assigned(args: argparse.Namespace) -> list[str]:
    return [
        *([f"team {args.team}"] if args.team else []),
        *([f"manager {args.manager}"] if args.manager else []),
    ]


def run_assign_physician(args: argparse.Namespace) -> int:
    from service.accounts import assign_physician  # noqa: PLC0415

    with open_store(args) as store:
        assign_physician(store, signed_in(store), args.case, args.login)
    print(f"{args.case}: physician {args.login}")
    return 0


def run_unassign_physician(args: argparse.Namespace) -> int:
    from service.accounts import unassign_physician  # noqa: PLC0415

    with open_store(args) as store:
        unassign_physician(store, signed_in(store), args.case, args.login)
    print(f"{args.case}: no longer physician {args.login}")
    return 0


def run_create_token(args: argparse.Namespace) -> int:
    from service.accounts import TokenRequest, create_token  # noqa: PLC0415

    request = TokenRequest(args.login, args.expires, args.label)
    with open_store(args) as store:
        made = create_token(store, signed_in(store), request, now())
    print(made.token)
    until = made.record.expires_at
    print(
        f"token {made.record.id} for {args.login}, "
        + (f"valid until {until:%Y-%m-%d %H:%M} UTC" if until else "valid until revoked")
        + " (shown once: keep it as a password)",
        file=sys.stderr,
    )
    return 0


def run_list_tokens(args: argparse.Namespace) -> int:
    from service.accounts import list_tokens  # noqa: PLC0415

    with open_store(args) as store:
        tokens = list_tokens(store, signed_in(store), args.login)
    for token in tokens:
        state = (
            f"revoked {token.revoked_at:%Y-%m-%d}"
            if token.revoked_at
            else f"expires {token.expires_at:%Y-%m-%d %H:%M}"
            if token.expires_at
            else "no expiry"
        )
        print(escaped(f"{token.id:>5}  {token.login:<24} {state:<24} {token.label}".rstrip()))
    return 0


def run_revoke_token(args: argparse.Namespace) -> int:
    from service.accounts import revoke_token  # noqa: PLC0415

    with open_store(args) as store:
        revoke_token(store, signed_in(store), args.id, now())
    print(f"token {args.id} revoked")
    return 0


def run_login(args: argparse.Namespace) -> int:
    import getpass  # noqa: PLC0415

    from service.accounts import TokenRequest, create_token, sign_in  # noqa: PLC0415

    if args.hours < 1:
        raise BadInputError("--hours is at least 1")
    try:
        password = (
            sys.stdin.readline().rstrip("\n")
            if args.password_stdin
            else getpass.getpass("Password: ")
        )
    except EOFError:  # no terminal and nothing piped
        raise BadInputError(
            "no password given: type it, or pipe it with --password-stdin"
        ) from None
    with open_store(args) as store:
        actor = sign_in(store, args.login, password)
        request = TokenRequest(actor.name, dt.timedelta(hours=args.hours), "login")
        made = create_token(store, actor, request, now())
    print(made.token)
    print(f"signed in as {actor.name} ({actor.role}) for {args.hours} hours", file=sys.stderr)
    return 0
