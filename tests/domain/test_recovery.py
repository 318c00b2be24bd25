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
from domain.recovery_events import ExpectedDuration, Restriction, StageSpec
from domain.reminders import Kind, Party, plan_reminders, setback_news
from tests.helpers import NL_HOLIDAYS, event

D = "2026-01-05"
SICK = event("reported_sick", D)


def fold(as_of: str, *events: dict[str, object]) -> Case:
    return replay([parse_event(e) for e in [SICK, *events]], dt.date.fromisoformat(as_of))


def refusal(as_of: str, *events: dict[str, object]) -> str:
    """The one-line message (as the CLI prints it) that refuses the fold of `events`."""
    with pytest.raises(InputError) as refused:
        fold(as_of, *events)
    return str(refused.value)


def on_the_ladder(case: Case) -> tuple[int | None, dt.date | None]:
    """Where the case's build-up stands: its current stage (0-based) and that stage's review."""
    build_up = case.recovery.build_up
    assert build_up is not None
    return build_up.current, build_up.review_on


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


def test_the_default_ladder_stops_at_the_stage_that_reaches_the_target_exactly() -> None:
    """At the target a week there is no further step, though capacity would allow one."""
    ladder = default_ladder(capacity(4, 5), 6, stage("2x2"))
    assert [f"{s.sessions}x{s.hours:g}" for s in ladder] == ["2x2", "3x2"]


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
    """The second agreement would start it: that one is refused, saying who assesses."""
    assert refusal("2026-03-05", *PLAN[1:]) == (
        "event 4 (build_up_agreed on 2026-03-05): "
        "no capacity assessment yet: the physician assesses capacity first"
    )


def test_a_build_up_whose_first_stage_is_beyond_capacity_cannot_start() -> None:
    """The refusal names stage 1, the assessment and what it allows."""
    assert refusal("2026-03-05", assessed("2026-03-02", 2, 3), *PLAN[1:]) == (
        "event 5 (build_up_agreed on 2026-03-05): stage 1 (3x2h, rest day between) is beyond "
        "the latest capacity assessment of 2026-03-02 (at most 2 sessions a week of at most "
        "3 h); it can start once an assessment allows it"
    )


def test_a_setback_steps_back_one_stage_and_brings_the_review_to_a_week_later() -> None:
    case = fold(
        "2026-03-26",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="advance"),
        event("setback_reported", "2026-03-26"),
    )
    assert on_the_ladder(case) == (0, dt.date(2026, 4, 2))


def test_stepping_back_without_a_stage_goes_back_exactly_one() -> None:
    """From stage 3 a step back lands on stage 2, reviewed after the ladder's usual interval."""
    case = fold(
        "2026-04-16",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="advance"),
        assessed("2026-04-01", 4, 3),
        event("stage_reviewed", "2026-04-02", outcome="advance"),
        event("stage_reviewed", "2026-04-16", outcome="step_back"),
    )
    assert on_the_ladder(case) == (1, dt.date(2026, 4, 30))


def test_a_review_may_advance_straight_to_the_last_stage_by_its_number() -> None:
    """`to_stage` may name any stage of the ladder, the last one included."""
    case = fold(
        "2026-03-19",
        *PLAN,
        assessed("2026-03-18", 4, 5),
        event("stage_reviewed", "2026-03-19", outcome="advance", to_stage=4),
    )
    assert [(c.why, c.stage) for c in case.recovery.course] == [("start", 1), ("advance", 4)]


def test_a_review_may_name_the_day_of_the_next_review() -> None:
    """A named day replaces the ladder's usual interval."""
    case = fold(
        "2026-03-19",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="hold", next_review="2026-03-26"),
    )
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.review_on == dt.date(2026, 3, 26)


def test_a_setback_at_the_first_stage_stays_there() -> None:
    case = fold("2026-03-10", *PLAN, event("setback_reported", "2026-03-10"))
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.current == 0


@pytest.mark.parametrize(
    ("review", "error"),
    [
        ({"outcome": "advance", "to_stage": 9}, "there is no stage 9: the build-up has 4"),
        (
            {"outcome": "hold", "to_stage": 1},
            "hold keeps the current stage; to move, advance or step back",
        ),
        ({"outcome": "step_back", "to_stage": 3}, "stepping back goes below stage 2, not to 3"),
        ({"outcome": "advance", "to_stage": 1}, "advancing goes beyond stage 2, not to 1"),
        ({"outcome": "advance", "to_stage": 2}, "advancing goes beyond stage 2, not to 2"),
    ],
)
def test_a_review_that_does_not_fit_the_ladder_is_refused(
    review: dict[str, object], error: str
) -> None:
    """At stage 2 of 4: no stage past the ladder, no move on hold, no step back up, and an
    advance goes past the current stage (naming it is not advancing)."""
    assert refusal(
        "2026-04-01",
        *PLAN,
        event("stage_reviewed", "2026-03-19", outcome="advance"),
        event("stage_reviewed", "2026-04-01", **review),
    ) == (f"event 7 (stage_reviewed on 2026-04-01): {error}")


def test_advancing_past_the_last_stage_points_to_recording_recovery() -> None:
    """The refusal names the last stage and who records the recovery."""
    assert refusal(
        "2026-03-20",
        assessed("2026-03-02", 3, 3),
        event("build_up_proposed", "2026-03-03", stages=["3x2"], target_hours=6),
        event("build_up_agreed", "2026-03-04", party="employer"),
        event("build_up_agreed", "2026-03-05", party="physician"),
        event("stage_reviewed", "2026-03-20", outcome="advance"),
    ) == (
        "event 6 (stage_reviewed on 2026-03-20): already at the last stage (3x2h, rest day "
        "between); once the target is reached, HR records partial or full recovery"
    )


def test_agreeing_twice_or_without_a_proposal_is_refused() -> None:
    """Each side agrees once, and only to a proposal still waiting for agreement."""
    twice = event("build_up_agreed", "2026-03-05", party="employer")
    assert refusal("2026-03-05", *PLAN[:3], twice) == (
        "event 5 (build_up_agreed on 2026-03-05): "
        "the employer already agreed to this build-up proposal"
    )
    assert refusal("2026-03-05", event("build_up_agreed", "2026-03-05", party="employer")) == (
        "event 2 (build_up_agreed on 2026-03-05): "
        "there is no build-up proposal waiting for agreement"
    )


def test_a_review_before_the_build_up_started_is_refused() -> None:
    """Proposed is not started: both sides agree first."""
    review = event("stage_reviewed", "2026-03-05", outcome="hold")
    assert refusal("2026-03-05", *PLAN[:2], review) == (
        "event 4 (stage_reviewed on 2026-03-05): "
        "no build-up has started: it starts once employer and physician agree"
    )


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


def test_an_assessment_keeps_the_restrictions_and_expected_duration_it_names() -> None:
    """What the physician passes on, in functional terms, is part of the capacity."""
    case = fold(
        "2026-03-02",
        assessed(
            "2026-03-02",
            3,
            3,
            restrictions=["no_deadline_pressure", "quiet_workplace"],
            expected_duration="1_to_3_months",
        ),
    )
    assert case.recovery.capacity is not None
    assert case.recovery.capacity.restrictions == (
        Restriction.NO_DEADLINE_PRESSURE,
        Restriction.QUIET_WORKPLACE,
    )
    assert case.recovery.capacity.expected_duration is ExpectedDuration.ONE_TO_3_MONTHS


def test_an_assessment_that_still_allows_the_current_stage_leaves_its_review_alone() -> None:
    """Only an assessment below the current stage brings its review forward."""
    case = fold("2026-03-10", *PLAN, assessed("2026-03-10", 4, 4))
    assert case.recovery.build_up is not None
    assert case.recovery.build_up.review_on == dt.date(2026, 3, 19)


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


def test_a_new_contact_agreement_keeps_a_running_pause_and_takes_the_new_form() -> None:
    """Agreeing anew changes how often and how, not the employee's pause."""
    case = fold(
        "2026-01-20",
        event("contact_agreed", "2026-01-12", every_days=14, form="call"),
        event("contact_paused", "2026-01-17", until="2026-02-01"),
        event("contact_agreed", "2026-01-20", every_days=7, form="visit"),
    )
    contact = case.recovery.contact
    assert contact is not None
    assert (contact.form, contact.paused_until, contact.next_due) == (
        "visit",
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 1),  # 01-27 falls in the pause
    )


def test_a_contact_moment_without_an_agreement_is_noted_and_agrees_nothing() -> None:
    """The moment is kept; no contact becomes due from it."""
    case = fold("2026-01-16", event("contact_held", "2026-01-16", form="video"))
    assert case.recovery.contacts == ((dt.date(2026, 1, 16), "video"),)
    assert case.recovery.contact is None


def test_pausing_without_an_agreement_or_into_the_past_is_refused() -> None:
    """A pause needs an agreement to pause, and ends on a later day than it starts."""
    pause = event("contact_paused", "2026-01-17", until="2026-02-01")
    assert refusal("2026-01-17", pause) == (
        "event 2 (contact_paused on 2026-01-17): there is no contact agreement to pause or resume"
    )
    assert (
        refusal(
            "2026-01-17",
            event("contact_agreed", "2026-01-12", every_days=7, form="call"),
            event("contact_paused", "2026-01-17", until="2026-01-17"),
        )
        == "event 3 (contact_paused on 2026-01-17): a pause runs until a later day than 2026-01-17"
    )


def test_resuming_contact_that_is_not_paused_is_refused() -> None:
    """Only a pause can be ended."""
    assert (
        refusal(
            "2026-01-20",
            event("contact_agreed", "2026-01-12", every_days=7, form="call"),
            event("contact_resumed", "2026-01-20"),
        )
        == "event 3 (contact_resumed on 2026-01-20): contact is not paused"
    )


def contact_days(*events: dict[str, object], as_of: str = "2026-01-12") -> list[dt.date]:
    case = fold(as_of, *events)
    steps = [s for s in open_steps(case, NL_HOLIDAYS) if s.step is Step.CONTACT]
    plan = plan_reminders(steps, NL_HOLIDAYS)
    assert {(r.kind, r.party) for r in plan} == {(Kind.DUE, Party.MANAGER)}  # never escalated
    return [r.send_on for r in plan]


AGREED = event("contact_agreed", "2026-01-12", every_days=7, form="app")


def test_contact_reminds_the_manager_every_agreed_period_until_contact_is_recorded() -> None:
    """The rule: a reminder on each day contact is due, every period from the agreement (or the
    latest contact moment), as long as a case runs; never escalated."""
    days = contact_days(AGREED)
    assert days[:3] == [dt.date(2026, 1, 19), dt.date(2026, 1, 26), dt.date(2026, 2, 2)]
    assert len(days) == 105  # weekly, for the 104 weeks a case can run
    held = event("contact_held", "2026-01-21", form="call")
    assert contact_days(AGREED, held, as_of="2026-01-21")[:2] == [
        dt.date(2026, 1, 28),
        dt.date(2026, 2, 4),
    ]


def test_a_pause_moves_the_next_contact_reminder_to_its_end_and_they_repeat_from_there() -> None:
    paused = event("contact_paused", "2026-01-14", until="2026-03-02")
    assert contact_days(AGREED, paused, as_of="2026-01-14")[:2] == [
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 9),
    ]
    resumed = event("contact_resumed", "2026-02-04")
    assert contact_days(AGREED, paused, resumed, as_of="2026-02-04")[:1] == [dt.date(2026, 2, 11)]


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
    ("written", "sessions", "hours"), [("3x2", 3, 2.0), ("3x2.5h", 3, 2.5), (" 4 x 1.5 ", 4, 1.5)]
)
def test_a_stage_is_written_as_sessions_x_hours_with_half_hours_allowed(
    written: str, sessions: int, hours: float
) -> None:
    """`3x2.5` is 3 sessions a week of two and a half hours; an `h` and spaces may be added."""
    proposal = parse_event(
        event("build_up_proposed", "2026-03-03", stages=[written], target_hours=9)
    )
    assert proposal.model_dump()["stages"] == [
        {"sessions": sessions, "hours": hours, "rest_days": True}
    ]


def test_a_stage_reads_as_sessions_x_hours_with_its_rest_days() -> None:
    """Hours without a trailing `.0`; "rest day between" only when there is one."""
    assert str(StageSpec(sessions=3, hours=2.5)) == "3x2.5h, rest day between"
    assert str(StageSpec(sessions=5, hours=4, rest_days=False)) == "5x4h"


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


def test_a_linked_relapse_moves_the_recovery_reviews_by_the_fit_days() -> None:
    """Recovery reviews and the next contact count sick days only, like the law's deadlines: a
    relapse within 28 days brings them back moved by the fit days, not overdue with old dates."""
    case = fold(
        "2026-02-16",
        assessed("2026-01-20", 3, 3),
        event("contact_agreed", "2026-01-20", every_days=14, form="call"),
        event("recovered", "2026-02-01"),
        event("reported_sick", "2026-02-15"),
    )
    due = {step.step: step.due for step in open_steps(case, NL_HOLIDAYS)}
    assert due[Step.CAPACITY_REVIEW] == dt.date(2026, 3, 3) + dt.timedelta(days=14)
    assert due[Step.CONTACT] == dt.date(2026, 2, 3) + dt.timedelta(days=14)


def test_a_review_overdue_before_the_recovery_stays_overdue_after_a_relapse() -> None:
    """A review that fell due while the employee was still sick is not moved by a later gap."""
    case = fold(
        "2026-03-20",
        assessed("2026-01-06", 3, 3),
        event("recovered", "2026-02-20"),
        event("reported_sick", "2026-03-06"),
    )
    due = {step.step: step.due for step in open_steps(case, NL_HOLIDAYS)}
    assert due[Step.CAPACITY_REVIEW] == dt.date(2026, 2, 17)
