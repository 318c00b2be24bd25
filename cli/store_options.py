"""What every store command shares: where the store is, and who is acting: the account whose
token is in $REINTEGRATION_TOKEN."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from domain.errors import BadInputError, NotSignedInError

if TYPE_CHECKING:
    from pydantic import SecretStr

    from adapters.store.case_store import CaseStore
    from service.case_file import Actor
    from service.ports import Store

TOKEN_VARIABLE = "REINTEGRATION_TOKEN"  # noqa: S105 (the variable's name, not a token)


def store_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("store")
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
    return parent


def signed_in(store: Store) -> Actor:
    """The account whose token is in $REINTEGRATION_TOKEN: who acts is proven, never typed."""
    from service.accounts import authenticate  # noqa: PLC0415

    return authenticate(store, caller_token(), now())


def token_of_caller() -> SecretStr:
    """The caller's token, masked wherever it is passed on (a flow's parameters)."""
    from pydantic import SecretStr  # noqa: PLC0415 (a client of a server does without it)

    return SecretStr(caller_token())


def caller_token() -> str:
    """The caller's token, from $REINTEGRATION_TOKEN."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise NotSignedInError(
            f"sign in first: set {TOKEN_VARIABLE} to a token from `reintegration login LOGIN`"
        )
    if not (token.isascii() and token.isprintable()):  # never echo it: it may be nearly right
        raise NotSignedInError(f"{TOKEN_VARIABLE} holds characters that no token has")
    return token


@contextmanager
def open_store(args: argparse.Namespace) -> Iterator[CaseStore]:
    """The store the options name, closed again when the command is done. A client of a
    server ($REINTEGRATION_URL) is told that this command needs a local store."""
    # The store stack (SQLAlchemy, Alembic) loads only for the commands that use it.
    from sqlalchemy.exc import DataError, SQLAlchemyError  # noqa: PLC0415

    from adapters.store.database import opened  # noqa: PLC0415
    from cli.remote import refuse_remote  # noqa: PLC0415

    if args.command != "web":  # the server itself always opens its own store
        refuse_remote(args)
    url = store_url(args)
    with ExitStack() as stack:
        try:
            store = stack.enter_context(opened(url, args.data_dir))
        except SQLAlchemyError as error:
            raise unusable("open", url, error) from None
        try:
            yield store
        except DataError as error:  # what the store's own checks let through ("value too long")
            raise unusable("write to", url, error) from None


def store_url(args: argparse.Namespace) -> str:
    """The store's URL from the options (its data directory made, if it is the default)."""
    from adapters.store.database import database_url  # noqa: PLC0415

    try:
        return database_url(args.database_url, args.data_dir)
    except OSError as error:
        raise BadInputError(
            f"cannot use the data directory {error.filename}: {error.strerror}"
        ) from None


def unusable(verb: str, url: str, error: Exception) -> BadInputError:
    """The database's own reason, on one line, without the URL's password."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return BadInputError(f"cannot {verb} the store at {without_password(url)}: {reason}")


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
    store from the environment, so it is pointed at the store these options name. A server
    that does not answer is said on one line, before anything is recorded."""
    if not os.environ.get("PREFECT_API_URL"):
        return False
    from adapters.store.database import DATA_DIR_VARIABLE, database_url  # noqa: PLC0415

    os.environ["REINTEGRATION_DATABASE_URL"] = database_url(args.database_url, args.data_dir)
    if args.data_dir:  # where the flows find the store's key file
        os.environ[DATA_DIR_VARIABLE] = args.data_dir
    # The flow runs' logs still go to the server (the UI); the terminal shows our one line.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    from flows.cases import check_server  # noqa: PLC0415 (Prefect reads the above on import)

    check_server()
    return True
