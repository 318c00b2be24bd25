"""The events of recovery after burn-out: capacity assessments, the build-up ladder and its
reviews, setbacks, and the contact agreement between employee and manager.

Capacity is recorded in functional terms only: hours, days, restrictions from a fixed list and
an expected duration. There is no free-text field, so no diagnosis or complaint can get in.
The diary is not here: it belongs to the employee and is never part of the case's log.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from domain.errors import quoted
from domain.event_base import BaseEvent, RealDate

Hours = Annotated[float, Field(gt=0, le=12, multiple_of=0.5)]
StageNumber = Annotated[int, Field(ge=1, le=50)]
_STAGE = re.compile(r"([1-7])\s*x\s*(\d{1,2}(?:\.5)?)\s*h?")


class Restriction(StrEnum):
    """Functional restrictions a physician may pass on to the employer (in the spirit of the
    functional abilities list): what the work should avoid, never why."""

    NO_DEADLINE_PRESSURE = "no_deadline_pressure"
    NO_CONFLICT_HANDLING = "no_conflict_handling"
    NO_CUSTOMER_CONTACT = "no_customer_contact"
    NO_MANAGING_OTHERS = "no_managing_others"
    LIMITED_SCREEN_TIME = "limited_screen_time"
    QUIET_WORKPLACE = "quiet_workplace"
    FIXED_WORKING_HOURS = "fixed_working_hours"
    NO_NIGHT_OR_SHIFT_WORK = "no_night_or_shift_work"
    NO_OVERTIME = "no_overtime"
    PREDICTABLE_TASKS = "predictable_tasks"


class ExpectedDuration(StrEnum):
    """How long until the assessment is expected to change (the employer may know this)."""

    UNDER_1_MONTH = "under_1_month"
    ONE_TO_3_MONTHS = "1_to_3_months"
    THREE_TO_6_MONTHS = "3_to_6_months"
    OVER_6_MONTHS = "over_6_months"
    UNKNOWN = "unknown"


def _stage(value: object) -> object:
    """A stage may be written `3x2` or `3x2h`: 3 sessions a week of 2 hours."""
    if isinstance(value, str):
        found = _STAGE.fullmatch(value.strip())
        if found is None:
            raise ValueError(f"a stage is written like 3x2 (sessions x hours), got {quoted(value)}")
        hours = float(found.group(2))
        return {
            "sessions": int(found.group(1)),
            "hours": int(hours) if hours.is_integer() else hours,
        }
    return value


class StageSpec(BaseModel):
    """Sessions (dagdelen) a week of `hours` each; with rest days, a rest day between sessions."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    sessions: Annotated[int, Field(ge=1, le=7)]
    hours: Hours
    rest_days: bool = True

    @property
    def weekly_hours(self) -> float:
        return self.sessions * self.hours

    def __str__(self) -> str:
        hours = f"{self.hours:g}"
        return f"{self.sessions}x{hours}h" + (", rest day between" if self.rest_days else "")


Stage = Annotated[StageSpec, BeforeValidator(_stage)]


class CapacityAssessed(BaseEvent):
    """The physician's functional assessment (belastbaarheid). The next review defaults to six
    weeks later."""

    type: Literal["capacity_assessed"] = "capacity_assessed"
    hours_per_day: Hours
    days_per_week: Annotated[int, Field(ge=1, le=7)]
    # Strict events take no strings for enums; enum fields are lax, named in JSON by their values.
    restrictions: list[Annotated[Restriction, Field(strict=False)]] = Field(default_factory=list)
    expected_duration: Annotated[ExpectedDuration, Field(strict=False)] = ExpectedDuration.UNKNOWN
    next_review: RealDate | None = None


class BuildUpProposed(BaseEvent):
    """The employee's proposal: a ladder of stages toward `target_hours` a week (which may stay
    below the old contract hours), each stage reviewed `review_after_days` after it starts."""

    type: Literal["build_up_proposed"] = "build_up_proposed"
    stages: Annotated[list[Stage], Field(min_length=1, max_length=20)]
    target_hours: Annotated[float, Field(gt=0, le=60)]
    review_after_days: Annotated[int, Field(ge=7, le=42)] = 14


class AgreementParty(StrEnum):
    """The two sides that agree to a build-up before it starts."""

    EMPLOYER = "employer"
    PHYSICIAN = "physician"


class BuildUpAgreed(BaseEvent):
    """One side's agreement to the latest proposal; the plan starts once both agreed."""

    type: Literal["build_up_agreed"] = "build_up_agreed"
    party: Annotated[AgreementParty, Field(strict=False)]


class ReviewOutcome(StrEnum):
    ADVANCE = "advance"
    HOLD = "hold"
    STEP_BACK = "step_back"


class StageMove(StrEnum):
    """Why the ladder moved (see `domain.recovery`): it started, a review's outcome, a setback."""

    START = "start"
    ADVANCE = ReviewOutcome.ADVANCE.value
    HOLD = ReviewOutcome.HOLD.value
    STEP_BACK = ReviewOutcome.STEP_BACK.value
    SETBACK = "setback"


class StageReviewed(BaseEvent):
    """At a stage's review: advance (to the next stage, or `to_stage`), hold, or step back."""

    type: Literal["stage_reviewed"] = "stage_reviewed"
    outcome: Annotated[ReviewOutcome, Field(strict=False)]
    to_stage: StageNumber | None = None
    next_review: RealDate | None = None


class SetbackReported(BaseEvent):
    """A setback (terugval) during the build-up: back one stage, or to `to_stage`; an earlier
    review. Expected and normal; not a new sick report."""

    type: Literal["setback_reported"] = "setback_reported"
    to_stage: StageNumber | None = None


class ContactForm(StrEnum):
    CALL = "call"
    VISIT = "visit"
    VIDEO = "video"
    APP = "app"
    EMAIL = "email"
    PRACTICAL_UPDATES_ONLY = "practical_updates_only"


class ContactAgreed(BaseEvent):
    """How often and how employee and manager keep in touch."""

    type: Literal["contact_agreed"] = "contact_agreed"
    every_days: Annotated[int, Field(ge=1, le=90)]
    form: Annotated[ContactForm, Field(strict=False)]


class ContactPaused(BaseEvent):
    """The employee asked for no contact until `until`."""

    type: Literal["contact_paused"] = "contact_paused"
    until: RealDate


class ContactResumed(BaseEvent):
    type: Literal["contact_resumed"] = "contact_resumed"


class ContactHeld(BaseEvent):
    """A contact moment: when and how; never what was said."""

    type: Literal["contact_held"] = "contact_held"
    form: Annotated[ContactForm, Field(strict=False)]


class EarlierReviewSuggested(BaseEvent):
    """The employee's diary showed a sustained drop, and they opted in to let it bring the next
    capacity review forward. Carries no scores."""

    type: Literal["earlier_review_suggested"] = "earlier_review_suggested"


RecoveryEvent = (
    CapacityAssessed
    | BuildUpProposed
    | BuildUpAgreed
    | StageReviewed
    | SetbackReported
    | ContactAgreed
    | ContactPaused
    | ContactResumed
    | ContactHeld
    | EarlierReviewSuggested
)
RECOVERY_EVENTS: frozenset[type[BaseEvent]] = frozenset(get_args(RecoveryEvent))
