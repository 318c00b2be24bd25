"""Every store test runs twice: on SQLite (a file per test) and on a real PostgreSQL server that
this setup starts on 127.0.0.1 (a database per test), each a copy of a store migrated once per
session. Under CI (see `postgres.required`) a PostgreSQL that cannot be installed or started
stops the run with one line saying why."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from adapters.key_files import KEY_VARIABLE, key_source
from adapters.store.case_store import CaseStore
from adapters.store.database import connect
from cli.main import main
from cli.store_options import TOKEN_VARIABLE
from tests.conftest import TEST_KEY
from tests.organisation import AUDITOR, HR, MANAGER, PHYSICIAN, organise, token_for
from tests.store import postgres

if TYPE_CHECKING:
    from tests.console.site import Served

REQUIRE_POSTGRES = postgres.required(os.environ)
_databases = itertools.count(1)

__all__ = ["AUDITOR", "HR", "MANAGER", "PHYSICIAN"]  # the organisation's actors, for the tests
NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under CI, PostgreSQL is installed before the first test runs, so that a failure stops
    the run at once, on one line."""
    if REQUIRE_POSTGRES and any("database_url" in getattr(i, "fixturenames", ()) for i in items):
        try:
            postgres.installed_bin_dir()
        except postgres.UnavailableError as reason:
            pytest.exit(f"PostgreSQL is required here (CI is set): {reason}", returncode=1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    try:
        with postgres.cluster() as url:
            yield url
    except postgres.UnavailableError as reason:
        if REQUIRE_POSTGRES:  # stop the whole run on one line, not 100 tracebacks
            pytest.exit(f"PostgreSQL is required here (CI is set): {reason}", returncode=1)
        pytest.skip(str(reason))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest) -> str:
    """A database with nothing in it yet: no schema, and no key recorded."""
    if request.param == "sqlite":
        tmp_path: Path = request.getfixturevalue("tmp_path")
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return postgres.create_database(server, f"test_{os.getpid()}_{next(_databases)}")


def _migrated(url: str, directory: Path) -> None:
    """Migrate `url` to the newest revision, sealed with the tests' key."""
    connect(url, key_source(directory, {KEY_VARIABLE: TEST_KEY})).dispose()


def sealed_store(url: str) -> CaseStore:
    """The store at `url` under the tests' key, whatever this process's environment says
    (a module-scoped fixture runs before the per-test environment is set)."""
    keys = key_source(Path("/nonexistent"), {KEY_VARIABLE: TEST_KEY})
    engine = connect(url, keys)
    return CaseStore(engine, keys.key_for(None))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    _migrated(f"sqlite:///{folder / 'store.sqlite3'}", folder)
    return folder / "store.sqlite3"


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    name = f"template_{os.getpid()}"
    _migrated(postgres.create_database(postgres_server, name), tmp_path_factory.mktemp("keys"))
    return name


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """A store at the newest revision, sealed with the tests' key: a copy of one migrated once
    per session (migrating each test's database anew took longer than many a test)."""
    if request.param == "sqlite":
        return new_database_url(request, "sqlite", request.getfixturevalue("tmp_path"))
    return new_database_url(request, "postgresql", Path())


def new_database_url(request: pytest.FixtureRequest, kind: str, directory: Path) -> str:
    """A new store of `kind` like `database_url`'s: a SQLite file in `directory`, or a new
    PostgreSQL database."""
    if kind == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        copy = directory / "store.sqlite3"
        shutil.copyfile(template, copy)
        copy.chmod(0o600)
        return f"sqlite:///{copy}"
    server = request.getfixturevalue("postgres_server")
    template_name = request.getfixturevalue("postgres_template")
    name = f"test_{os.getpid()}_{next(_databases)}"
    return postgres.create_database(server, name, template=template_name)


@pytest.fixture
def empty_store(database_url: str) -> Iterator[CaseStore]:
    store = sealed_store(database_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def store(empty_store: CaseStore) -> CaseStore:
    """The test's store, with the organisation of `tests.organisation` in it."""
    organise(empty_store)
    return empty_store


@pytest.fixture
def hr(monkeypatch: pytest.MonkeyPatch, database_url: str, store: CaseStore) -> str:
    """The `reintegration` command, run in this process, acts as HR on the test's store."""
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", database_url)
    monkeypatch.setenv("REINTEGRATION_TOKEN", token_for(store, HR.name))
    return database_url


def act_as(monkeypatch: pytest.MonkeyPatch, store: CaseStore, login: str) -> None:
    """From now on the `reintegration` command acts as the account `login`."""
    monkeypatch.setenv("REINTEGRATION_TOKEN", token_for(store, login))


_AS = "--as-account"  # no option of any command: `run_cli` makes it the account's token
_tokens: dict[tuple[str, str], str] = {}


def as_account(login: str) -> tuple[str, str]:
    """Arguments for `run_cli`: run the command as the account `login` (of the organisation)."""
    return (_AS, login)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`reintegration ARGS...`: its exit code, standard output and standard error; with
    `as_account(LOGIN)` among the arguments, signed in as that account."""
    words = list(args)
    previous = os.environ.get(TOKEN_VARIABLE)
    if _AS in words:
        at = words.index(_AS)
        os.environ[TOKEN_VARIABLE] = _token(words[at + 1])
        del words[at : at + 2]
    try:
        code = main(words)
    finally:
        if previous is None:
            os.environ.pop(TOKEN_VARIABLE, None)
        else:
            os.environ[TOKEN_VARIABLE] = previous
    out, err = capsys.readouterr()
    return code, out, err


def _token(login: str) -> str:
    url = os.environ["REINTEGRATION_DATABASE_URL"]
    if (url, login) not in _tokens:
        store = sealed_store(url)
        _tokens[url, login] = token_for(store, login)
        store.engine.dispose()
    return _tokens[url, login]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def console(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The console's test organisation served by a real `reintegration web` process, one per
    test module and database."""
    from tests.console.site import served_site  # noqa: PLC0415 (the site imports this module)

    directory = tmp_path_factory.mktemp(f"console-{request.param}")
    with served_site(new_database_url(request, request.param, directory), directory) as served:
        yield served
