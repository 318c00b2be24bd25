"""A PostgreSQL connection is checked before use only once it sat idle in the pool: one the
server closed meanwhile is replaced, not handed out to fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from adapters.store import database
from tests.store.conftest import new_database_url, sealed_store


def _close_connections_from_the_server(url: str) -> int:
    """What a restarted or failed-over server does: every other session of the database ends."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return int(ended)


def test_a_pooled_connection_the_server_closed_is_replaced_once_idle(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the idle time (here none), the pool pings a connection before handing it out, and
    replaces it if the server has closed it: the next read works as if nothing happened."""
    url = new_database_url(request, "postgresql", Path())
    store = sealed_store(url)
    try:
        assert store.cases.find_employee("nobody") is None  # a connection, back in the pool
        assert _close_connections_from_the_server(url) >= 1
        monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)
        assert store.cases.find_employee("nobody") is None
    finally:
        store.engine.dispose()
