"""Which reminders a case's open steps call for, to whom, and when.

For each open step the responsible parties hear of it ahead of the due date and on it; HR gets
an escalation the working day after it is overdue, and then, every Monday while any of the
case's legal steps is overdue, one overview listing all of them, until each is recorded done.
The employee is reminded gently and is never escalated to. Reminders go out at 09:00 Amsterdam
time on a working day: one that would fall on a weekend or holiday goes out the working day
before (or, for an escalation or an overview, after).
Re-planning after every event replaces the plan, so a step done, a plan changed or a case closed
stops its reminders.

The lead times, and why:
- ahead: the step's `lead_days` before the due date (see `domain.steps`), so that each party
  has time to act;
- due: on the due date (the working day before, if it is not one);
- escalation: to HR only, the working day after the due date;
- overview: to HR, every Monday (the first working day of the week) after the first escalation
  of the case's earliest overdue step, listing every step then overdue (see `overdue_overview`);
  the steps it lists are found when it is sent, so a step recorded done leaves it.
  Escalations and overviews are only for the law's steps that someone in the case must do:
  not for the end of wage continuation, UWV's own terms (a shortening decision, a second
  opinion) or the term to object to a sanction, which are announced ahead (the term to object
  on its last day too).
  The recovery's reviews and contact moments are reminded, not escalated: they follow the
  employee's pace, not a legal deadline.
A step that repeats (a contact agreement: `OpenStep.every`) is reminded at each occurrence,
every agreed period from its next due date, until a contact is recorded (which re-plans from
it) or a pause moves its next due date.
Repeating reminders and overviews are planned `PLANNED_AHEAD` beyond their first: as long as a
case runs (about 104 weeks of wage continuation); every recorded entry re-plans.
A setback is news, not a deadline: each party hears of it once, the day it is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from domain.errors import BadInputError, quoted
from domain.law_calendar import STEPS, OpenStep, Responsible, Step
from domain.sick_day_clock import ONE_DAY, first_working_day_on_or_after

SEND_HOUR = 9  # Europe/Amsterdam
LANGUAGES = ("nl", "en")  # what reminders can be written in; Dutch unless a person chose English
DEFAULT_LANGUAGE = "nl"


def check_language(language: object) -> str:
    """`language` if reminders can be written in it; else an `InputError` naming the known."""
    if language not in LANGUAGES:
        raise BadInputError(f"unknown language {quoted(language)} (known: {', '.join(LANGUAGES)})")
    return str(language)


class Party(StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    HR = "hr"
    PHYSICIAN = "physician"


class Kind(StrEnum):
    AHEAD = "ahead"
    DUE = "due"
    ESCALATION = "escalation"
    OVERVIEW = "overview"  # to HR, weekly: every overdue legal step of the case
    NEWS = "news"  # not a deadline: something happened that the parties should hear of


PLANNED_AHEAD = dt.timedelta(weeks=104)  # how far repeating reminders and overviews are planned

PARTIES: dict[Responsible, tuple[Party, ...]] = {
    Responsible.EMPLOYER: (Party.HR,),
    Responsible.PHYSICIAN: (Party.PHYSICIAN,),
    Responsible.EMPLOYEE: (Party.EMPLOYEE, Party.HR),
    Responsible.EMPLOYER_AND_EMPLOYEE: (Party.HR, Party.MANAGER, Party.EMPLOYEE),
    Responsible.EMPLOYER_EMPLOYEE_AND_PHYSICIAN: (Party.HR, Party.EMPLOYEE, Party.PHYSICIAN),
    Responsible.MANAGER: (Party.MANAGER,),
    Responsible.UWV: (Party.HR,),  # a heads-up that UWV's term runs out
    Responsible.NOBODY: (Party.HR,),
}
# Who hears of a setback: everyone working with the employee on the build-up, and HR.
SETBACK_PARTIES = (Party.EMPLOYEE, Party.MANAGER, Party.PHYSICIAN, Party.HR)


@dataclass(frozen=True, order=True)
class Reminder:
    send_on: dt.date  # at SEND_HOUR, Amsterdam time
    step: Step
    due: dt.date
    kind: Kind
    number: int  # which escalation (1-4); 0 otherwise
    party: Party

    @property
    def key(self) -> str:
        """Names this reminder uniquely within its case: the same plan gives the same keys."""
        return f"{self.step}:{self.due}:{self.kind}:{self.number}:{self.party}"


def plan_reminders(steps: list[OpenStep], holidays: Container[dt.date]) -> list[Reminder]:
    """Every reminder the open `steps` call for, past and future: each occurrence of a
    repeating step, and HR's weekly overview while any escalated step is overdue."""
    plan: list[Reminder] = []
    for step in [occurrence for open_step in steps for occurrence in _occurrences(open_step)]:
        parties = PARTIES[step.responsible]
        if lead_days := STEPS[step.step].lead_days:
            ahead = _working_day_before(step.due - dt.timedelta(days=lead_days), holidays)
            plan += [Reminder(ahead, step.step, step.due, Kind.AHEAD, 0, p) for p in parties]
        if step.responsible in (Responsible.NOBODY, Responsible.UWV):
            continue  # informational, or UWV's to do: a heads-up only
        on_due = _working_day_before(step.due, holidays)
        plan += [Reminder(on_due, step.step, step.due, Kind.DUE, 0, p) for p in parties]
        if _escalated(step):
            day = _escalation_day(step.due, holidays)
            plan.append(Reminder(day, step.step, step.due, Kind.ESCALATION, 1, Party.HR))
    return sorted(plan + _overviews(steps, holidays))


def overdue_overview(
    steps: Sequence[OpenStep], today: dt.date, holidays: Container[dt.date]
) -> list[OpenStep]:
    """What HR's weekly overview sent on `today` lists: every escalated step whose escalation
    went out before today (one escalated today is its own message)."""
    return [s for s in steps if _escalated(s) and _escalation_day(s.due, holidays) < today]


def _occurrences(step: OpenStep) -> list[OpenStep]:
    """The step, or for a repeating one each occurrence within `PLANNED_AHEAD` of the next."""
    if step.every is None:
        return [step]
    count = PLANNED_AHEAD // step.every + 1
    return [step._replace(due=step.due + n * step.every) for n in range(count)]


def _overviews(steps: Sequence[OpenStep], holidays: Container[dt.date]) -> list[Reminder]:
    """HR's Monday overviews, from the week after the earliest escalated step's escalation;
    each names that step (its key changes once that step is done, and the plan with it)."""
    first = min((s for s in steps if _escalated(s)), default=None)
    if first is None:
        return []
    escalated = _escalation_day(first.due, holidays)
    monday = escalated + dt.timedelta(days=7 - escalated.weekday())
    weeks = PLANNED_AHEAD // dt.timedelta(weeks=1)
    mondays = [monday + dt.timedelta(weeks=week) for week in range(weeks)]
    return [
        Reminder(
            first_working_day_on_or_after(day, holidays),
            first.step,
            first.due,
            Kind.OVERVIEW,
            n,
            Party.HR,
        )
        for n, day in enumerate(mondays, start=1)
    ]


def _escalated(step: OpenStep) -> bool:
    """Whether HR hears of the step once overdue: the law's steps that someone in the case must
    do; not the recovery's own rhythm, a term to know of, an end date or UWV's own term."""
    actionable = step.responsible not in (Responsible.NOBODY, Responsible.UWV)
    return actionable and STEPS[step.step].escalated


def _escalation_day(due: dt.date, holidays: Container[dt.date]) -> dt.date:
    return first_working_day_on_or_after(due + ONE_DAY, holidays)


def setback_news(day: dt.date, stage: int, next_review: dt.date) -> list[Reminder]:
    """A word to each party that the build-up stepped back to `stage` on `day`; `next_review`
    tells them when it is looked at again. Keyed by the review date, so one per setback."""
    return [
        Reminder(day, Step.STAGE_REVIEW, next_review, Kind.NEWS, stage, party)
        for party in SETBACK_PARTIES
    ]


def still_to_send(plan: list[Reminder], today: dt.date) -> list[Reminder]:
    """The reminders of `plan` worth adding when it is made on `today`: those still ahead, and
    for each step already past its escalation, that escalation, today (unless an overview,
    which lists them all, goes out today)."""
    keep = [reminder for reminder in plan if reminder.send_on >= today]
    if any(r.kind is Kind.OVERVIEW and r.send_on == today for r in keep):
        return sorted(keep)
    missed = [
        replace(reminder, send_on=today)
        for reminder in plan
        if reminder.kind is Kind.ESCALATION and reminder.send_on < today
    ]
    return sorted(keep + missed)


def _working_day_before(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    while day.weekday() >= 5 or day in holidays:
        day -= ONE_DAY
    return day
