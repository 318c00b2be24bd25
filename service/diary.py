"""The employee's diary: they write it, they choose who reads it (a physician or a coach), and
the employer side never sees a score. If the employee opts in, a sustained drop records an
`earlier_review_suggested` event on their case, which brings the capacity review forward and
carries no scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from adapters.amsterdam_time import today_in_amsterdam
from domain.diary import DiaryEntry, sustained_drop
from domain.errors import BadInputError, NotAllowedError, NotFoundError, in_one_line, quoted, shown
from domain.recovery import EARLIER_REVIEW_WITHIN
from domain.roles import MAY_BE_SHOWN_THE_DIARY, Role
from service.case_file import Actor, entry_of
from service.ports import CaseStatus, DiaryRead, EmployeeRecord, Store
from service.recording import RecordEvent, record
from service.visibility import sees_employee

# A suggestion stands for this long: a drop that goes on does not suggest again every day.
SUGGESTION_STANDS = 2 * EARLIER_REVIEW_WITHIN
SCORES = ("energy", "stress", "motivation")


def parse_diary_entry(raw: Mapping[str, object]) -> DiaryEntry:
    """A diary entry from JSON-like data: a date and three whole scores from 1 to 10."""
    try:
        return DiaryEntry.model_validate(raw)
    except ValidationError as error:
        raise BadInputError(in_one_line(error.errors(), _explain)) from None


def _explain(error: Any) -> str:
    field = shown(".".join(str(part) for part in error["loc"]))
    if error["type"] == "missing":
        return f"{field} is missing"
    if field in SCORES:
        return f"{field} is a whole number from 1 to 10, got {quoted(error['input'])}"
    if field == "date":
        return f"date: {error.get('ctx', {}).get('error', error['msg'])}"
    return f"{field}: {error['msg']}"


@dataclass(frozen=True)
class Written:
    entries: int
    suggested_review_on: str | None  # the case whose review the signal brought forward


def write(store: Store, actor: Actor, entry: DiaryEntry, now: dt.datetime) -> Written:
    """Store the employee's entry for its day (replacing one written earlier that day)."""
    employee = _own(store, actor, "write a diary")
    if entry.date > today_in_amsterdam(now):
        raise BadInputError(f"a diary entry for {entry.date} is in the future")
    store.diary.put(employee.id, entry, now)
    entries = store.diary.entries(employee.id)
    suggested = _signal(store, actor, employee, entries, now)
    return Written(len(entries), suggested)


def read(store: Store, actor: Actor, employee_key: str, now: dt.datetime) -> list[DiaryEntry]:
    """The diary, for the employee or a reader they chose (whose read the employee can see);
    refused to anyone else."""
    employee = store.cases.find_employee(employee_key)
    if employee is None:
        raise NotFoundError(f"no employee {quoted(employee_key)}")
    own = actor.is_employee(employee.key)
    shared = (actor.name, actor.role.value) in store.diary.readers(employee.id)
    if not own and not (actor.role in MAY_BE_SHOWN_THE_DIARY and shared):
        if not sees_employee(store, actor, employee):  # as if there were no such employee
            raise NotFoundError(f"no employee {quoted(employee_key)}")
        raise NotAllowedError(
            f"the diary of {employee_key} is theirs: only they and the physician or coach "
            "they share it with may read it (the employer side never sees its scores)"
        )
    if not own:
        store.diary.record_read(employee.id, actor.name, actor.role.value, now)
    return store.diary.entries(employee.id)


def is_shared_with(store: Store, actor: Actor, employee_key: str) -> bool:
    """Whether the employee shares their diary with `actor` (a link to it, not a read)."""
    employee = store.cases.find_employee(employee_key)
    return (
        employee is not None
        and actor.role in MAY_BE_SHOWN_THE_DIARY
        and (actor.name, actor.role.value) in store.diary.readers(employee.id)
    )


def read_own(store: Store, actor: Actor) -> list[DiaryEntry]:
    """The employee's own diary (their own reads are not recorded)."""
    return store.diary.entries(_own(store, actor, "read their own diary").id)


@dataclass(frozen=True)
class Sharing:
    readers: list[tuple[str, str]]  # (name, role)
    reads: list[DiaryRead]

    def as_dict(self) -> dict[str, object]:
        return {
            "readers": [{"name": name, "role": role} for name, role in self.readers],
            "reads": [
                {"at": r.read_at.isoformat(), "name": r.reader, "role": r.role} for r in self.reads
            ],
        }


def sharing(store: Store, actor: Actor) -> Sharing:
    """Whom the employee shares their diary with, and every read of it by someone else."""
    employee = _own(store, actor, "see who reads a diary")
    return Sharing(store.diary.readers(employee.id), store.diary.reads(employee.id))


def share(store: Store, actor: Actor, reader: str) -> Role:
    """Share the diary with the account `reader`, a physician or a coach (their role is their
    account's: nobody picks it); returns it."""
    employee = _own(store, actor, "share a diary")
    role = store.directory.account(reader).role
    if role not in MAY_BE_SHOWN_THE_DIARY:
        raise BadInputError(f"a diary is shared with a physician or a coach, not the {role} role")
    store.diary.share(employee.id, reader, role.value)
    return role


def unshare(store: Store, actor: Actor, reader: str) -> None:
    employee = _own(store, actor, "stop sharing a diary")
    if not store.diary.unshare(employee.id, reader):
        raise NotFoundError(f"the diary is not shared with {quoted(reader)}")


def set_signal(store: Store, actor: Actor, on: bool) -> None:
    employee = _own(store, actor, "choose the diary signal")
    store.diary.set_signal(employee.id, on)


def _own(store: Store, actor: Actor, action: str) -> EmployeeRecord:
    if actor.role is not Role.EMPLOYEE:
        raise NotAllowedError(f"only the employee may {action}: the diary is theirs")
    employee = store.cases.find_employee(actor.employee_key or "")
    if employee is None:
        raise NotFoundError(f"no employee {quoted(actor.employee_key)}: HR opens a case first")
    return employee


def _signal(
    store: Store,
    actor: Actor,
    employee: EmployeeRecord,
    entries: list[DiaryEntry],
    now: dt.datetime,
) -> str | None:
    if not employee.diary_signal or not sustained_drop(entries):
        return None
    case = store.cases.latest_case_of(employee.id)
    if case is None or case.case.status is not CaseStatus.SICK:
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
    record(store, actor, RecordEvent(case.case.key, event), now)
    return case.case.key
