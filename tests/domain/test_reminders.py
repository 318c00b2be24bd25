"""Reminder planning: who hears of which step, ahead, on the due date, and when overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import BadInputError
from domain.law_calendar import OpenStep, Step
from domain.reminders import (
    Kind,
    Party,
    Reminder,
    check_language,
    overdue_overview,
    plan_reminders,
    setback_news,
    still_to_send,
)
from tests.helpers import NL_HOLIDAYS

HR, MANAGER, EMPLOYEE, PHYSICIAN = Party.HR, Party.MANAGER, Party.EMPLOYEE, Party.PHYSICIAN
AHEAD, DUE, ESCALATION = Kind.AHEAD, Kind.DUE, Kind.ESCALATION


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def plan_for(step: Step, due: str) -> list[Reminder]:
    return plan_reminders([OpenStep(day(due), step)], NL_HOLIDAYS)


def test_responsible_parties_are_reminded_ahead_and_on_the_due_date() -> None:
    plan = plan_for(Step.PLAN_OF_ACTION, "2026-03-04")  # a Wednesday
    ahead = {(r.send_on, r.party) for r in plan if r.kind is Kind.AHEAD}
    due = {(r.send_on, r.party) for r in plan if r.kind is Kind.DUE}
    assert ahead == {(day("2026-02-25"), p) for p in (Party.HR, Party.MANAGER, Party.EMPLOYEE)}
    assert due == {(day("2026-03-04"), p) for p in (Party.HR, Party.MANAGER, Party.EMPLOYEE)}


def test_hr_is_escalated_to_the_day_after_then_weekly_on_mondays_and_never_the_employee() -> None:
    """The rule: one escalation the working day after the due date, then HR's overview every
    Monday (the first working day of the week) for as long as a case runs, never silent."""
    plan = plan_for(Step.EVALUATION, "2026-03-04")
    escalations = [(r.send_on, r.party, r.number) for r in plan if r.kind is Kind.ESCALATION]
    assert escalations == [(day("2026-03-05"), Party.HR, 1)]
    overviews = [r for r in plan if r.kind is Kind.OVERVIEW]
    assert [r.send_on for r in overviews[:3]] == [
        day("2026-03-09"),
        day("2026-03-16"),
        day("2026-03-23"),
    ]
    assert day("2026-04-07") in [r.send_on for r in overviews]  # Easter Monday: the Tuesday
    assert len(overviews) == 104
    assert {(r.party, r.step, r.due) for r in overviews} == {
        (HR, Step.EVALUATION, day("2026-03-04"))
    }


def test_the_weekly_overview_lists_every_step_escalated_before_that_day() -> None:
    steps = [
        OpenStep(day("2026-01-25"), Step.PHYSICIAN_CONSULT),  # escalated Monday 26 January
        OpenStep(day("2026-02-15"), Step.PROBLEM_ANALYSIS),  # escalated Monday 16 February
        OpenStep(day("2026-02-10"), Step.CONTACT),  # the recovery's: reminded, not escalated
        OpenStep(day("2028-01-03"), Step.WAGE_CONTINUATION_END),  # an end, not a deadline
    ]
    listed = overdue_overview(steps, day("2026-02-16"), NL_HOLIDAYS)
    assert [s.step for s in listed] == [Step.PHYSICIAN_CONSULT]  # the other's escalation is today
    listed = overdue_overview(steps, day("2026-02-23"), NL_HOLIDAYS)
    assert [s.step for s in listed] == [Step.PHYSICIAN_CONSULT, Step.PROBLEM_ANALYSIS]


def test_a_reminder_that_would_fall_on_a_weekend_goes_out_the_working_day_before() -> None:
    plan = plan_for(Step.PHYSICIAN_CONSULT, "2026-01-25")  # a Sunday
    assert {r.send_on for r in plan if r.kind is Kind.DUE} == {day("2026-01-23")}
    assert [r.send_on for r in plan if r.kind is Kind.AHEAD] == [day("2026-01-16")]


def test_an_escalation_that_would_fall_on_a_holiday_goes_out_the_working_day_after() -> None:
    plan = plan_for(Step.UWV_SICKNESS_REPORT, "2026-12-24")  # +1 is Christmas
    assert next(r for r in plan if r.kind is Kind.ESCALATION).send_on == day("2026-12-28")


def test_the_first_year_evaluation_is_announced_from_week_46() -> None:
    plan = plan_for(Step.FIRST_YEAR_EVALUATION, "2027-01-03")  # D = 2026-01-05
    assert next(r.send_on for r in plan if r.kind is Kind.AHEAD) == day("2026-11-16")  # week 46


def test_the_end_of_wage_continuation_is_a_heads_up_to_hr_only() -> None:
    plan = plan_for(Step.WAGE_CONTINUATION_END, "2028-01-03")
    assert [(r.kind, r.party) for r in plan] == [(Kind.AHEAD, Party.HR)]


def plan_of_action(send_on: str, kind: Kind, number: int, party: Party) -> Reminder:
    """A reminder of the plan of action due on Wednesday 2026-03-04 (see `plan_for` below)."""
    return Reminder(day(send_on), Step.PLAN_OF_ACTION, day("2026-03-04"), kind, number, party)


DUE_ON_THE_4TH = [plan_of_action("2026-03-04", DUE, 0, p) for p in (HR, MANAGER, EMPLOYEE)]
OVERVIEWS = [r for r in plan_for(Step.PLAN_OF_ACTION, "2026-03-04") if r.kind is Kind.OVERVIEW]
ESCALATIONS = [plan_of_action("2026-03-05", ESCALATION, 1, HR), *OVERVIEWS]


def test_reminders_whose_day_has_passed_are_not_added_later() -> None:
    """Made after the announcement went out and before the due date, the plan adds the due-date
    reminders and the escalations, on their own days: nothing passed is sent late."""
    plan = plan_for(Step.PLAN_OF_ACTION, "2026-03-04")
    assert still_to_send(plan, day("2026-03-01")) == sorted(DUE_ON_THE_4TH + ESCALATIONS)


def test_a_reminder_due_today_is_still_added_when_the_plan_is_made_today() -> None:
    """`today` counts as still ahead: a plan made on the due date keeps that day's reminders."""
    plan = plan_for(Step.PLAN_OF_ACTION, "2026-03-04")
    assert still_to_send(plan, day("2026-03-04")) == sorted(DUE_ON_THE_4TH + ESCALATIONS)


def test_a_plan_made_on_an_escalation_day_sends_that_escalation_once() -> None:
    """The escalation of today is still ahead, not missed: it is not added a second time."""
    plan = plan_for(Step.PLAN_OF_ACTION, "2026-03-04")
    assert still_to_send(plan, day("2026-03-05")) == ESCALATIONS


def test_every_open_step_gets_its_reminders_whatever_steps_come_before_it() -> None:
    """A heads-up-only step (no due-date reminder) and a recovery step (no escalations) do not
    cut short the steps listed after them; every reminder names its step, due date, kind,
    number (the escalation's, else 0) and party."""
    steps = [
        OpenStep(day("2026-03-30"), Step.WAGE_CONTINUATION_END),  # informational, 28 days ahead
        OpenStep(day("2026-03-11"), Step.CONTACT),  # the manager, on the day only
        OpenStep(day("2026-03-04"), Step.PLAN_OF_ACTION),  # 7 days ahead, due, escalated
    ]
    expected = [
        Reminder(day("2026-03-02"), Step.WAGE_CONTINUATION_END, day("2026-03-30"), AHEAD, 0, HR),
        Reminder(day("2026-03-11"), Step.CONTACT, day("2026-03-11"), DUE, 0, MANAGER),
        *[plan_of_action("2026-02-25", AHEAD, 0, p) for p in (HR, MANAGER, EMPLOYEE)],
        *DUE_ON_THE_4TH,
        *ESCALATIONS,
    ]
    assert plan_reminders(steps, NL_HOLIDAYS) == sorted(expected)


def test_a_setback_is_news_on_its_day_about_the_next_stage_review_to_each_party() -> None:
    """One word per party (employee, manager, physician, HR) on the day of the setback, naming
    the stage stepped back to and keyed by the next review's date."""
    news = setback_news(day("2026-03-26"), 2, day("2026-04-02"))
    assert news == [
        Reminder(day("2026-03-26"), Step.STAGE_REVIEW, day("2026-04-02"), Kind.NEWS, 2, party)
        for party in (EMPLOYEE, MANAGER, PHYSICIAN, HR)
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_reminders_are_written_in_dutch_or_english(language: str) -> None:
    """The two languages reminders can be written in are accepted as given."""
    assert check_language(language) == language


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "unknown language 'de' (known: nl, en)"),
        ("NL", "unknown language 'NL' (known: nl, en)"),
        (None, "unknown language None (known: nl, en)"),
    ],
)
def test_any_other_language_is_refused_naming_the_known_ones(
    language: object, message: str
) -> None:
    """Only the exact codes `nl` and `en`; the refusal (printed by the CLI) names both."""
    with pytest.raises(BadInputError) as refused:
        check_language(language)
    assert str(refused.value) == message


def test_a_step_found_long_overdue_is_escalated_once_today_then_in_the_overviews() -> None:
    plan = plan_for(Step.PROBLEM_ANALYSIS, "2026-02-15")
    fresh = still_to_send(plan, day("2026-06-02"))  # a Tuesday
    assert [(r.send_on, r.kind, r.number) for r in fresh[:2]] == [
        (day("2026-06-02"), Kind.ESCALATION, 1),
        (day("2026-06-08"), Kind.OVERVIEW, 16),
    ]
    assert all(r.party is HR for r in fresh)
    on_monday = still_to_send(plan, day("2026-06-01"))  # the overview today lists it
    assert [(r.send_on, r.kind) for r in on_monday[:1]] == [(day("2026-06-01"), Kind.OVERVIEW)]
    assert Kind.ESCALATION not in {r.kind for r in on_monday}


def test_the_same_open_steps_give_the_same_reminder_keys() -> None:
    first = [r.key for r in plan_for(Step.EVALUATION, "2026-03-04")]
    assert first == [r.key for r in plan_for(Step.EVALUATION, "2026-03-04")]
    assert len(set(first)) == len(first)
    assert "evaluation:2026-03-04:overview:2:hr" in first
