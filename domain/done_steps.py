"""The law's steps that were done: when each was due and when it was done, so that a picture of
the case can tell on time from late. A step's due date is the one `open_steps` gave it just
before it was done: the case folded without that event and the later ones of its kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass

from domain import events as e
from domain import uwv_events as u
from domain.case import Case, replay
from domain.errors import InputError
from domain.law_calendar import open_steps
from domain.steps import Step

DONE_BY: dict[type[e.Event], Step] = {
    e.PhysicianNotified: Step.NOTIFY_PHYSICIAN,
    e.PhysicianConsulted: Step.PHYSICIAN_CONSULT,
    e.ProblemAnalysisDone: Step.PROBLEM_ANALYSIS,
    e.PlanOfActionAgreed: Step.PLAN_OF_ACTION,
    e.EvaluationHeld: Step.EVALUATION,
    e.UwvNotified: Step.UWV_SICKNESS_REPORT,
    e.FirstYearEvaluationHeld: Step.FIRST_YEAR_EVALUATION,
    e.SecondTrackDecided: Step.SECOND_TRACK_DECISION,
    e.FinalEvaluationHeld: Step.FINAL_EVALUATION,
    e.WiaApplied: Step.WIA_APPLICATION,
    u.UwvVangnetReported: Step.UWV_VANGNET_REPORT,
    u.UwvVangnetRecoveryReported: Step.UWV_VANGNET_RECOVERY_REPORT,
    u.UwvLeavingReported: Step.UWV_LEAVING_REPORT,
    u.LeavingRivHandedOver: Step.LEAVING_RIV,
    u.SanctionObjectionFiled: Step.SANCTION_OBJECTION,
    u.SanctionShorteningRefused: Step.SANCTION_SHORTENING_DECISION,
    u.SanctionShortened: Step.SANCTION_SHORTENING_DECISION,  # the form for the step: shortened
    u.ExpertOpinionReceived: Step.EXPERT_OPINION,
    u.PlanOfActionRevised: Step.PLAN_OF_ACTION_REVISION,
    u.CurrentAssessmentGiven: Step.CURRENT_ASSESSMENT,
    u.RivHandedOver: Step.RIV_TO_EMPLOYEE,
}


@dataclass(frozen=True)
class DoneStep:
    step: Step
    done_on: dt.date
    due: dt.date | None  # None: it was not due yet by the law's calendar (done unasked)

    @property
    def late(self) -> bool:
        return self.due is not None and self.done_on > self.due


def done_steps(case: Case, holidays: Container[dt.date]) -> list[DoneStep]:
    """Each event that did a law step, with the due date the step had before it."""
    done = []
    for position, event in enumerate(case.events):
        step = DONE_BY.get(type(event))
        if step is None:
            continue
        kind = type(event)
        before = [x for i, x in enumerate(case.events) if not (type(x) is kind and i >= position)]
        try:
            earlier = replay(before, max(x.date for x in case.events))
        except InputError:
            continue  # cannot happen for the law's steps, which nothing depends on; skip then
        due = min((s.due for s in open_steps(earlier, holidays) if s.step is step), default=None)
        done.append(DoneStep(step, event.date, due))
    return done
