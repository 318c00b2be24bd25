"""Counting days the way the law does: sick days only, and working days for UWV deadlines."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Container, Sequence
from typing import Protocol

ONE_DAY = dt.timedelta(days=1)


class Interval(Protocol):
    """A run of fit days that the sick-day clock skips (see `domain.case.Gap`)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def days(self) -> int: ...


def sick_days_after(anchor: dt.date, days: int, gaps: Sequence[Interval]) -> dt.date:
    """The day `days` sick days after `anchor`.

    The due date moves by the length of every gap that starts after the anchor and on or
    before the (already moved) due date. `gaps` are in date order and do not overlap. For many
    questions about the same gaps, make a `SickDayClock` once.
    """
    return SickDayClock(gaps).after(anchor, days)


class SickDayClock:
    """`sick_days_after` for one case's gaps, made once so that each question takes O(log n)
    time however many gaps the case has. Days are counted as ordinals."""

    def __init__(self, gaps: Sequence[Interval]) -> None:
        self._starts: list[int] = []
        self._fit_days_before = [0]  # of gap i: the days of the gaps before it
        # Gap i's start less the fit days before it: its start on a clock that counts only sick
        # days. It never decreases, as gaps do not overlap.
        self._sick_clock_starts: list[int] = []
        for gap in gaps:
            self.add(gap)

    def add(self, gap: Interval) -> None:
        """Count one more gap, later than every gap so far (as a case's fold finds them)."""
        start, fit_days = gap.start.toordinal(), self._fit_days_before[-1]
        self._starts.append(start)
        self._sick_clock_starts.append(start - fit_days)
        self._fit_days_before.append(fit_days + gap.days)

    def after(self, anchor: dt.date, days: int) -> dt.date:
        """The day `days` sick days after `anchor` (see `sick_days_after`)."""
        # In ordinals: `date.fromordinal` takes a third of the time of `anchor + timedelta(...)`.
        start = anchor.toordinal()
        if not self._starts:
            return dt.date.fromordinal(start + days)  # no gaps (most cases)
        first = bisect_right(self._starts, start)  # the first gap after the anchor
        # Gap i from `first` on moves the due date if it starts on or before anchor + days + the
        # days of gaps `first` .. i-1: if its start on the sick-day clock is on or before
        # `limit`. As those starts never decrease, the gaps that move it run up to `last`.
        limit = start + days - self._fit_days_before[first]
        last = bisect_right(self._sick_clock_starts, limit, lo=first)
        skipped = self._fit_days_before[last] - self._fit_days_before[first]
        return dt.date.fromordinal(start + days + skipped)


def first_working_day_on_or_after(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    """Monday to Friday and not a public holiday; `holidays` comes in as data."""
    while day.weekday() >= 5 or day in holidays:
        day += ONE_DAY
    return day


def last_working_day_on_or_before(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    """Monday to Friday and not a public holiday, going back from `day`."""
    while day.weekday() >= 5 or day in holidays:
        day -= ONE_DAY
    return day
