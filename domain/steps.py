"""The steps the engine times: the law's (see `law_calendar`) and the recovery's (see
`recovery`), one row each in `STEPS` with everything the engine knows about the step, and an open
step with its due date."""

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
    """Everything the engine knows about one step."""

    responsible: Responsible
    title: str
    law_step: bool  # the law's (reminded, then escalated to HR); else the recovery's (reminded)
    lead_days: int  # days before the due date that the "ahead" reminder goes out; 0: none
    meeting: bool  # its "ahead" reminder carries a calendar entry on the due date
    # For the UWV tracks: the legal basis of the step and the consequence of missing it. Not
    # filled yet; they will be, from the sources, not from memory.
    basis: str | None = None
    consequence: str | None = None


# The lead times are chosen so that each party has time to act: a week for most steps, the
# whole week-46..52 window for the first-year evaluation, two weeks for the UWV report, the
# second track, the final evaluation and the WIA application.
STEPS: dict[Step, StepInfo] = {
    Step.NOTIFY_PHYSICIAN: StepInfo(
        Responsible.EMPLOYER,
        "Report the absence to the occupational physician",
        law_step=True,
        lead_days=3,
        meeting=False,
    ),
    Step.PHYSICIAN_CONSULT: StepInfo(
        Responsible.PHYSICIAN,
        "First consult with the physician",
        law_step=True,
        lead_days=7,
        meeting=True,
    ),
    Step.PROBLEM_ANALYSIS: StepInfo(
        Responsible.PHYSICIAN, "Problem analysis", law_step=True, lead_days=7, meeting=False
    ),
    Step.PLAN_OF_ACTION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Agree the plan of action and name a case manager",
        law_step=True,
        lead_days=7,
        meeting=True,
    ),
    Step.EVALUATION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Evaluate the plan of action",
        law_step=True,
        lead_days=7,
        meeting=True,
    ),
    Step.UWV_SICKNESS_REPORT: StepInfo(
        Responsible.EMPLOYER,
        "Week-42 sickness report to UWV",
        law_step=True,
        lead_days=14,
        meeting=False,
    ),
    Step.FIRST_YEAR_EVALUATION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "First-year evaluation (weeks 46-52)",
        law_step=True,
        lead_days=48,
        meeting=True,
    ),
    Step.SECOND_TRACK_DECISION: StepInfo(
        Responsible.EMPLOYER,
        "Decide on reintegration with another employer (second track)",
        law_step=True,
        lead_days=14,
        meeting=False,
    ),
    Step.FINAL_EVALUATION: StepInfo(
        Responsible.EMPLOYER_EMPLOYEE_AND_PHYSICIAN,
        "Final evaluation with the physician's current assessment",
        law_step=True,
        lead_days=14,
        meeting=True,
    ),
    Step.WIA_APPLICATION: StepInfo(
        Responsible.EMPLOYEE,
        "Apply for WIA (advised by week 91; employer supplies the reintegration report)",
        law_step=True,
        lead_days=14,
        meeting=False,
    ),
    Step.WAGE_CONTINUATION_END: StepInfo(
        Responsible.NOBODY,
        "Wage continuation ends after 104 weeks",
        law_step=True,
        lead_days=28,
        meeting=False,
    ),
    Step.CAPACITY_REVIEW: StepInfo(
        Responsible.PHYSICIAN,
        "Review functional capacity",
        law_step=False,
        lead_days=7,
        meeting=True,
    ),
    Step.STAGE_REVIEW: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Review the current build-up stage",
        law_step=False,
        lead_days=3,
        meeting=True,
    ),
    Step.CONTACT: StepInfo(
        Responsible.MANAGER,
        "Keep in touch as agreed",
        law_step=False,
        lead_days=0,  # on the day contact is due, no earlier
        meeting=False,
    ),
}
LAW_STEPS = frozenset(step for step, info in STEPS.items() if info.law_step)
MEETINGS = frozenset(step for step, info in STEPS.items() if info.meeting)


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
