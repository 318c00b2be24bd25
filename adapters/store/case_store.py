"""Reading and appending case records. Every write is one transaction: all of it or nothing.

Writers use optimistic concurrency: a write names the version (`last_seq`) it was decided on and
succeeds only if the case is still at that version; otherwise it raises `CaseChangedError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine, delete, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from adapters.store.diary_store import DiaryStore
from adapters.store.hash_chain import GENESIS, entry_hash
from adapters.store.tables import (
    CaseAccessRow,
    CaseRow,
    ContactRoute,
    DeliveryRow,
    Employee,
    EventLogRow,
    OpenStepRow,
    ReminderRow,
)
from domain.errors import ConflictError, NotFoundError
from domain.reminders import DEFAULT_LANGUAGE, Kind


class CaseChangedError(ConflictError):
    """Someone else wrote to the case (or opened one for the employee) since it was loaded."""


@dataclass(frozen=True)
class StoredCase:
    row: CaseRow
    employee: Employee
    log: list[EventLogRow]


@dataclass(frozen=True)
class PlannedReminder:
    key: str
    send_at: dt.datetime
    step: str
    due: dt.date
    kind: str
    number: int
    party: str


@dataclass(frozen=True)
class CaseUpdate:
    """What a write sets besides appending its entry: the state, the schedule of open steps,
    and the reminders. Pending reminders whose key left `plan_keys` are dropped; of `reminders`,
    those the case never had are added."""

    first_sick_day: dt.date
    status: str
    recovered_on: dt.date | None
    steps: Sequence[tuple[str, dt.date]]
    reminders: Sequence[PlannedReminder] = ()
    plan_keys: frozenset[str] = frozenset()


UNDELIVERABLE = "undeliverable"  # the kind of a notice to HR about a reminder given up
# Kinds that no plan makes, so re-planning never drops them: notices, and news (a setback).
UNPLANNED = (UNDELIVERABLE, Kind.NEWS.value)


class Contact(NamedTuple):
    party: str
    url: str  # an Apprise URL: holds secrets
    language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class ClaimedReminder:
    reminder: ReminderRow
    case_key: str
    employee_id: int
    display_name: str


@dataclass(frozen=True)
class NewEntry:
    business_date: dt.date
    type: str
    payload: str
    actor: str
    role: str
    recorded_at: dt.datetime
    idempotency_key: str | None


class CaseStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.diary = DiaryStore(engine)  # the employee's own: never part of a case's log

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def find_employee(self, key: str) -> Employee | None:
        with self._session() as session:
            return session.exec(select(Employee).where(Employee.key == key)).first()

    def load(self, case_key: str) -> StoredCase:
        with self._session() as session:
            row = session.exec(select(CaseRow).where(CaseRow.key == case_key)).first()
            if row is None:
                raise NotFoundError(f"no case {case_key!r}")
            return self._stored(session, row)

    def latest_case_of(self, employee: Employee) -> StoredCase | None:
        with self._session() as session:
            latest = select(CaseRow).where(CaseRow.employee_id == employee.id)
            row = session.exec(latest.order_by(col(CaseRow.id).desc())).first()
            return None if row is None else self._stored(session, row)

    def find_by_idempotency_key(self, key: str) -> tuple[str, EventLogRow] | None:
        with self._session() as session:
            query = select(CaseRow.key, EventLogRow).join(CaseRow)
            found = session.exec(query.where(EventLogRow.idempotency_key == key)).first()
            return None if found is None else (found[0], found[1])

    def append(self, case: StoredCase, entry: NewEntry, change: CaseUpdate) -> EventLogRow:
        """Append `entry` to `case` if the case is still at the version it was loaded at."""
        with self._session() as session, _conflicts_as(case.row.key):
            row = self._chain(case.row, entry)
            moved = session.execute(
                update(CaseRow)
                .where(col(CaseRow.id) == case.row.id, col(CaseRow.last_seq) == case.row.last_seq)
                .values(
                    last_seq=row.seq,
                    head_hash=row.hash,
                    first_sick_day=change.first_sick_day,
                    status=change.status,
                    recovered_on=change.recovered_on,
                )
            )
            if moved.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
                raise CaseChangedError(_changed(case.row.key))
            self._write(session, row, change)
            session.commit()
            return row

    def open_case(
        self,
        employee: Employee,
        case_key: str,
        entry: NewEntry,
        change: CaseUpdate,
        routes: Sequence[Contact] = (),
    ) -> EventLogRow:
        """Open a case for `employee` (created if new) if no one else opened one meanwhile."""
        with self._session() as session, _conflicts_as(case_key):
            if employee.id is None:
                session.add(employee)
                session.flush()
            else:
                bumped = session.execute(
                    update(Employee)
                    .where(
                        col(Employee.id) == employee.id, col(Employee.version) == employee.version
                    )
                    .values(version=employee.version + 1)
                )
                if bumped.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
                    raise CaseChangedError(f"a case was just opened for {employee.key}; reload")
            assert employee.id is not None  # flushed or loaded above
            session.add_all(ContactRoute(employee_id=employee.id, **r._asdict()) for r in routes)
            case = CaseRow(
                key=case_key,
                employee_id=employee.id,
                first_sick_day=change.first_sick_day,
                status=change.status,
            )
            session.add(case)
            session.flush()
            row = self._chain(case, entry)
            case.last_seq, case.head_hash = row.seq, row.hash
            self._write(session, row, change)
            session.commit()
            return row

    def add_contacts(self, employee_key: str, routes: Sequence[Contact]) -> None:
        """Add contact routes to an existing employee; routes they already have are skipped."""
        with self._session() as session:
            employee = session.exec(select(Employee).where(Employee.key == employee_key)).one()
            known = set(
                session.exec(
                    select(ContactRoute.party, ContactRoute.url).where(
                        ContactRoute.employee_id == employee.id
                    )
                )
            )
            assert employee.id is not None
            session.add_all(
                ContactRoute(employee_id=employee.id, **r._asdict())
                for r in routes
                if (r.party, r.url) not in known
            )
            session.commit()

    def record_reads(
        self, case_ids: Sequence[int], actor: str, role: str, purpose: str, at: dt.datetime
    ) -> None:
        with self._session() as session:
            session.add_all(
                CaseAccessRow(
                    case_id=case_id, actor=actor, role=role, accessed_at=at, purpose=purpose
                )
                for case_id in case_ids
            )
            session.commit()

    def reads_of(self, case_id: int) -> list[CaseAccessRow]:
        with self._session() as session:
            query = select(CaseAccessRow).where(CaseAccessRow.case_id == case_id)
            return list(session.exec(query.order_by(col(CaseAccessRow.id))))

    def open_cases(self) -> list[tuple[CaseRow, Employee, list[OpenStepRow]]]:
        """Cases not closed, with their schedules, by employee then case."""
        with self._session() as session:
            query = select(CaseRow, Employee).join(Employee).where(CaseRow.status != "closed")
            rows = session.exec(query.order_by(col(Employee.key), col(CaseRow.id))).all()
            steps: dict[int | None, list[OpenStepRow]] = {row.id: [] for row, _ in rows}
            schedule = select(OpenStepRow).where(col(OpenStepRow.case_id).in_(list(steps)))
            for step in session.exec(
                schedule.order_by(col(OpenStepRow.due), col(OpenStepRow.step))
            ):
                steps[step.case_id].append(step)
            return [(row, employee, steps[row.id]) for row, employee in rows]

    def all_cases(self) -> Iterator[StoredCase]:
        with self._session() as session:
            for row in session.exec(select(CaseRow).order_by(col(CaseRow.id))):
                yield self._stored(session, row)

    def count_entries(self) -> int:
        with self._session() as session:
            return session.exec(select(func.count()).select_from(EventLogRow)).one()

    def _stored(self, session: Session, row: CaseRow) -> StoredCase:
        employee = session.get_one(Employee, row.employee_id)
        log = session.exec(
            select(EventLogRow).where(EventLogRow.case_id == row.id).order_by(col(EventLogRow.seq))
        )
        return StoredCase(row, employee, list(log))

    @staticmethod
    def _chain(case: CaseRow, entry: NewEntry) -> EventLogRow:
        assert case.id is not None  # cases are flushed before entries are chained to them
        row = EventLogRow(
            case_id=case.id,
            seq=case.last_seq + 1,
            prev_hash=case.head_hash or GENESIS,
            hash="",
            business_date=entry.business_date,
            type=entry.type,
            payload=entry.payload,
            actor=entry.actor,
            role=entry.role,
            recorded_at=entry.recorded_at,
            idempotency_key=entry.idempotency_key,
        )
        row.hash = entry_hash(case.key, row)
        return row

    @staticmethod
    def _write(session: Session, row: EventLogRow, change: CaseUpdate) -> None:
        session.add(row)
        session.execute(delete(OpenStepRow).where(col(OpenStepRow.case_id) == row.case_id))
        if change.steps:
            session.execute(
                insert(OpenStepRow),
                [{"case_id": row.case_id, "step": step, "due": due} for step, due in change.steps],
            )
        session.execute(
            delete(ReminderRow).where(
                col(ReminderRow.case_id) == row.case_id,
                col(ReminderRow.status) == "pending",
                col(ReminderRow.kind).not_in(UNPLANNED),
                col(ReminderRow.key).not_in(change.plan_keys),
            )
        )
        known = set(session.exec(select(ReminderRow.key).where(ReminderRow.case_id == row.case_id)))
        new = [vars(r) | {"case_id": row.case_id} for r in change.reminders if r.key not in known]
        if new:
            session.execute(
                insert(ReminderRow), [r | {"status": "pending", "attempts": 0} for r in new]
            )
        session.flush()

    # The reminder queue -------------------------------------------------------------------

    def claim_due(
        self, now: dt.datetime, limit: int, wall_clock: dt.datetime, lease: dt.timedelta
    ) -> list[ClaimedReminder]:
        """Claim up to `limit` reminders due at `now`, and any whose claim outlived `lease`
        (its dispatcher died). Concurrent dispatchers never claim the same reminder."""
        with self._session() as session:
            # Two index-friendly selects (status, send_at) rather than one OR that scans.
            expired = (
                select(ReminderRow)
                .where(
                    col(ReminderRow.status) == "sending",
                    col(ReminderRow.claimed_at) < wall_clock - lease,
                )
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            claimed = list(session.exec(expired))
            pending = (
                select(ReminderRow)
                .where(col(ReminderRow.status) == "pending", col(ReminderRow.send_at) <= now)
                .order_by(col(ReminderRow.send_at))
                .limit(limit - len(claimed))
                .with_for_update(skip_locked=True)
            )
            claimed += list(session.exec(pending)) if len(claimed) < limit else []
            for reminder in claimed:
                reminder.status, reminder.claimed_at = "sending", wall_clock
                reminder.attempts += 1
            session.commit()
            cases = {r.case_id for r in claimed}
            people = session.exec(
                select(CaseRow.id, CaseRow.key, Employee.id, Employee.display_name)
                .join(Employee)
                .where(col(CaseRow.id).in_(cases))
            ).all()
            by_case = {case_id: (key, eid, name) for case_id, key, eid, name in people}
            # Stored rows always have ids; the row type says int | None for rows not yet stored.
            return [ClaimedReminder(r, *by_case[r.case_id]) for r in claimed]  # type: ignore[arg-type]

    def record_delivery(self, delivery: DeliveryRow) -> None:
        """One attempt to one target, stored the moment it is known."""
        with self._session() as session:
            session.add(delivery)
            session.commit()

    def settle(
        self,
        reminder: ReminderRow,
        failed: bool,
        retry_at: dt.datetime | None,
        notify_hr_at: dt.datetime | None = None,
    ) -> None:
        """Close this round: sent once every target took the reminder; otherwise retried at
        `retry_at`, or given up without one. Given up with `notify_hr_at`, a notice to HR
        about it is queued in the same transaction."""
        status = ("pending" if retry_at else "failed") if failed else "sent"
        values: dict[str, object] = {"status": status, "claimed_at": None}
        if failed and retry_at is not None:
            values["send_at"] = retry_at
        with self._session() as session:
            session.execute(
                update(ReminderRow).where(col(ReminderRow.id) == reminder.id).values(**values)
            )
            if notify_hr_at is not None:
                session.add(_notice_about(reminder, notify_hr_at))
            session.commit()

    def noticed_reminder(self, notice: ReminderRow) -> ReminderRow:
        """The reminder an undeliverable notice is about."""
        key = notice.key.removeprefix(f"{UNDELIVERABLE}:")
        with self._session() as session:
            query = select(ReminderRow).where(
                ReminderRow.case_id == notice.case_id, ReminderRow.key == key
            )
            return session.exec(query).one()

    def failed_deliveries(self, reminder_id: int) -> list[DeliveryRow]:
        """The latest failed attempt to each target that never took this reminder."""
        with self._session() as session:
            query = select(DeliveryRow).where(DeliveryRow.reminder_id == reminder_id)
            latest: dict[str, DeliveryRow] = {}
            for delivery in session.exec(query.order_by(col(DeliveryRow.id))):
                latest[delivery.target] = delivery
            return [d for d in latest.values() if not d.ok]

    def failing_targets(self) -> dict[int, list[DeliveryRow]]:
        """Per case, the targets that a given-up reminder could not reach and that nothing has
        reached since: what `cases` shows until the route works again, or until a later
        reminder to the same party went out without trying it (the route was replaced)."""
        with self._session() as session:
            given_up = select(ReminderRow.case_id).where(
                col(ReminderRow.status) == "failed", col(ReminderRow.kind) != UNDELIVERABLE
            )
            query = (
                select(DeliveryRow, ReminderRow.status)
                .join(ReminderRow)
                .where(col(DeliveryRow.case_id).in_(given_up))
                .order_by(col(DeliveryRow.id))
            )
            rows = list(session.exec(query))
            tried: dict[tuple[int, int], set[str]] = {}  # per round of a reminder
            for delivery, _ in rows:
                tried.setdefault((delivery.reminder_id, delivery.attempt), set()).add(
                    delivery.target
                )
            failing: dict[int, dict[tuple[str, str], DeliveryRow]] = {}
            for delivery, status in rows:
                targets = failing.setdefault(delivery.case_id, {})
                if delivery.ok and status == "sent":
                    for party, target in list(targets):
                        round_ = (delivery.reminder_id, delivery.attempt)
                        if party == delivery.party and target not in tried[round_]:
                            del targets[party, target]  # replaced: no longer tried
                if delivery.ok:
                    targets.pop((delivery.party, delivery.target), None)
                elif status == "failed":
                    targets[delivery.party, delivery.target] = delivery
            return {case: list(t.values()) for case, t in failing.items() if t}

    def delivered_targets(self, reminder_id: int) -> set[str]:
        """The targets that already took this reminder: a retry skips them."""
        with self._session() as session:
            query = select(DeliveryRow.target).where(
                DeliveryRow.reminder_id == reminder_id, col(DeliveryRow.ok).is_(True)
            )
            return set(session.exec(query))

    def contacts_of(self, employee_id: int) -> list[ContactRoute]:
        with self._session() as session:
            query = select(ContactRoute).where(ContactRoute.employee_id == employee_id)
            return list(session.exec(query.order_by(col(ContactRoute.id))))

    def remove_contact(self, employee_id: int, route_id: int) -> bool:
        with self._session() as session:
            removed = session.execute(
                delete(ContactRoute).where(
                    col(ContactRoute.employee_id) == employee_id, col(ContactRoute.id) == route_id
                )
            )
            session.commit()
            return bool(removed.rowcount)  # type: ignore[attr-defined]  # CursorResult of a DELETE

    def contact_routes(self, employee_id: int, party: str) -> list[tuple[str, str]]:
        """The employee's own routes for one party of their case: (Apprise URL, language).
        The URLs hold secrets."""
        with self._session() as session:
            query = select(ContactRoute.url, ContactRoute.language).where(
                ContactRoute.employee_id == employee_id, ContactRoute.party == party
            )
            return [
                (url, language)
                for url, language in session.exec(query.order_by(col(ContactRoute.id)))
            ]

    def has_due(self, now: dt.datetime) -> bool:
        """Whether any reminder is waiting to go out at `now`."""
        with self._session() as session:
            due = select(ReminderRow.id).where(
                col(ReminderRow.status) == "pending", col(ReminderRow.send_at) <= now
            )
            return session.exec(due.limit(1)).first() is not None

    def reminders_of(self, case_key: str) -> list[ReminderRow]:
        with self._session() as session:
            query = select(ReminderRow).join(CaseRow).where(CaseRow.key == case_key)
            return list(
                session.exec(query.order_by(col(ReminderRow.send_at), col(ReminderRow.key)))
            )

    def deliveries_of(self, case_id: int) -> list[tuple[DeliveryRow, ReminderRow]]:
        """Every delivery attempt for the case, with the reminder it was for."""
        with self._session() as session:
            query = select(DeliveryRow, ReminderRow).join(ReminderRow)
            query = query.where(DeliveryRow.case_id == case_id).order_by(col(DeliveryRow.id))
            return [(delivery, reminder) for delivery, reminder in session.exec(query)]


@contextmanager
def _conflicts_as(case_key: str) -> Iterator[None]:
    """Turn a unique-key race (two writers, one slot) into the same clear `CaseChangedError`."""
    try:
        yield
    except IntegrityError:
        raise CaseChangedError(_changed(case_key)) from None


def _changed(case_key: str) -> str:
    return f"case {case_key} changed since it was loaded; reload it and try again"


def _notice_about(reminder: ReminderRow, at: dt.datetime) -> ReminderRow:
    return ReminderRow(
        case_id=reminder.case_id,
        key=f"{UNDELIVERABLE}:{reminder.key}",
        step=reminder.step,
        due=reminder.due,
        kind=UNDELIVERABLE,
        number=0,
        party="hr",
        send_at=at,
        status="pending",
        attempts=0,
    )
