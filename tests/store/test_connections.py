"""A PostgreSQL connection is checked before use only once it sat idle in the pool: one the
server closed meanwhile is replaced, not handed out to fail; one in use a moment ago is handed
out without a round trip more."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from adapters.store import database
from adapters.store.case_store import CaseStore
from tests.store.conftest import new_database_url, sealed_store


@pytest.fixture
def postgres_store(request: pytest.FixtureRequest) -> Iterator[tuple[CaseStore, str]]:
    url = new_database_url(request, "postgresql", Path())
    store = sealed_store(url)
    yield store, url
    store.engine.dispose()


def _pings_counted(store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The pings the store's pool sends from now on, one item each."""
    pings: list[object] = []
    ping = store.engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return ping(dbapi_connection)  # type: ignore[arg-type]  # the driver's connection

    monkeypatch.setattr(store.engine.dialect, "do_ping", counted)
    return pings


def _close_connections_from_the_server(url: str) -> int:
    """What a restarted or failed-over server does: every other session of the database ends
    (each waited for, up to 5 s, so that none is still on its way out)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) "
                    "FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return int(ended)


def test_a_pooled_connection_the_server_closed_is_replaced_once_idle(
    postgres_store: tuple[CaseStore, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the idle time (here none), the pool pings a connection before handing it out, and
    replaces it if the server has closed it: the next read works as if nothing happened."""
    store, url = postgres_store
    assert store.cases.find_employee("nobody") is None  # a connection, back in the pool
    assert _close_connections_from_the_server(url) >= 1
    monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)
    pings = _pings_counted(store, monkeypatch)
    assert store.cases.find_employee("nobody") is None
    assert len(pings) == 2  # the closed connection, then its replacement (idle time none)
    assert pings[0] is not pings[1]


def test_a_connection_in_use_a_moment_ago_is_not_pinged(
    postgres_store: tuple[CaseStore, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads in a row, each on the connection the one before gave back: no ping among them."""
    store, _ = postgres_store
    monkeypatch.setattr(database, "PING_AFTER_IDLE", 3600.0)  # however slow the machine
    pings = _pings_counted(store, monkeypatch)
    for _ in range(3):
        assert store.cases.find_employee("nobody") is None
    assert pings == []
