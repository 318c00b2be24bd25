"""The reintegration report (re-integratieverslag, RIV, UWV-TRACKS.md section 12): which
recorded events make up each of its parts, who supplies each part, and what is still missing, so
that HR sees the gaps before UWV does.

Only dates and who recorded them: the medical part of the physician's work goes from the
physician to the employee and UWV, never through the employer, and no event here carries it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from domain.case import Case
from domain.events import Event
from domain.law_calendar import current_from
from domain.steps import OpenStep, Said, Step


class RivPart(StrEnum):
    PROBLEM_ANALYSIS = "problem_analysis"
    PLAN_OF_ACTION = "plan_of_action"
    EVALUATIONS = "evaluations"
    FIRST_YEAR_EVALUATION = "first_year_evaluation"
    FINAL_EVALUATION = "final_evaluation"
    CURRENT_ASSESSMENT = "current_assessment"
    EMPLOYEE_VIEW = "employee_view"


class PartStatus(StrEnum):
    PRESENT = "present"
    MISSING = "missing"  # its step is overdue
    NOT_YET_DUE = "not_yet_due"  # nothing recorded, and its step is not due yet (or not open)
    OUTDATED = "outdated"  # a current assessment older than `current_from`: no longer current
    WITH_EMPLOYEE = "with_employee"  # the employee's view, written once they have the report


@dataclass(frozen=True)
class PartInfo:
    title: Said
    supplied_by: Said
    events: tuple[str, ...]  # the event types that make up the part


_PHYSICIAN = Said("physician", "bedrijfsarts")
_BOTH = Said("employer and employee", "werkgever en werknemer")

PARTS = {
    RivPart.PROBLEM_ANALYSIS: PartInfo(
        Said("Problem analysis and its revisions", "Probleemanalyse en bijstellingen"),
        _PHYSICIAN,
        ("problem_analysis_done", "problem_analysis_revised"),
    ),
    RivPart.PLAN_OF_ACTION: PartInfo(
        Said("Plan of action and its revisions", "Plan van aanpak en bijstellingen"),
        _BOTH,
        ("plan_of_action_agreed", "plan_of_action_revised"),
    ),
    RivPart.EVALUATIONS: PartInfo(
        Said("Evaluations of the plan of action", "Evaluaties van het plan van aanpak"),
        _BOTH,
        ("evaluation_held",),
    ),
    RivPart.FIRST_YEAR_EVALUATION: PartInfo(
        Said("First-year evaluation", "Eerstejaarsevaluatie"),
        _BOTH,
        ("first_year_evaluation_held",),
    ),
    RivPart.FINAL_EVALUATION: PartInfo(
        Said("Final evaluation", "Eindevaluatie"), _BOTH, ("final_evaluation_held",)
    ),
    RivPart.CURRENT_ASSESSMENT: PartInfo(
        Said("Current assessment", "Actueel oordeel"), _PHYSICIAN, ("current_assessment_given",)
    ),
    RivPart.EMPLOYEE_VIEW: PartInfo(
        Said("The employee's own view", "Visie van de werknemer"),
        Said("employee", "werknemer"),
        (),  # written by the employee on the report itself; no event records it
    ),
}

# The steps whose record is a part of the report, or that hand it over.
RIV_STEPS = frozenset(
    {
        Step.PROBLEM_ANALYSIS,
        Step.PLAN_OF_ACTION,
        Step.PLAN_OF_ACTION_REVISION,
        Step.EVALUATION,
        Step.FIRST_YEAR_EVALUATION,
        Step.FINAL_EVALUATION,
        Step.CURRENT_ASSESSMENT,
        Step.RIV_TO_EMPLOYEE,
        Step.LEAVING_RIV,
    }
)
_HANDED_OVER = ("riv_handed_over", "leaving_riv_handed_over")
_STEP_OF = {
    RivPart.PROBLEM_ANALYSIS: Step.PROBLEM_ANALYSIS,
    RivPart.PLAN_OF_ACTION: Step.PLAN_OF_ACTION,
    RivPart.EVALUATIONS: Step.EVALUATION,
    RivPart.FIRST_YEAR_EVALUATION: Step.FIRST_YEAR_EVALUATION,
    RivPart.FINAL_EVALUATION: Step.FINAL_EVALUATION,
    RivPart.CURRENT_ASSESSMENT: Step.CURRENT_ASSESSMENT,
}


class Recorded(NamedTuple):
    """An event as it stands now, with the account and role that recorded it."""

    event: Event
    by: str
    role: str


@dataclass(frozen=True)
class Contribution:
    type: str
    date: dt.date
    by: str
    role: str
    current: bool = True


@dataclass(frozen=True)
class PartState:
    part: RivPart
    status: PartStatus
    contributions: tuple[Contribution, ...]
    due: dt.date | None = None  # when its open step is due, if one is

    @property
    def info(self) -> PartInfo:
        return PARTS[self.part]


@dataclass(frozen=True)
class Riv:
    parts: tuple[PartState, ...]
    handed_over: dt.date | None  # the latest hand-over to the employee
    current_from: dt.date  # a current assessment counts from this day
    open_steps: tuple[OpenStep, ...]  # the steps still open that the report needs


def riv_of(case: Case, recorded: Iterable[Recorded], steps: Iterable[OpenStep]) -> Riv:
    """Each part of `case`'s report with the events that make it up, oldest first, and the
    open `steps` (the case's) that the report still needs."""
    events = sorted(recorded, key=lambda r: r.event.date)
    steps = tuple(steps)
    due: dict[Step, dt.date] = {}
    for step in steps:  # the earliest of each
        due[step.step] = min(step.due, due.get(step.step, step.due))
    counts_from = current_from(case)
    handed_over = max((r.event.date for r in events if r.event.type in _HANDED_OVER), default=None)
    parts = []
    for part, info in PARTS.items():
        contributions = tuple(
            Contribution(
                r.event.type,
                r.event.date,
                r.by,
                r.role,
                part is not RivPart.CURRENT_ASSESSMENT or r.event.date >= counts_from,
            )
            for r in events
            if r.event.type in info.events
        )
        step_due = due.get(_STEP_OF[part]) if part in _STEP_OF else None
        status = _status(part, contributions, handed_over, step_due, case.as_of)
        parts.append(PartState(part, status, contributions, step_due))
    needed = tuple(step for step in steps if step.step in RIV_STEPS)
    return Riv(tuple(parts), handed_over, counts_from, needed)


def _status(
    part: RivPart,
    contributions: tuple[Contribution, ...],
    handed_over: dt.date | None,
    due: dt.date | None,
    as_of: dt.date | None,
) -> PartStatus:
    if part is RivPart.EMPLOYEE_VIEW:
        return PartStatus.MISSING if handed_over is None else PartStatus.WITH_EMPLOYEE
    if any(c.current for c in contributions):
        return PartStatus.PRESENT
    if contributions:
        return PartStatus.OUTDATED
    overdue = due is not None and as_of is not None and due < as_of
    return PartStatus.MISSING if overdue else PartStatus.NOT_YET_DUE
