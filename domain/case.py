"""A case's state, folded from its events in the order the law applies them.

Events apply in date order, and on the same date in the order given. A new sick report less
than 28 days after a recovery continues the same case (samentelling, art. 7:629 lid 10 BW);
the days in between are a gap that the sick-day clock skips. A report 28 or more days after a
recovery starts a new case with a new first sick day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any, Generic, TypeVar, cast

from domain.errors import BadInputError, InputError
from domain.event_base import BaseEvent
from domain.events import Event, PartiallyRecovered, Recovered, ReportedSick, describe
from domain.recovery import ContactMoment, Recovery, StageChange, advance, after_gap
from domain.recovery_events import RECOVERY_EVENTS, RecoveryEvent
from domain.sick_day_clock import SickDayClock
from domain.uwv import FOLDED_BY_UWV, WHILE_RECOVERED, Uwv, check_after_employment_ended
from domain.uwv import advance as advance_uwv

LINK_WINDOW = dt.timedelta(days=28)
_date_of = attrgetter("date")
T = TypeVar("T")


class cached_property(Generic[T]):  # noqa: N801 (named after the one it stands in for)
    """`functools.cached_property` without the lock that Python 3.11's takes on each first use
    (a microsecond, twice for every case's open steps): a value made from a frozen object once,
    then read from the object's `__dict__`, which takes precedence over this descriptor."""

    def __init__(self, make: Callable[[Any], T]) -> None:
        self._make, self._name = make, make.__name__

    def __get__(self, instance: object, owner: type | None = None) -> T:
        if instance is None:  # asked of the class: it has no such value
            raise AttributeError(self._name)
        value = instance.__dict__[self._name] = self._make(instance)
        return value


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
    uwv: Uwv = field(default_factory=Uwv)
    # The date the case was folded as of (by `replay`; by `apply`, its latest event's): it
    # tells whether a recovered case has closed. Not part of what the case is.
    as_of: dt.date | None = field(default=None, compare=False)

    @property
    def is_sick(self) -> bool:
        return self.recovered_on is None

    @property
    def closes_on(self) -> dt.date | None:
        """The day the case closes if the employee stays recovered; None while sick."""
        return _closes_on(self.recovered_on)

    def is_closed(self, as_of: dt.date) -> bool:
        """A case that stays recovered for 28 days is closed."""
        return _closed(self.recovered_on, as_of)

    @cached_property
    def clock(self) -> SickDayClock:
        """The sick-day clock of the gaps, made once for every due date asked of the case."""
        return SickDayClock(self.gaps)

    @cached_property
    def dates_by_kind(self) -> defaultdict[type[BaseEvent], list[dt.date]]:
        """The dates of this case's events of each kind (an event class), in application order;
        a kind without events has none, `[]` (reading it adds it so). Made in one pass over the
        events, then read by indexing: no Python call for each kind the law calendar asks about.
        Lists as made, not copied into tuples: the law calendar only reads them."""
        dates: defaultdict[type[BaseEvent], list[dt.date]] = defaultdict(list)
        for event in self.events:
            dates[type(event)].append(event.date)
        return dates

    def sick_day_number(self, day: dt.date) -> int:
        """Which sick day `day` is (D is day 1), skipping the gaps before it."""
        skipped = sum(
            (min(gap.end, day + dt.timedelta(days=1)) - gap.start).days
            for gap in self.gaps
            if gap.start <= day
        )
        return (day - self.first_sick_day).days + 1 - skipped


def _closes_on(recovered_on: dt.date | None) -> dt.date | None:
    return None if recovered_on is None else recovered_on + LINK_WINDOW


def _closed(recovered_on: dt.date | None, as_of: dt.date) -> bool:
    closes_on = _closes_on(recovered_on)
    return closes_on is not None and as_of >= closes_on


def apply(case: Case | None, event: Event) -> Case:
    """The case after `event`; raise `InputError` if the event cannot happen in this state."""
    fold = _Fold(case)
    fold.add(event)
    as_of = event.date if case is None or case.as_of is None else max(case.as_of, event.date)
    return fold.case(as_of)


def replay(events: Sequence[Event], as_of: dt.date, numbers: Sequence[int] = ()) -> Case:
    """Fold a case's events as of a date. Errors name an event by its number: its position in
    `events` (from 1), or its number in `numbers` (a log's sequence numbers) when given."""
    if not events:
        raise BadInputError("no events: a case starts with a reported_sick event")
    numbers = numbers or range(1, len(events) + 1)
    if len(numbers) != len(events):
        raise ValueError(f"{len(numbers)} numbers for {len(events)} events")
    dates = list(map(_date_of, events))
    by_date = sorted(dates)
    if by_date[-1] > as_of:
        late = next(n for n, day in enumerate(dates) if day > as_of)
        raise BadInputError(
            f"dated after the as-of date {as_of}", _where(numbers[late], events[late])
        )
    # A stable sort by date: the same date, as given. Most logs are in date order already:
    # then no sort, and the events are applied as they are.
    order = None if dates == by_date else sorted(range(len(events)), key=dates.__getitem__)
    in_order = events if order is None else [events[n] for n in order]
    fold = _Fold(None)
    add, n = fold.add, 0
    try:
        for n, event in enumerate(in_order):  # noqa: B007 (n names the event refused)
            add(event)
    except InputError as error:
        at = n if order is None else order[n]
        raise error.at(_where(numbers[at], events[at])) from None
    return fold.case(as_of)


class _Fold:
    """A case being folded, field by field. Its growing parts are lists, appended to in place,
    so that folding n events takes O(n) time (a new frozen `Case` per event would copy its
    tuples: O(n²)); `case()` freezes the fold into a `Case`."""

    _first_sick_day: dt.date
    _recovered_on: dt.date | None
    _percentage: int
    _reports: list[dt.date]
    _gaps: list[Gap]
    _events: list[Event]
    _recovery: Recovery  # but for its course and contacts: they grow, as lists, below
    _course: list[StageChange]
    _contacts: list[ContactMoment]
    _uwv: Uwv
    _clock: SickDayClock  # the sick-day clock of the gaps so far

    def __init__(self, case: Case | None) -> None:
        self._open = case is not None  # until the first sick report, there is no case
        if case is not None:
            self._load(case)

    def add(self, event: Event) -> None:
        """Apply `event`; raise `InputError` if it cannot happen in this state."""
        # The exact type decides (events are final classes): `isinstance` with a pydantic model
        # that does not match runs the model's metaclass check, in Python, once per class.
        # (`type(event) is X` where mypy is to narrow `event`; `kind` for the sets of types.)
        kind = type(event)
        if type(event) is ReportedSick:
            if self._open and self._uwv.employment_ended is not None:
                raise BadInputError(
                    f"employment ended on {self._uwv.employment_ended}: a new sick report is "
                    "not the employer's to record (UWV took over)"
                )
            self._report_sick(event)
            return
        if not self._open:
            raise BadInputError(
                "the employee is not sick: a case starts with a reported_sick event"
            )
        if self._uwv.employment_ended is not None:  # rarely: no call for every event
            check_after_employment_ended(self._uwv, event)
        if self._recovered_on is not None and not (
            kind in WHILE_RECOVERED and not _closed(self._recovered_on, event.date)
        ):
            raise BadInputError(f"the employee is not sick: recovered on {self._recovered_on}")
        if kind in FOLDED_BY_UWV:
            linked_since = self._reports[1] if len(self._reports) > 1 else None
            self._uwv = advance_uwv(
                self._uwv, event, self._first_sick_day, self._clock.after, linked_since
            )
        if type(event) is PartiallyRecovered:
            self._percentage = event.percentage
        elif type(event) is Recovered:
            self._recovered_on = event.date
        elif kind in RECOVERY_EVENTS:
            self._advance(cast(RecoveryEvent, event))
        self._events.append(event)

    def case(self, as_of: dt.date | None) -> Case:
        """The folded case: the end of the fold, whose sick-day clock becomes the case's."""
        assert self._open, "a fold holds a case once it has a sick report"
        recovery = self._recovery
        course, contacts = tuple(self._course), tuple(self._contacts)
        if (course, contacts) != (recovery.course, recovery.contacts):
            recovery = replace(recovery, course=course, contacts=contacts)
        case = Case(
            first_sick_day=self._first_sick_day,
            reports=tuple(self._reports),
            gaps=tuple(self._gaps),
            recovered_on=self._recovered_on,
            percentage=self._percentage,
            events=tuple(self._events),
            recovery=recovery,
            uwv=self._uwv,
            as_of=as_of,
        )
        case.__dict__["clock"] = self._clock  # it counts these gaps: not made again
        return case

    def _load(self, case: Case) -> None:
        self._first_sick_day = case.first_sick_day
        self._recovered_on = case.recovered_on
        self._percentage = case.percentage
        self._reports, self._gaps = list(case.reports), list(case.gaps)
        self._events = list(case.events)
        self._recovery = case.recovery  # its course and contacts: the lists below, as they grow
        self._course, self._contacts = list(case.recovery.course), list(case.recovery.contacts)
        self._uwv, self._clock = case.uwv, SickDayClock(case.gaps)

    def _start(self, report: ReportedSick) -> None:
        """A new case, opened by `report`."""
        self._open = True
        self._first_sick_day, self._recovered_on = report.date, None
        self._percentage = report.percentage
        self._reports, self._gaps, self._events = [report.date], [], [report]
        self._recovery, self._course, self._contacts = _NO_RECOVERY, [], []
        self._uwv, self._clock = _NO_UWV, SickDayClock(())

    def _report_sick(self, report: ReportedSick) -> None:
        if not self._open or _closed(self._recovered_on, report.date):
            self._start(report)
            return
        if self._recovered_on is None:
            raise BadInputError(f"reported sick while already sick since {self._reports[-1]}")
        self._reports.append(report.date)
        self._gaps.append(Gap(self._recovered_on, report.date))
        self._clock.add(self._gaps[-1])
        self._recovery = after_gap(self._recovery, self._recovered_on, report.date)
        self._recovered_on, self._percentage = None, report.percentage
        self._events.append(report)

    def _advance(self, event: RecoveryEvent) -> None:
        self._recovery, noted = advance(self._recovery, event)
        if isinstance(noted, StageChange):
            self._course.append(noted)
        elif noted is not None:
            self._contacts.append(noted)


_NO_RECOVERY, _NO_UWV = Recovery(), Uwv()


def _where(position: int, event: Event) -> str:
    return f"event {position} ({describe(event)})"
