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
from dataclasses import dataclass, field, replace
from functools import cached_property

from adapters.amsterdam_time import at_amsterdam_hour, today_in_amsterdam
from domain.case import Case, replay
from domain.corrections import Entry, EventRetracted, parse_entry
from domain.errors import BadInputError, printable, quoted
from domain.events import EVENT_TYPES, Event, ReportedSick
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
from domain.uwv_events import SickFactsRecorded
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


# What the employer may record at a sick report (UWV-TRACKS.md section 1): each optional, and
# never the ground, the diagnosis or the complaints (the AP's rules; the events have no field).
SICK_FACTS = tuple(name for name in SickFactsRecorded.model_fields if name not in ("type", "date"))
FACTS_TYPE = "sick_facts_recorded"


@dataclass(frozen=True)
class ReportSick:
    """Record that an employee reported sick; creates the employee on their first report.
    With `facts` (any of `SICK_FACTS`; None means not given), a `sick_facts_recorded` dated on
    the first sick day is recorded right after the report, in the same transaction; with
    `first_name`, the employee's first name is set (a later report's replaces it)."""

    employee_key: str
    display_name: str
    report: Mapping[str, object]  # date and percentage, as in a `reported_sick` event
    idempotency_key: str | None = None
    contacts: tuple[Contact, ...] = ()  # hold secrets: never a flow parameter
    facts: Mapping[str, object] = field(default_factory=dict)
    first_name: str | None = None


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
    # The case's history, the case and the day the timeline is as of: the timeline is made
    # only when asked (the flows publish it; the CLI, the API and the console show the steps).
    timeline_made_of: tuple[Mapping[int, Event], Case, dt.date] = field(repr=False, compare=False)
    void: bool = False  # the entry voided the case (or it was void already)
    # The facts of a sick report recorded with it (as entry `seq + 1`), those given only.
    facts: Mapping[str, object] | None = None

    @cached_property
    def timeline(self) -> list[TimelineRow]:
        history, case, as_of = self.timeline_made_of
        return timeline_of(history, case, self.open_steps, as_of)

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
        } | ({} if self.facts is None else {"facts": dict(self.facts)})


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
    """Continue the employee's linked case, or open a new one; with the report's facts (if
    any) as the next entry and its first name (if given) for the employee, all in one write."""
    require_may_record(actor.role, "reported_sick")
    event = parse_entry({**command.report, "type": "reported_sick"})
    assert isinstance(event, ReportedSick)
    facts = _facts_of(command, event)
    if facts is not None:
        require_may_record(actor.role, FACTS_TYPE)
    check_employee(command)
    key, who = command.idempotency_key, command.employee_key
    employee = store.cases.find_employee(who)
    require_manages(actor, employee, who)
    adding: list[Event] = [event] if facts is None else [event, facts]
    if (earlier := _replayed(store, key, adding, employee_key=who)) is not None:
        return earlier
    today = today_in_amsterdam(now)
    new = [_new_entry(actor, entry, now, key if entry is event else None) for entry in adding]
    latest = store.cases.latest_case_of(employee.id) if employee else None
    if latest is not None and latest.case.status is not CaseStatus.VOID:
        logged = tuple(map(entry_of, latest.log))
        file = CaseFile(latest, logged, today, event)
        if file.case.first_sick_day == latest.case.first_sick_day:
            if facts is not None:  # judged as the entry after the report
                file = CaseFile(latest, (*logged, event), today, facts)
            return _append(store, file, new, first_name=command.first_name)
    case = replay(adding, today)
    steps = open_steps(case, HOLIDAYS)
    case_key = _new_key(store, who, event.date, known=employee is not None)
    try:
        rows = store.cases.open_case(
            employee or NewEmployee(who, command.display_name),
            case_key,
            new,
            _update(case, steps, today, first_name=command.first_name),
            command.contacts,
        )
    except CaseChangedError:
        if (earlier := _replayed(store, key, adding, employee_key=who)) is not None:
            return earlier
        raise
    row, history = rows[0], dict(enumerate(adding, start=1))
    return Recorded(
        case_key,
        row.seq,
        row.type,
        row.business_date,
        False,
        steps,
        (history, case, today),
        facts=_facts_in(rows),
    )


def _facts_of(command: ReportSick, report: ReportedSick) -> SickFactsRecorded | None:
    """The report's facts as the event that records them on its date; None if none is given."""
    if unknown := sorted(set(command.facts) - set(SICK_FACTS)):
        raise BadInputError(
            f"unknown fact(s) {', '.join(unknown)} at a sick report "
            f"(known: {', '.join(SICK_FACTS)})"
        )
    given = {name: value for name, value in command.facts.items() if value is not None}
    if not given:
        return None
    facts = parse_entry({**given, "type": FACTS_TYPE, "date": report.date.isoformat()})
    assert isinstance(facts, SickFactsRecorded)
    return facts


def _new_key(store: Store, employee_key: str, first_day: dt.date, known: bool) -> str:
    """`EMPLOYEE-YYYYMMDD`, or with `-2`, `-3`... when a voided case holds that key (a
    `known` employee's: a new one has no case yet)."""
    base = f"{employee_key}-{first_day:%Y%m%d}"
    taken = store.cases.case_keys_of(employee_key) if known else set()
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
        if (earlier := _replayed(store, key, [entry], case_key)) is not None:
            return earlier  # the voiding entry itself, sent again
        raise
    if (earlier := _replayed(store, key, [entry], case_key)) is not None:
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
    return _append(store, file, [_new_entry(actor, entry, now, key)], news)


def _append(
    store: Store,
    file: CaseFile,
    new: Sequence[NewEntry],
    news: Sequence[Reminder] = (),
    first_name: str | None = None,
) -> Recorded:
    try:
        today = today_in_amsterdam(new[0].recorded_at)
        if file.voided:
            update = _void(file, today)
        else:
            planned = _update(file.case, file.steps, today, news, first_name)
            update = replace(planned, news_retracted=_retracts_setback(file))
        rows = store.cases.append(file.stored, new, update)
    except CaseChangedError:
        adding = [parse_entry(json.loads(entry.payload)) for entry in new]
        if (earlier := _replayed(store, new[0].idempotency_key, adding, file.key)) is not None:
            return earlier
        raise
    return _recorded(file, rows)


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
    adding: Sequence[Entry],
    case_key: str | None = None,
    employee_key: str | None = None,
) -> Recorded | None:
    """The original result if `key` was used before for these very entries (the first keyed,
    the others written with it: a sick report's facts) on this case, or for this employee;
    None if the key is new."""
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
    written = [logged, *_written_with(stored, logged)]
    if [e.payload for e in written] != [_payload(e) for e in adding] or not same_place:
        # Which case holds it stays unsaid: the caller may not be allowed to see that case.
        raise BadInputError(f"idempotency key {quoted(key)} was used for another event")
    return _already(stored, written)


def _written_with(stored: StoredCase, logged: LogEntry) -> list[LogEntry]:
    """The facts written with a sick report `logged`, if any: the next entry, when it records
    facts and was written by the same account at the same moment."""
    after = stored.log[logged.seq : logged.seq + 1]
    same = [(FACTS_TYPE, logged.actor, logged.recorded_at)]
    with_it = [(e.type, e.actor, e.recorded_at) for e in after] == same
    return after if logged.type == "reported_sick" and with_it else []


def _already(stored: StoredCase, written: Sequence[LogEntry]) -> Recorded:
    entries = tuple(map(entry_of, stored.log))
    latest = max(e.date for e in entries)  # as of its own latest entry: no clock needed
    file = CaseFile(stored, entries, latest)
    return replace(_recorded(file, written), already_recorded=True)


def _recorded(file: CaseFile, written: Sequence[LogEntry]) -> Recorded:
    """What a write stored (its first entry; a sick report's facts with it) left open on the
    case (nothing, once the case is void), and its timeline as of the file's day (today, for a
    new entry: a late entry shows what is overdue now)."""
    logged = written[0]
    void = file.voided is not None
    return Recorded(
        file.key,
        logged.seq,
        logged.type,
        logged.business_date,
        False,
        file.steps,
        (file.history, file.case, file.as_of),
        void,
        _facts_in(written),
    )


def _facts_in(written: Sequence[LogEntry]) -> dict[str, object] | None:
    """The facts given in the `sick_facts_recorded` written with a report, by name; None if
    none was."""
    for logged in written[1:]:
        if logged.type == FACTS_TYPE:
            payload = json.loads(logged.payload)
            return {name: payload[name] for name in SICK_FACTS if payload.get(name) is not None}
    return None


def _new_entry(actor: Actor, entry: Entry, now: dt.datetime, key: str | None) -> NewEntry:
    data = entry.model_dump(mode="json")
    check_text(data)
    return NewEntry(
        business_date=entry.date,
        type=entry.type,
        payload=_json(data),
        actor=actor.name,
        role=actor.role.value,
        recorded_at=now.astimezone(dt.UTC),
        idempotency_key=key,
    )


def _update(
    case: Case,
    steps: list[OpenStep],
    today: dt.date,
    news: Sequence[Reminder] = (),
    first_name: str | None = None,
) -> CaseUpdate:
    """The state, schedule and reminders of `case`, whose open steps are `steps`."""
    plan = plan_reminders(steps, HOLIDAYS)
    return CaseUpdate(
        first_sick_day=case.first_sick_day,
        status=CaseStatus.SICK if case.is_sick else CaseStatus.RECOVERED,
        recovered_on=case.recovered_on,
        closes_on=case.closes_on,
        steps=[(step.step.value, step.due) for step in steps],
        reminders=[_planned(r) for r in [*still_to_send(plan, today), *news]],
        plan_keys=frozenset(r.key for r in plan),
        first_name=first_name,
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
    return _json(entry.model_dump(mode="json"))


def _json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


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
    check_employee_key(command.employee_key)
    _check_name(command.display_name, "the display name", 200)
    if command.first_name is not None:
        _check_name(command.first_name, "the first name", 100)
    check_contacts(command.contacts)


def check_employee_key(key: str) -> None:
    if not EMPLOYEE_KEY.fullmatch(key):
        raise BadInputError(
            f"employee key {quoted(key)} must be 1-64 letters, digits, '.', '_' or '-' "
            "(an HR number)"
        )


def _check_name(name: str, what: str, longest: int) -> None:
    if not name.strip() or len(name) > longest:
        raise BadInputError(f"{what} must be 1-{longest} characters")
    if not printable(name):
        raise BadInputError(f"{what} holds a control or formatting character")


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
