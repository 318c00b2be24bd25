"""The reminder queue: claiming what is due, recording each delivery attempt, settling a round.
A reminder is claimed (with a lease) before it is sent and settled after, so a dispatcher killed
at any moment loses nothing. Each delivery attempt is its case's next numbered delivery, sealed
like a read (see `read_log.py`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, and_, exists, or_, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.dml import Update
from sqlmodel import Session, col, select

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.case_lists import schedules
from adapters.store.records import delivery, queued_reminder, stored_id
from adapters.store.store_seal import check_key
from adapters.store.tables import CaseRow, DeliveryRow, Employee, ReminderRow
from service.ports import (
    UNPLANNED,
    ClaimedReminder,
    Delivery,
    Notice,
    Planned,
    QueuedReminder,
    ReminderStatus,
)

PENDING, SENDING = ReminderStatus.PENDING.value, ReminderStatus.SENDING.value
FAILED, SUPERSEDED = ReminderStatus.FAILED.value, ReminderStatus.SUPERSEDED.value
UNDELIVERABLE = Notice.UNDELIVERABLE.value


class SqlReminderQueue:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def _session(self) -> Session:
        return Session(self._engine)

    def supersede_due(self, now: dt.datetime) -> int:
        """Settle, unsent, the reminders due at `now` that a later one is due with (`_supersede`);
        how many."""
        with self._session() as session:
            result = session.execute(_supersede(now.astimezone(dt.UTC)))
            session.commit()
            return int(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE's result has it

    def steps_of(self, case_id: int) -> list[tuple[str, dt.date]]:
        """The case's open steps as its latest write stored them, by due date."""
        with self._session() as session:
            return schedules(session, [case_id])[case_id]

    def claim_due(
        self, now: dt.datetime, limit: int, wall_clock: dt.datetime, lease: dt.timedelta
    ) -> list[ClaimedReminder]:
        """Claim up to `limit` reminders due at `now`, and any whose claim outlived `lease`
        (its dispatcher died). Concurrent dispatchers never claim the same reminder."""
        # SQLite compares the stored UTC text, so a moment in another zone must be UTC first.
        now, wall_clock = now.astimezone(dt.UTC), wall_clock.astimezone(dt.UTC)
        with self._session() as session:
            # Two index-friendly selects (status, send_at) rather than one OR that scans.
            cutoff = wall_clock - lease  # a claim made before it has outlived its lease
            expired = (
                select(ReminderRow)
                .where(col(ReminderRow.status) == SENDING, col(ReminderRow.claimed_at) < cutoff)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            claimed = list(session.exec(expired))
            pending = (
                select(ReminderRow)
                .where(col(ReminderRow.status) == PENDING, col(ReminderRow.send_at) <= now)
                .order_by(col(ReminderRow.send_at))
                .limit(limit - len(claimed))
                .with_for_update(skip_locked=True)
            )
            claimed += list(session.exec(pending))
            for reminder in claimed:
                reminder.status, reminder.claimed_at = SENDING, wall_clock
                reminder.attempts += 1
            # The records handed back are read before the commit: what this claim wrote.
            people = session.exec(
                select(CaseRow.id, CaseRow.key, Employee)
                .join(Employee)
                .where(col(CaseRow.id).in_({r.case_id for r in claimed}))
            ).all()
            by_case = {case_id: (key, person) for case_id, key, person in people}
            found = []
            for row in claimed:
                key, person = by_case[row.case_id]
                found.append(
                    ClaimedReminder(
                        queued_reminder(row),
                        key,
                        stored_id(person),
                        person.display_name,
                        person.first_name,
                    )
                )
            session.commit()
            return found

    def record_delivery(self, attempt: Delivery) -> None:
        """One attempt to one target, stored the moment it is known, as the case's next
        delivery; the case's sealed count follows (unless its seal was already broken)."""
        key = self._key
        with self._session() as session:
            check_key(session, key)
            held = select(CaseRow).where(CaseRow.id == attempt.case_id).with_for_update()
            case = session.exec(held).one()
            count, case.deliveries = case.deliveries, case.deliveries + 1
            row = vars(attempt) | {"seq": case.deliveries}
            session.add(DeliveryRow(**row, mac=key.mac(seals.delivery(row))))
            if key.checks(seals.case_deliveries(attempt.case_id, count), case.deliveries_mac):
                new_count = seals.case_deliveries(attempt.case_id, case.deliveries)
                case.deliveries_mac = key.mac(new_count)
            session.add(case)
            session.commit()

    def settle(
        self,
        reminder: QueuedReminder,
        failed: bool,
        retry_at: dt.datetime | None,
        notify_hr_at: dt.datetime | None = None,
    ) -> None:
        """Close this round: sent once every target took the reminder; otherwise retried at
        `retry_at`, or given up without one. Given up with `notify_hr_at`, a notice to HR
        about it is queued in the same transaction."""
        status = (
            (ReminderStatus.PENDING if retry_at else ReminderStatus.FAILED)
            if failed
            else ReminderStatus.SENT
        )
        values: dict[str, object] = {"status": status.value, "claimed_at": None}
        if failed and retry_at is not None:
            values["send_at"] = retry_at
        with self._session() as session:
            session.execute(
                update(ReminderRow).where(col(ReminderRow.id) == reminder.id).values(**values)
            )
            if notify_hr_at is not None:
                session.add(_notice_about(reminder, notify_hr_at))
            session.commit()

    def noticed_reminder(self, notice: QueuedReminder) -> QueuedReminder:
        """The reminder an undeliverable notice is about."""
        key = notice.key.removeprefix(f"{UNDELIVERABLE}:")
        with self._session() as session:
            query = select(ReminderRow).where(
                ReminderRow.case_id == notice.case_id, ReminderRow.key == key
            )
            return queued_reminder(session.exec(query).one())

    def deliveries_of_reminder(self, reminder_id: int) -> list[Delivery]:
        with self._session() as session:
            query = select(DeliveryRow).where(DeliveryRow.reminder_id == reminder_id)
            return [delivery(row) for row in session.exec(query.order_by(col(DeliveryRow.id)))]

    def next_pending(self) -> Planned | None:
        """The reminder that goes out first of those waiting (the index on status, send_at)."""
        with self._session() as session:
            query = (
                select(ReminderRow, CaseRow.key)
                .join(CaseRow)
                .where(col(ReminderRow.status) == PENDING)
                .order_by(col(ReminderRow.send_at), col(ReminderRow.id))
                .limit(1)
            )
            found = session.exec(query).first()
            return None if found is None else Planned(queued_reminder(found[0]), found[1])

    def of_case(self, case_key: str) -> list[QueuedReminder]:
        with self._session() as session:
            query = select(ReminderRow).join(CaseRow).where(CaseRow.key == case_key)
            ordered = query.order_by(col(ReminderRow.send_at), col(ReminderRow.key))
            return [queued_reminder(row) for row in session.exec(ordered)]

    def deliveries_of(self, case_id: int) -> list[tuple[Delivery, QueuedReminder]]:
        """Every delivery attempt for the case, with the reminder it was for."""
        with self._session() as session:
            query = select(DeliveryRow, ReminderRow).join(ReminderRow)
            query = query.where(DeliveryRow.case_id == case_id).order_by(col(DeliveryRow.id))
            return [(delivery(d), queued_reminder(r)) for d, r in session.exec(query)]

    def deliveries_of_given_up_cases(self) -> list[tuple[Delivery, ReminderStatus]]:
        """Every delivery attempt of the cases with a reminder given up, in the order made,
        with the status of the reminder it was for."""
        with self._session() as session:
            given_up = select(ReminderRow.case_id).where(
                col(ReminderRow.status) == FAILED, col(ReminderRow.kind) != UNDELIVERABLE
            )
            query = (
                select(DeliveryRow, ReminderRow.status)
                .join(ReminderRow)
                .where(col(DeliveryRow.case_id).in_(given_up))
                .order_by(col(DeliveryRow.id))
            )
            return [(delivery(d), ReminderStatus(status)) for d, status in session.exec(query)]


def _supersede(now: dt.datetime) -> Update:
    """Settle, unsent, every planned reminder due at `now` for which a later one of the same
    case, step and party is due too (after downtime only the latest goes out). A notice, a
    piece of news and a reminder being retried (its delivery failed, not its timing) are left
    alone. Settled, they never go out later."""
    planned = [kind.value for kind in UNPLANNED]
    later = aliased(ReminderRow)
    newer = exists().where(
        col(later.case_id) == col(ReminderRow.case_id),
        col(later.step) == col(ReminderRow.step),
        col(later.party) == col(ReminderRow.party),
        col(later.status) == PENDING,
        col(later.send_at) <= now,
        col(later.kind).not_in(planned),
        col(later.attempts) == 0,
        or_(
            col(later.send_at) > col(ReminderRow.send_at),
            and_(
                col(later.send_at) == col(ReminderRow.send_at), col(later.id) > col(ReminderRow.id)
            ),
        ),
    )
    return (
        update(ReminderRow)
        .where(
            col(ReminderRow.status) == PENDING,
            col(ReminderRow.send_at) <= now,
            col(ReminderRow.kind).not_in(planned),
            col(ReminderRow.attempts) == 0,
            newer,
        )
        .values(status=SUPERSEDED)
    )


def _notice_about(reminder: QueuedReminder, at: dt.datetime) -> ReminderRow:
    return ReminderRow(
        case_id=reminder.case_id,
        key=f"{UNDELIVERABLE}:{reminder.key}",
        step=reminder.step,
        due=reminder.due,
        kind=UNDELIVERABLE,
        number=0,
        party="hr",
        send_at=at,
    )
