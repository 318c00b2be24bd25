"""The messages of one case: each reminder planned, sent or failing, newest first, with the
subject its party reads and how its latest delivery went. Subjects name a step, a due date and
the employee; nothing medical (the store holds none), and never a body.

Who reads which, as in the local outbox (`service.outbox`): HR and auditors every message of a
case they see; a manager, a physician or an employee only those to their own party. Like the
outbox, listing them is not recorded as a read of the case file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.errors import NotAllowedError
from domain.law_calendar import Step
from domain.reminders import Kind, Party, Reminder
from domain.roles import MAY_READ_EVERY_MESSAGE
from notifications.messages import Due, reminder_message, undeliverable_message
from service.case_file import Actor
from service.outbox import PARTY_OF_ROLE
from service.ports import (
    Delivery,
    EmployeeRecord,
    Notice,
    QueuedReminder,
    ReminderStatus,
    Store,
)
from service.visibility import require_visible


@dataclass(frozen=True)
class CaseMessage:
    planned: dt.datetime  # when it is (or was) to go out
    party: str
    subject: str
    state: str  # planned, sending, sent, retrying or failed
    last_attempt: dt.datetime | None
    error: str | None  # the latest failed delivery's one line (targets are redacted)


def case_messages(store: Store, actor: Actor, case_key: str, language: str) -> list[CaseMessage]:
    """The case's messages that `actor` may read, newest first, subjects in `language`."""
    everything = actor.role in MAY_READ_EVERY_MESSAGE
    own_party = PARTY_OF_ROLE.get(actor.role)
    if not everything and own_party is None:
        raise NotAllowedError(f"the {actor.role} role reads no messages")
    stored = store.cases.load(case_key)
    require_visible(store, actor, stored.case, stored.employee)
    latest: dict[int, Delivery] = {}
    for delivery, _ in store.reminders.deliveries_of(stored.case.id):
        latest[delivery.reminder_id] = delivery  # in the order attempted
    rows = [
        row
        for row in store.reminders.of_case(case_key)
        if everything or (own_party is not None and row.party == own_party.value)
    ]
    employee = stored.employee
    shown = [
        _shown(row, latest.get(row.id), _subject(store, row, case_key, employee, language))
        for row in rows
    ]
    return sorted(shown, key=lambda message: message.planned, reverse=True)


def _subject(
    store: Store, row: QueuedReminder, case_key: str, employee: EmployeeRecord, language: str
) -> str:
    """The subject its party reads; a notice's is about the reminder it was sent for."""

    def due(about: QueuedReminder) -> Due:
        return Due(case_key, employee.display_name, _reminder(about), employee.first_name)

    if row.kind is not Notice.UNDELIVERABLE:
        return reminder_message(due(row), language).subject
    original = store.reminders.noticed_reminder(row)
    return undeliverable_message(
        due(original), original.party, original.attempts, [], language
    ).subject


def _shown(row: QueuedReminder, last: Delivery | None, subject: str) -> CaseMessage:
    state = {
        ReminderStatus.PENDING: "retrying" if row.attempts else "planned",
        ReminderStatus.SENDING: "sending",
        ReminderStatus.SENT: "sent",
        ReminderStatus.FAILED: "failed",
        ReminderStatus.SUPERSEDED: "superseded",
    }[row.status]
    error = last.error if last is not None and not last.ok else None
    at = last.attempted_at if last is not None else None
    return CaseMessage(row.send_at, row.party, subject, state, at, error)


def _reminder(row: QueuedReminder) -> Reminder:
    kind = Kind(row.kind)
    return Reminder(row.send_at.date(), Step(row.step), row.due, kind, row.number, Party(row.party))
