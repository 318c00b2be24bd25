"""Long cases fold like short ones: every event counts, however many there are (20,000 here).

D is 2000-01-03. The relapsing case is sick on D and every second day after it, fit on the
days between: each relapse is a one-day gap, so sick day N falls on D + 2(N - 1).
"""

from __future__ import annotations

import datetime as dt

from domain.case import Case, Gap, apply, replay
from domain.events import EvaluationHeld, Event, PlanOfActionAgreed, Recovered, ReportedSick
from domain.law_calendar import OpenStep, Step, open_steps
from domain.recovery_events import (
    AgreementParty,
    BuildUpAgreed,
    BuildUpProposed,
    CapacityAssessed,
    ContactAgreed,
    ContactForm,
    ContactHeld,
    ReviewOutcome,
    StageMove,
    StageReviewed,
    StageSpec,
)

D = dt.date(2000, 1, 3)
ONE_DAY = dt.timedelta(days=1)
RELAPSES = 10_000
LAST_REPORT = D + 2 * (RELAPSES - 1) * ONE_DAY


def relapsing() -> list[Event]:
    """Sick on D; then, RELAPSES - 1 times, fit the next day and sick again the day after."""
    events: list[Event] = [ReportedSick(date=D)]
    for relapse in range(1, RELAPSES):
        sick = D + 2 * relapse * ONE_DAY
        events += [Recovered(date=sick - ONE_DAY), ReportedSick(date=sick)]
    return events


def sick_days_later(day: dt.date, days: int) -> dt.date:
    """`days` sick days after `day` (a sick day) in the relapsing case: every second day up to
    the last report, every day after it."""
    relapses_left = (LAST_REPORT - day).days // 2
    if days <= relapses_left:
        return day + 2 * days * ONE_DAY
    return LAST_REPORT + (days - relapses_left) * ONE_DAY


def long_recovery(days: int) -> list[Event]:
    """One sickness with a build-up held at its first stage: each day an evaluation, a contact
    moment, or a stage review, in turn."""
    events: list[Event] = [
        ReportedSick(date=D),
        PlanOfActionAgreed(date=D),
        CapacityAssessed(date=D, hours_per_day=4, days_per_week=4),
        BuildUpProposed(
            date=D,
            stages=[StageSpec(sessions=2, hours=2), StageSpec(sessions=3, hours=2)],
            target_hours=6,
        ),
        BuildUpAgreed(date=D, party=AgreementParty.EMPLOYER),
        BuildUpAgreed(date=D, party=AgreementParty.PHYSICIAN),
        ContactAgreed(date=D, every_days=7, form=ContactForm.CALL),
    ]
    for offset in range(1, days + 1):
        day = D + offset * ONE_DAY
        turn: list[Event] = [
            EvaluationHeld(date=day),
            ContactHeld(date=day, form=ContactForm.VIDEO),
            StageReviewed(date=day, outcome=ReviewOutcome.HOLD),
        ]
        events.append(turn[offset % 3])
    return events


def test_a_case_with_thousands_of_relapses_keeps_every_report_and_gap() -> None:
    events = relapsing()
    case = replay(events, events[-1].date)
    assert len(events) == 2 * RELAPSES - 1
    assert case.first_sick_day == D
    assert case.reports == tuple(D + 2 * n * ONE_DAY for n in range(RELAPSES))
    assert case.gaps == tuple(Gap(day - ONE_DAY, day) for day in case.reports[1:])
    assert case.events == tuple(events)
    assert case.sick_day_number(case.reports[-1]) == RELAPSES


def test_the_steps_of_a_case_with_thousands_of_relapses_skip_every_gap() -> None:
    events = relapsing()
    case = replay(events, events[-1].date)
    steps = open_steps(case, frozenset())
    notify = [step.due for step in steps if step.step is Step.NOTIFY_PHYSICIAN]
    assert notify == [sick_days_later(day, 6) for day in case.reports]
    assert OpenStep(sick_days_later(D, 20), Step.PHYSICIAN_CONSULT) in steps
    assert OpenStep(sick_days_later(D, 728), Step.WAGE_CONTINUATION_END) in steps


def test_a_long_recovery_keeps_every_contact_moment_and_stage_review() -> None:
    events = long_recovery(20_000)
    case = replay(events, events[-1].date)
    reviews = [e.date for e in events if isinstance(e, StageReviewed)]
    contacts = [e.date for e in events if isinstance(e, ContactHeld)]
    evaluations = [e.date for e in events if isinstance(e, EvaluationHeld)]
    assert case.events == tuple(events)
    assert [(c.date, c.why, c.stage) for c in case.recovery.course] == [
        (D, StageMove.START, 1),
        *((day, StageMove.HOLD, 1) for day in reviews),
    ]
    assert case.recovery.contacts == tuple((day, ContactForm.VIDEO) for day in contacts)
    steps = {step.step: step.due for step in open_steps(case, frozenset())}
    assert steps[Step.EVALUATION] == evaluations[-1] + 42 * ONE_DAY
    assert steps[Step.CONTACT] == contacts[-1] + 7 * ONE_DAY
    assert steps[Step.STAGE_REVIEW] == reviews[-1] + 14 * ONE_DAY


def test_applying_one_more_event_to_a_folded_case_is_replaying_them_all() -> None:
    """`apply` continues a case as `replay` would: its reports, gaps, events and recovery."""
    for events in (relapsing()[:41], long_recovery(40)):
        *before, last = events
        folded: Case = replay(before, last.date)
        assert apply(folded, last) == replay(events, last.date)
