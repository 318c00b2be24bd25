"""The steps the engine times: the law's (see `law_calendar`) and the recovery's (see
`recovery`), each with who is responsible, and an open step with its due date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


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
    # Recovery after burn-out (domain/recovery.py): not the law's, but timed the same way.
    CAPACITY_REVIEW = "capacity_review"
    STAGE_REVIEW = "stage_review"
    CONTACT = "contact"


class Responsible(StrEnum):
    EMPLOYER = "employer"
    PHYSICIAN = "physician"
    EMPLOYEE = "employee"
    EMPLOYER_AND_EMPLOYEE = "employer+employee"
    EMPLOYER_EMPLOYEE_AND_PHYSICIAN = "employer+employee+physician"
    MANAGER = "manager"
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
    Step.CAPACITY_REVIEW: StepInfo(Responsible.PHYSICIAN, "Review functional capacity"),
    Step.STAGE_REVIEW: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE, "Review the current build-up stage"
    ),
    Step.CONTACT: StepInfo(Responsible.MANAGER, "Keep in touch as agreed"),
}
LAW_STEPS = frozenset(list(Step)[: list(Step).index(Step.WAGE_CONTINUATION_END) + 1])


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
