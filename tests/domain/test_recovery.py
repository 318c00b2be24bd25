"""Recovery after burn-out: capacity, the build-up ladder, reviews, setbacks and contact."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.case import Case, replay
from domain.errors import InputError
from domain.events import parse_event
from domain.law_calendar import Step, open_steps
from domain.recovery import Capacity, default_ladder
from domain.recovery_events import ExpectedDuration, StageSpec
from domain.reminders import Kind, Party, plan_reminders, setback_news
from tests.helpers import NL_HOLIDAYS, event

D = "2026-01-05"
SICK = event("reported_sick", D)


def fold(as_of: str, *events: dict[str, object]) -> Case:
    return replay([parse_event(e) for e in [SICK, *events]], dt.date.fromisoformat(as_of))


def stage(text: str) -> StageSpec:
    sessions, hours = text.split("x")
    return StageSpec(sessions=int(sessions), hours=float(hours))


def capacity(days: int, hours: float) -> Capacity:
    return Capacity(
        dt.date(2026, 3, 2), hours, days, (), ExpectedDuration.UNKNOWN, dt.date(2026, 4, 13)
    )


def assessed(day: str, days: int, hours: float, **extra: object) -> dict[str, object]:
    return event("capacity_assessed", day, days_per_week=days, hours_per_day=hours, **extra)


PLAN = [
    assessed("2026-03-02", 3, 3),
    event("build_up_proposed", "2026-03-03", stages=["3x2", "3x3", "4x3", "4x5"], target_hours=20),
    event("build_up_agreed", "2026-03-04", party="employer"),
    event("build_up_agreed", "2026-03-05", party="physician"),
]


def test_the_default_ladder_adds_sessions_first_then_hours_as_the_sources_describe() -> None:
    ladder = default_ladder(capacity(4, 5), 20, stage("2x2"))
    assert [f"{s.sessions}x{s.hours:g}" for s in ladder] == [
        "2x2",
        "3x2",
        "3x3",
        "4x3",
        "4x4",
        "4x5",
    ]


def test_the_default_ladder_stops_where_capacity_stops_even_below_the_target() -> None:
    ladder = default_ladder(capacity(3, 3), 20, stage("2x2"))
    assert [f"{s.sessions}x{s.hours:g}" for s in ladder] == ["2x2", "3x2", "3x3"]


def test_the_default_ladder_refuses_a_first_stage_beyond_capacity() -> None:
    with pytest.raises(InputError, match=r"first stage 4x3h.*beyond the latest capacity"):
        default_ladder(capacity(3, 3), 20, stage("4x3"))


@given(
    days=st.integers(1, 7),
    hours=st.sampled_from([1.0, 1.5, 2.0, 3.0, 4.5, 6.0, 8.0]),
    target=st.integers(1, 40),
)
def test_every_default_stage_fits_capacity_and_each_step_is_one_small_step(
    days: int, hours: float, target: int
) -> None:
    """Never beyond the latest capacity; each step one more session or one more hour."""
    ladder = default_ladder(capacity(days, hours), target, StageSpec(sessions=1, hours=1))
    for before, after in itertools.pairwise(ladder):
        assert (after.sessions - before.sessions, after.hours - before.hours) in ((1, 0), (0, 1))
    assert all(s.sessions <= days and s.hours <= hours and s.sessions <= 4 for s in ladder)


def test_the_build_up_starts_at_its_first_stage_once_employer_and_physician_agreed() -> None:
    halfway = fold("2026-03-04", *PLAN[:3])
    assert halfway.recovery.build_up is not None
    assert not halfway.recovery.build_up.started
    started = fold("2026-03-05", *PLAN).recovery.build_up
    assert started is not None
    assert (started.current, started.review_on) == (0, dt.date(2026, 3, 19))  # 14 days later


def test_the_course_from_the_sources_with_a_setback_and_capacity_reviews() -> None:
    """3x2h, 3x3h, a setback back to 3x2h (rest days kept), then 4x3h and 4x5h."""
    case = fold(
        "2026-06-01",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="advance"),
        event("setback_reported", "2026-03-26"),
        assessed("2026-04-08", 4, 3),
        event("stage_reviewed", "2026-04-09", outcome="advance", to_stage=3),
        assessed("2026-05-04", 4, 5),
        event("stage_reviewed", "2026-05-05", outcome="advance"),
    )
    course = [(c.why, c.stage, str(c.spec)) for c in case.recovery.course]
    assert course == [
        ("start", 1, "3x2h, rest day between"),
        ("advance", 2, "3x3h, rest day between"),
        ("setback", 1, "3x2h, rest day between"),
        ("advance", 3, "4x3h, rest day between"),
        ("advance", 4, "4x5h, rest day between"),
    ]
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.target_reached


def test_a_stage_beyond_the_latest_capacity_is_refused_with_the_reason() -> None:
    with pytest.raises(
        InputError,
        match=r"stage 3 \(4x3h, rest day between\) is beyond the latest capacity assessment of "
        r"2026-03-02 \(at most 3 sessions a week of at most 3 h\)",
    ):
        fold(
            "2026-04-01",
            *PLAN,
            event("stage_reviewed", "2026-03-19", outcome="advance"),
            event("stage_reviewed", "2026-04-01", outcome="advance"),
        )


def test_a_build_up_cannot_start_without_a_capacity_assessment() -> None:
    with pytest.raises(InputError, match="no capacity assessment yet"):
        fold("2026-03-05", *PLAN[1:])


def test_a_setback_steps_back_one_stage_and_brings_the_review_to_a_week_later() -> None:
    case = fold(
        "2026-03-26",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="advance"),
        event("setback_reported", "2026-03-26"),
    )
    build_up = case.recovery.build_up
    assert build_up is not None
    assert (build_up.current, build_up.review_on) == (0, dt.date(2026, 4, 2))


def test_a_setback_at_the_first_stage_stays_there() -> None:
    case = fold("2026-03-10", *PLAN, event("setback_reported", "2026-03-10"))
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.current == 0


@pytest.mark.parametrize(
    ("review", "error"),
    [
        ({"outcome": "advance", "to_stage": 9}, "there is no stage 9: the build-up has 4"),
        ({"outcome": "hold", "to_stage": 1}, "hold keeps the current stage"),
        ({"outcome": "step_back", "to_stage": 3}, "stepping back goes below stage 2, not to 3"),
        ({"outcome": "advance", "to_stage": 1}, "advancing goes beyond stage 2, not to 1"),
    ],
)
def test_a_review_that_does_not_fit_the_ladder_is_refused(
    review: dict[str, object], error: str
) -> None:
    with pytest.raises(InputError, match=error):
        fold(
            "2026-04-01",
            *PLAN,
            event("stage_reviewed", "2026-03-19", outcome="advance"),
            event("stage_reviewed", "2026-04-01", **review),
        )


def test_advancing_past_the_last_stage_points_to_recording_recovery() -> None:
    with pytest.raises(InputError, match=r"already at the last stage.*HR records partial or full"):
        fold(
            "2026-03-20",
            assessed("2026-03-02", 3, 3),
            event("build_up_proposed", "2026-03-03", stages=["3x2"], target_hours=6),
            event("build_up_agreed", "2026-03-04", party="employer"),
            event("build_up_agreed", "2026-03-05", party="physician"),
            event("stage_reviewed", "2026-03-20", outcome="advance"),
        )


def test_agreeing_twice_or_without_a_proposal_is_refused() -> None:
    with pytest.raises(InputError, match="employer already agreed"):
        fold("2026-03-05", *PLAN[:3], event("build_up_agreed", "2026-03-05", party="employer"))
    with pytest.raises(InputError, match="no build-up proposal waiting"):
        fold("2026-03-05", event("build_up_agreed", "2026-03-05", party="employer"))


def test_a_review_before_the_build_up_started_is_refused() -> None:
    with pytest.raises(InputError, match="no build-up has started"):
        fold("2026-03-05", *PLAN[:2], event("stage_reviewed", "2026-03-05", outcome="hold"))


def test_capacity_is_reviewed_six_weeks_later_unless_the_physician_names_a_day() -> None:
    steps = open_steps(fold("2026-03-02", assessed("2026-03-02", 3, 3)), NL_HOLIDAYS)
    assert (dt.date(2026, 4, 13), Step.CAPACITY_REVIEW) in [(s.due, s.step) for s in steps]
    sooner = fold("2026-03-02", assessed("2026-03-02", 3, 3, next_review="2026-03-23"))
    assert sooner.recovery.capacity is not None
    assert sooner.recovery.capacity.next_review == dt.date(2026, 3, 23)


def test_a_diary_drop_brings_the_capacity_review_within_a_week() -> None:
    case = fold(
        "2026-03-10",
        assessed("2026-03-02", 3, 3),
        event("earlier_review_suggested", "2026-03-10"),
    )
    assert case.recovery.capacity is not None
    assert case.recovery.capacity.next_review == dt.date(2026, 3, 17)


def test_an_assessment_below_the_current_stage_makes_its_review_due_at_once() -> None:
    case = fold(
        "2026-03-10",
        *PLAN,
        event("stage_reviewed", "2026-03-06", outcome="advance"),
        assessed("2026-03-10", 3, 2),
    )
    assert case.recovery.over_capacity
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.review_on == dt.date(2026, 3, 10)


def test_contact_is_due_as_often_as_agreed_after_the_latest_moment_and_waits_for_a_pause() -> None:
    agreed = event("contact_agreed", "2026-01-12", every_days=7, form="call")
    held = event("contact_held", "2026-01-16", form="call")
    case = fold("2026-01-16", agreed, held)
    assert case.recovery.contact is not None
    assert case.recovery.contact.next_due == dt.date(2026, 1, 23)
    assert case.recovery.contacts == ((dt.date(2026, 1, 16), "call"),)
    paused = fold(
        "2026-01-17", agreed, held, event("contact_paused", "2026-01-17", until="2026-02-01")
    )
    assert paused.recovery.contact is not None
    assert paused.recovery.contact.next_due == dt.date(2026, 2, 1)
    resumed = fold(
        "2026-01-20",
        agreed,
        event("contact_paused", "2026-01-17", until="2026-02-01"),
        event("contact_resumed", "2026-01-20"),
    )
    assert resumed.recovery.contact is not None
    assert resumed.recovery.contact.next_due == dt.date(2026, 1, 27)


def test_pausing_without_an_agreement_or_into_the_past_is_refused() -> None:
    with pytest.raises(InputError, match="no contact agreement to pause"):
        fold("2026-01-17", event("contact_paused", "2026-01-17", until="2026-02-01"))
    with pytest.raises(InputError, match="a pause runs until a later day"):
        fold(
            "2026-01-17",
            event("contact_agreed", "2026-01-12", every_days=7, form="call"),
            event("contact_paused", "2026-01-17", until="2026-01-17"),
        )


def test_contact_reminds_the_manager_on_the_day_and_is_never_escalated() -> None:
    case = fold("2026-01-12", event("contact_agreed", "2026-01-12", every_days=7, form="app"))
    steps = [s for s in open_steps(case, NL_HOLIDAYS) if s.step is Step.CONTACT]
    plan = plan_reminders(steps, NL_HOLIDAYS)
    assert [(r.kind, r.party, r.send_on) for r in plan] == [
        (Kind.DUE, Party.MANAGER, dt.date(2026, 1, 19))
    ]


def test_recovery_reviews_are_reminded_but_not_escalated() -> None:
    case = fold("2026-03-05", *PLAN)
    steps = [s for s in open_steps(case, NL_HOLIDAYS) if s.step is Step.STAGE_REVIEW]
    plan = plan_reminders(steps, NL_HOLIDAYS)
    assert {r.kind for r in plan} == {Kind.AHEAD, Kind.DUE}
    assert {r.party for r in plan} == {Party.HR, Party.MANAGER, Party.EMPLOYEE}


def test_a_setback_is_news_for_every_party_working_on_the_build_up() -> None:
    news = setback_news(dt.date(2026, 3, 26), 1, dt.date(2026, 4, 2))
    assert {(r.kind, r.number, r.due) for r in news} == {(Kind.NEWS, 1, dt.date(2026, 4, 2))}
    assert {r.party for r in news} == set(Party)
    assert len({r.key for r in news}) == len(news)


def test_nothing_of_the_recovery_is_due_while_recovered() -> None:
    case = fold("2026-03-20", *PLAN, event("recovered", "2026-03-20"))
    assert open_steps(case, NL_HOLIDAYS) == []


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"stages": ["8x2"], "target_hours": 20}, "a stage is written like 3x2"),
        ({"stages": [], "target_hours": 20}, "stages"),
        ({"stages": ["3x2"], "target_hours": 20, "notes": "tired"}, "unknown field 'notes'"),
    ],
)
def test_a_malformed_proposal_is_refused(fields: dict[str, object], error: str) -> None:
    with pytest.raises(InputError, match=error):
        parse_event(event("build_up_proposed", "2026-03-03", **fields))


def test_restrictions_come_from_the_functional_list_so_no_complaint_can_be_written_in() -> None:
    with pytest.raises(InputError, match="restrictions"):
        parse_event(assessed("2026-03-02", 3, 3, restrictions=["burn-out, sleeps badly"]))
    ok = parse_event(assessed("2026-03-02", 3, 3, restrictions=["no_deadline_pressure"]))
    assert ok.type == "capacity_assessed"
