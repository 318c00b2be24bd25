"""A case's timeline: what happened (its corrected history), each move on the build-up ladder,
and what is still open, by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.case import Case
from domain.events import Event
from domain.law_calendar import OpenStep
from domain.recovery_events import (
    BuildUpProposed,
    CapacityAssessed,
    ContactAgreed,
    ContactHeld,
    ContactPaused,
)
from domain.uwv_events import (
    EarlyIvaDecided,
    ExpertOpinionRequested,
    WageExtensionGranted,
    WageSanctionImposed,
    WaitingDaysApplied,
)


@dataclass(frozen=True)
class TimelineRow:
    day: dt.date
    what: str  # an event type, a stage change, or a step
    status: str  # "recorded" for events, "stage" for the ladder; "open" or "overdue" for steps
    party: str = ""  # a step's: who must act
    title: str = ""  # a step's, in words

    def as_dict(self) -> dict[str, str]:
        return {
            "date": self.day.isoformat(),
            "what": self.what,
            "status": self.status,
            "party": self.party,
            "title": self.title,
        }


def timeline_of(
    history: Mapping[int, Event], case: Case, steps: Sequence[OpenStep], today: dt.date
) -> list[TimelineRow]:
    rows = [TimelineRow(event.date, _what(event), "recorded") for event in history.values()]
    rows += [
        TimelineRow(change.date, f"stage {change.stage}: {change.spec} ({change.why})", "stage")
        for change in case.recovery.course
    ]
    rows += [
        TimelineRow(
            step.due,
            step.step.value,
            "overdue" if step.is_overdue(today) else "open",
            step.responsible.value,
            step.title,
        )
        for step in steps
    ]
    return sorted(rows, key=lambda row: row.day)


def _what(event: Event) -> str:
    """An event as the timeline shows it: its type, and for the recovery what it set."""
    if isinstance(event, CapacityAssessed):
        return f"{event.type}: {event.days_per_week} days a week, {event.hours_per_day:g} h a day"
    if isinstance(event, BuildUpProposed):
        ladder = " > ".join(f"{s.sessions}x{s.hours:g}h" for s in event.stages)
        return f"{event.type}: {ladder}, target {event.target_hours:g} h a week"
    if isinstance(event, ContactAgreed):
        return f"{event.type}: {event.form}, every {event.every_days} days"
    if isinstance(event, ContactHeld):
        return f"{event.type}: {event.form}"
    if isinstance(event, ContactPaused | WageSanctionImposed):
        return f"{event.type} until {event.until}"
    return _uwv_what(event)


def _uwv_what(event: Event) -> str:
    """The UWV tracks' events that carry more than a date: what they set (codes, never text)."""
    if isinstance(event, WageExtensionGranted):
        return f"{event.type}: {event.weeks} weeks"
    if isinstance(event, EarlyIvaDecided):
        return f"{event.type}: {'granted' if event.granted else 'refused'}"
    if isinstance(event, WaitingDaysApplied):
        return f"{event.type}: {event.days} days"
    if isinstance(event, ExpertOpinionRequested):
        return f"{event.type} by the {event.requested_by}: {event.question}"
    return event.type
