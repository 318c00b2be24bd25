"""Where the store's key comes from: $REINTEGRATION_KEY (it wins), else the key file
`reintegration.key` in the data directory (mode 0600, the directory 0700), created on first use
by a store that has no key yet. A store records the id of its key, so a wrong or missing key is
refused on one line, before anything is read or written.

A rotation writes the new key to `reintegration.key.new` before it reseals the store, and once
the store is resealed, keeps the old key as `reintegration.key.retired-<key id>` (backups taken
before the rotation need it) and moves the new one into place. A process that dies in between
leaves a store sealed under the key in `.new`: the next opening finds it there and finishes the
move. Nothing here prints or logs a key, only key ids."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from adapters.keys import StoreKey, new_key_text, parse_key
from adapters.private_files import OPEN_TO_OTHERS, private_directory
from domain.errors import BadInputError

KEY_VARIABLE = "REINTEGRATION_KEY"
NEW_KEY_VARIABLE = "REINTEGRATION_NEW_KEY"  # the next key, for rotating a key kept in the env
KEY_FILE = "reintegration.key"


@dataclass(frozen=True)
class KeySource:
    directory: Path  # the data directory
    environ: Mapping[str, str]

    @property
    def file(self) -> Path:
        return self.directory / KEY_FILE

    @property
    def pending_file(self) -> Path:
        return self.directory / f"{KEY_FILE}.new"

    def retired_file(self, key_id: str) -> Path:
        return self.directory / f"{KEY_FILE}.retired-{key_id}"

    @property
    def in_environment(self) -> bool:
        return bool(self.environ.get(KEY_VARIABLE))

    def key_for(self, sealed_under: str | None) -> StoreKey:
        """The key of a store sealed under key id `sealed_under` (None: not sealed yet, so a
        key file may be created)."""
        with _file_errors(self.directory):
            return self._key_for(sealed_under)

    def _key_for(self, sealed_under: str | None) -> StoreKey:
        if self.in_environment:
            key = parse_key(self.environ[KEY_VARIABLE], f"${KEY_VARIABLE}")
            if sealed_under not in (None, key.id):
                raise BadInputError(
                    f"${KEY_VARIABLE} holds key {key.id}, but this store is sealed under key "
                    f"{sealed_under}: give this store's key"
                )
            return key
        if not self.file.exists():
            if sealed_under is not None:
                raise BadInputError(
                    f"this store is sealed under key {sealed_under}, but there is no key: set "
                    f"${KEY_VARIABLE} or restore {self.file}"
                )
            _create_once(self.file, new_key_text())
        key = read_key_file(self.file)
        if sealed_under in (None, key.id):
            return key
        if self.pending_file.exists() and read_key_file(self.pending_file).id == sealed_under:
            self.install_pending(key.id)  # a rotation died after resealing: finish it
            return read_key_file(self.file)
        raise BadInputError(
            f"{self.file} holds key {key.id}, but this store is sealed under key {sealed_under}: "
            f"restore this store's key file (see {self.retired_file(sealed_under).name})"
        )

    def next_key(self) -> StoreKey:
        """The key a rotation moves to: $REINTEGRATION_NEW_KEY when the key is kept in the
        environment, else a new one, written to the pending file before anything is resealed."""
        with _file_errors(self.directory):
            return self._next_key()

    def _next_key(self) -> StoreKey:
        if self.in_environment:
            text = self.environ.get(NEW_KEY_VARIABLE)
            if not text:
                raise BadInputError(
                    f"the key comes from ${KEY_VARIABLE}: give the new one in "
                    f"${NEW_KEY_VARIABLE} (e.g. from `openssl rand -base64 32`)"
                )
            return parse_key(text, f"${NEW_KEY_VARIABLE}")
        write_private(self.pending_file, new_key_text())
        return read_key_file(self.pending_file)

    def install_pending(self, old_id: str) -> Path:
        """Keep the current key file as retired, then move the pending key into its place."""
        retired = self.retired_file(old_id)
        with _file_errors(self.directory):
            if not retired.exists():
                retired.hardlink_to(self.file)
            self.pending_file.replace(self.file)
            sync_directory(self.directory)
        return retired


def key_source(directory: Path, environ: Mapping[str, str] | None = None) -> KeySource:
    return KeySource(directory, os.environ if environ is None else environ)


def read_key_file(path: Path) -> StoreKey:
    mode = path.stat().st_mode & 0o777
    if mode & OPEN_TO_OTHERS:
        raise BadInputError(
            f"the key file {path} is open to group or others (mode {mode:o}): chmod 600 {path}"
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInputError(f"cannot read the key file {path}: {error}") from None
    return parse_key(text, f"the key file {path}")


@contextmanager
def _file_errors(directory: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        where = error.filename or directory
        raise BadInputError(f"cannot use the key in {where}: {error.strerror}") from None


def write_private(path: Path, text: str) -> None:
    """`text` in `path`, a 0600 file, replaced whole (never seen half-written)."""
    _private_copy(path.parent, text).replace(path)
    sync_directory(path.parent)


def _create_once(path: Path, text: str) -> None:
    """Create the key file unless another process just did (then its key stands)."""
    temporary = _private_copy(path.parent, text)
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    sync_directory(path.parent)


def _private_copy(directory: Path, text: str) -> Path:
    """A new 0600 file in `directory` holding `text`, flushed to disk."""
    private_directory(directory)
    handle, name = tempfile.mkstemp(dir=directory, prefix=f".{KEY_FILE}.")  # mode 0600
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(text + "\n")
        file.flush()
        os.fsync(file.fileno())
    return Path(name)


def sync_directory(directory: Path) -> None:
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
