"""Opening the store: SQLite under a data directory by default, any SQLAlchemy URL otherwise.
The schema is migrated to the newest revision on first use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from adapters.store.case_store import CaseStore

MIGRATIONS = Path(__file__).parent / "migrations"
DATA_DIR_VARIABLE = "REINTEGRATION_DATA_DIR"
URL_VARIABLE = "REINTEGRATION_DATABASE_URL"
DATABASE_FILE = "reintegration.sqlite3"


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "reintegration"


def data_dir(explicit: str | None = None) -> Path:
    """The data directory: the option given, else $REINTEGRATION_DATA_DIR, else the default."""
    return Path(explicit or os.environ.get(DATA_DIR_VARIABLE) or default_data_dir())


def database_url(url: str | None = None, directory: str | None = None) -> str:
    """An explicit URL wins, then $REINTEGRATION_DATABASE_URL, else SQLite in the data dir."""
    chosen = url or os.environ.get(URL_VARIABLE)
    if chosen:
        return chosen
    folder = data_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DATABASE_FILE}"


def connect(url: str) -> Engine:
    """An engine on `url` with the schema at the newest revision."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # The driver's own transaction handling is switched off so that `begin` below decides.
    dbapi_connection.isolation_level = None
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _sqlite_begin_immediate(connection: Any) -> None:
    # Take the write lock at BEGIN: two writers queue up instead of one failing half-way with
    # "database is locked" when it upgrades a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(7242001)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def opened(url: str) -> Iterator[CaseStore]:
    """The case store at `url`, its connections closed again afterwards."""
    engine = connect(url)
    try:
        yield CaseStore(engine)
    finally:
        engine.dispose()


def outbox_path(directory: str | None = None) -> Path:
    """Where the local outbox sink writes: $REINTEGRATION_OUTBOX, else in the data directory."""
    chosen = os.environ.get("REINTEGRATION_OUTBOX")
    if chosen:
        return Path(chosen)
    return data_dir(directory) / "outbox.jsonl"


def routes_path(directory: str | None = None) -> Path:
    """The organisation's routes file: $REINTEGRATION_ROUTES, else routes.toml in the data dir."""
    chosen = os.environ.get("REINTEGRATION_ROUTES")
    if chosen:
        return Path(chosen)
    return data_dir(directory) / "routes.toml"
