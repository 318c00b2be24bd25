"""The law's steps that were done: when each was due and when it was done, so that a picture of
the case can tell on time from late. A step's due date is the one `open_steps` gave it just
before it was done: the case folded without that event and the later ones of its kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass

from domain.case import Case, replay
from domain.errors import InputError
from domain.events import (
    EvaluationHeld,
    Event,
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
from domain.law_calendar import open_steps
from domain.steps import Step

DONE_BY: dict[type[Event], Step] = {
    PhysicianNotified: Step.NOTIFY_PHYSICIAN,
    PhysicianConsulted: Step.PHYSICIAN_CONSULT,
    ProblemAnalysisDone: Step.PROBLEM_ANALYSIS,
    PlanOfActionAgreed: Step.PLAN_OF_ACTION,
    EvaluationHeld: Step.EVALUATION,
    UwvNotified: Step.UWV_SICKNESS_REPORT,
    FirstYearEvaluationHeld: Step.FIRST_YEAR_EVALUATION,
    SecondTrackDecided: Step.SECOND_TRACK_DECISION,
    FinalEvaluationHeld: Step.FINAL_EVALUATION,
    WiaApplied: Step.WIA_APPLICATION,
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
        before = [
            e for i, e in enumerate(case.events) if not (type(e) is type(event) and i >= position)
        ]
        try:
            earlier = replay(before, max(e.date for e in case.events))
        except InputError:
            continue  # cannot happen for the law's steps, which nothing depends on; skip then
        due = min((s.due for s in open_steps(earlier, holidays) if s.step is step), default=None)
        done.append(DoneStep(step, event.date, due))
    return done
