"""Recovery after burn-out, folded from the case's recovery events: the latest capacity
assessment, the build-up ladder and where the employee is on it, and the contact agreement.

The rules (from POORTWACHTER.md, "Recovery after burn-out", and the sources):
- The physician assesses functional capacity; the next review is six weeks later unless the
  physician names a date. A diary drop the employee opted in to share brings it within a week.
- The employee proposes a ladder of stages; it starts at its first stage once the employer and
  the physician both agreed. No stage may start beyond the latest capacity assessment.
- At each stage's review: advance, hold or step back. A setback steps back one stage (or to a
  named one) and brings the review to a week later. That is normal, not failure.
- The manager is reminded when contact is due, as often as agreed, never during a pause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from domain.errors import BadInputError
from domain.recovery_events import (
    AgreementParty,
    BuildUpAgreed,
    BuildUpProposed,
    CapacityAssessed,
    ContactAgreed,
    ContactForm,
    ContactHeld,
    ContactPaused,
    ContactResumed,
    EarlierReviewSuggested,
    ExpectedDuration,
    RecoveryEvent,
    Restriction,
    SetbackReported,
    StageMove,
    StageReviewed,
    StageSpec,
)
from domain.steps import OpenStep, Step

CAPACITY_REVIEW_AFTER = dt.timedelta(weeks=6)
REVIEW_AFTER_SETBACK = dt.timedelta(weeks=1)
EARLIER_REVIEW_WITHIN = dt.timedelta(weeks=1)


@dataclass(frozen=True)
class Capacity:
    assessed_on: dt.date
    hours_per_day: float
    days_per_week: int
    restrictions: tuple[Restriction, ...]
    expected_duration: ExpectedDuration
    next_review: dt.date

    def allows(self, stage: StageSpec) -> bool:
        return stage.sessions <= self.days_per_week and stage.hours <= self.hours_per_day

    def __str__(self) -> str:
        return f"at most {self.days_per_week} sessions a week of at most {self.hours_per_day:g} h"


@dataclass(frozen=True)
class StageChange:
    """One move on the ladder, for the timeline: why, and to which stage (1-based)."""

    date: dt.date
    why: StageMove
    stage: int
    spec: StageSpec


@dataclass(frozen=True)
class BuildUp:
    stages: tuple[StageSpec, ...]
    target_hours: float
    review_after: dt.timedelta
    agreed_by: frozenset[AgreementParty] = frozenset()
    current: int | None = None  # 0-based, once both agreed
    review_on: dt.date | None = None

    @property
    def started(self) -> bool:
        return self.current is not None

    @property
    def stage(self) -> StageSpec | None:
        return None if self.current is None else self.stages[self.current]

    @property
    def target_reached(self) -> bool:
        return self.stage is not None and self.stage.weekly_hours >= self.target_hours


@dataclass(frozen=True)
class Contact:
    every: dt.timedelta
    form: ContactForm
    since: dt.date  # the agreement, or the latest contact moment (moved on by fit days between)
    paused_until: dt.date | None = None

    @property
    def next_due(self) -> dt.date:
        due = self.since + self.every
        return max(due, self.paused_until) if self.paused_until else due


ContactMoment = tuple[dt.date, ContactForm]  # when and how; never what was said
Noted = StageChange | ContactMoment | None  # what an event adds to a recovery's course or contacts


@dataclass(frozen=True)
class Recovery:
    capacity: Capacity | None = None
    build_up: BuildUp | None = None  # the started ladder, or the one proposed
    contact: Contact | None = None
    # These two grow in a case's fold (`domain.case`), by what `advance` notes.
    course: tuple[StageChange, ...] = ()
    contacts: tuple[ContactMoment, ...] = ()

    @property
    def over_capacity(self) -> bool:
        stage = self.build_up.stage if self.build_up else None
        return bool(stage and self.capacity and not self.capacity.allows(stage))


def advance(recovery: Recovery, event: RecoveryEvent) -> tuple[Recovery, Noted]:  # noqa: PLR0911 (one line per event)
    """The recovery after `event`, but for its course and contacts, and what the event adds to
    one of those (the fold in `domain.case` keeps them); raise `InputError` if the event cannot
    happen now."""
    if isinstance(event, CapacityAssessed):
        return _assessed(recovery, event), None
    if isinstance(event, EarlierReviewSuggested):
        if recovery.capacity is None:
            return recovery, None
        sooner = min(recovery.capacity.next_review, event.date + EARLIER_REVIEW_WITHIN)
        return replace(recovery, capacity=replace(recovery.capacity, next_review=sooner)), None
    if isinstance(event, BuildUpProposed):
        proposal = BuildUp(
            tuple(event.stages),
            event.target_hours,
            dt.timedelta(days=event.review_after_days),
        )
        return replace(recovery, build_up=proposal), None
    if isinstance(event, BuildUpAgreed):
        return _agreed(recovery, event)
    if isinstance(event, StageReviewed | SetbackReported):
        return _moved(recovery, event)
    return _contact(recovery, event)


def recovery_steps(recovery: Recovery) -> list[OpenStep]:
    """The recovery's open steps: the capacity review, the stage review, the next contact."""
    steps = []
    if recovery.capacity:
        steps.append(OpenStep(recovery.capacity.next_review, Step.CAPACITY_REVIEW))
    if recovery.build_up and recovery.build_up.review_on:
        steps.append(OpenStep(recovery.build_up.review_on, Step.STAGE_REVIEW))
    if recovery.contact:
        steps.append(OpenStep(recovery.contact.next_due, Step.CONTACT, recovery.contact.every))
    return steps


def after_gap(recovery: Recovery, fit_from: dt.date, sick_again: dt.date) -> Recovery:
    """The recovery when the employee, fit from `fit_from`, is reported sick again on
    `sick_again` within the linked period. Its reviews and the next contact count sick days only,
    like the law's deadlines: one due on or after `fit_from` moves by the fit days; one due
    before it stays as it was (and may be overdue)."""
    fit_days = sick_again - fit_from

    def moved(day: dt.date) -> dt.date:
        return day + fit_days if day >= fit_from else day

    capacity, build_up, contact = recovery.capacity, recovery.build_up, recovery.contact
    if not (capacity or build_up or contact):
        return recovery  # nothing to move (most cases)
    if capacity:
        capacity = replace(capacity, next_review=moved(capacity.next_review))
    if build_up and build_up.review_on:
        build_up = replace(build_up, review_on=moved(build_up.review_on))
    if contact and contact.since + contact.every >= fit_from:
        contact = replace(contact, since=contact.since + fit_days)
    return replace(recovery, capacity=capacity, build_up=build_up, contact=contact)


def default_ladder(capacity: Capacity, target_hours: float, first: StageSpec) -> list[StageSpec]:
    """The engine's proposal: from `first` toward `target_hours` a week in small steps, one
    more session while sessions do not outnumber the hours, else an hour longer, and never
    beyond `capacity`. It stops at the target, or where capacity allows no further step."""
    if not capacity.allows(first):
        raise BadInputError(f"the first stage {first} is beyond the latest capacity ({capacity})")
    ladder = [first]
    while ladder[-1].weekly_hours < target_hours:
        stage = ladder[-1]
        # Unvalidated copies; a step past the allowed range never fits the capacity below.
        more = stage.model_copy(update={"sessions": stage.sessions + 1})
        longer = stage.model_copy(update={"hours": stage.hours + 1})
        options = [more, longer] if stage.sessions <= stage.hours else [longer, more]
        fitting = [o for o in options if capacity.allows(o) and _restable(o)]
        if not fitting:
            break
        ladder.append(fitting[0])
    return ladder


def _restable(stage: StageSpec) -> bool:
    """With a rest day between sessions, a week holds at most four."""
    return not stage.rest_days or stage.sessions <= 4


def _assessed(recovery: Recovery, event: CapacityAssessed) -> Recovery:
    capacity = Capacity(
        assessed_on=event.date,
        hours_per_day=event.hours_per_day,
        days_per_week=event.days_per_week,
        restrictions=tuple(event.restrictions),
        expected_duration=event.expected_duration,
        next_review=event.next_review or event.date + CAPACITY_REVIEW_AFTER,
    )
    recovery = replace(recovery, capacity=capacity)
    build_up = recovery.build_up
    if recovery.over_capacity and build_up and build_up.review_on:
        # The current stage now asks more than the assessment allows: review it straight away.
        recovery = replace(recovery, build_up=replace(build_up, review_on=event.date))
    return recovery


def _agreed(recovery: Recovery, event: BuildUpAgreed) -> tuple[Recovery, Noted]:
    build_up = recovery.build_up
    if build_up is None or build_up.started:
        raise BadInputError("there is no build-up proposal waiting for agreement")
    if event.party in build_up.agreed_by:
        raise BadInputError(f"the {event.party} already agreed to this build-up proposal")
    build_up = replace(build_up, agreed_by=build_up.agreed_by | {event.party})
    if build_up.agreed_by != set(AgreementParty):
        return replace(recovery, build_up=build_up), None
    first = build_up.stages[0]
    _require_capacity(recovery, first, 1)
    started = replace(build_up, current=0, review_on=event.date + build_up.review_after)
    return replace(recovery, build_up=started), StageChange(event.date, StageMove.START, 1, first)


def _moved(recovery: Recovery, event: StageReviewed | SetbackReported) -> tuple[Recovery, Noted]:
    build_up = recovery.build_up
    if build_up is None or build_up.current is None:
        raise BadInputError("no build-up has started: it starts once employer and physician agree")
    current, last = build_up.current, len(build_up.stages) - 1
    target = None if event.to_stage is None else event.to_stage - 1
    if target is not None and target > last:
        raise BadInputError(f"there is no stage {event.to_stage}: the build-up has {last + 1}")
    why = StageMove(event.outcome) if isinstance(event, StageReviewed) else StageMove.SETBACK
    if why is StageMove.ADVANCE:
        if current == last:
            raise BadInputError(
                f"already at the last stage ({build_up.stages[last]}); once the target is "
                "reached, HR records partial or full recovery"
            )
        target = current + 1 if target is None else target
        if target <= current:
            raise BadInputError(f"advancing goes beyond stage {current + 1}, not to {target + 1}")
        _require_capacity(recovery, build_up.stages[target], target + 1)
    elif why is StageMove.HOLD:
        if target not in (None, current):
            raise BadInputError("hold keeps the current stage; to move, advance or step back")
        target = current
    else:  # step_back, setback
        target = max(current - 1, 0) if target is None else target
        if target > current:
            raise BadInputError(
                f"stepping back goes below stage {current + 1}, not to {target + 1}"
            )
    review = event.date + (
        REVIEW_AFTER_SETBACK if why is StageMove.SETBACK else build_up.review_after
    )
    if isinstance(event, StageReviewed) and event.next_review:
        review = event.next_review
    change = StageChange(event.date, why, target + 1, build_up.stages[target])
    return replace(recovery, build_up=replace(build_up, current=target, review_on=review)), change


def _require_capacity(recovery: Recovery, stage: StageSpec, number: int) -> None:
    capacity = recovery.capacity
    if capacity is None:
        raise BadInputError("no capacity assessment yet: the physician assesses capacity first")
    if not capacity.allows(stage):
        raise BadInputError(
            f"stage {number} ({stage}) is beyond the latest capacity assessment of "
            f"{capacity.assessed_on} ({capacity}); it can start once an assessment allows it"
        )


def _contact(
    recovery: Recovery, event: ContactAgreed | ContactPaused | ContactResumed | ContactHeld
) -> tuple[Recovery, Noted]:
    contact = recovery.contact
    if isinstance(event, ContactAgreed):
        paused = contact.paused_until if contact else None
        agreed = Contact(dt.timedelta(days=event.every_days), event.form, event.date, paused)
        return replace(recovery, contact=agreed), None
    if isinstance(event, ContactHeld):
        held = replace(contact, since=event.date) if contact else None
        return replace(recovery, contact=held), (event.date, event.form)
    if contact is None:
        raise BadInputError("there is no contact agreement to pause or resume")
    if isinstance(event, ContactPaused):
        if event.until <= event.date:
            raise BadInputError(f"a pause runs until a later day than {event.date}")
        return replace(recovery, contact=replace(contact, paused_until=event.until)), None
    if contact.paused_until is None:
        raise BadInputError("contact is not paused")
    return replace(recovery, contact=replace(contact, paused_until=None, since=event.date)), None
