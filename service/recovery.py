"""The recovery of a case as its parties review it: the latest capacity assessment, the ladder
and the current stage, the contact agreement and its moments. Never the diary. And the engine's
build-up ladder, for the employee to propose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from domain.errors import BadInputError
from domain.recovery import Recovery, default_ladder
from domain.recovery_events import Stage, StageSpec
from service.case_file import Actor, Purpose, open_case_file
from service.ports import Store


@dataclass(frozen=True)
class RecoveryView:
    case_key: str
    display_name: str
    today: dt.date
    recovery: Recovery

    def as_dict(self) -> dict[str, object]:
        r, b, c = self.recovery, self.recovery.build_up, self.recovery.capacity
        return {
            "case": self.case_key,
            "as_of": self.today.isoformat(),
            "capacity": None
            if c is None
            else {
                "assessed_on": c.assessed_on.isoformat(),
                "days_per_week": c.days_per_week,
                "hours_per_day": c.hours_per_day,
                "restrictions": list(c.restrictions),
                "expected_duration": c.expected_duration.value,
                "next_review": c.next_review.isoformat(),
            },
            "build_up": None
            if b is None
            else {
                "stages": [s.model_dump() for s in b.stages],
                "target_hours": b.target_hours,
                "agreed_by": sorted(b.agreed_by),
                "current_stage": None if b.current is None else b.current + 1,
                "next_review": b.review_on.isoformat() if b.review_on else None,
                "target_reached": b.target_reached,
            },
            "course": [
                {
                    "date": ch.date.isoformat(),
                    "why": ch.why,
                    "stage": ch.stage,
                    "spec": str(ch.spec),
                }
                for ch in r.course
            ],
            "contact": None
            if r.contact is None
            else {
                "form": r.contact.form,
                "every_days": r.contact.every.days,
                "paused_until": r.contact.paused_until.isoformat()
                if r.contact.paused_until
                else None,
                "next_due": r.contact.next_due.isoformat(),
            },
            "contacts": [{"date": day.isoformat(), "form": form} for day, form in r.contacts],
        }


def recovery_of(store: Store, actor: Actor, case_key: str, now: dt.datetime) -> RecoveryView:
    """The case's recovery as of today. A read by anyone but the employee is recorded."""
    file = open_case_file(store, actor, case_key, now, Purpose.RECOVERY)
    return RecoveryView(case_key, file.stored.employee.display_name, file.as_of, file.case.recovery)


@dataclass(frozen=True)
class LadderRequest:
    case_key: str
    target_hours: float  # a week
    first: str = "2x2"  # the first stage: sessions x hours


def engine_ladder(
    store: Store, actor: Actor, request: LadderRequest, now: dt.datetime
) -> list[str]:
    """The engine's build-up ladder for the employee to propose (e.g. ["2x2", "3x2"]): from
    the first stage toward the target, never beyond the latest capacity assessment."""
    capacity = recovery_of(store, actor, request.case_key, now).recovery.capacity
    if capacity is None:
        raise BadInputError("no capacity assessment yet: give --stages, or ask the physician")
    ladder = default_ladder(capacity, request.target_hours, _stage(request.first))
    return [f"{stage.sessions}x{stage.hours:g}" for stage in ladder]


_STAGE: TypeAdapter[StageSpec] = TypeAdapter(Stage)


def _stage(text: str) -> StageSpec:
    try:
        return _STAGE.validate_python(text)
    except ValidationError as error:
        raise BadInputError(f"--first: {error.errors()[0]['msg']}") from None
