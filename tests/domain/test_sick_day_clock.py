"""The sick-day clock skips fit days; UWV deadlines land on working days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.case import Gap
from domain.sick_day_clock import first_working_day_on_or_after, sick_days_after

ONE_DAY = dt.timedelta(days=1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_without_gaps_a_deadline_is_plain_date_arithmetic() -> None:
    assert sick_days_after(day("2026-01-05"), 20, []) == day("2026-01-25")


def test_the_spec_example_a_21_day_gap_moves_the_104_week_date_by_21_days() -> None:
    """Sick from 2022-01-03, recovered 2022-07-04, sick again 2022-07-25: 2024-01-01 -> 2024-01-22."""
    gap = Gap(day("2022-07-04"), day("2022-07-25"))
    assert sick_days_after(day("2022-01-03"), 728, [gap]) == day("2024-01-22")


def test_a_gap_that_starts_on_or_before_the_anchor_does_not_move_the_deadline() -> None:
    gaps = [Gap(day("2026-02-01"), day("2026-02-10")), Gap(day("2026-03-01"), day("2026-03-05"))]
    assert sick_days_after(day("2026-03-01"), 14, gaps) == day("2026-03-15")


def test_a_gap_that_starts_on_the_due_date_moves_it() -> None:
    assert sick_days_after(
        day("2026-01-05"), 20, [Gap(day("2026-01-25"), day("2026-01-30"))]
    ) == day("2026-01-30")


def test_a_gap_that_starts_after_the_due_date_does_not_move_it() -> None:
    assert sick_days_after(
        day("2026-01-05"), 20, [Gap(day("2026-01-26"), day("2026-01-30"))]
    ) == day("2026-01-25")


def test_a_gap_brought_into_range_by_an_earlier_gap_moves_the_deadline_too() -> None:
    gaps = [Gap(day("2026-01-10"), day("2026-01-20")), Gap(day("2026-01-30"), day("2026-02-02"))]
    # 01-05 + 20 = 01-25; the first gap moves it to 02-04, which now covers the second gap.
    assert sick_days_after(day("2026-01-05"), 20, gaps) == day("2026-02-07")


@pytest.mark.parametrize(
    ("start", "working_day"),
    [
        ("2026-10-26", "2026-10-26"),  # a Monday
        ("2026-10-24", "2026-10-26"),  # Saturday -> Monday
        ("2026-10-25", "2026-10-26"),  # Sunday -> Monday
    ],
)
def test_a_working_day_is_monday_to_friday(start: str, working_day: str) -> None:
    assert first_working_day_on_or_after(day(start), set()) == day(working_day)


def test_a_public_holiday_is_not_a_working_day() -> None:
    holidays = {day("2026-12-25"), day("2026-12-28")}
    assert first_working_day_on_or_after(day("2026-12-25"), holidays) == day("2026-12-29")


@st.composite
def gaps_in_date_order(draw: st.DrawFn, first: dt.date) -> list[Gap]:
    """Up to 12 gaps from `first` on, in date order, not overlapping (touching, or empty, may)."""
    gaps, day = [], first
    for _ in range(draw(st.integers(0, 12))):
        start = day + draw(st.integers(0, 30)) * ONE_DAY
        day = start + draw(st.integers(0, 27)) * ONE_DAY
        gaps.append(Gap(start, day))
    return gaps


@given(st.data(), st.integers(-10, 400), st.integers(0, 800))
def test_the_due_date_moves_past_each_gap_it_reaches_in_turn(
    data: st.DataObject, anchor_offset: int, days: int
) -> None:
    """The rule step by step: from the anchor plus the days, every gap in date order that starts
    after the anchor and on or before the due date moved so far moves it by its length."""
    first = dt.date(2026, 1, 5)
    gaps = data.draw(gaps_in_date_order(first))
    anchor = first + anchor_offset * ONE_DAY
    due = anchor + days * ONE_DAY
    for gap in gaps:
        if anchor < gap.start <= due:
            due += gap.days * ONE_DAY
    assert sick_days_after(anchor, days, gaps) == due
