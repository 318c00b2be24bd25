"""Every store test runs twice: on SQLite (a file per test) and on a real PostgreSQL server that
this setup starts on 127.0.0.1 (a database per test)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from adapters.store.database import connect
from domain.roles import Role
from service.case_file import Actor
from tests.store import postgres

# Under CI (CI=true) a missing PostgreSQL fails the run instead of skipping its tests.
REQUIRE_POSTGRES = "true" in (
    os.environ.get("CI"),
    os.environ.get("REINTEGRATION_REQUIRE_POSTGRES"),
)
_databases = itertools.count(1)

HR = Actor("anna.hr", Role.HR)
MANAGER = Actor("mark.manager", Role.MANAGER)
PHYSICIAN = Actor("dr.bakker", Role.PHYSICIAN)
AUDITOR = Actor("olga.auditor", Role.AUDITOR)
NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    ok, reason = postgres.available()
    if not ok:
        if REQUIRE_POSTGRES:
            pytest.fail(reason)
        pytest.skip(reason)
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return postgres.create_database(server, f"test_{os.getpid()}_{next(_databases)}")


@pytest.fixture
def store(database_url: str) -> Iterator[CaseStore]:
    store = CaseStore(connect(database_url))
    yield store
    store.engine.dispose()
