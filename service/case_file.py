"""One way to open a case file: for an actor and a purpose.

`open_case_file` checks the role and the rule that an employee acts only on their own case,
records the read where reads are recorded (anyone but the employee reading, AVG), and folds the
effective history (corrections applied) once, on first use. Every use case opens cases here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from adapters.amsterdam_time import today_in_amsterdam
from adapters.dutch_holidays import dutch_public_holidays
from domain.case import Case, replay
from domain.corrections import (
    Entry,
    EventCorrected,
    EventRetracted,
    effective_history,
    parse_entry,
    voiding,
)
from domain.errors import BadInputError, InputError, NotFoundError, quoted
from domain.events import Event
from domain.law_calendar import OpenStep, open_steps
from domain.recovery_events import BuildUpAgreed
from domain.roles import (
    MAY_READ_CASE,
    MAY_READ_RECOVERY,
    MAY_READ_TRAIL,
    Role,
    require,
    require_agrees_for,
    require_may_record,
    require_requests_as,
    require_same_side,
)
from domain.uwv_events import ExpertOpinionRequested
from service.ports import CaseStatus, LogEntry, Store, StoredCase
from service.visibility import require_visible


@dataclass(frozen=True)
class Actor:
    """Who is acting, in which role: a signed-in account (see service.accounts), by its login.
    An employee's account names whose it is."""

    name: str
    role: Role
    account_id: int | None = None
    employee_key: str | None = None

    def is_employee(self, employee_key: str) -> bool:
        return self.role is Role.EMPLOYEE and self.employee_key == employee_key


HOLIDAYS = dutch_public_holidays()


class Purpose(StrEnum):
    """Why a case file is read: who may, and what the read log says."""

    AUDIT = "audit"
    RECOVERY = "recovery"
    CASE = "case"  # its state, open steps and timeline


_READERS = {
    Purpose.AUDIT: (MAY_READ_TRAIL, "read a case's audit trail"),
    Purpose.RECOVERY: (MAY_READ_RECOVERY, "review a case's recovery"),
    Purpose.CASE: (MAY_READ_CASE, "read a case"),
}


@dataclass(frozen=True)
class CaseFile:
    """A stored case with its log parsed, and (with `adding`) the entry about to be added."""

    stored: StoredCase
    entries: tuple[Entry, ...]
    as_of: dt.date
    adding: Entry | None = None

    @property
    def key(self) -> str:
        return self.stored.case.key

    @cached_property
    def voided(self) -> EventRetracted | None:
        """The entry that voided the case (its last: nothing is recorded after it), or None."""
        return voiding([*self.entries, *([self.adding] if self.adding else [])])

    @cached_property
    def history(self) -> dict[int, Event]:
        """The effective history by sequence number: corrections applied, retractions left out;
        of a void case, as it stood before it was voided."""
        log = [*self.entries, *([self.adding] if self.adding else [])]
        if self.voided is not None:
            log = log[:-1]
        try:
            return effective_history(log)
        except InputError as error:
            raise self._located(error) from None

    @cached_property
    def steps(self) -> list[OpenStep]:
        """The case's open steps as of `as_of`; none once it is void."""
        return [] if self.voided else open_steps(self.case, HOLIDAYS)

    @cached_property
    def case(self) -> Case:
        """The folded case; raises if `adding` breaks a rule of the law or the case."""
        history = self.history
        try:
            return replay(list(history.values()), self.as_of, list(history))
        except InputError as error:
            raise self._located(error) from None

    def _located(self, error: InputError) -> InputError:
        if error.where or self.adding is None:  # already names the event it concerns
            return error
        adding = self.adding
        return error.at(f"entry {len(self.entries) + 1} ({adding.type} on {adding.date})")


class CaseVoidedError(BadInputError):
    """The case was voided: nothing more is recorded on it."""


def open_case_file(
    store: Store, actor: Actor, case_key: str, now: dt.datetime, purpose: Purpose | Entry
) -> CaseFile:
    """The case file `case_key` as of today in Amsterdam, if `actor` may open it for
    `purpose`: a way of reading it, or the entry to record on it."""
    reading = purpose if isinstance(purpose, Purpose) else None
    if reading is not None:
        require(actor.role, *_READERS[reading])
    stored = store.cases.load(case_key)
    require_visible(store, actor, stored.case, stored.employee)
    if actor.role is Role.EMPLOYEE and stored.case.status is CaseStatus.VOID:
        raise NotFoundError(f"no case {quoted(case_key)}")  # opened by mistake: not theirs
    adding = None if isinstance(purpose, Purpose) else purpose
    file = CaseFile(stored, tuple(entry_of(e) for e in stored.log), today_in_amsterdam(now), adding)
    if adding is not None:
        _require_may_record(actor, file, adding)
        if (void := voiding(file.entries)) is not None:
            raise CaseVoidedError(
                f"case {case_key} was voided on {void.date} (opened by mistake): nothing more is "
                f"recorded on it; report a new sickness with report-sick"
            )
    elif actor.role is not Role.EMPLOYEE:
        assert reading is not None
        store.reads.record([stored.case.id], actor.name, actor.role.value, reading.value, now)
    return file


def _require_may_record(actor: Actor, file: CaseFile, entry: Entry) -> None:
    types: list[str] = [entry.type]
    if isinstance(entry, EventCorrected | EventRetracted):
        target = entry.corrects if isinstance(entry, EventCorrected) else entry.retracts
        if not 1 <= target <= len(file.entries):
            raise BadInputError(f"case {file.key} has no entry {target}")
        types = [file.entries[target - 1].type]
        if isinstance(entry, EventCorrected):
            types.append(entry.event.type)
    for kind in types:
        if kind in ("event_corrected", "event_retracted"):
            raise BadInputError("a correction cannot be corrected; correct the original entry")
        require_may_record(actor.role, kind)
    if isinstance(entry, EventCorrected | EventRetracted):
        target = entry.corrects if isinstance(entry, EventCorrected) else entry.retracts
        recorded_by = file.stored.log[target - 1].role
        require_same_side(actor.role, recorded_by, f"entry {target} of case {file.key}")
    for touched in _touched(file, entry):
        if isinstance(touched, BuildUpAgreed):  # only the side that agreed changes its word
            require_agrees_for(actor.role, touched.party)
        if isinstance(touched, ExpertOpinionRequested):
            require_requests_as(actor.role, touched.requested_by)


def _touched(file: CaseFile, entry: Entry) -> list[Entry]:
    """The entries an entry adds or changes: itself, or a correction's target and new event."""
    if isinstance(entry, EventCorrected):
        return [file.entries[entry.corrects - 1], entry.event]
    if isinstance(entry, EventRetracted):
        return [file.entries[entry.retracts - 1]]
    return [entry]


def entry_of(logged: LogEntry) -> Entry:
    return parse_entry(json.loads(logged.payload))
