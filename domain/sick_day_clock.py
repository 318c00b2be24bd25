"""Counting days the way the law does: sick days only, and working days for UWV deadlines."""

from __future__ import annotations

import datetime as dt
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
    before the (already moved) due date. `gaps` are in date order and do not overlap.
    """
    due = anchor + dt.timedelta(days=days)
    for gap in gaps:
        if anchor < gap.start <= due:
            due += dt.timedelta(days=gap.days)
    return due


def first_working_day_on_or_after(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    """Monday to Friday and not a public holiday; `holidays` comes in as data."""
    while day.weekday() >= 5 or day in holidays:
        day += ONE_DAY
    return day
