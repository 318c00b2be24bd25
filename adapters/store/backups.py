"""Backups of the embedded SQLite store (`reintegration backup` and `restore`).

A backup is a new 0700 directory laid out as a data directory: the database, copied by SQLite's
online backup API (one consistent snapshot while the console and the dispatcher go on writing),
the key files (`reintegration.key`, and any `.new` and `.retired-<key id>`) and `routes.toml`,
each 0600. Before the directory takes its name, the copy is checked as a restore checks it.

A restore first checks that the backup is a store this version knows (its Alembic revision), is
not damaged, and that its key (a key file in the backup, or $REINTEGRATION_KEY) opens it; only
then is anything replaced. The database is replaced by the same API in one transaction, so a
store is never seen half-written. A different key goes in as a rotation's does: written to
`reintegration.key.new` before the database is replaced, moved into place after it (the old one
kept as `.retired-<key id>`); a restore that dies in between is finished by the next opening, as
an interrupted rotation is. Nothing here prints or logs a key, only key ids."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from adapters.key_files import (
    KEY_FILE,
    KeySource,
    key_source,
    read_key_file,
    sync_directory,
    write_private,
)
from adapters.private_files import private_directory
from adapters.store.database import DATABASE_FILE, known_revisions, private_file
from adapters.store.store_seal import sealed_under
from domain.errors import BadInputError, InputError

CONFIGURATION = ("routes.toml",)  # the data directory's other files a restore needs


@dataclass(frozen=True)
class Copied:
    key_id: str | None  # the key the store is sealed under (None: not sealed yet)
    key_in_environment: bool  # the key is $REINTEGRATION_KEY's, not a file's


def back_up(database: Path, keys: KeySource, target: Path, force: bool) -> Copied:
    """The store in `database` and the data directory's key files, copied to the new
    directory `target` (an existing backup there replaced only with `force`)."""
    with _errors("back up the store to", target):
        if not database.is_file():
            raise BadInputError(f"there is no store to back up at {database}")
        if target.resolve().is_relative_to(keys.directory.resolve()):
            raise BadInputError(f"keep backups outside the data directory {keys.directory}")
        _may_replace(target, force)
        if not target.parent.is_dir():
            raise BadInputError(f"there is no directory {target.parent} to put the backup in")
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            _copy_database(database, staging / DATABASE_FILE)
            with closing(_connect(staging / DATABASE_FILE)) as copy:  # one file, no -wal
                copy.execute("PRAGMA journal_mode=DELETE")
            for file in (*_key_files(keys.directory), *_configuration(keys.directory)):
                _copy_private(file, staging / file.name)
            copied = _check(staging, keys.environ)
            sync_directory(staging)
            _put_in_place(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return copied


def restore(backup: Path, database: Path, keys: KeySource, force: bool) -> Copied:
    """The store in `database` (and its key in the data directory) replaced by the backup in
    `backup`, once the backup is known to be a store whose key it holds; an existing store or
    key file is replaced only with `force`."""
    with _errors("restore the backup", backup):
        if not backup.exists():
            raise BadInputError(f"there is no backup at {backup}")
        if not (backup / DATABASE_FILE).is_file():
            raise BadInputError(f"{backup} is not a backup of a store: it has no {DATABASE_FILE}")
        copied = _check(backup, keys.environ)
        if not force and (found := [p for p in (database, keys.file) if p.exists()]):
            raise BadInputError(
                f"{found[0]} exists: give --force to replace that store with the backup"
            )
        key_file = None if copied.key_in_environment else _key_file(backup, copied.key_id)
        current = read_key_file(keys.file).id if key_file and keys.file.exists() else None
        pending = current not in (None, copied.key_id)  # a key file with another key
        private_directory(keys.directory)
        for file in (*backup.glob(f"{KEY_FILE}.retired-*"), *_configuration(backup)):
            if not (keys.directory / file.name).exists():
                _copy_private(file, keys.directory / file.name)
        if key_file is not None and current is None:
            write_private(keys.file, key_file.read_text(encoding="ascii").strip())
        elif key_file is not None and pending:
            write_private(keys.pending_file, key_file.read_text(encoding="ascii").strip())
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # as it was, if there
        _copy_database(backup / DATABASE_FILE, database)
        if pending:
            keys.install_pending(str(current))
    return copied


def _check(directory: Path, environ: Mapping[str, str]) -> Copied:
    """What key the store in `directory` is sealed under, once it is known to be a store of
    this version that is not damaged, and that its key (a key file in `directory`, or
    $REINTEGRATION_KEY) opens it."""
    database = directory / DATABASE_FILE
    engine = create_engine("sqlite://", creator=lambda: _connect(database, "ro"))
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            if revision is None:
                raise BadInputError(f"{database} is not a reintegration store (no schema version)")
            if revision not in known_revisions():
                raise BadInputError(
                    f"{database} is of a newer version of reintegration (schema {revision}): "
                    "upgrade this one first"
                )
            damage = connection.exec_driver_sql("PRAGMA quick_check").scalar()
            if damage != "ok":
                raise BadInputError(f"{database} is damaged: {damage}")
            sealed = sealed_under(connection)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise BadInputError(f"{database} is not a reintegration store: {reason}") from None
    finally:
        engine.dispose()
    source = key_source(directory, environ)
    if source.in_environment:
        source.key_for(sealed)  # refused unless $REINTEGRATION_KEY holds the store's key
        return Copied(sealed, key_in_environment=True)
    if sealed is not None:
        _key_file(directory, sealed)
    return Copied(sealed, key_in_environment=False)


def _key_file(directory: Path, key_id: str | None) -> Path | None:
    """The key file in `directory` that holds the key `key_id` (None: a store not sealed yet)."""
    if key_id is None:
        return None
    for file in _key_files(directory):
        if read_key_file(file).id == key_id:
            return file
    raise BadInputError(
        f"{directory} holds no key file with this store's key {key_id}: without it the "
        "store cannot be opened (a key kept in $REINTEGRATION_KEY goes in that variable)"
    )


def _key_files(directory: Path) -> list[Path]:
    return sorted(f for f in directory.glob(f"{KEY_FILE}*") if f.is_file())


def _configuration(directory: Path) -> list[Path]:
    return [directory / name for name in CONFIGURATION if (directory / name).is_file()]


def _copy_database(source: Path, destination: Path) -> None:
    """`source` copied into `destination` by SQLite's backup API: a consistent snapshot of the
    source (writers go on), written to the destination in one transaction."""
    private_file(destination)
    with closing(_connect(source)) as reading, closing(_connect(destination)) as into:
        reading.backup(into)


def _connect(database: Path, mode: str = "rw") -> sqlite3.Connection:
    """A connection to `database` that waits for a writer as the store's own do."""
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode={mode}", uri=True, timeout=30)


def _copy_private(source: Path, destination: Path) -> None:
    handle = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as file:
        file.write(source.read_bytes())
        file.flush()
        os.fsync(file.fileno())


def _may_replace(target: Path, force: bool) -> None:
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise BadInputError(f"{target} exists: give --force to replace it")
    if target.is_symlink() or not (target / DATABASE_FILE).is_file():
        raise BadInputError(f"{target} is not a backup: not replacing it, even with --force")


def _put_in_place(staging: Path, target: Path) -> None:
    if target.exists():
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        target.rename(aside / target.name)
        staging.rename(target)
        shutil.rmtree(aside)
    else:
        staging.rename(target)
    sync_directory(target.parent)


@contextmanager
def _errors(verb: str, path: Path) -> Iterator[None]:
    try:
        yield
    except InputError:
        raise
    except OSError as error:
        where = error.filename or path
        raise BadInputError(f"cannot {verb} {where}: {error.strerror}") from None
    except sqlite3.Error as error:
        raise BadInputError(f"cannot {verb} {path}: {error}") from None
