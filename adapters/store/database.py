"""Opening the store: SQLite under a data directory by default, any SQLAlchemy URL otherwise.
The schema is migrated to the newest revision on first use, and the store's key found (see
`adapters/key_files.py`). The data directory is created 0700; an SQLite database file is made
0600 before SQLite opens it (its -wal, -shm and -journal files take the same mode)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Dialect, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlalchemy.pool import ConnectionPoolEntry

from adapters.key_files import KeySource, key_source
from adapters.private_files import private_directory, tighten
from adapters.store.case_lists import register_casefold
from adapters.store.case_log import READING
from adapters.store.case_store import CaseStore
from adapters.store.store_seal import sealed_under

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
NEWEST_REVISION = "0010"  # the head of migrations/versions (a test holds it to Alembic's)
DATA_DIR_VARIABLE = "REINTEGRATION_DATA_DIR"
URL_VARIABLE = "REINTEGRATION_DATABASE_URL"
DATABASE_FILE = "reintegration.sqlite3"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
# A PostgreSQL connection back in the pool for less than this many seconds is not pinged
# before its next use (`_pinging_if_idle`).
PING_AFTER_IDLE = 1.0
_LAST_USED = "reintegration_last_used"  # in a pooled connection's `info`: time.monotonic()


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
    folder = private_directory(data_dir(directory))
    return f"sqlite:///{folder / DATABASE_FILE}"


def keys_in(directory: str | None = None) -> KeySource:
    """The store's key source: $REINTEGRATION_KEY, else the key file in the data directory."""
    return key_source(data_dir(directory))


def connect(url: str, keys: KeySource | None = None) -> Engine:
    """An engine on `url` with the schema at the newest revision (a migration that seals takes
    its key from `keys`, by default the data directory's)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url)
        event.listen(engine, "connect", _in_use_now)
        event.listen(engine, "checkin", _in_use_now)
        event.listen(engine, "checkout", _pinging_if_idle(engine.dialect))
    migrate(engine, keys or keys_in())
    return engine


def private_file(path: Path) -> None:
    """The database file readable by its owner only: created so, or tightened if it is ours.
    SQLite gives its -wal, -shm and -journal files the database file's mode."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(handle)
    except FileExistsError:
        for file in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)):
            tighten(file, 0o600)
    except OSError:
        pass  # SQLite says why on connecting (no such directory, no permission)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # The driver's own transaction handling is switched off so that `begin` below decides.
    dbapi_connection.isolation_level = None
    # secure_delete: freed pages are zeroed, so a secret once stored (before the seals) does
    # not linger in the file; some builds have it on already, not all.
    pragmas = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000")
    for pragma in (*pragmas, "secure_delete=ON"):
        dbapi_connection.execute(f"PRAGMA {pragma}")
    register_casefold(dbapi_connection)  # the dashboard's search (`case_lists`)


def _in_use_now(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    record.info[_LAST_USED] = time.monotonic()


def _pinging_if_idle(dialect: Dialect) -> Callable[[Any, ConnectionPoolEntry, object], None]:
    """SQLAlchemy's `pool_pre_ping`, for a connection that sat in the pool `PING_AFTER_IDLE`
    seconds or more (the server may have closed it meanwhile): not a round trip more for each
    of the few connections that one write, one page or one batch takes in a row. A connection
    found dead is replaced, with every other connection made before it."""

    def ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: object) -> None:
        if time.monotonic() - record.info.get(_LAST_USED, -PING_AFTER_IDLE) < PING_AFTER_IDLE:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi_connection, None):
                raise
            # As `pool_pre_ping` does: every connection made before this one is replaced too.
            raise InvalidatePoolError(str(error)) from error

    return ping_if_idle


def _sqlite_begin(connection: Any) -> None:
    # A writer takes the write lock at BEGIN: two writers queue up instead of one failing
    # half-way with "database is locked" when it upgrades a read lock. A reader (the option
    # `case_log.READING`) begins a read transaction: one snapshot for all its queries,
    # read beside a writer (WAL) rather than after it. On the driver's connection (through
    # SQLAlchemy's execution it costs more than the BEGIN itself), its error as SQLAlchemy's.
    driver = connection.dialect.loaded_dbapi  # sqlite3
    begin = "BEGIN" if connection.get_execution_options().get(READING) else "BEGIN IMMEDIATE"
    try:
        connection.connection.dbapi_connection.execute(begin)
    except driver.Error as error:
        raise DBAPIError.instance(begin, (), error, driver.Error) from error


def migrate(engine: Engine, keys: KeySource) -> None:
    if _revision(engine) == NEWEST_REVISION:
        return  # the usual case, told without loading Alembic and its scripts (~0.1 s)
    from alembic import command  # noqa: PLC0415
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(7242001)"))
        config.attributes["connection"] = connection
        config.attributes["keys"] = keys  # 0006 seals what is there
        command.upgrade(config, "head")


def _revision(engine: Engine) -> str | None:
    """The store's schema version as Alembic records it; None when it has none (or several)."""
    with engine.connect().execution_options(**{READING: True}) as connection:
        if connection.dialect.name == "postgresql":
            # Asked first, so that a new store leaves no "relation does not exist" in the log.
            found = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
            if found is None:
                return None
        try:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        except DBAPIError:  # no such table: a new store (Alembic makes it)
            return None
    return str(versions[0][0]) if len(versions) == 1 else None


def known_revisions() -> set[str]:
    """The schema versions this code can migrate from (a store of a newer one it cannot)."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(_alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def open_store(url: str, directory: str | None = None) -> CaseStore:
    """The case store at `url`, with its key from the data directory `directory` (or the
    environment); a missing or wrong key is refused on one line (`BadInputError`)."""
    keys = keys_in(directory)
    engine = connect(url, keys)
    try:
        with engine.connect() as connection:
            key = keys.key_for(sealed_under(connection))
    except BaseException:
        engine.dispose()
        raise
    return CaseStore(engine, key)


@contextmanager
def opened(url: str, directory: str | None = None) -> Iterator[CaseStore]:
    """The case store at `url`, its connections closed again afterwards."""
    store = open_store(url, directory)
    try:
        yield store
    finally:
        store.engine.dispose()


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
