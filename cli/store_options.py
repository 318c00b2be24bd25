"""Options every store command shares: where the store is, and who is acting in which role."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from domain.errors import BadInputError
from domain.roles import Role

if TYPE_CHECKING:
    from adapters.store.case_store import CaseStore
    from service.case_file import Actor


def store_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("store and identity")
    group.add_argument(
        "--database-url",
        help="SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@host/db "
        "(default: $REINTEGRATION_DATABASE_URL, else SQLite in the data directory)",
    )
    group.add_argument(
        "--data-dir",
        help="directory of the embedded SQLite store "
        "(default: $REINTEGRATION_DATA_DIR, else ~/.local/share/reintegration)",
    )
    group.add_argument(
        "--actor",
        default=os.environ.get("REINTEGRATION_ACTOR"),
        help="who is acting: a user name, or the employee key for --role employee "
        "(default: $REINTEGRATION_ACTOR)",
    )
    group.add_argument(
        "--role",
        default=os.environ.get("REINTEGRATION_ROLE"),
        help=f"the acting role: {', '.join(Role)} (default: $REINTEGRATION_ROLE)",
    )
    return parent


def acting(args: argparse.Namespace) -> Actor:
    from service.case_file import Actor  # noqa: PLC0415 (store stack loads only when used)

    if not args.actor or not args.role:
        raise BadInputError(
            "say who is acting: --actor NAME --role ROLE "
            "(or set REINTEGRATION_ACTOR and REINTEGRATION_ROLE)"
        )
    try:
        return Actor(args.actor, Role(args.role))
    except ValueError:
        raise BadInputError(f"unknown role {args.role!r} (known: {', '.join(Role)})") from None


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[CaseStore]:
    """The store the options name, closed again when the command is done."""
    # The store stack (SQLAlchemy, Alembic) loads only for the commands that use it.
    from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

    from adapters.store.database import database_url, opened  # noqa: PLC0415

    try:
        url = database_url(args.database_url, args.data_dir)
    except OSError as error:
        raise BadInputError(
            f"cannot use the data directory {error.filename}: {error.strerror}"
        ) from None
    with ExitStack() as stack:
        try:
            store = stack.enter_context(opened(url, args.data_dir))
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise BadInputError(
                f"cannot open the store at {without_password(url)}: {reason}"
            ) from None
        yield store


def without_password(url: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415
    from sqlalchemy.exc import ArgumentError  # noqa: PLC0415

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the given URL (not a valid database URL)"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def through_prefect(args: argparse.Namespace) -> bool:
    """With a Prefect server configured (PREFECT_API_URL), recording runs the real flows, so
    each entry is a flow run with its timeline artifact and Prefect event. The flows open the
    store from the environment, so it is pointed at the store these options name."""
    if not os.environ.get("PREFECT_API_URL"):
        return False
    from adapters.store.database import DATA_DIR_VARIABLE, database_url  # noqa: PLC0415

    os.environ["REINTEGRATION_DATABASE_URL"] = database_url(args.database_url, args.data_dir)
    if args.data_dir:  # where the flows find the store's key file
        os.environ[DATA_DIR_VARIABLE] = args.data_dir
    # The flow runs' logs still go to the server (the UI); the terminal shows our one line.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    return True
