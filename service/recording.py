"""Recording what happened on a case: open the case file, let the domain judge the entry, store
it with the case's new schedule and reminders in one transaction.

Every function takes the acting person and the moment as data and refuses what that role may not
do. Dates are judged in Amsterdam: an event may not be dated after today there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from adapters.amsterdam_time import at_amsterdam_hour, today_in_amsterdam
from domain.case import Case, replay
from domain.corrections import Entry, EventRetracted, parse_entry
from domain.errors import BadInputError, printable, quoted
from domain.events import EVENT_TYPES, ReportedSick
from domain.law_calendar import STEPS, OpenStep, open_steps
from domain.recovery_events import SetbackReported
from domain.reminders import (
    SEND_HOUR,
    Party,
    Reminder,
    check_language,
    plan_reminders,
    setback_news,
    still_to_send,
)
from domain.roles import AGREES_FOR, MAY_RECORD, require_may_record
from service.case_file import (
    HOLIDAYS,
    Actor,
    CaseFile,
    CaseVoidedError,
    entry_of,
    open_case_file,
)
from service.ports import (
    CaseChangedError,
    CaseStatus,
    CaseUpdate,
    Contact,
    LogEntry,
    NewEmployee,
    NewEntry,
    PlannedReminder,
    Store,
    StoredCase,
)
from service.timeline import TimelineRow, timeline_of
from service.visibility import require_manages

EMPLOYEE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
PARTIES = tuple(party.value for party in Party)


@dataclass(frozen=True)
class ReportSick:
    """Record that an employee reported sick; creates the employee on their first report."""

    employee_key: str
    display_name: str
    report: Mapping[str, object]  # date and percentage, as in a `reported_sick` event
    idempotency_key: str | None = None
    contacts: tuple[Contact, ...] = ()  # hold secrets: never a flow parameter


@dataclass(frozen=True)
class RecordEvent:
    """Record an event or a correction on a stored case, decided on version `expected_seq`."""

    case_key: str
    entry: Mapping[str, object]
    idempotency_key: str | None = None
    expected_seq: int | None = None


@dataclass(frozen=True)
class Recorded:
    """What a recording stored, what is open next, and the case's timeline as of the entry."""

    case_key: str
    seq: int
    type: str
    business_date: dt.date
    already_recorded: bool
    open_steps: list[OpenStep]
    timeline: list[TimelineRow]
    void: bool = False  # the entry voided the case (or it was void already)

    @property
    def next_step(self) -> OpenStep | None:
        """The first open step someone must act on (not the informational ones)."""
        return next((s for s in self.open_steps if s.actionable), None)

    def as_dict(self) -> dict[str, object]:
        step = self.next_step
        return {
            "case": self.case_key,
            "seq": self.seq,
            "type": self.type,
            "date": self.business_date.isoformat(),
            "already_recorded": self.already_recorded,
            "void": self.void,
            "next_step": None if step is None else _step_dict(step),
            "open_steps": [_step_dict(s) for s in self.open_steps],
        }


def recordable_types(actor: Actor) -> list[str]:
    """The event types `actor` may record, in the order the law and the recovery run."""
    return [kind for kind in EVENT_TYPES if actor.role in MAY_RECORD[kind]]


def check_may_record(actor: Actor, event_type: str) -> None:
    """Refuse, in the roles' words, an event type `actor` may not record."""
    require_may_record(actor.role, event_type)


def agreeing_side(actor: Actor) -> str:
    """The side a build-up agreement by `actor` speaks for (the domain refuses any other)."""
    side = AGREES_FOR.get(actor.role)
    return side.value if side else actor.role.value


def report_sick(store: Store, actor: Actor, command: ReportSick, now: dt.datetime) -> Recorded:
    """Continue the employee's linked case, or open a new one."""
    require_may_record(actor.role, "reported_sick")
    event = parse_entry({**command.report, "type": "reported_sick"})
    assert isinstance(event, ReportedSick)
    check_employee(command)
    employee = store.cases.find_employee(command.employee_key)
    require_manages(actor, employee, command.employee_key)
    key = command.idempotency_key
    if (earlier := _replayed(store, key, event, employee_key=command.employee_key)) is not None:
        return earlier
    latest = store.cases.latest_case_of(employee.id) if employee else None
    if latest is not None and latest.case.status is not CaseStatus.VOID:
        file = CaseFile(latest, tuple(map(entry_of, latest.log)), today_in_amsterdam(now), event)
        if file.case.first_sick_day == latest.case.first_sick_day:
            return _append(store, file, _new_entry(actor, event, now, key))
    case = replay([event], today_in_amsterdam(now))
    case_key = _new_key(store, command.employee_key, event.date)
    new = _new_entry(actor, event, now, key)
    try:
        row = store.cases.open_case(
            employee or NewEmployee(command.employee_key, command.display_name),
            case_key,
            new,
            _update(case, today_in_amsterdam(now)),
            command.contacts,
        )
    except CaseChangedError:
        if (earlier := _replayed(store, key, event, employee_key=command.employee_key)) is not None:
            return earlier
        raise
    steps = open_steps(case, HOLIDAYS)
    timeline = timeline_of({1: event}, case, steps, today_in_amsterdam(now))
    return Recorded(case_key, row.seq, row.type, row.business_date, False, steps, timeline)


def _new_key(store: Store, employee_key: str, first_day: dt.date) -> str:
    """`EMPLOYEE-YYYYMMDD`, or with `-2`, `-3`... when a voided case holds that key."""
    base = f"{employee_key}-{first_day:%Y%m%d}"
    taken = store.cases.case_keys_of(employee_key)
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def record(store: Store, actor: Actor, command: RecordEvent, now: dt.datetime) -> Recorded:
    """Record the entry if the domain accepts it and the case has not moved on meanwhile."""
    entry = parse_entry(command.entry)
    key, case_key = command.idempotency_key, command.case_key
    try:
        file = open_case_file(store, actor, case_key, now, entry)  # the role first, then a replay
    except CaseVoidedError:
        if (earlier := _replayed(store, key, entry, case_key)) is not None:
            return earlier  # the voiding entry itself, sent again
        raise
    if (earlier := _replayed(store, key, entry, case_key)) is not None:
        return earlier
    last_seq = file.stored.case.last_seq
    if command.expected_seq not in (None, last_seq):
        raise CaseChangedError(
            f"case {case_key} changed: it is at entry {last_seq}, not "
            f"{command.expected_seq}; reload it and try again",
            current_seq=last_seq,
        )
    if file.case.first_sick_day != file.stored.case.first_sick_day:
        raise BadInputError(
            f"this sick report comes 28 or more days after recovery and starts a new case; "
            f"use report-sick for {file.stored.employee.key}"
        )
    news: list[Reminder] = []
    build_up = file.case.recovery.build_up
    if isinstance(entry, SetbackReported) and build_up:
        assert build_up.current is not None
        assert build_up.review_on is not None
        day = max(entry.date, file.as_of)
        news = setback_news(day, build_up.current + 1, build_up.review_on)
    return _append(store, file, _new_entry(actor, entry, now, key), news)


def _append(store: Store, file: CaseFile, new: NewEntry, news: Sequence[Reminder] = ()) -> Recorded:
    try:
        today = today_in_amsterdam(new.recorded_at)
        if file.voided:
            update = _void(file, today)
        else:
            update = replace(
                _update(file.case, today, news), news_retracted=_retracts_setback(file)
            )
        row = store.cases.append(file.stored, new, update)
    except CaseChangedError:
        entry = parse_entry(json.loads(new.payload))
        if (earlier := _replayed(store, new.idempotency_key, entry, file.key)) is not None:
            return earlier
        raise
    return _recorded(file, row)


def _retracts_setback(file: CaseFile) -> bool:
    """Whether the entry being added retracts a setback (whose news then is not sent)."""
    adding = file.adding
    return (
        isinstance(adding, EventRetracted)
        and file.entries[adding.retracts - 1].type == "setback_reported"
    )


def _void(file: CaseFile, today: dt.date) -> CaseUpdate:
    """A case opened by mistake: closed today, with no step open and no reminder left."""
    return CaseUpdate(file.stored.case.first_sick_day, CaseStatus.VOID, None, today, ())


def _replayed(
    store: Store,
    key: str | None,
    entry: Entry,
    case_key: str | None = None,
    employee_key: str | None = None,
) -> Recorded | None:
    """The original result if `key` was used before for this very entry (on this case, or for
    this employee); None if the key is new."""
    if key is None:
        return None
    found = store.cases.find_by_idempotency_key(key)
    if found is None:
        return None
    stored, logged = store.cases.load(found[0]), found[1]
    same_place = case_key in (None, stored.case.key) and employee_key in (
        None,
        stored.employee.key,
    )
    if logged.payload != _payload(entry) or not same_place:
        # Which case holds it stays unsaid: the caller may not be allowed to see that case.
        raise BadInputError(f"idempotency key {quoted(key)} was used for another event")
    return _already(stored, logged)


def _already(stored: StoredCase, logged: LogEntry) -> Recorded:
    entries = tuple(map(entry_of, stored.log))
    latest = max(e.date for e in entries)  # as of its own latest entry: no clock needed
    file = CaseFile(stored, entries, latest)
    return replace(_recorded(file, logged), already_recorded=True)


def _recorded(file: CaseFile, logged: LogEntry) -> Recorded:
    """What `logged` left open on the case (nothing, once the case is void), and its timeline
    as of the file's day (today, for a new entry: a late entry shows what is overdue now)."""
    steps = file.steps
    timeline = timeline_of(file.history, file.case, steps, file.as_of)
    void = file.voided is not None
    return Recorded(
        file.key, logged.seq, logged.type, logged.business_date, False, steps, timeline, void
    )


def _new_entry(actor: Actor, entry: Entry, now: dt.datetime, key: str | None) -> NewEntry:
    check_text(entry.model_dump(mode="json"))
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
        status=CaseStatus.SICK if case.is_sick else CaseStatus.RECOVERED,
        recovered_on=case.recovered_on,
        closes_on=case.closes_on,
        steps=[(step.step.value, step.due) for step in steps],
        reminders=[_planned(r) for r in [*still_to_send(plan, today), *news]],
        plan_keys=frozenset(r.key for r in plan),
    )


def _planned(reminder: Reminder) -> PlannedReminder:
    return PlannedReminder(
        key=reminder.key,
        send_at=at_amsterdam_hour(reminder.send_on, SEND_HOUR),
        step=reminder.step.value,
        due=reminder.due,
        kind=reminder.kind,
        number=reminder.number,
        party=reminder.party.value,
    )


def _payload(entry: Entry) -> str:
    return json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _step_dict(step: OpenStep) -> dict[str, object]:
    return {
        "step": step.step.value,
        "due": step.due.isoformat(),
        "party": step.responsible.value,
        "title": step.title,
        "basis": STEPS[step.step].basis.en,
        "consequence": STEPS[step.step].consequence.en,
    }


def check_employee(command: ReportSick) -> None:
    display_name = command.display_name
    check_employee_key(command.employee_key)
    if not display_name.strip() or len(display_name) > 200:
        raise BadInputError("the display name must be 1-200 characters")
    if not printable(display_name):
        raise BadInputError("the display name holds a control or formatting character")
    check_contacts(command.contacts)


def check_employee_key(key: str) -> None:
    if not EMPLOYEE_KEY.fullmatch(key):
        raise BadInputError(
            f"employee key {quoted(key)} must be 1-64 letters, digits, '.', '_' or '-' "
            "(an HR number)"
        )


def check_text(data: object, field: str = "") -> None:
    """No text in a new entry (a case manager's name, in a correction too) holds a control or
    formatting character. Checked on entry only: an entry stored before stays readable."""
    if isinstance(data, str) and not printable(data):
        raise BadInputError(f"{field}: holds a control or formatting character")
    for name, value in data.items() if isinstance(data, dict) else ():
        check_text(value, f"{field}.{name}" if field else name)


def check_contacts(contacts: Sequence[Contact]) -> None:
    """Each route names a known party and language, and a URL Apprise can use (refused with
    one line naming only the URL's kind: the URL may hold a password)."""
    # Apprise takes a third of a second to import: only for the commands that carry routes.
    from notifications.apprise_sink import AppriseSink  # noqa: PLC0415
    from notifications.route_hosts import check_route_host  # noqa: PLC0415

    for contact in contacts:
        if contact.party not in PARTIES:
            known = ", ".join(PARTIES)
            raise BadInputError(
                f"unknown party {quoted(contact.party)} for a contact (known: {known})"
            )
        check_language(contact.language)
        if not printable(contact.url):
            raise BadInputError(
                f"the {contact.party} route holds a control or formatting character"
            )
        AppriseSink(contact.url)
        check_route_host(contact.url)
