"""The reminder queue's SQL through its port, on SQLite and on PostgreSQL alike: which rows a
claim takes and in which order, the row locks that keep concurrent dispatchers apart, the
notice queued when a reminder is given up, and the order in which rows come back. PostgreSQL
hands rows back in its own order and honours FOR UPDATE SKIP LOCKED, SQLite does neither: the
dispatcher's mutation area runs this file on both (see pyproject.toml)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import delete, text
from sqlmodel import col, select

from adapters.store.case_store import CaseStore
from adapters.store.tables import DeliveryRow, ReminderRow
from service.ports import ClaimedReminder, Delivery, Notice, QueuedReminder, ReminderStatus
from service.recording import ReportSick, report_sick
from tests.store.conftest import HR

CASE, OTHER = "E1042-20260105", "E2077-20260105"
REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
WALL = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)
HANG_GUARD = 30  # seconds: only a claim that waits for a lock takes this long


def open_case(store: CaseStore, employee: str = "E1042", sick_from: str = "2026-01-05") -> str:
    """Report `employee` sick from `sick_from`, on that day; the case's key."""
    day = dt.date.fromisoformat(sick_from)
    reported = dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC)
    report_sick(
        store, HR, ReportSick(employee, f"Employee {employee}", {"date": sick_from}), reported
    )
    return f"{employee}-{day:%Y%m%d}"


@pytest.fixture
def case(store: CaseStore) -> str:
    return open_case(store)


def reminders(store: CaseStore, case: str) -> list[QueuedReminder]:
    """The case's reminders, earliest first."""
    return sorted(store.reminders.of_case(case), key=lambda r: (r.send_at, r.key))


def analyze(store: CaseStore) -> None:
    """Let the database know how small the tables are, as its routine maintenance does:
    PostgreSQL then scans a small table in stored order instead of through an index."""
    with store.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()


def keys(claimed: list[ClaimedReminder]) -> list[str]:
    return [c.reminder.key for c in claimed]


def attempt(row: QueuedReminder, ok: bool, at: dt.datetime = WALL) -> Delivery:
    return Delivery(
        reminder_id=row.id,
        case_id=row.case_id,
        party=row.party,
        channel="test",
        target="inbox",
        attempted_at=at,
        ok=ok,
        error=None if ok else "refused",
        attempt=row.attempts,
    )


def test_a_claim_skips_the_reminders_another_transaction_holds_locked(
    store: CaseStore, case: str
) -> None:
    """Two dispatchers never wait for each other: a claim passes over the rows another one has
    locked, expired claims and pending reminders alike, and takes the rest."""
    if store.engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no row locks: it lets one writer in at a time")
    first, second, third, fourth = reminders(store, case)[:4]
    store.reminders.claim_due(second.send_at, 2, WALL, LEASE)  # then its dispatcher died
    locked = [first.id, third.id]  # an expired claim and a pending reminder
    claimed: list[list[ClaimedReminder]] = []

    def claim() -> None:
        claimed.append(store.reminders.claim_due(fourth.send_at, 10, WALL + 2 * LEASE, LEASE))

    claiming = threading.Thread(target=claim)
    with store.engine.connect() as other, other.begin():
        other.execute(
            select(ReminderRow.id).where(col(ReminderRow.id).in_(locked)).with_for_update()
        )
        claiming.start()
        claiming.join(HANG_GUARD)  # a claim that waits for the lock goes on once it is released
    claiming.join(HANG_GUARD)
    assert [keys(c) for c in claimed] == [[second.key, fourth.key]]


def test_pending_reminders_are_claimed_earliest_due_first_across_cases(store: CaseStore) -> None:
    """The case stored first does not go first: what has been due longest goes out first,
    also once the database reads the table in stored order."""
    later = open_case(store, "E2077", sick_from="2026-01-19")
    earlier = open_case(store, "E1042", sick_from="2026-01-05")
    analyze(store)
    now = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
    due = sorted(
        (r.send_at, r.key) for case in (later, earlier) for r in store.reminders.of_case(case)
    )
    claimed = store.reminders.claim_due(now, 3, WALL, LEASE)
    assert [(c.case_key, c.reminder.send_at, c.reminder.key) for c in claimed] == [
        (earlier, send_at, key) for send_at, key in due[:3]
    ]


def test_a_reminder_settled_as_sent_is_never_claimed_again_after_the_lease(
    store: CaseStore, case: str
) -> None:
    first = reminders(store, case)[0]
    (claimed,) = store.reminders.claim_due(first.send_at, 1, WALL, LEASE)
    store.reminders.settle(claimed.reminder, failed=False, retry_at=None)
    assert store.reminders.claim_due(first.send_at, 10, WALL + 2 * LEASE, LEASE) == []


def test_the_next_pending_reminder_is_the_first_to_go_out_until_it_is_claimed(
    store: CaseStore, case: str
) -> None:
    """`next_pending` is the waiting reminder with the earliest send time, with its case; once
    claimed, the one after it."""
    first, second = reminders(store, case)[:2]
    planned = store.reminders.next_pending()
    assert planned is not None
    assert (planned.reminder.id, planned.case_key) == (first.id, case)
    store.reminders.claim_due(first.send_at, 1, WALL, LEASE)
    planned = store.reminders.next_pending()
    assert planned is not None
    assert planned.reminder.id == second.id


def test_giving_a_reminder_up_queues_one_notice_to_hr_about_it_due_at_once(
    store: CaseStore, case: str
) -> None:
    first = reminders(store, case)[0]
    (claimed,) = store.reminders.claim_due(first.send_at, 1, WALL, LEASE)
    at = first.send_at + dt.timedelta(minutes=1)
    store.reminders.settle(claimed.reminder, failed=True, retry_at=None, notify_hr_at=at)
    [notice] = [r for r in store.reminders.of_case(case) if r.kind is Notice.UNDELIVERABLE]
    assert notice == QueuedReminder(
        id=notice.id,
        case_id=first.case_id,
        key=f"undeliverable:{first.key}",
        step=first.step,
        due=first.due,
        kind=Notice.UNDELIVERABLE,
        number=0,
        party="hr",
        send_at=at,
        status=ReminderStatus.PENDING,
        attempts=0,
    )
    assert store.reminders.noticed_reminder(notice).key == first.key
    assert store.reminders.claim_due(at - dt.timedelta(seconds=1), 10, WALL, LEASE) == []
    assert keys(store.reminders.claim_due(at, 10, WALL, LEASE)) == [notice.key]


def test_a_notice_is_about_the_reminder_of_its_own_case(store: CaseStore) -> None:
    """Cases opened on the same day plan reminders with the same keys."""
    cases = [open_case(store, "E1042"), open_case(store, "E2077")]
    first = reminders(store, cases[0])[0].send_at
    for claimed in store.reminders.claim_due(first, 10, WALL, LEASE):
        store.reminders.settle(claimed.reminder, failed=True, retry_at=None, notify_hr_at=first)
    for case in cases:
        [notice] = [r for r in store.reminders.of_case(case) if r.kind is Notice.UNDELIVERABLE]
        about = store.reminders.noticed_reminder(notice)
        assert (about.case_id, about.status) == (notice.case_id, ReminderStatus.FAILED)


def test_a_cases_reminders_are_listed_by_send_time_then_by_key(store: CaseStore, case: str) -> None:
    """A retry can move a reminder next to one stored after it that sorts before it."""
    planned = reminders(store, case)
    consult = next(r for r in planned if r.key.startswith("physician_consult:"))
    later = next(r for r in planned if r.send_at > consult.send_at and r.key < consult.key)
    for claimed in store.reminders.claim_due(consult.send_at, 10, WALL, LEASE):
        moved = claimed.reminder.id == consult.id
        store.reminders.settle(claimed.reminder, moved, later.send_at if moved else None)
    listed = [(r.send_at, r.key) for r in store.reminders.of_case(case)]
    assert listed == sorted(listed)
    assert (later.send_at, consult.key) in listed


def test_a_cases_deliveries_come_back_in_the_order_they_were_made(
    store: CaseStore, case: str
) -> None:
    first, second = reminders(store, case)[:2]
    claimed = [c.reminder for c in store.reminders.claim_due(second.send_at, 2, WALL, LEASE)]
    made = [attempt(claimed[0], ok=False), attempt(claimed[1], ok=True)]
    made.append(attempt(claimed[0], ok=True, at=WALL + LEASE))
    for delivery in made:
        store.reminders.record_delivery(delivery)
    analyze(store)
    trail = store.reminders.deliveries_of(first.case_id)
    assert [(d, r.key) for d, r in trail] == [
        (made[0], first.key),
        (made[1], second.key),
        (made[2], first.key),
    ]
    assert store.reminders.deliveries_of_reminder(first.id) == [made[0], made[2]]


def test_a_reminders_deliveries_come_back_in_the_order_made_wherever_they_are_stored(
    store: CaseStore, case: str
) -> None:
    """PostgreSQL stores a new row wherever it finds room, here in the room of a deleted one
    (concurrent dispatchers get the same from the pages added for each other): a later
    attempt can lie before an earlier one."""
    second = reminders(store, case)[1]
    mine, other = (c.reminder for c in store.reminders.claim_due(second.send_at, 2, WALL, LEASE))
    made = [attempt(other, ok=False), attempt(mine, ok=False)]
    for delivery in made:
        store.reminders.record_delivery(delivery)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(delete(DeliveryRow).where(col(DeliveryRow.reminder_id) == other.id))
        if store.engine.dialect.name == "postgresql":
            connection.execute(text("VACUUM delivery"))  # its room free for the next row
    made.append(attempt(mine, ok=True, at=WALL + LEASE))
    store.reminders.record_delivery(made[-1])
    assert store.reminders.deliveries_of_reminder(mine.id) == made[1:]


def test_only_the_cases_with_a_reminder_given_up_have_their_deliveries_listed_as_such(
    store: CaseStore,
) -> None:
    """A case whose reminder is only being retried is not among them; a given-up case comes
    with every attempt, in the order made, each with its reminder's status."""
    retrying, given_up = open_case(store, "E1042"), open_case(store, "E2077")
    first = reminders(store, retrying)[0].send_at
    claimed = {c.case_key: c.reminder for c in store.reminders.claim_due(first, 10, WALL, LEASE)}
    made = [
        attempt(claimed[given_up], ok=False),
        attempt(claimed[retrying], ok=False),
        attempt(claimed[given_up], ok=False, at=WALL + LEASE),
    ]
    for delivery in made:
        store.reminders.record_delivery(delivery)
    store.reminders.settle(claimed[retrying], failed=True, retry_at=first + LEASE)
    store.reminders.settle(claimed[given_up], failed=True, retry_at=None)
    analyze(store)
    assert store.reminders.deliveries_of_given_up_cases() == [
        (made[0], ReminderStatus.FAILED),
        (made[2], ReminderStatus.FAILED),
    ]
