"""Rows to the records the use cases see (`service.ports`): stored rows always have ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.hash_chain import as_utc
from adapters.store.tables import DeliveryRow, Employee, ReminderRow
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


def trusted_employee(columns: Mapping[Any, Any], key: StoreKey) -> EmployeeRecord:
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


def case_record(columns: Mapping[Any, Any]) -> CaseRecord:
    return CaseRecord(
        id=columns["id"],
        key=columns["key"],
        employee_id=columns["employee_id"],
        first_sick_day=columns["first_sick_day"],
        status=CaseStatus(columns["status"]),
        recovered_on=columns["recovered_on"],
        last_seq=columns["last_seq"],
        head_hash=columns["head_hash"],
    )


def log_entry(columns: Mapping[Any, Any]) -> LogEntry:
    """The entry of a log row, by its columns."""
    return LogEntry(
        seq=columns["seq"],
        business_date=columns["business_date"],
        type=columns["type"],
        payload=columns["payload"],
        actor=columns["actor"],
        role=columns["role"],
        recorded_at=as_utc(columns["recorded_at"]),
        idempotency_key=columns["idempotency_key"],
        prev_hash=columns["prev_hash"],
        hash=columns["hash"],
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
