"""Reminder planning: who hears of which step, ahead, on the due date, and when overdue."""

from __future__ import annotations

import datetime as dt

from domain.law_calendar import OpenStep, Step
from domain.reminders import Kind, Party, Reminder, plan_reminders, still_to_send
from tests.helpers import NL_HOLIDAYS


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


def test_only_hr_is_escalated_to_weekly_for_four_weeks_and_never_the_employee() -> None:
    plan = plan_for(Step.EVALUATION, "2026-03-04")
    escalations = [(r.send_on, r.party, r.number) for r in plan if r.kind is Kind.ESCALATION]
    assert escalations == [
        (day("2026-03-05"), Party.HR, 1),
        (day("2026-03-12"), Party.HR, 2),
        (day("2026-03-19"), Party.HR, 3),
        (day("2026-03-26"), Party.HR, 4),
    ]


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


def test_reminders_whose_day_has_passed_are_not_added_later() -> None:
    plan = plan_for(Step.PLAN_OF_ACTION, "2026-03-04")
    fresh = still_to_send(plan, day("2026-03-01"))
    assert {r.kind for r in fresh} == {Kind.DUE, Kind.ESCALATION}


def test_a_step_found_long_overdue_is_escalated_once_today_not_four_times() -> None:
    plan = plan_for(Step.PROBLEM_ANALYSIS, "2026-02-15")
    fresh = still_to_send(plan, day("2026-06-01"))
    assert [(r.send_on, r.kind, r.number, r.party) for r in fresh] == [
        (day("2026-06-01"), Kind.ESCALATION, 4, Party.HR)
    ]


def test_the_same_open_steps_give_the_same_reminder_keys() -> None:
    first = [r.key for r in plan_for(Step.EVALUATION, "2026-03-04")]
    assert first == [r.key for r in plan_for(Step.EVALUATION, "2026-03-04")]
    assert len(set(first)) == len(first)
    assert "evaluation:2026-03-04:escalation:2:hr" in first
