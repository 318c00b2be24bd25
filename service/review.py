"""Reviewing stored cases: the open-case list, the audit trail and the integrity check.
Every read of a case file by anyone but the employee is itself recorded (AVG)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from adapters.store.case_store import CaseStore
from adapters.store.hash_chain import GENESIS, as_utc, entry_hash
from domain.case import LINK_WINDOW, replay
from domain.corrections import effective_history
from domain.errors import BadInputError
from domain.events import Event
from domain.law_calendar import OpenStep, Responsible, Step, open_steps
from domain.recovery_events import (
    BuildUpProposed,
    CapacityAssessed,
    ContactAgreed,
    ContactHeld,
    ContactPaused,
)
from domain.roles import MAY_LIST_CASES, MAY_READ_TRAIL, MAY_VERIFY, Role, require
from service.recording import HOLIDAYS, Actor, entry_of, today_in_amsterdam


@dataclass(frozen=True)
class CaseSummary:
    case_key: str
    employee_key: str
    display_name: str
    status: str
    first_sick_day: dt.date
    next_step: OpenStep | None
    overdue: list[OpenStep]
    undeliverable: list[Unreachable]


@dataclass(frozen=True)
class Unreachable:
    """A target that a reminder was given up on, and that has taken nothing since."""

    party: str
    channel: str
    target: str  # redacted
    error: str
    last_tried: dt.datetime


def open_cases(store: CaseStore, actor: Actor, now: dt.datetime) -> list[CaseSummary]:
    """Cases not closed, each with its next due step and its overdue steps, as of today."""
    require(actor.role, MAY_LIST_CASES, "list cases")
    today, summaries, read = today_in_amsterdam(now), [], []
    failing = store.failing_targets()
    for row, employee, schedule in store.open_cases():
        if row.recovered_on is not None and today - row.recovered_on >= LINK_WINDOW:
            continue  # closed: recovered for 28 days
        steps = [OpenStep(step.due, Step(step.step)) for step in schedule]
        actionable = [s for s in steps if s.responsible is not Responsible.NOBODY]
        summaries.append(
            CaseSummary(
                case_key=row.key,
                employee_key=employee.key,
                display_name=employee.display_name,
                status=row.status,
                first_sick_day=row.first_sick_day,
                next_step=next((s for s in actionable if not s.is_overdue(today)), None),
                overdue=[s for s in actionable if s.is_overdue(today)],
                undeliverable=[
                    Unreachable(d.party, d.channel, d.target, d.error or "", d.attempted_at)
                    for d in failing.get(row.id or 0, [])
                ],
            )
        )
        assert row.id is not None
        read.append(row.id)
    store.record_reads(read, actor.name, actor.role.value, "cases", now)
    return summaries


@dataclass(frozen=True)
class TrailEntry:
    kind: str  # "event", "read" or "delivery" (then `role` is the party it went to)
    seq: int | None
    recorded_at: dt.datetime
    business_date: dt.date | None
    type: str
    details: dict[str, object]
    actor: str
    role: str
    hash: str


def audit_trail(
    store: CaseStore, actor: Actor, case_key: str, now: dt.datetime
) -> list[TrailEntry]:
    """The case's full trail, every recorded entry and every read, in the order they happened.
    Reading it as anyone but the employee is itself recorded first."""
    require(actor.role, MAY_READ_TRAIL, "read a case's audit trail")
    stored = store.load(case_key)
    assert stored.row.id is not None
    if actor.role is Role.EMPLOYEE:
        if actor.name != stored.employee.key:
            raise BadInputError(f"an employee reads only their own case, not {case_key}")
    else:
        store.record_reads([stored.row.id], actor.name, actor.role.value, "audit", now)
    events = [
        TrailEntry(
            "event",
            row.seq,
            row.recorded_at,
            row.business_date,
            row.type,
            {k: v for k, v in json.loads(row.payload).items() if k not in ("type", "date")},
            row.actor,
            row.role,
            row.hash,
        )
        for row in stored.log
    ]
    reads = [
        TrailEntry("read", None, r.accessed_at, None, r.purpose, {}, r.actor, r.role, "")
        for r in store.reads_of(stored.row.id)
    ]
    deliveries = [
        TrailEntry(
            "delivery",
            None,
            d.attempted_at,
            r.due,
            f"{r.kind} reminder: {r.step}",
            {"channel": d.channel, "target": d.target, "delivered": d.ok}
            | ({"error": d.error} if d.error else {}),
            "dispatcher",
            d.party,
            "",
        )
        for d, r in store.deliveries_of(stored.row.id)
    ]
    return sorted([*events, *reads, *deliveries], key=lambda e: as_utc(e.recorded_at))


def verify(store: CaseStore, actor: Actor) -> tuple[int, list[str]]:
    """Recompute every case's hash chain: (entries checked, problems found)."""
    require(actor.role, MAY_VERIFY, "verify the store")
    checked, problems = 0, []
    for stored in store.all_cases():
        case, previous, expected_seq = stored.row.key, GENESIS, 1
        for row in stored.log:
            checked += 1
            if row.seq != expected_seq:
                problems.append(f"case {case}: entries {expected_seq}..{row.seq - 1} are missing")
            elif row.prev_hash != previous:
                problems.append(f"case {case}: entry {row.seq} does not follow the entry before")
            if entry_hash(case, row) != row.hash:
                problems.append(f"case {case}: entry {row.seq} was altered after it was recorded")
            previous, expected_seq = row.hash, row.seq + 1
        if stored.row.last_seq != expected_seq - 1 or stored.row.head_hash != previous:
            problems.append(
                f"case {case}: the case records {stored.row.last_seq} entries but its trail ends "
                f"at entry {expected_seq - 1}: entries were removed or the case row was altered"
            )
    return checked, problems


@dataclass(frozen=True)
class TimelineRow:
    day: dt.date
    what: str  # an event type, or a law step
    status: str  # "recorded" for events; "open" or "overdue" for steps


def timeline(store: CaseStore, case_key: str, today: dt.date) -> list[TimelineRow]:
    """What happened on the case (its corrected history) and what is still open, by date."""
    stored = store.load(case_key)
    history = effective_history([entry_of(row) for row in stored.log])
    case = replay(list(history.values()), today, list(history))
    rows = [TimelineRow(event.date, _what(event), "recorded") for event in history.values()]
    rows += [
        TimelineRow(change.date, f"stage {change.stage}: {change.spec} ({change.why})", "stage")
        for change in case.recovery.course
    ]
    rows += [
        TimelineRow(step.due, step.step.value, "overdue" if step.is_overdue(today) else "open")
        for step in open_steps(case, HOLIDAYS)
    ]
    return sorted(rows, key=lambda row: row.day)


def _what(event: Event) -> str:
    """An event as the timeline shows it: its type, and for the recovery what it set."""
    if isinstance(event, CapacityAssessed):
        return f"{event.type}: {event.days_per_week} days a week, {event.hours_per_day:g} h a day"
    if isinstance(event, BuildUpProposed):
        ladder = " > ".join(f"{s.sessions}x{s.hours:g}h" for s in event.stages)
        return f"{event.type}: {ladder}, target {event.target_hours:g} h a week"
    if isinstance(event, ContactAgreed):
        return f"{event.type}: {event.form}, every {event.every_days} days"
    if isinstance(event, ContactHeld):
        return f"{event.type}: {event.form}"
    if isinstance(event, ContactPaused):
        return f"{event.type} until {event.until}"
    return event.type
