"""Recording what happened on a case: load it, let the domain judge the entry, store it.

Every function takes the acting person and the moment as data and refuses what that role may not
do. Dates are judged in Amsterdam: an event may not be dated after today there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from adapters.dutch_holidays import dutch_public_holidays
from adapters.store.case_store import (
    CaseChangedError,
    CaseStore,
    CaseUpdate,
    Contact,
    NewEntry,
    PlannedReminder,
    StoredCase,
)
from adapters.store.tables import Employee, EventLogRow
from domain.case import Case, replay
from domain.corrections import Entry, EventCorrected, EventRetracted, effective_history, parse_entry
from domain.errors import BadInputError, InputError
from domain.events import ReportedSick
from domain.law_calendar import OpenStep, open_steps
from domain.recovery_events import BuildUpAgreed, SetbackReported
from domain.reminders import (
    SEND_HOUR,
    Party,
    Reminder,
    check_language,
    plan_reminders,
    setback_news,
    still_to_send,
)
from domain.roles import Role, require_agrees_for, require_may_record

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EMPLOYEE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
PARTIES = tuple(party.value for party in Party)
HOLIDAYS = dutch_public_holidays()


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role


@dataclass(frozen=True)
class Recorded:
    case_key: str
    seq: int
    type: str
    business_date: dt.date
    already_recorded: bool
    open_steps: list[OpenStep]


@dataclass(frozen=True)
class ReportSick:
    """Record that an employee reported sick; creates the employee on their first report."""

    employee_key: str
    display_name: str
    report: Mapping[str, object]  # date and percentage, as in a `reported_sick` event
    idempotency_key: str | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class RecordEvent:
    """Record an event or a correction on a stored case, decided on version `expected_seq`."""

    case_key: str
    entry: Mapping[str, object]
    idempotency_key: str | None = None
    expected_seq: int | None = None


def report_sick(store: CaseStore, actor: Actor, command: ReportSick, now: dt.datetime) -> Recorded:
    """Continue the employee's linked case, or open a new one."""
    require_may_record(actor.role, "reported_sick")
    event = parse_entry({**command.report, "type": "reported_sick"})
    assert isinstance(event, ReportedSick)
    check_employee(command)
    key = command.idempotency_key
    if (earlier := _replayed(store, key, event, employee_key=command.employee_key)) is not None:
        return earlier
    employee = store.find_employee(command.employee_key) or Employee(
        key=command.employee_key, display_name=command.display_name
    )
    latest = store.latest_case_of(employee) if employee.id is not None else None
    if latest is not None:
        case = _fold(latest, event, now)
        if case.first_sick_day == latest.row.first_sick_day:
            return _append(store, latest, case, _new_entry(actor, event, now, key))
    case = replay([event], today_in_amsterdam(now))
    case_key = f"{employee.key}-{event.date:%Y%m%d}"
    new = _new_entry(actor, event, now, key)
    try:
        row = store.open_case(
            employee, case_key, new, _update(case, today_in_amsterdam(now)), command.contacts
        )
    except CaseChangedError:
        if (earlier := _replayed(store, key, event, employee_key=employee.key)) is not None:
            return earlier
        raise
    return _recorded(case_key, row, case)


def record(store: CaseStore, actor: Actor, command: RecordEvent, now: dt.datetime) -> Recorded:
    """Record the entry if the domain accepts it and the case has not moved on meanwhile."""
    entry = parse_entry(command.entry)
    key, case_key = command.idempotency_key, command.case_key
    if (earlier := _replayed(store, key, entry, case_key)) is not None:
        return earlier
    stored = store.load(case_key)
    _require_may_record(actor, stored, entry)
    if command.expected_seq not in (None, stored.row.last_seq):
        raise CaseChangedError(
            f"case {case_key} changed: it is at entry {stored.row.last_seq}, not "
            f"{command.expected_seq}; reload it and try again"
        )
    case = _fold(stored, entry, now)
    if case.first_sick_day != stored.row.first_sick_day:
        raise BadInputError(
            f"this sick report comes 28 or more days after recovery and starts a new case; "
            f"use report-sick for {stored.employee.key}"
        )
    news = []
    if isinstance(entry, SetbackReported) and case.recovery.build_up:
        build_up, today = case.recovery.build_up, today_in_amsterdam(now)
        assert build_up.current is not None
        assert build_up.review_on is not None
        news = setback_news(max(entry.date, today), build_up.current + 1, build_up.review_on)
    return _append(store, stored, case, _new_entry(actor, entry, now, key), news)


def _append(
    store: CaseStore, stored: StoredCase, case: Case, new: NewEntry, news: Sequence[Reminder] = ()
) -> Recorded:
    try:
        update = _update(case, today_in_amsterdam(new.recorded_at), news)
        row = store.append(stored, new, update)
    except CaseChangedError:
        entry = parse_entry(json.loads(new.payload))
        if (earlier := _replayed(store, new.idempotency_key, entry, stored.row.key)) is not None:
            return earlier
        raise
    return _recorded(stored.row.key, row, case)


def _fold(stored: StoredCase, entry: Entry, now: dt.datetime) -> Case:
    """The case the stored log plus `entry` amounts to; raises if `entry` breaks a rule."""
    log = [entry_of(row) for row in stored.log]
    try:
        return _case_of([*log, entry], today_in_amsterdam(now))
    except InputError as error:
        if error.where:  # a rule of the calendar, already naming the event it concerns
            raise
        raise error.at(f"entry {len(log) + 1} ({entry.type} on {entry.date})") from None


def _case_of(log: list[Entry], as_of: dt.date) -> Case:
    """The case a log amounts to: its effective history (after corrections), folded."""
    history = effective_history(log)
    return replay(list(history.values()), as_of, list(history))


def _require_may_record(actor: Actor, stored: StoredCase, entry: Entry) -> None:
    types: list[str] = [entry.type]
    if isinstance(entry, EventCorrected | EventRetracted):
        target = entry.corrects if isinstance(entry, EventCorrected) else entry.retracts
        if not 1 <= target <= len(stored.log):
            raise BadInputError(f"case {stored.row.key} has no entry {target}")
        types = [stored.log[target - 1].type]
        if isinstance(entry, EventCorrected):
            types.append(entry.event.type)
    agreement = entry.event if isinstance(entry, EventCorrected) else entry
    if isinstance(agreement, BuildUpAgreed):
        require_agrees_for(actor.role, agreement.party)
    for kind in types:
        if kind in ("event_corrected", "event_retracted"):
            raise BadInputError("a correction cannot be corrected; correct the original entry")
        require_may_record(actor.role, kind)
    if actor.role is Role.EMPLOYEE and actor.name != stored.employee.key:
        raise BadInputError(f"an employee records only on their own case, not on {stored.row.key}")


def _replayed(
    store: CaseStore,
    key: str | None,
    entry: Entry,
    case_key: str | None = None,
    employee_key: str | None = None,
) -> Recorded | None:
    """The original result if `key` was used before for this very entry (on this case, or for
    this employee); None if the key is new."""
    if key is None:
        return None
    found = store.find_by_idempotency_key(key)
    if found is None:
        return None
    stored = store.load(found[0])
    row = found[1]
    same_place = case_key in (None, stored.row.key) and employee_key in (None, stored.employee.key)
    if row.payload != _payload(entry) or not same_place:
        raise BadInputError(
            f"idempotency key {key!r} was used for another event ({stored.row.key} entry {row.seq})"
        )
    log = [entry_of(r) for r in stored.log]
    case = _case_of(log, max(e.date for e in log))  # as of its own latest entry: no clock needed
    return _recorded(stored.row.key, row, case, already=True)


def _recorded(case_key: str, row: EventLogRow, case: Case, already: bool = False) -> Recorded:
    return Recorded(
        case_key, row.seq, row.type, row.business_date, already, open_steps(case, HOLIDAYS)
    )


def _new_entry(actor: Actor, entry: Entry, now: dt.datetime, key: str | None) -> NewEntry:
    return NewEntry(
        business_date=entry.date,
        type=entry.type,
        payload=_payload(entry),
        actor=actor.name,
        role=actor.role.value,
        recorded_at=now.astimezone(dt.UTC),
        idempotency_key=key,
    )


def _update(case: Case, today: dt.date, news: Sequence[Reminder] = ()) -> CaseUpdate:
    steps = open_steps(case, HOLIDAYS)
    plan = plan_reminders(steps, HOLIDAYS)
    return CaseUpdate(
        first_sick_day=case.first_sick_day,
        status="sick" if case.is_sick else "recovered",
        recovered_on=case.recovered_on,
        steps=[(step.step.value, step.due) for step in steps],
        reminders=[_planned(r) for r in [*still_to_send(plan, today), *news]],
        plan_keys=frozenset(r.key for r in plan),
    )


def _planned(reminder: Reminder) -> PlannedReminder:
    send_at = dt.datetime.combine(reminder.send_on, dt.time(SEND_HOUR), tzinfo=AMSTERDAM)
    return PlannedReminder(
        key=reminder.key,
        send_at=send_at.astimezone(dt.UTC),
        step=reminder.step.value,
        due=reminder.due,
        kind=reminder.kind.value,
        number=reminder.number,
        party=reminder.party.value,
    )


def _payload(entry: Entry) -> str:
    return json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def entry_of(row: EventLogRow) -> Entry:
    return parse_entry(json.loads(row.payload))


def today_in_amsterdam(now: dt.datetime) -> dt.date:
    return now.astimezone(AMSTERDAM).date()


def check_employee(command: ReportSick) -> None:
    key, display_name = command.employee_key, command.display_name
    if not EMPLOYEE_KEY.fullmatch(key):
        raise BadInputError(
            f"employee key {key!r} must be 1-64 letters, digits, '.', '_' or '-' (an HR number)"
        )
    if not display_name.strip() or len(display_name) > 200:
        raise BadInputError("the display name must be 1-200 characters")
    for contact in command.contacts:
        if contact.party not in PARTIES:
            known = ", ".join(PARTIES)
            raise BadInputError(f"unknown party {contact.party!r} for a contact (known: {known})")
        check_language(contact.language)
