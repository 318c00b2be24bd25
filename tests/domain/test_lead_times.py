"""The README's "Reminders" table, whole: how far ahead of its due date each step is announced,
and to whom. Each step is put on a due date whose announcement day, and the days either side of
it, are working days, so a lead time moved by one day moves the announcement too."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.law_calendar import OpenStep, Step
from domain.reminders import Kind, Party, plan_reminders
from tests.helpers import NL_HOLIDAYS

HR, MANAGER, EMPLOYEE, PHYSICIAN = Party.HR, Party.MANAGER, Party.EMPLOYEE, Party.PHYSICIAN

# step: (days ahead, parties), written out from the README ("Reminders", and for the recovery's
# steps "Recovery after burn-out": the physician a week ahead of a capacity review; HR, manager
# and employee ahead of a stage review; the manager on the day contact is due, no earlier).
SPEC: dict[str, tuple[int, frozenset[Party]]] = {
    "notify_physician": (3, frozenset({HR})),
    "physician_consult": (7, frozenset({PHYSICIAN})),
    "problem_analysis": (7, frozenset({PHYSICIAN})),
    "plan_of_action": (7, frozenset({HR, MANAGER, EMPLOYEE})),
    "evaluation": (7, frozenset({HR, MANAGER, EMPLOYEE})),
    "uwv_sickness_report": (14, frozenset({HR})),
    "second_track_decision": (14, frozenset({HR})),
    "first_year_evaluation": (48, frozenset({HR, MANAGER, EMPLOYEE})),
    "final_evaluation": (14, frozenset({HR, EMPLOYEE, PHYSICIAN})),
    "wia_application": (14, frozenset({EMPLOYEE, HR})),
    "wage_continuation_end": (28, frozenset({HR})),
    # The UWV tracks (README, "Reminders").
    "uwv_vangnet_report": (2, frozenset({HR})),
    "uwv_vangnet_recovery_report": (1, frozenset({HR})),
    "uwv_leaving_report": (0, frozenset()),  # due on the day it opens: reminded that day
    "leaving_riv": (0, frozenset()),
    "sanction_objection": (14, frozenset({HR})),
    "sanction_shortening_decision": (7, frozenset({HR})),
    "expert_opinion": (7, frozenset({HR})),
    "plan_of_action_revision": (7, frozenset({HR, MANAGER, EMPLOYEE})),
    "current_assessment": (28, frozenset({PHYSICIAN})),
    "riv_to_employee": (28, frozenset({HR})),
    "capacity_review": (7, frozenset({PHYSICIAN})),
    "stage_review": (3, frozenset({HR, MANAGER, EMPLOYEE})),
    "contact": (0, frozenset()),  # no announcement: reminded on the day itself
}
ANNOUNCED_ON = dt.date(2026, 3, 11)  # a Wednesday; Tuesday 10 and Thursday 12 are working too


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in NL_HOLIDAYS


def test_the_spec_table_names_every_step() -> None:
    """No step goes unchecked: the table covers every step the calendar can open."""
    assert set(SPEC) == {step.value for step in Step}


def test_the_chosen_announcement_day_and_its_neighbours_are_working_days() -> None:
    """The test below can only see a one-day shift if no weekend or holiday absorbs it."""
    assert all(is_working_day(ANNOUNCED_ON + dt.timedelta(days=d)) for d in (-1, 0, 1))


@pytest.mark.parametrize("step", list(SPEC))
def test_each_step_is_announced_its_readme_lead_time_ahead_to_its_parties(step: str) -> None:
    """Announced exactly the README's number of days before the due date, to the README's
    parties, on a working day where one day more or less would be a working day too."""
    lead, parties = SPEC[step]
    due = ANNOUNCED_ON + dt.timedelta(days=lead)
    plan = plan_reminders([OpenStep(due, Step(step))], NL_HOLIDAYS)
    ahead = {(r.send_on, r.party) for r in plan if r.kind is Kind.AHEAD}
    assert ahead == {(ANNOUNCED_ON, party) for party in parties}
