"""The case document: `{"as_of": "YYYY-MM-DD", "events": [...]}`, as HR exchanges it.

A file may hold one document or a JSON array of them (an import of many cases).

Valid documents take one pydantic call each (or one for a whole file of JSON): `_Document`.
When that fails, the document is checked again part by part, to say what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from domain.case import Case, replay
from domain.errors import BadInputError, InputError, quoted, shown
from domain.event_base import RealDate
from domain.events import Event, parse_event

T = TypeVar("T")
_FIELDS = ("as_of", "events")
_DATE: TypeAdapter[dt.date] = TypeAdapter(RealDate)


class _Document(BaseModel):
    """What a valid document is, checked in one call (its errors are not told: see above)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    as_of: RealDate | None = None
    events: list[Event]


_DOCUMENT: TypeAdapter[_Document] = TypeAdapter(_Document)
_DOCUMENTS: TypeAdapter[list[_Document]] = TypeAdapter(list[_Document])


@dataclass(frozen=True)
class CaseDocument:
    """A valid document: its events obey the rules, so `case` is their fold as of `as_of`."""

    as_of: dt.date
    events: tuple[Event, ...]
    case: Case


def parse_json_case_documents(
    text: str | bytes, today: dt.date
) -> list[CaseDocument] | CaseDocument | None:
    """The documents of JSON text holding an array of them, or the one it holds; None if the
    text is not valid JSON or a document in it is not valid (then `parse_case_documents` of
    the parsed JSON tells what is wrong)."""
    # Not a union of the two: that takes a third longer on a large file.
    try:
        if not _holds_array(text):
            return _case_document(_DOCUMENT.validate_json(text), today)
        validated = _DOCUMENTS.validate_json(text)
    except ValidationError:
        return None
    return _numbered(_case_document, validated, today)


def _holds_array(text: str | bytes) -> bool:
    """Whether JSON text holds an array: its first character after white space is `[`."""
    if isinstance(text, bytes):
        return text.lstrip(b" \t\n\r").startswith(b"[")
    return text.lstrip(" \t\n\r").startswith("[")


def parse_case_documents(raw: object, today: dt.date) -> list[CaseDocument]:
    """One document (a JSON object) or many (a JSON array); `as_of` defaults to `today`."""
    if not isinstance(raw, list):
        return [parse_case_document(raw, today)]
    return _numbered(parse_case_document, raw, today)


def _numbered(
    parse: Callable[[T, dt.date], CaseDocument], items: list[T], today: dt.date
) -> list[CaseDocument]:
    """Each item parsed; an error names the case by its position."""
    documents = []
    for position, item in enumerate(items, start=1):
        try:
            documents.append(parse(item, today))
        except InputError as error:
            raise error.at(f"case {position}") from None
    return documents


def parse_case_document(raw: object, today: dt.date) -> CaseDocument:
    try:
        return _case_document(_DOCUMENT.validate_python(raw), today)
    except ValidationError:
        pass  # told below
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


def _case_document(document: _Document, today: dt.date) -> CaseDocument:
    as_of, events = document.as_of or today, tuple(document.events)
    return CaseDocument(as_of, events, replay(events, as_of))


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
