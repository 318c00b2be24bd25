"""The law calendar of the Wet verbetering Poortwachter and the UWV tracks: which steps are open,
when each is due, and who is responsible. See `POORTWACHTER.md` ("The law calendar") and
`UWV-TRACKS.md` for the rules as specified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable

from domain import uwv_events as u
from domain.case import Case
from domain.events import (
    EvaluationHeld,
    FinalEvaluationHeld,
    FirstYearEvaluationHeld,
    PartiallyRecovered,
    PhysicianConsulted,
    PhysicianNotified,
    PlanOfActionAgreed,
    ProblemAnalysisDone,
    Recovered,
    SecondTrackDecided,
    UwvNotified,
    WiaApplied,
)
from domain.recovery import recovery_steps
from domain.sick_day_clock import (
    first_working_day_on_or_after,
    last_working_day_on_or_before,
)
from domain.steps import LAW_STEPS, STEPS, OpenStep, Responsible, Step, StepInfo
from domain.uwv import (
    CURRENT_ASSESSMENT_COUNTS_FROM,
    END_OF_WEEK_91,
    LEAVING_RIV_FROM,
)

__all__ = ["LAW_STEPS", "STEPS", "OpenStep", "Responsible", "Step", "StepInfo", "open_steps"]


# Days on the sick-day clock after D: the last day of week n is D⊕(7n-1).
END_OF_WEEK_3 = 3 * 7 - 1
END_OF_WEEK_6 = 6 * 7 - 1
END_OF_WEEK_8 = 8 * 7 - 1
FIRST_DAY_AFTER_WEEK_42 = 294
END_OF_WEEK_52 = 52 * 7 - 1
VANGNET_REPORT_AFTER = dt.timedelta(days=3)  # D+3: the statute's fourth sick day
VANGNET_RECOVERY_REPORT_AFTER = dt.timedelta(days=2)
OBJECTION_TERM = dt.timedelta(days=42)
SHORTENING_DECISION_TERM = dt.timedelta(days=21)
EXPERT_OPINION_TERM = dt.timedelta(days=28)
PLAN_REVISION_SICK_DAYS = 14

# Steps that a granted early IVA ends (UWV-TRACKS.md section 8).
ENDED_BY_EARLY_IVA = frozenset(
    {
        Step.EVALUATION,
        Step.FIRST_YEAR_EVALUATION,
        Step.SECOND_TRACK_DECISION,
        Step.FINAL_EVALUATION,
        Step.CURRENT_ASSESSMENT,
        Step.RIV_TO_EMPLOYEE,
        Step.WIA_APPLICATION,
    }
)


def open_steps(case: Case, holidays: Container[dt.date]) -> list[OpenStep]:
    """Every step of `case` not yet recorded done (the law's, the UWV tracks' and the
    recovery's), sorted. While recovered nothing is due but the vangnet recovery reports, until
    the case closes; once employment ended, only the leaving report and RIV, and the end."""
    if case.uwv.employment_ended is not None:
        return _after_employment_ended(case, holidays) if case.is_sick else []
    if not case.is_sick:
        closed = case.as_of is not None and case.is_closed(case.as_of)
        return [] if closed else sorted(_vangnet_steps(case))
    steps = _law_steps(case, holidays) + _vangnet_steps(case) + _uwv_terms(case)
    if case.uwv.early_iva_granted:
        steps = [step for step in steps if step.step not in ENDED_BY_EARLY_IVA]
    return sorted(steps + recovery_steps(case.recovery))


def _law_steps(case: Case, holidays: Container[dt.date]) -> list[OpenStep]:
    first_day, done, uwv = case.first_sick_day, case.dates_by_kind, case.uwv
    after = case.clock.after
    notified = max(done[PhysicianNotified], default=None)
    steps = [
        OpenStep(after(report, 6), Step.NOTIFY_PHYSICIAN)
        for report in case.reports
        if notified is None or notified < report
    ]
    if not done[PhysicianConsulted]:
        steps.append(OpenStep(after(first_day, END_OF_WEEK_3), Step.PHYSICIAN_CONSULT))
    analyses = done[ProblemAnalysisDone]
    if not analyses:
        steps.append(OpenStep(after(first_day, END_OF_WEEK_6), Step.PROBLEM_ANALYSIS))
    plans = done[PlanOfActionAgreed]
    if not plans:
        due = after(analyses[0], 14) if analyses else after(first_day, END_OF_WEEK_8)
        steps.append(OpenStep(due, Step.PLAN_OF_ACTION))
    else:
        latest = max(plans + done[EvaluationHeld] + done[u.PlanOfActionRevised])
        steps.append(OpenStep(after(latest, 42), Step.EVALUATION))
    revised_plan = max(done[u.PlanOfActionRevised], default=None)
    steps += [
        OpenStep(after(revision, PLAN_REVISION_SICK_DAYS), Step.PLAN_OF_ACTION_REVISION)
        for revision in _not_done(done[u.ProblemAnalysisRevised], revised_plan)
    ]
    if uwv.vangnet and uwv.vangnet_reported is None:
        steps.append(OpenStep(first_day + VANGNET_REPORT_AFTER, Step.UWV_VANGNET_REPORT))
    if not done[UwvNotified] and uwv.vangnet_reported is None:
        due = first_working_day_on_or_after(after(first_day, FIRST_DAY_AFTER_WEEK_42), holidays)
        steps.append(OpenStep(due, Step.UWV_SICKNESS_REPORT))
    first_year = done[FirstYearEvaluationHeld]
    if not first_year:
        steps.append(OpenStep(after(first_day, END_OF_WEEK_52), Step.FIRST_YEAR_EVALUATION))
    if not done[SecondTrackDecided]:
        due = after(first_year[0], 42) if first_year else after(first_day, END_OF_WEEK_52 + 42)
        steps.append(OpenStep(due, Step.SECOND_TRACK_DECISION))
    week_91 = uwv.end_of_wachttijd(first_day, after, END_OF_WEEK_91)
    if not done[FinalEvaluationHeld]:
        steps.append(OpenStep(week_91, Step.FINAL_EVALUATION))
    assessed = done[u.CurrentAssessmentGiven]
    if not assessed or max(assessed) < current_from(case):
        steps.append(OpenStep(week_91, Step.CURRENT_ASSESSMENT))
    if not done[u.RivHandedOver]:
        steps.append(OpenStep(week_91, Step.RIV_TO_EMPLOYEE))
    if not done[WiaApplied]:
        steps.append(OpenStep(uwv.wia_due(first_day, after), Step.WIA_APPLICATION))
    end = uwv.wage_continuation_end(first_day, after)
    steps.append(OpenStep(end, Step.WAGE_CONTINUATION_END))
    return steps


def current_from(case: Case) -> dt.date:
    """The first day a current assessment counts as current: `D⊕(580+7E)`; an older one
    no longer is (UWV-TRACKS.md section 11)."""
    after = case.clock.after
    return case.uwv.end_of_wachttijd(case.first_sick_day, after, CURRENT_ASSESSMENT_COUNTS_FROM)


def _vangnet_steps(case: Case) -> list[OpenStep]:
    """A report to UWV 2 days after each (partial) recovery dated after the vangnet report."""
    reported = case.uwv.vangnet_reported
    if reported is None:
        return []
    done = max(case.dates_by_kind[u.UwvVangnetRecoveryReported], default=None)
    recoveries = sorted(
        day
        for day in case.dates_by_kind[Recovered] + case.dates_by_kind[PartiallyRecovered]
        if day > reported
    )
    return [
        OpenStep(day + VANGNET_RECOVERY_REPORT_AFTER, Step.UWV_VANGNET_RECOVERY_REPORT)
        for day in _not_done(recoveries, done)
    ]


def _uwv_terms(case: Case) -> list[OpenStep]:
    """One step per sanction, shortening request and second opinion asked, each done by its
    answer dated on or after it."""
    done = case.dates_by_kind
    sanctions, requests = done[u.WageSanctionImposed], done[u.SanctionShorteningRequested]
    asked = done[u.ExpertOpinionRequested]
    if not (sanctions or requests or asked):
        return []  # most cases
    decided = max(done[u.SanctionShortened] + done[u.SanctionShorteningRefused], default=None)
    return [
        *(
            OpenStep(day + OBJECTION_TERM, Step.SANCTION_OBJECTION)
            for day in _not_done(sanctions, max(done[u.SanctionObjectionFiled], default=None))
        ),
        *(
            OpenStep(day + SHORTENING_DECISION_TERM, Step.SANCTION_SHORTENING_DECISION)
            for day in _not_done(requests, decided)
        ),
        *(
            OpenStep(day + EXPERT_OPINION_TERM, Step.EXPERT_OPINION)
            for day in _not_done(asked, max(done[u.ExpertOpinionReceived], default=None))
        ),
    ]


def _after_employment_ended(case: Case, holidays: Container[dt.date]) -> list[OpenStep]:
    """The leaving report (by the last working day of employment), the leaving RIV (by the
    last day, once sick 42 days or more) and the end: every other step ended with the job."""
    ended, uwv, done = case.uwv.employment_ended, case.uwv, case.dates_by_kind
    assert ended is not None, "only for a case whose employment ended"
    after = case.clock.after
    steps = [
        OpenStep(uwv.wage_continuation_end(case.first_sick_day, after), Step.WAGE_CONTINUATION_END)
    ]
    if not done[u.UwvLeavingReported]:
        steps.append(
            OpenStep(last_working_day_on_or_before(ended, holidays), Step.UWV_LEAVING_REPORT)
        )
    if ended >= after(case.first_sick_day, LEAVING_RIV_FROM) and not done[u.LeavingRivHandedOver]:
        steps.append(OpenStep(ended, Step.LEAVING_RIV))
    return sorted(steps)


def _not_done(openings: Iterable[dt.date], done: dt.date | None) -> list[dt.date]:
    """The openings that no event dated on or after them did: those after the latest done."""
    return [day for day in openings if done is None or day > done]
