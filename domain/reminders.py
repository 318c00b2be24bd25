"""Which reminders a case's open steps call for, to whom, and when.

For each open step the responsible parties hear of it ahead of the due date and on it; HR gets
an escalation when it is overdue, weekly for four weeks. The employee is reminded gently and is
never escalated to. Reminders go out at 09:00 Amsterdam time on a working day: one that would
fall on a weekend or holiday goes out the working day before (or, for an escalation, after).
Re-planning after every event replaces the plan, so a step done, a plan changed or a case closed
stops its reminders.

The lead times, and why:
- ahead: the step's `lead_days` before the due date (see `domain.steps`), so that each party
  has time to act;
- due: on the due date (the working day before, if it is not one);
- escalation: to HR only, 1, 8, 15 and 22 days after the due date while the step stays open;
  only for the law's steps that someone in the case must do: not for the end of wage
  continuation, UWV's own terms (a shortening decision, a second opinion) or the term to
  object to a sanction, which are announced ahead (the term to object on its last day too).
  The recovery's reviews and contact moments are reminded, not escalated: they follow the
  employee's pace, not a legal deadline.
A setback is news, not a deadline: each party hears of it once, the day it is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
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
    NEWS = "news"  # not a deadline: something happened that the parties should hear of


ESCALATION_DAYS = (1, 8, 15, 22)  # after the due date, to HR, while the step stays open

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
    """Every reminder the open `steps` call for, past and future."""
    plan: list[Reminder] = []
    for step in steps:
        parties = PARTIES[step.responsible]
        if lead_days := STEPS[step.step].lead_days:
            ahead = _working_day_before(step.due - dt.timedelta(days=lead_days), holidays)
            plan += [Reminder(ahead, step.step, step.due, Kind.AHEAD, 0, p) for p in parties]
        if step.responsible in (Responsible.NOBODY, Responsible.UWV):
            continue  # informational, or UWV's to do: a heads-up only
        on_due = _working_day_before(step.due, holidays)
        plan += [Reminder(on_due, step.step, step.due, Kind.DUE, 0, p) for p in parties]
        if not STEPS[step.step].escalated:
            continue  # the recovery's own rhythm, or a term to know of: reminded, not escalated
        for number, days in enumerate(ESCALATION_DAYS, start=1):
            day = first_working_day_on_or_after(step.due + days * ONE_DAY, holidays)
            plan.append(Reminder(day, step.step, step.due, Kind.ESCALATION, number, Party.HR))
    return sorted(plan)


def setback_news(day: dt.date, stage: int, next_review: dt.date) -> list[Reminder]:
    """A word to each party that the build-up stepped back to `stage` on `day`; `next_review`
    tells them when it is looked at again. Keyed by the review date, so one per setback."""
    return [
        Reminder(day, Step.STAGE_REVIEW, next_review, Kind.NEWS, stage, party)
        for party in SETBACK_PARTIES
    ]


def still_to_send(plan: list[Reminder], today: dt.date) -> list[Reminder]:
    """The reminders of `plan` worth adding when it is made on `today`: those still ahead, and
    for each step already past an escalation, its latest escalation, today (a step found
    overdue is escalated once, not four times at once)."""
    keep = [reminder for reminder in plan if reminder.send_on >= today]
    missed: dict[tuple[Step, dt.date], Reminder] = {}
    for reminder in plan:
        if reminder.kind is Kind.ESCALATION and reminder.send_on < today:
            missed[reminder.step, reminder.due] = replace(reminder, send_on=today)
    return sorted(keep + list(missed.values()))


def _working_day_before(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    while day.weekday() >= 5 or day in holidays:
        day -= ONE_DAY
    return day
