"""The law calendar of the Wet verbetering Poortwachter: which steps are open, when each is due,
and who is responsible. See `POORTWACHTER.md` ("The law calendar") for the rules as specified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

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
from domain.recovery import recovery_steps
from domain.sick_day_clock import SickDayClock, first_working_day_on_or_after
from domain.steps import LAW_STEPS, STEPS, OpenStep, Responsible, Step, StepInfo

__all__ = ["LAW_STEPS", "STEPS", "OpenStep", "Responsible", "Step", "StepInfo", "open_steps"]


FIRST_DAY_AFTER_WEEK_42 = 294
END_OF_WEEK_52 = 52 * 7 - 1
FIRST_DAY_AFTER_WEEK_104 = 104 * 7


def open_steps(case: Case, holidays: Container[dt.date]) -> list[OpenStep]:
    """Every step of `case` not yet recorded done (the law's and the recovery's), sorted;
    nothing is due while recovered."""
    if not case.is_sick:
        return []
    first_day, done, after = case.first_sick_day, case.dates_of, SickDayClock(case.gaps).after

    def by_week(week: int) -> dt.date:
        return after(first_day, 7 * week - 1)

    notified = max(done(PhysicianNotified), default=None)
    steps = [
        OpenStep(after(report, 6), Step.NOTIFY_PHYSICIAN)
        for report in case.reports
        if notified is None or notified < report
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
    return sorted(steps + recovery_steps(case.recovery))
