"""`reintegration backup PATH` and `reintegration restore PATH`: the embedded SQLite store with
its key files, copied while it is in use, and put back whole. Operator's commands, like `keys
rotate`: they need the files of the store, no role. They print key ids, never a key. A store on
PostgreSQL is backed up with pg_dump (see the README, "Running it as a service")."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from cli.remote import refuse_remote
from cli.store_options import store_options, without_password
from domain.errors import BadInputError

ELSEWHERE = {
    "backup": 'back it up with pg_dump, and the key with it (see the README, "Backups")',
    "restore": 'restore it with pg_restore, and the key with it (see the README, "Backups")',
}


def add_to(commands: Any) -> None:
    for name, run, what, path, force in (
        (
            "backup",
            run_backup,
            "copy the embedded SQLite store and its key files to a new directory, while in use",
            "the directory to create (outside the data directory)",
            "replace an existing backup there",
        ),
        (
            "restore",
            run_restore,
            "replace the embedded SQLite store and its key by a backup, once it is checked",
            "a directory made by `reintegration backup`",
            "replace an existing store",
        ),
    ):
        command = commands.add_parser(name, parents=[store_options()], help=what)
        command.add_argument("path", help=path)
        command.add_argument("--force", action="store_true", help=force)
        command.set_defaults(run=run)


def run_backup(args: argparse.Namespace) -> int:
    from adapters.store.backups import back_up  # noqa: PLC0415
    from adapters.store.database import keys_in  # noqa: PLC0415

    database = _database_file(args)
    copied = back_up(database, keys_in(args.data_dir), Path(args.path), args.force)
    print(f"backup: the store {database} is copied to {args.path}{_sealed(copied.key_id)}.")
    if copied.key_in_environment:
        print("Its key is the one in $REINTEGRATION_KEY, not in the backup: a restore needs it.")
    else:
        print("The backup holds the store's key: keep it as safe as the data directory.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from adapters.store.backups import restore  # noqa: PLC0415
    from adapters.store.database import keys_in  # noqa: PLC0415

    database = _database_file(args)
    copied = restore(Path(args.path), database, keys_in(args.data_dir), args.force)
    print(f"restore: the store {database} is the backup {args.path} now{_sealed(copied.key_id)}.")
    print("Its schema is brought up to date on first use; `reintegration verify` checks it.")
    return 0


def _database_file(args: argparse.Namespace) -> Path:
    """The embedded store's database file; any other database is refused on one line."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415
    from sqlalchemy.exc import ArgumentError  # noqa: PLC0415

    from adapters.store.database import DATABASE_FILE, URL_VARIABLE, data_dir  # noqa: PLC0415

    refuse_remote(args)  # an operator works on the store where it is
    url = args.database_url or os.environ.get(URL_VARIABLE)
    if not url:
        return data_dir(args.data_dir) / DATABASE_FILE
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadInputError(f"{without_password(url)}: no store to {args.command}") from None
    if parsed.get_backend_name() != "sqlite":
        raise BadInputError(
            f"the store at {without_password(url)} is on {parsed.get_backend_name()}, not the "
            f"embedded SQLite store: {ELSEWHERE[args.command]}"
        )
    if parsed.database in (None, "", ":memory:"):
        raise BadInputError(f"the store at {url} is not a file: nothing to {args.command}")
    return Path(parsed.database)


def _sealed(key_id: str | None) -> str:
    return f" (sealed under key {key_id})" if key_id else ""
