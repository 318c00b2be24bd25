"""Rows to the records the use cases see (`service.ports`): stored rows always have ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.hash_chain import as_utc
from adapters.store.tables import CaseRow, DeliveryRow, Employee, EventLogRow, ReminderRow
from domain.reminders import Kind
from service.ports import (
    CaseRecord,
    CaseStatus,
    Delivery,
    EmployeeRecord,
    LogEntry,
    Notice,
    QueuedReminder,
    QueueKind,
    ReminderStatus,
)


def stored_id(row: object) -> int:
    row_id = getattr(row, "id", None)
    assert isinstance(row_id, int), f"{type(row).__name__} was not stored yet"
    return row_id


def employee_record(row: Employee, key: StoreKey) -> EmployeeRecord:
    return trusted_employee(row.model_dump(), key)


def trusted_employee(columns: Mapping[str, Any], key: StoreKey) -> EmployeeRecord:
    """The employee of these columns. Relations whose seal fails grant nothing: no manager
    sees them and no account is theirs (`verify` reports the broken seal)."""
    intact = relations_intact(columns, key)
    return EmployeeRecord(
        columns["id"],
        columns["key"],
        columns["display_name"],
        columns["version"],
        columns["diary_signal"],
        columns["manager_id"] if intact else None,
        columns["account_id"] if intact else None,
        columns["first_name"],
    )


def relations_intact(columns: Mapping[str, Any], key: StoreKey) -> bool:
    return key.checks(seals.employee_relations(columns), columns["relations_mac"])


def seal_relations(row: Employee, key: StoreKey) -> None:
    """Seal the employee's relations as they are now (after a flush: the seal covers the id)."""
    row.relations_mac = key.mac(seals.employee_relations(row.model_dump()))


def case_record(row: CaseRow) -> CaseRecord:
    return CaseRecord(
        id=stored_id(row),
        key=row.key,
        employee_id=row.employee_id,
        first_sick_day=row.first_sick_day,
        status=CaseStatus(row.status),
        recovered_on=row.recovered_on,
        last_seq=row.last_seq,
        head_hash=row.head_hash,
    )


def log_entry(row: EventLogRow) -> LogEntry:
    return LogEntry(
        seq=row.seq,
        business_date=row.business_date,
        type=row.type,
        payload=row.payload,
        actor=row.actor,
        role=row.role,
        recorded_at=as_utc(row.recorded_at),
        idempotency_key=row.idempotency_key,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def queue_kind(value: str) -> QueueKind:
    return Notice(value) if value in tuple(Notice) else Kind(value)


def queued_reminder(row: ReminderRow) -> QueuedReminder:
    return QueuedReminder(
        id=stored_id(row),
        case_id=row.case_id,
        key=row.key,
        step=row.step,
        due=row.due,
        kind=queue_kind(row.kind),
        number=row.number,
        party=row.party,
        send_at=as_utc(row.send_at),
        status=ReminderStatus(row.status),
        attempts=row.attempts,
    )


def delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        reminder_id=row.reminder_id,
        case_id=row.case_id,
        party=row.party,
        channel=row.channel,
        target=row.target,
        attempted_at=as_utc(row.attempted_at),
        ok=row.ok,
        error=row.error,
        attempt=row.attempt,
    )
