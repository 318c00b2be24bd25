"""The law calendar of the Wet verbetering Poortwachter: which steps are open, when each is due,
and who is responsible. See `POORTWACHTER.md` ("The law calendar") for the rules as specified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum

from domain.case import Case
from domain.events import (
    EvaluationHeld,
    FinalEvaluationHeld,
    FirstYearEvaluationHeld,
    PhysicianConsulted,
    PhysicianNotified,
    PlanOfActionAgreed,
    ProblemAnalysisDone,
    SecondTrackDecided,
    UwvNotified,
    WiaApplied,
)
from domain.sick_day_clock import first_working_day_on_or_after, sick_days_after


class Step(StrEnum):
    NOTIFY_PHYSICIAN = "notify_physician"
    PHYSICIAN_CONSULT = "physician_consult"
    PROBLEM_ANALYSIS = "problem_analysis"
    PLAN_OF_ACTION = "plan_of_action"
    EVALUATION = "evaluation"
    UWV_SICKNESS_REPORT = "uwv_sickness_report"
    FIRST_YEAR_EVALUATION = "first_year_evaluation"
    SECOND_TRACK_DECISION = "second_track_decision"
    FINAL_EVALUATION = "final_evaluation"
    WIA_APPLICATION = "wia_application"
    WAGE_CONTINUATION_END = "wage_continuation_end"


class Responsible(StrEnum):
    EMPLOYER = "employer"
    PHYSICIAN = "physician"
    EMPLOYEE = "employee"
    EMPLOYER_AND_EMPLOYEE = "employer+employee"
    EMPLOYER_EMPLOYEE_AND_PHYSICIAN = "employer+employee+physician"
    NOBODY = "informational"


@dataclass(frozen=True)
class StepInfo:
    responsible: Responsible
    title: str


STEPS: dict[Step, StepInfo] = {
    Step.NOTIFY_PHYSICIAN: StepInfo(
        Responsible.EMPLOYER, "Report the absence to the occupational physician"
    ),
    Step.PHYSICIAN_CONSULT: StepInfo(Responsible.PHYSICIAN, "First consult with the physician"),
    Step.PROBLEM_ANALYSIS: StepInfo(Responsible.PHYSICIAN, "Problem analysis"),
    Step.PLAN_OF_ACTION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE, "Agree the plan of action and name a case manager"
    ),
    Step.EVALUATION: StepInfo(Responsible.EMPLOYER_AND_EMPLOYEE, "Evaluate the plan of action"),
    Step.UWV_SICKNESS_REPORT: StepInfo(Responsible.EMPLOYER, "Week-42 sickness report to UWV"),
    Step.FIRST_YEAR_EVALUATION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE, "First-year evaluation (weeks 46-52)"
    ),
    Step.SECOND_TRACK_DECISION: StepInfo(
        Responsible.EMPLOYER, "Decide on reintegration with another employer (second track)"
    ),
    Step.FINAL_EVALUATION: StepInfo(
        Responsible.EMPLOYER_EMPLOYEE_AND_PHYSICIAN,
        "Final evaluation with the physician's current assessment",
    ),
    Step.WIA_APPLICATION: StepInfo(
        Responsible.EMPLOYEE,
        "Apply for WIA (advised by week 91; employer supplies the reintegration report)",
    ),
    Step.WAGE_CONTINUATION_END: StepInfo(
        Responsible.NOBODY, "Wage continuation ends after 104 weeks"
    ),
}

FIRST_DAY_AFTER_WEEK_42 = 294
END_OF_WEEK_52 = 52 * 7 - 1
FIRST_DAY_AFTER_WEEK_104 = 104 * 7


@dataclass(frozen=True, order=True)
class OpenStep:
    """A step the law still expects, ordered by due date, then by step."""

    due: dt.date
    step: Step

    @property
    def responsible(self) -> Responsible:
        return STEPS[self.step].responsible

    @property
    def title(self) -> str:
        return STEPS[self.step].title

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of


def open_steps(case: Case, holidays: Container[dt.date]) -> list[OpenStep]:
    """Every step of `case` not yet recorded done, sorted; nothing is due while recovered."""
    if not case.is_sick:
        return []
    first_day, done = case.first_sick_day, case.dates_of

    def after(anchor: dt.date, days: int) -> dt.date:
        return sick_days_after(anchor, days, case.gaps)

    def by_week(week: int) -> dt.date:
        return after(first_day, 7 * week - 1)

    steps = [
        OpenStep(after(report, 6), Step.NOTIFY_PHYSICIAN)
        for report in case.reports
        if not any(notified >= report for notified in done(PhysicianNotified))
    ]
    if not done(PhysicianConsulted):
        steps.append(OpenStep(by_week(3), Step.PHYSICIAN_CONSULT))
    analyses = done(ProblemAnalysisDone)
    if not analyses:
        steps.append(OpenStep(by_week(6), Step.PROBLEM_ANALYSIS))
    plans = done(PlanOfActionAgreed)
    if not plans:
        due = after(analyses[0], 14) if analyses else by_week(8)
        steps.append(OpenStep(due, Step.PLAN_OF_ACTION))
    else:
        latest = max(plans + done(EvaluationHeld))
        steps.append(OpenStep(after(latest, 42), Step.EVALUATION))
    if not done(UwvNotified):
        due = first_working_day_on_or_after(after(first_day, FIRST_DAY_AFTER_WEEK_42), holidays)
        steps.append(OpenStep(due, Step.UWV_SICKNESS_REPORT))
    first_year = done(FirstYearEvaluationHeld)
    if not first_year:
        steps.append(OpenStep(by_week(52), Step.FIRST_YEAR_EVALUATION))
    if not done(SecondTrackDecided):
        due = after(first_year[0], 42) if first_year else after(first_day, END_OF_WEEK_52 + 42)
        steps.append(OpenStep(due, Step.SECOND_TRACK_DECISION))
    if not done(FinalEvaluationHeld):
        steps.append(OpenStep(by_week(91), Step.FINAL_EVALUATION))
    if not done(WiaApplied):
        steps.append(OpenStep(by_week(93), Step.WIA_APPLICATION))
    steps.append(OpenStep(after(first_day, FIRST_DAY_AFTER_WEEK_104), Step.WAGE_CONTINUATION_END))
    return sorted(steps)
