"""The events of a sick-leave case: the law's events here, the UWV tracks' in `uwv_events`, the
recovery's in `recovery_events`.
All are frozen and strict (see `event_base`): nothing medical can be recorded.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import Field, TypeAdapter, ValidationError

from domain.errors import BadInputError, in_one_line, quoted, shown
from domain.event_base import BaseEvent, Percentage
from domain.recovery_events import RecoveryEvent
from domain.uwv_events import UwvEvent


class ReportedSick(BaseEvent):
    """The employee reported sick; `percentage` is how much of the work they cannot do."""

    type: Literal["reported_sick"] = "reported_sick"
    percentage: Percentage = 100


class PartiallyRecovered(BaseEvent):
    """The employee resumed part of the work; `percentage` is how much is still sick."""

    type: Literal["partially_recovered"] = "partially_recovered"
    percentage: Percentage


class Recovered(BaseEvent):
    """Dated on the first day the employee is fit again."""

    type: Literal["recovered"] = "recovered"


class PhysicianNotified(BaseEvent):
    type: Literal["physician_notified"] = "physician_notified"


class PhysicianConsulted(BaseEvent):
    type: Literal["physician_consulted"] = "physician_consulted"


class ProblemAnalysisDone(BaseEvent):
    type: Literal["problem_analysis_done"] = "problem_analysis_done"


class PlanOfActionAgreed(BaseEvent):
    type: Literal["plan_of_action_agreed"] = "plan_of_action_agreed"
    case_manager: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class EvaluationHeld(BaseEvent):
    type: Literal["evaluation_held"] = "evaluation_held"


class UwvNotified(BaseEvent):
    """The week-42 sickness report (ziekmelding) to UWV was made."""

    type: Literal["uwv_notified"] = "uwv_notified"


class FirstYearEvaluationHeld(BaseEvent):
    type: Literal["first_year_evaluation_held"] = "first_year_evaluation_held"


class SecondTrackDecided(BaseEvent):
    type: Literal["second_track_decided"] = "second_track_decided"


class FinalEvaluationHeld(BaseEvent):
    type: Literal["final_evaluation_held"] = "final_evaluation_held"


class WiaApplied(BaseEvent):
    type: Literal["wia_applied"] = "wia_applied"


Event = Annotated[
    ReportedSick
    | PartiallyRecovered
    | Recovered
    | PhysicianNotified
    | PhysicianConsulted
    | ProblemAnalysisDone
    | PlanOfActionAgreed
    | EvaluationHeld
    | UwvNotified
    | FirstYearEvaluationHeld
    | SecondTrackDecided
    | FinalEvaluationHeld
    | WiaApplied
    | UwvEvent
    | RecoveryEvent,
    Field(discriminator="type"),
]
EVENT_TYPES: tuple[str, ...] = tuple(
    kind.model_fields["type"].default for kind in get_args(get_args(Event)[0])
)
_EVENT: TypeAdapter[Event] = TypeAdapter(Event)


def describe(event: Event) -> str:
    """How error messages and trails name an event: `recovered on 2026-02-02`."""
    return f"{event.type} on {event.date}"


def parse_event(raw: object) -> Event:
    """Validate one event given as JSON-like data; raise `InputError` saying what is wrong."""
    try:
        return _EVENT.validate_python(raw)
    except ValidationError as error:
        raise BadInputError(in_one_line(error.errors(), explain_validation_error)) from None


def explain_validation_error(error: Any) -> str:  # noqa: PLR0911 (one plain sentence per kind of error)
    place = ".".join(str(part) for part in error["loc"][1:])  # may hold a key of the input
    kind, field = error["type"], shown(place)
    if kind == "union_tag_not_found":
        return "missing field 'type'"
    if kind == "union_tag_invalid":
        return f"unknown event type {quoted(error['ctx']['tag'])} (known: {', '.join(EVENT_TYPES)})"
    if kind == "model_attributes_type":
        return "an event must be a JSON object"
    if kind == "extra_forbidden":
        return (
            f"unknown field {quoted(place)}: events carry no other data "
            "(the employer side may never record a diagnosis or complaints)"
        )
    if kind == "missing":
        return f"missing field {field!r}"
    if field == "percentage":
        return f"percentage must be a whole number from 1 to 100, got {quoted(error['input'])}"
    if kind == "value_error":
        return f"{field}: {error['ctx']['error']}"
    return f"{field}: {error['msg'].lower()}, got {quoted(error['input'])}"
