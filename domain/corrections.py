"""Corrections never change history: they are new log entries that point at an earlier one.

A log is a list of entries numbered from 1 in the order they were recorded. The effective
history, the one the law calendar follows, is the log's events with every retracted entry left
out and every corrected entry replaced by its latest correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, ValidationError

from domain.errors import BadInputError
from domain.event_base import BaseEvent
from domain.events import Event, explain_validation_error

SequenceNumber = Annotated[int, Field(ge=1)]
OPENING = 1  # the entry a case starts with: its first sick report


class EventCorrected(BaseEvent):
    """Entry `corrects` should have been `event`; dated on the day the correction was made."""

    type: Literal["event_corrected"] = "event_corrected"
    corrects: SequenceNumber
    event: Event


class EventRetracted(BaseEvent):
    """Entry `retracts` should never have been recorded; dated on the day it was retracted."""

    type: Literal["event_retracted"] = "event_retracted"
    retracts: SequenceNumber


Correction = EventCorrected | EventRetracted
Entry = Annotated[Event | EventCorrected | EventRetracted, Field(discriminator="type")]
_ENTRY: TypeAdapter[Entry] = TypeAdapter(Entry)


def parse_entry(raw: object) -> Entry:
    """Validate one log entry (an event or a correction) given as JSON-like data."""
    try:
        return _ENTRY.validate_python(raw)
    except ValidationError as error:
        raise BadInputError(
            "; ".join(explain_validation_error(e) for e in error.errors())
        ) from None


def effective_history(log: Sequence[Entry]) -> dict[int, Event]:
    """The events the log amounts to after its corrections, by sequence number, in order."""
    events: dict[int, Event] = {}
    for seq, entry in enumerate(log, start=1):
        if isinstance(entry, EventCorrected | EventRetracted):
            target = entry.corrects if isinstance(entry, EventCorrected) else entry.retracts
            if target not in events:
                raise BadInputError(_missing_target(target, seq, log))
            if isinstance(entry, EventCorrected):
                events[target] = entry.event
            else:
                del events[target]
        else:
            events[seq] = entry
    return events


def voiding(log: Sequence[Entry]) -> EventRetracted | None:
    """The entry that voided the case, if any: the retraction of its opening sick report (a
    case opened by mistake). The case stays in the trail as it stood, and nothing more is
    recorded on it."""
    return next((e for e in log if isinstance(e, EventRetracted) and e.retracts == OPENING), None)


def _missing_target(target: int, seq: int, log: Sequence[Entry]) -> str:
    if target >= seq:
        return f"entry {target} does not exist yet (this is entry {seq})"
    if isinstance(log[target - 1], EventCorrected | EventRetracted):
        return f"entry {target} is itself a correction; correct the original entry instead"
    return f"entry {target} was retracted"
