"""Properties of the UWV tracks over generated valid linked cases (hypothesis): what an
extension, an employment end, a sanction and a shortening do to the calendar."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from domain.case import replay
from domain.events import Event, Recovered, WiaApplied
from domain.law_calendar import open_steps
from domain.steps import Step
from domain.uwv_events import (
    EmploymentEnded,
    SanctionShortened,
    WageExtensionGranted,
    WageSanctionImposed,
)
from tests.domain.test_properties import histories
from tests.helpers import NL_HOLIDAYS

History = tuple[list[Event], dt.date]
MOVED_BY_EXTENSION = (
    Step.CURRENT_ASSESSMENT,
    Step.FINAL_EVALUATION,
    Step.RIV_TO_EMPLOYEE,
    Step.WIA_APPLICATION,
    Step.WAGE_CONTINUATION_END,
)
LEAVING = {Step.UWV_LEAVING_REPORT, Step.LEAVING_RIV, Step.WAGE_CONTINUATION_END}


def dues(events: list[Event], as_of: dt.date) -> dict[Step, list[dt.date]]:
    found: dict[Step, list[dt.date]] = {}
    for step in open_steps(replay(events, as_of), NL_HOLIDAYS):
        found.setdefault(step.step, []).append(step.due)
    return found


def end_of(events: list[Event], as_of: dt.date) -> dt.date:
    return dues(events, as_of)[Step.WAGE_CONTINUATION_END][0]


def without_wia(history: History) -> History:
    """The history without WIA applications (a late one moves the end by its own rule)."""
    events, as_of = history
    return [e for e in events if not isinstance(e, WiaApplied)], as_of


def inserted_while_sick(events: list[Event], at: int, new: list[Event]) -> list[Event]:
    """`new` right after the `at`-th event that is not a recovery: the employee is sick then."""
    sick = [i for i, e in enumerate(events) if not isinstance(e, Recovered)]
    i = sick[at % len(sick)]
    return (
        events[: i + 1]
        + [e.model_copy(update={"date": events[i].date}) for e in new]
        + events[i + 1 :]
    )


@given(histories(), st.lists(st.integers(13, 60), min_size=1, max_size=3), st.integers(0, 99))
def test_e_weeks_of_extension_move_the_four_steps_and_the_end_by_exactly_7e_days(
    history: History, weeks: list[int], at: int
) -> None:
    """Extensions of E weeks in all, granted while sick, move the current assessment, the final
    evaluation, the RIV to the employee, the WIA application and the end by 7E days, however
    the case's sick periods are linked."""
    events, as_of = without_wia(history)
    day = events[0].date
    extensions: list[Event] = [WageExtensionGranted(date=day, weeks=w) for w in weeks]
    extended = inserted_while_sick(events, at, extensions)
    before, after = dues(events, as_of), dues(extended, as_of)
    shift = dt.timedelta(weeks=sum(weeks))
    for step in MOVED_BY_EXTENSION:
        assert after.get(step, []) == [due + shift for due in before.get(step, [])], step
    unmoved = set(before) - set(MOVED_BY_EXTENSION)
    assert {step: before[step] for step in unmoved} == {step: after[step] for step in unmoved}


@given(histories(), st.integers(0, 400))
def test_an_employment_end_removes_every_other_due_step(history: History, days: int) -> None:
    """From the last day of employment only the leaving report, the leaving RIV (when sick 42
    days or more) and the end are due, and the end is the day after."""
    events, as_of = history
    ended_on = max(e.date for e in events) + dt.timedelta(days=days)
    steps = dues([*events, EmploymentEnded(date=ended_on)], max(as_of, ended_on))
    assert set(steps) <= LEAVING
    assert Step.UWV_LEAVING_REPORT in steps
    assert steps[Step.WAGE_CONTINUATION_END] == [ended_on + dt.timedelta(days=1)]


@st.composite
def sanctioned(draw: st.DrawFn) -> tuple[list[Event], dt.date, dt.date]:
    """A history, and after its last event a valid sanction; also the end before it."""
    events, as_of = draw(histories())
    end = end_of(events, as_of)
    last_event = max(e.date for e in events)
    imposed = last_event + dt.timedelta(days=draw(st.integers(0, (end - last_event).days - 1)))
    until = end - dt.timedelta(days=1) + dt.timedelta(days=draw(st.integers(0, 364)))
    sanction = WageSanctionImposed(date=imposed, until=until)
    return [*events, sanction], max(as_of, imposed), end


@given(sanctioned())
def test_a_sanction_never_moves_the_end_earlier(case: tuple[list[Event], dt.date, dt.date]) -> None:
    """Its `until` lies on or after the last day of the obligation, so its end is not earlier."""
    events, as_of, end = case
    assert end_of(events, as_of) >= end


@given(sanctioned(), st.integers(0, 500))
def test_a_shortening_never_moves_the_end_later(
    case: tuple[list[Event], dt.date, dt.date], days: int
) -> None:
    """A shortening ends the obligation 42 days after it at the latest, never later."""
    events, as_of, _ = case
    before = end_of(events, as_of)
    shortened_on = events[-1].date + dt.timedelta(days=days)
    as_of = max(as_of, shortened_on)
    after = end_of([*events, SanctionShortened(date=shortened_on)], as_of)
    assert after <= before
    assert after <= shortened_on + dt.timedelta(days=42)
