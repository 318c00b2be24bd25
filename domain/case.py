"""A case's state, folded from its events in the order the law applies them.

Events apply in date order, and on the same date in the order given. A new sick report less
than 28 days after a recovery continues the same case (samentelling, art. 7:629 lid 10 BW);
the days in between are a gap that the sick-day clock skips. A report 28 or more days after a
recovery starts a new case with a new first sick day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from domain.errors import BadInputError, InputError
from domain.event_base import BaseEvent
from domain.events import Event, PartiallyRecovered, Recovered, ReportedSick, describe
from domain.recovery import Recovery, advance
from domain.recovery_events import RecoveryEvent

LINK_WINDOW = dt.timedelta(days=28)


@dataclass(frozen=True)
class Gap:
    """Fit days between a recovery and the next linked report; not counted as sick days."""

    start: dt.date  # the first fit day: the date of `recovered`
    end: dt.date  # the date of the next sick report

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class Case:
    """One (possibly linked) case: its first sick day D, its reports and gaps, and its events."""

    first_sick_day: dt.date
    reports: tuple[dt.date, ...]
    gaps: tuple[Gap, ...] = ()
    recovered_on: dt.date | None = None
    percentage: int = 100
    events: tuple[Event, ...] = ()
    recovery: Recovery = field(default_factory=Recovery)

    @property
    def is_sick(self) -> bool:
        return self.recovered_on is None

    def is_closed(self, as_of: dt.date) -> bool:
        """A case that stays recovered for 28 days is closed."""
        return self.recovered_on is not None and as_of - self.recovered_on >= LINK_WINDOW

    def dates_of(self, kind: type[BaseEvent]) -> list[dt.date]:
        """The dates of this case's events of one kind, in application order."""
        return [event.date for event in self.events if isinstance(event, kind)]

    def sick_day_number(self, day: dt.date) -> int:
        """Which sick day `day` is (D is day 1), skipping the gaps before it."""
        skipped = sum(
            (min(gap.end, day + dt.timedelta(days=1)) - gap.start).days
            for gap in self.gaps
            if gap.start <= day
        )
        return (day - self.first_sick_day).days + 1 - skipped


def apply(case: Case | None, event: Event) -> Case:
    """The case after `event`; raise `InputError` if the event cannot happen in this state."""
    if isinstance(event, ReportedSick):
        return _report_sick(case, event)
    if case is None:
        raise BadInputError("the employee is not sick: a case starts with a reported_sick event")
    if case.recovered_on is not None:
        raise BadInputError(f"the employee is not sick: recovered on {case.recovered_on}")
    case = replace(case, events=(*case.events, event))
    if isinstance(event, PartiallyRecovered):
        return replace(case, percentage=event.percentage)
    if isinstance(event, Recovered):
        return replace(case, recovered_on=event.date)
    if isinstance(event, RecoveryEvent):
        return replace(case, recovery=advance(case.recovery, event))
    return case


def _report_sick(case: Case | None, report: ReportedSick) -> Case:
    if case is None or case.is_closed(report.date):
        return Case(
            first_sick_day=report.date,
            reports=(report.date,),
            percentage=report.percentage,
            events=(report,),
        )
    if case.recovered_on is None:
        raise BadInputError(f"reported sick while already sick since {case.reports[-1]}")
    return replace(
        case,
        reports=(*case.reports, report.date),
        gaps=(*case.gaps, Gap(case.recovered_on, report.date)),
        recovered_on=None,
        percentage=report.percentage,
        events=(*case.events, report),
    )


def replay(events: Sequence[Event], as_of: dt.date, numbers: Sequence[int] = ()) -> Case:
    """Fold a case's events as of a date. Errors name an event by its number: its position in
    `events` (from 1), or its number in `numbers` (a log's sequence numbers) when given."""
    if not events:
        raise BadInputError("no events: a case starts with a reported_sick event")
    numbered = list(zip(numbers or range(1, len(events) + 1), events, strict=True))
    for position, event in numbered:
        if event.date > as_of:
            raise BadInputError(f"dated after the as-of date {as_of}", _where(position, event))
    (position, first), *rest = sorted(numbered, key=lambda item: item[1].date)
    case = _apply_at(position, None, first)
    for position, event in rest:
        case = _apply_at(position, case, event)
    return case


def _apply_at(position: int, case: Case | None, event: Event) -> Case:
    try:
        return apply(case, event)
    except InputError as error:
        raise error.at(_where(position, event)) from None


def _where(position: int, event: Event) -> str:
    return f"event {position} ({describe(event)})"
