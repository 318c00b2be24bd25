"""The keyed trail: what someone with database rights but without the key can no longer make
consistent again, each done by plain SQL and each reported by `verify` on its own line: a trail
cut short with its case row rewound, a deleted case, an edited or deleted read or delivery, a
changed employee, a changed first sick day. A write never seals over such a change."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from adapters.store.case_store import CaseStore
from adapters.store.database import open_store
from service.ports import Delivery, StoreTamperedError
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import audit_trail, open_cases, verify
from tests.store.conftest import AUDITOR, HR, NOW

CASE, OTHER = "E1042-20260105", "E2000-20260105"


@pytest.fixture
def store_with_trail(store: CaseStore) -> CaseStore:
    """Two cases; the first with three entries, two reads and two deliveries."""
    for employee in ("E1042", "E2000"):
        command = ReportSick(employee, f"Employee {employee}", {"date": "2026-01-05"})
        report_sick(store, HR, command, NOW)
    for kind, day in [("physician_notified", "2026-01-06"), ("evaluation_held", "2026-01-20")]:
        record(store, HR, RecordEvent(CASE, {"type": kind, "date": day}), NOW)
    audit_trail(store, AUDITOR, CASE, NOW)
    audit_trail(store, HR, CASE, NOW)
    case = store.cases.load(CASE).case
    reminder = store.reminders.of_case(CASE)[0]
    for ok in (False, True):
        store.reminders.record_delivery(
            Delivery(reminder.id, case.id, "hr", "outbox", "outbox.jsonl", NOW, ok, None, 1)
        )
    assert verify(store, AUDITOR) == (4, [])
    return store


def tamper(store: CaseStore, *statements: str, **values: object) -> list[str]:
    """Run `statements` (with `values` bound) as someone with database rights but without the
    key could; what `verify` says then."""
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), {"case_key": CASE, **values})
    return verify(store, AUDITOR)[1]


def case_id(store: CaseStore, key: str = CASE) -> int:
    return store.cases.load(key).case.id


def test_a_trail_cut_short_with_its_case_row_rewound_is_reported(
    store_with_trail: CaseStore,
) -> None:
    """The hash chain alone passes this: the case row's count and head hash were set to the
    entry that is now last."""
    store = store_with_trail
    second = store.cases.load(CASE).log[1]
    rewound = 'UPDATE "case" SET last_seq = 2, head_hash = :head WHERE key = :case_key'
    assert tamper(store, "DELETE FROM event_log WHERE seq = 3", rewound, head=second.hash) == [
        (
            f"case {CASE}: the head of its trail is not the one the application sealed: entries "
            "were cut from its end and the case row rewound to match, or the case row was altered"
        )
    ]


def test_a_deleted_case_is_reported(store_with_trail: CaseStore) -> None:
    deleted = (
        "DELETE FROM event_log WHERE case_id = :other",
        "DELETE FROM open_step WHERE case_id = :other",
        "DELETE FROM delivery WHERE case_id = :other",
        "DELETE FROM case_access WHERE case_id = :other",
        "DELETE FROM reminder WHERE case_id = :other",
        'DELETE FROM "case" WHERE id = :other',
    )
    assert tamper(store_with_trail, *deleted, other=case_id(store_with_trail, OTHER)) == [
        "the store's keyed count of cases is 2, but it holds 1: cases were deleted"
    ]


def test_an_edited_read_is_reported(store_with_trail: CaseStore) -> None:
    edited = "UPDATE case_access SET actor = 'someone.else' WHERE seq = 1"
    assert tamper(store_with_trail, edited) == [
        f"case {CASE}: read 1 was altered after it was recorded"
    ]


def test_a_deleted_read_is_reported(store_with_trail: CaseStore) -> None:
    assert tamper(store_with_trail, "DELETE FROM case_access WHERE seq = 1") == [
        f"case {CASE}: read 1 is missing: deleted"
    ]


def test_a_last_read_deleted_is_reported_and_so_is_its_count_lowered_to_match(
    store_with_trail: CaseStore,
) -> None:
    store = store_with_trail
    assert tamper(store, "DELETE FROM case_access WHERE seq = 2") == [
        (
            f"case {CASE}: the case records 2 reads but its read log ends at read 1: reads were "
            "removed from its end"
        )
    ]
    assert tamper(store, 'UPDATE "case" SET reads = 1 WHERE key = :case_key') == [
        f"case {CASE}: its count of reads was changed behind the application's back"
    ]


def test_an_edited_delivery_is_reported(store_with_trail: CaseStore) -> None:
    edited = "UPDATE delivery SET ok = NOT ok WHERE seq = 1"
    assert tamper(store_with_trail, edited) == [
        f"case {CASE}: delivery 1 was altered after it was recorded"
    ]


def test_a_deleted_delivery_is_reported(store_with_trail: CaseStore) -> None:
    assert tamper(store_with_trail, "DELETE FROM delivery WHERE seq = 1") == [
        f"case {CASE}: delivery 1 is missing: deleted"
    ]


def test_a_changed_employee_of_a_case_is_reported(store_with_trail: CaseStore) -> None:
    other_employee = store_with_trail.cases.load(OTHER).case.employee_id
    moved = 'UPDATE "case" SET employee_id = :other WHERE key = :case_key'
    assert tamper(store_with_trail, moved, other=other_employee) == [
        f"case {CASE}: its employee or its key was changed after it was opened"
    ]


def test_a_case_moved_to_another_employee_is_neither_shown_listed_nor_written_to(
    store_with_trail: CaseStore,
) -> None:
    """Who sees a case follows its employee: a case moved by hand would show it to the other
    employee and their manager, so it fails closed until restored."""
    other_employee = store_with_trail.cases.load(OTHER).case.employee_id
    with store_with_trail.engine.begin() as connection:
        connection.execute(
            text('UPDATE "case" SET employee_id = :other WHERE key = :case_key'),
            {"other": other_employee, "case_key": CASE},
        )
    moved = f"case {CASE} does not match its seal: its employee or its key was changed"
    with pytest.raises(StoreTamperedError, match=moved):
        store_with_trail.cases.load(CASE)
    assert [s.case_key for s in open_cases(store_with_trail, HR, NOW)] == [OTHER]
    with pytest.raises(StoreTamperedError, match=moved):
        record(
            store_with_trail,
            HR,
            RecordEvent(CASE, {"type": "recovered", "date": "2026-02-02"}),
            NOW,
        )
    assert verify(store_with_trail, AUDITOR)[1] == [
        f"case {CASE}: its employee or its key was changed after it was opened"
    ]


def test_a_changed_first_sick_day_is_reported(store_with_trail: CaseStore) -> None:
    changed = "UPDATE \"case\" SET first_sick_day = '2026-01-02' WHERE key = :case_key"
    assert tamper(store_with_trail, changed) == [
        (
            f"case {CASE}: its first sick day, status or closing day was changed behind the "
            "application's back"
        )
    ]


def test_no_entry_is_recorded_on_a_case_whose_seal_fails_so_the_change_is_never_sealed_over(
    store_with_trail: CaseStore,
) -> None:
    """Here the case was hidden from the case list by its closing day."""
    store = store_with_trail
    tamper(store, "UPDATE \"case\" SET open_until = '2026-01-10' WHERE key = :case_key")
    entries = store.cases.count_entries()
    later = RecordEvent(CASE, {"type": "evaluation_held", "date": "2026-02-20"})
    with pytest.raises(StoreTamperedError, match=f"case {CASE} does not match its seal"):
        record(store, HR, later, NOW + dt.timedelta(days=30))
    assert store.cases.count_entries() == entries
    assert len(verify(store, AUDITOR)[1]) == 1


def test_reads_on_a_case_whose_count_was_changed_are_recorded_and_it_stays_reported(
    store_with_trail: CaseStore,
) -> None:
    store = store_with_trail
    tamper(store, 'UPDATE "case" SET reads = 5 WHERE key = :case_key')
    audit_trail(store, HR, CASE, NOW)
    assert [r.purpose for r in store.reads.of_case(case_id(store))][-1] == "audit"
    assert (
        f"case {CASE}: its count of reads was changed behind the application's back"
        in (verify(store, AUDITOR)[1])
    )


def open_read_deliver(store: CaseStore, prefix: str, count: int) -> None:
    """Open `count` cases, each followed by the case list (a read of every open case, held in
    id order) and a delivery on the new case."""
    for n in range(1, count + 1):
        report_sick(store, HR, ReportSick(f"{prefix}{n}", "x", {"date": "2026-01-05"}), NOW)
        open_cases(store, HR, NOW)
        case = store.cases.load(f"{prefix}{n}-20260105").case
        reminder = store.reminders.of_case(case.key)[0]
        store.reminders.record_delivery(
            Delivery(reminder.id, case.id, "hr", "outbox", "outbox.jsonl", NOW, True, None, 1)
        )


def test_two_writers_opening_reading_and_delivering_at_once_keep_every_seal_intact(
    store: CaseStore, database_url: str
) -> None:
    """Each on its own engine (its own connections), started together: the openings count up
    under the seal row's lock, each case list holds every open case the other writes to."""
    writers, start, failed = [open_store(database_url) for _ in "AB"], threading.Barrier(2), []

    def write(own: CaseStore, prefix: str) -> None:
        start.wait()
        try:
            open_read_deliver(own, prefix, 5)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            failed.append(error)

    threads = [
        threading.Thread(target=write, args=pair) for pair in zip(writers, "AB", strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for own in writers:
        own.engine.dispose()
    assert failed == []
    assert verify(store, AUDITOR) == (10, [])
