"""The SQL adapter of the web console's sessions, on SQLite and PostgreSQL: a session found by
its digest, seen, ended, the others of an account ended; failures counted per login digest."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from adapters.store.case_store import CaseStore
from service.review import verify
from tests.organisation import AUDITOR, HR, MANAGER
from tests.store.conftest import NOW


def test_sessions_are_found_touched_and_ended_by_digest(store: CaseStore) -> None:
    anna = store.directory.account(HR.name).id
    later = NOW + dt.timedelta(minutes=5)
    for digest in ("a" * 64, "b" * 64, "c" * 64):
        store.sessions.add(digest, anna, NOW)
    store.sessions.add("d" * 64, store.directory.account(MANAGER.name).id, NOW)
    store.sessions.touch("a" * 64, later)
    found = store.sessions.find("a" * 64)
    assert found is not None
    assert (found.account_id, found.created_at, found.last_seen_at) == (anna, NOW, later)
    assert store.sessions.find("e" * 64) is None
    store.sessions.end("b" * 64)
    assert store.sessions.end_others(anna, keep_digest="a" * 64) == 1  # c only: b had ended
    assert [store.sessions.find(d * 64).ended for d in "abcd"] == [False, True, True, False]  # type: ignore[union-attr]


def test_failures_are_counted_per_login_since_a_moment_and_cleared(store: CaseStore) -> None:
    for minutes in (0, 10, 20):
        store.sessions.record_failure("f" * 64, NOW + dt.timedelta(minutes=minutes))
    store.sessions.record_failure("g" * 64, NOW)
    since = NOW + dt.timedelta(minutes=10)
    assert store.sessions.failures("f" * 64, since) == [since, NOW + dt.timedelta(minutes=20)]
    store.sessions.clear_failures("f" * 64)
    assert store.sessions.failures("f" * 64, NOW) == []
    assert store.sessions.failures("g" * 64, NOW) == [NOW]


def test_a_session_written_in_or_revived_by_hand_is_not_found_and_verify_names_it(
    store: CaseStore,
) -> None:
    """Someone with database rights but not the key cannot make a session of their own: the
    row's seal covers its digest, account, start and whether it ended."""
    anna = store.directory.account(HR.name).id
    store.sessions.add("a" * 64, anna, NOW)
    store.sessions.end("a" * 64)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE web_session SET ended = false"))
        connection.execute(
            text(
                "INSERT INTO web_session (digest, account_id, created_at, last_seen_at, ended, "
                "mac) VALUES (:digest, :anna, :now, :now, false, '')"
            ),
            {"digest": "b" * 64, "anna": anna, "now": NOW},
        )
    assert (store.sessions.find("a" * 64), store.sessions.find("b" * 64)) == (None, None)
    behind = "was written in or revived behind the application's back"
    assert verify(store, AUDITOR)[1] == [
        f"web session 1 of 'anna.hr' {behind}",
        f"web session 2 of 'anna.hr' {behind}",
    ]
