"""The employee's diary: they write it, they choose who reads it (a physician or a coach), and
the employer side never sees a score. If the employee opts in, a sustained drop records an
`earlier_review_suggested` event on their case, which brings the capacity review forward and
carries no scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adapters.store.case_store import CaseStore
from adapters.store.tables import DiaryEntryRow, DiaryReadRow, Employee
from domain.diary import DiaryEntry, sustained_drop
from domain.errors import BadInputError
from domain.recovery import EARLIER_REVIEW_WITHIN
from domain.roles import MAY_BE_SHOWN_THE_DIARY, Role
from service.recording import Actor, RecordEvent, entry_of, record, today_in_amsterdam

# A suggestion stands for this long: a drop that goes on does not suggest again every day.
SUGGESTION_STANDS = 2 * EARLIER_REVIEW_WITHIN


@dataclass(frozen=True)
class Written:
    entries: int
    suggested_review_on: str | None  # the case whose review the signal brought forward


def write(store: CaseStore, actor: Actor, entry: DiaryEntry, now: dt.datetime) -> Written:
    """Store the employee's entry for its day (replacing one written earlier that day)."""
    employee = _own(store, actor, "write a diary")
    if entry.date > today_in_amsterdam(now):
        raise BadInputError(f"a diary entry for {entry.date} is in the future")
    assert employee.id is not None
    row = DiaryEntryRow(
        employee_id=employee.id,
        day=entry.date,
        energy=entry.energy,
        stress=entry.stress,
        motivation=entry.motivation,
        recorded_at=now,
    )
    store.diary.put(employee.id, row)
    entries = [_entry(r) for r in store.diary.entries(employee.id)]
    suggested = _signal(store, actor, employee, entries, now)
    return Written(len(entries), suggested)


def read(store: CaseStore, actor: Actor, employee_key: str, now: dt.datetime) -> list[DiaryEntry]:
    """The diary, for the employee or a reader they chose (whose read the employee can see);
    refused to anyone else."""
    employee = store.find_employee(employee_key)
    if employee is None or employee.id is None:
        raise BadInputError(f"no employee {employee_key!r}")
    own = actor.role is Role.EMPLOYEE and actor.name == employee.key
    shared = (actor.name, actor.role.value) in store.diary.readers(employee.id)
    if not own and not (actor.role in MAY_BE_SHOWN_THE_DIARY and shared):
        raise BadInputError(
            f"the diary of {employee_key} is theirs: only they and the physician or coach "
            "they share it with may read it (the employer side never sees its scores)"
        )
    if not own:
        read = DiaryReadRow(
            employee_id=employee.id, reader=actor.name, role=actor.role.value, read_at=now
        )
        store.diary.record_read(read)
    return [_entry(row) for row in store.diary.entries(employee.id)]


@dataclass(frozen=True)
class Sharing:
    readers: list[tuple[str, str]]  # (name, role)
    reads: list[tuple[dt.datetime, str, str]]  # (when, name, role)


def sharing(store: CaseStore, actor: Actor) -> Sharing:
    """Whom the employee shares their diary with, and every read of it by someone else."""
    employee = _own(store, actor, "see who reads a diary")
    assert employee.id is not None
    reads = [(r.read_at, r.reader, r.role) for r in store.diary.reads(employee.id)]
    return Sharing(store.diary.readers(employee.id), reads)


def share(store: CaseStore, actor: Actor, reader: str, role: Role) -> None:
    employee = _own(store, actor, "share a diary")
    if role not in MAY_BE_SHOWN_THE_DIARY:
        raise BadInputError(f"a diary is shared with a physician or a coach, not the {role} role")
    assert employee.id is not None
    store.diary.share(employee.id, reader, role.value)


def unshare(store: CaseStore, actor: Actor, reader: str) -> None:
    employee = _own(store, actor, "stop sharing a diary")
    assert employee.id is not None
    if not store.diary.unshare(employee.id, reader):
        raise BadInputError(f"the diary is not shared with {reader!r}")


def set_signal(store: CaseStore, actor: Actor, on: bool) -> None:
    employee = _own(store, actor, "choose the diary signal")
    assert employee.id is not None
    store.diary.set_signal(employee.id, on)


def _own(store: CaseStore, actor: Actor, action: str) -> Employee:
    if actor.role is not Role.EMPLOYEE:
        raise BadInputError(f"only the employee may {action}: the diary is theirs")
    employee = store.find_employee(actor.name)
    if employee is None:
        raise BadInputError(f"no employee {actor.name!r}: HR opens a case first")
    return employee


def _signal(
    store: CaseStore, actor: Actor, employee: Employee, entries: list[DiaryEntry], now: dt.datetime
) -> str | None:
    if not employee.diary_signal or not sustained_drop(entries):
        return None
    case = store.latest_case_of(employee)
    if case is None or case.row.status != "sick":
        return None
    today = today_in_amsterdam(now)
    recent = [
        e
        for e in map(entry_of, case.log)
        if e.type == "earlier_review_suggested" and today - e.date < SUGGESTION_STANDS
    ]
    if recent:
        return None
    event = {"type": "earlier_review_suggested", "date": today.isoformat()}
    record(store, actor, RecordEvent(case.row.key, event), now)
    return case.row.key


def _entry(row: DiaryEntryRow) -> DiaryEntry:
    return DiaryEntry(date=row.day, energy=row.energy, stress=row.stress, motivation=row.motivation)
