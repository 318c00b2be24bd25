"""Properties of the law calendar over generated valid histories (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from domain.case import Case, replay
from domain.events import (
    EvaluationHeld,
    Event,
    FinalEvaluationHeld,
    FirstYearEvaluationHeld,
    PartiallyRecovered,
    PhysicianConsulted,
    PhysicianNotified,
    PlanOfActionAgreed,
    ProblemAnalysisDone,
    Recovered,
    ReportedSick,
    SecondTrackDecided,
    UwvNotified,
    WiaApplied,
)
from domain.law_calendar import OpenStep, Step, open_steps
from tests.helpers import NL_HOLIDAYS

LAW_EVENTS = [
    PhysicianNotified,
    PhysicianConsulted,
    ProblemAnalysisDone,
    PlanOfActionAgreed,
    EvaluationHeld,
    UwvNotified,
    FirstYearEvaluationHeld,
    SecondTrackDecided,
    FinalEvaluationHeld,
    WiaApplied,
]
ONE_DAY = dt.timedelta(days=1)


@st.composite
def histories(draw: st.DrawFn, distinct_dates: bool = False) -> tuple[list[Event], dt.date]:
    """A valid linked case: up to 4 sick periods (under 104 weeks in all), gaps under 28 days,
    and law events and partial recoveries inside the sick periods. With `distinct_dates`, no
    two events share a date."""
    first_offset = 1 if distinct_dates else 0
    day = draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
    events: list[Event] = [ReportedSick(date=day, percentage=draw(st.integers(1, 100)))]
    periods = draw(st.integers(1, 4))
    for period in range(periods):
        length = draw(st.integers(1, 170))
        offsets = st.integers(first_offset, max(first_offset, length - 1))
        for offset in draw(
            st.lists(offsets, max_size=6 if length > first_offset else 0, unique=distinct_dates)
        ):
            kind = draw(st.sampled_from([*LAW_EVENTS, PartiallyRecovered]))
            when = day + offset * ONE_DAY
            extra = {"percentage": draw(st.integers(1, 100))} if kind is PartiallyRecovered else {}
            events.append(kind(date=when, **extra))
        if period < periods - 1:
            fit = day + length * ONE_DAY
            day = fit + draw(st.integers(first_offset, 27)) * ONE_DAY
            events += [Recovered(date=fit), ReportedSick(date=day)]
    as_of = max(e.date for e in events) + draw(st.integers(0, 400)) * ONE_DAY
    return sorted(events, key=lambda e: e.date), as_of


def _steps(case: Case) -> list[OpenStep]:
    return open_steps(case, NL_HOLIDAYS)


@given(histories())
def test_every_due_date_is_on_or_after_the_first_sick_day(
    history: tuple[list[Event], dt.date],
) -> None:
    case = replay(*history)
    assert all(step.due >= case.first_sick_day for step in _steps(case))


@given(histories())
def test_linking_never_moves_a_deadline_earlier(history: tuple[list[Event], dt.date]) -> None:
    case = replay(*history)
    with_gaps, without_gaps = defaultdict(list), defaultdict(list)
    for step in _steps(case):
        with_gaps[step.step].append(step.due)
    for step in _steps(replace(case, gaps=())):
        without_gaps[step.step].append(step.due)
    assert with_gaps.keys() == without_gaps.keys()
    for name, dues in with_gaps.items():
        assert all(a >= b for a, b in zip(sorted(dues), sorted(without_gaps[name]), strict=True))


@given(histories())
def test_the_104_week_date_is_728_days_plus_every_gap_after_d(
    history: tuple[list[Event], dt.date],
) -> None:
    case = replay(*history)
    [end] = [s.due for s in _steps(case) if s.step is Step.WAGE_CONTINUATION_END]
    assert (end - case.first_sick_day).days == 728 + sum(gap.days for gap in case.gaps)


@given(histories(distinct_dates=True), st.data())
def test_input_order_does_not_matter_when_events_have_different_dates(
    history: tuple[list[Event], dt.date], data: st.DataObject
) -> None:
    events, as_of = history
    shuffled = data.draw(st.permutations(events))
    assert _steps(replay(shuffled, as_of)) == _steps(replay(events, as_of))


@given(histories())
def test_open_steps_are_sorted_by_due_date_then_step(history: tuple[list[Event], dt.date]) -> None:
    steps = _steps(replay(*history))
    assert steps == sorted(steps, key=lambda s: (s.due, s.step.value))
