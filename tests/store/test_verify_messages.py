"""What `verify` says about a broken chain, to the letter: which entries are missing, which
entry no longer follows the one before, and a case row that does not end where its trail ends."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from adapters.store.case_store import CaseStore
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import verify
from tests.store.conftest import AUDITOR, HR

CASE = "E1042-20260105"
NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)


def three_entries(store: CaseStore) -> None:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    for kind, day in [("physician_notified", "2026-01-06"), ("evaluation_held", "2026-01-20")]:
        record(store, HR, RecordEvent(CASE, {"type": kind, "date": day}), NOW)


def tamper(store: CaseStore, statement: str) -> list[str]:
    with store.engine.begin() as connection:
        connection.execute(text(statement))
    return verify(store, AUDITOR)[1]


def test_a_removed_middle_entry_is_named_as_missing(store: CaseStore) -> None:
    three_entries(store)
    assert tamper(store, "DELETE FROM event_log WHERE seq = 2") == [
        f"case {CASE}: entries 2..2 are missing"
    ]


def test_a_removed_last_entry_leaves_the_case_row_ahead_of_its_trail(store: CaseStore) -> None:
    three_entries(store)
    assert tamper(store, "DELETE FROM event_log WHERE seq = 3") == [
        (
            f"case {CASE}: the case records 3 entries but its trail ends at entry 2: entries "
            "were removed or the case row was altered"
        )
    ]


def test_a_case_head_changed_alone_is_reported(store: CaseStore) -> None:
    """The head hash is checked on its own, not only together with the entry count, and the
    keyed seal of the trail's head no longer matches either."""
    three_entries(store)
    problems = tamper(store, "UPDATE \"case\" SET head_hash = 'x'")
    assert problems == [
        (
            f"case {CASE}: the case records 3 entries but its trail ends at entry 3: entries "
            "were removed or the case row was altered"
        ),
        (
            f"case {CASE}: the head of its trail is not the one the application sealed: entries "
            "were cut from its end and the case row rewound to match, or the case row was altered"
        ),
    ]


def test_an_entry_that_no_longer_follows_the_one_before_is_named(store: CaseStore) -> None:
    three_entries(store)
    problems = tamper(store, "UPDATE event_log SET prev_hash = 'x' WHERE seq = 2")
    assert problems == [
        f"case {CASE}: entry 2 does not follow the entry before",
        f"case {CASE}: entry 2 was altered after it was recorded",
    ]
