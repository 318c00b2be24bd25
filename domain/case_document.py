"""The case document: `{"as_of": "YYYY-MM-DD", "events": [...]}`, as HR exchanges it.

A file may hold one document or a JSON array of them (an import of many cases).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from domain.case import Case, replay
from domain.errors import BadInputError, InputError, quoted, shown
from domain.event_base import RealDate
from domain.events import Event, parse_event

_FIELDS = ("as_of", "events")
_DATE: TypeAdapter[dt.date] = TypeAdapter(RealDate)


@dataclass(frozen=True)
class CaseDocument:
    """A valid document: its events obey the rules, so `case` is their fold as of `as_of`."""

    as_of: dt.date
    events: tuple[Event, ...]
    case: Case


def parse_case_documents(raw: object, today: dt.date) -> list[CaseDocument]:
    """One document (a JSON object) or many (a JSON array); `as_of` defaults to `today`."""
    if not isinstance(raw, list):
        return [parse_case_document(raw, today)]
    documents = []
    for position, item in enumerate(raw, start=1):
        try:
            documents.append(parse_case_document(item, today))
        except InputError as error:
            raise error.at(f"case {position}") from None
    return documents


def parse_case_document(raw: object, today: dt.date) -> CaseDocument:
    if not isinstance(raw, dict):
        raise BadInputError('a case document is a JSON object: {"as_of": ..., "events": [...]}')
    for name in raw:
        if name not in _FIELDS:
            raise BadInputError(
                f"unknown field {quoted(name)} in the case document (known: as_of, events)"
            )
    events = raw.get("events")
    if not isinstance(events, list):
        raise BadInputError("'events' must be a JSON array of events")
    as_of, parsed = _as_of(raw.get("as_of"), today), tuple(_events(events))
    return CaseDocument(as_of, parsed, replay(parsed, as_of))


def _as_of(raw: object, today: dt.date) -> dt.date:
    if raw is None:
        return today
    try:
        return _DATE.validate_python(raw)
    except ValidationError as error:
        raise BadInputError(f"as_of: {error.errors()[0]['ctx']['error']}") from None


def _events(raw: list[object]) -> list[Event]:
    events = []
    for position, item in enumerate(raw, start=1):
        try:
            events.append(parse_event(item))
        except InputError as error:
            raise error.at(_name(position, item)) from None
    return events


def _name(position: int, raw: object) -> str:
    """`event 3 (reported_sick on 2026-01-05)`, as far as the raw event tells."""
    if isinstance(raw, dict) and isinstance(raw.get("type"), str):
        on = f" on {shown(raw['date'])}" if isinstance(raw.get("date"), str) else ""
        return f"event {position} ({shown(raw['type'])}{on})"
    return f"event {position}"
