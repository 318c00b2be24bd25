"""A case as its parties look at it: where it stands, what is open and due by whom (and what is
overdue), and its timeline. Opened for `Purpose.CASE`: whoever lists cases, and the employee
their own; the read is recorded like any other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.case import Case
from domain.corrections import OPENING, Entry, EventCorrected, EventRetracted
from domain.done_steps import DoneStep, done_steps
from domain.events import Event
from domain.law_calendar import STEPS, OpenStep
from domain.roles import same_side
from service.case_file import HOLIDAYS, Actor, Purpose, open_case_file
from service.ports import CaseStatus, Store
from service.recording import recordable_types
from service.timeline import TimelineRow, timeline_of


@dataclass(frozen=True)
class LoggedEntry:
    """An entry of the case's log as recorded, and (for an event) how it stands now: its latest
    correction, or None once retracted."""

    seq: int
    entry: Entry
    now: Event | None
    recorded_at: dt.datetime
    actor: str
    role: str

    @property
    def is_correction(self) -> bool:
        return isinstance(self.entry, EventCorrected | EventRetracted)


@dataclass(frozen=True)
class CaseView:
    case_key: str
    employee_key: str
    display_name: str
    status: CaseStatus
    first_sick_day: dt.date
    recovered_on: dt.date | None
    last_seq: int  # the entry to send as `expected_seq` when deciding on this view
    today: dt.date
    open_steps: list[OpenStep]
    timeline: list[TimelineRow]
    # For the console's header and picture (not part of the API's answer):
    case_id: int = 0
    percentage: int = 100
    week: int = 1  # on the sick-day clock: today's, or the last sick day's once recovered
    periods: tuple[tuple[dt.date, dt.date | None], ...] = ()  # sick from, to (None: still)
    done: tuple[DoneStep, ...] = ()
    log: tuple[LoggedEntry, ...] = ()  # every entry, oldest first; no medical data exists in it
    voided_on: dt.date | None = None  # opened by mistake: its opening report retracted then

    def entries_after(self, seq: int) -> list[LoggedEntry]:
        """What was recorded after entry `seq`: what a stale form did not know."""
        return [entry for entry in self.log if entry.seq > seq]

    def as_dict(self) -> dict[str, object]:
        actionable = [s for s in self.open_steps if s.actionable]
        overdue = [s for s in actionable if s.is_overdue(self.today)]
        upcoming = [s for s in actionable if not s.is_overdue(self.today)]
        return {
            "case": self.case_key,
            "employee": self.employee_key,
            "display_name": self.display_name,
            "status": self.status.value,
            "first_sick_day": self.first_sick_day.isoformat(),
            "recovered_on": self.recovered_on.isoformat() if self.recovered_on else None,
            "voided_on": self.voided_on.isoformat() if self.voided_on else None,
            "last_seq": self.last_seq,
            "as_of": self.today.isoformat(),
            "next_step": step_dict(upcoming[0], self.today) if upcoming else None,
            "overdue": [step_dict(s, self.today) for s in overdue],
            "open_steps": [step_dict(s, self.today) for s in self.open_steps],
            "timeline": [row.as_dict() for row in self.timeline],
        }


def step_dict(step: OpenStep, today: dt.date) -> dict[str, object]:
    """An open step as the API and `--json` give it: with its basis and consequence."""
    return {
        "step": step.step.value,
        "due": step.due.isoformat(),
        "party": step.responsible.value,
        "title": step.title,
        "overdue": step.is_overdue(today),
        "basis": STEPS[step.step].basis.en,
        "consequence": STEPS[step.step].consequence.en,
    }


def case_view(store: Store, actor: Actor, case_key: str, now: dt.datetime) -> CaseView:
    """The case as of today in Amsterdam, if `actor` may see it."""
    file = open_case_file(store, actor, case_key, now, Purpose.CASE)
    stored, case, history = file.stored, file.case, file.history
    steps = file.steps
    # A void case stopped on the day it was voided: its week and timeline stop there too.
    until = min(file.voided.date, file.as_of) if file.voided else file.as_of
    return CaseView(
        case_key=stored.case.key,
        employee_key=stored.employee.key,
        display_name=stored.employee.display_name,
        status=stored.case.status,
        first_sick_day=case.first_sick_day,
        recovered_on=case.recovered_on,
        last_seq=stored.case.last_seq,
        today=file.as_of,
        open_steps=steps,
        timeline=timeline_of(file.history, case, steps, until),
        case_id=stored.case.id,
        percentage=case.percentage,
        week=sick_week(case, until),
        periods=sick_periods(case, file.voided.date if file.voided else None),
        done=tuple(done_steps(case, HOLIDAYS)),
        log=tuple(
            LoggedEntry(row.seq, entry, history.get(row.seq), row.recorded_at, row.actor, row.role)
            for row, entry in zip(stored.log, file.entries, strict=True)
        ),
        voided_on=file.voided.date if file.voided else None,
    )


def sick_week(case: Case, today: dt.date) -> int:
    """The week on the sick-day clock (days 1-7 are week 1) today, or on the last sick day."""
    last = today if case.recovered_on is None else case.recovered_on - dt.timedelta(days=1)
    return (case.sick_day_number(max(last, case.first_sick_day)) - 1) // 7 + 1


def sick_periods(
    case: Case, voided_on: dt.date | None = None
) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """The stretches of sickness: from each report to the next gap (or the recovery, or the
    day the case was voided)."""
    ends = [gap.start for gap in case.gaps] + [case.recovered_on or voided_on]
    return tuple(zip(case.reports, ends, strict=True))


def changeable(actor: Actor, view: CaseView) -> set[int]:
    """The entries `actor` may correct or retract: events of a type they may record, by their
    own side, still standing; never the opening sick report (a case starts with it; retracting
    it voids the case, see `voidable`), and nothing of a void case."""
    mine = recordable_types(actor)
    return {
        e.seq
        for e in view.log
        if e.seq > OPENING
        and e.now is not None
        and not e.is_correction
        and e.now.type in mine
        and same_side(actor.role, e.role)
        and view.voided_on is None
    }


def voidable(actor: Actor, view: CaseView) -> bool:
    """Whether `actor` may void the case (opened by mistake) by retracting its opening sick
    report: the side that reported it, while it is not void already."""
    opening = view.log[0]
    return (
        view.voided_on is None
        and opening.entry.type in recordable_types(actor)
        and same_side(actor.role, opening.role)
    )
