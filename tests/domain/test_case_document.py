"""The case document `{"as_of": ..., "events": [...]}`: one or many, and errors that say where."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.case_document import parse_case_document, parse_case_documents
from domain.errors import InputError
from domain.events import parse_event
from tests.helpers import event

TODAY = dt.date(2026, 3, 2)
SICK = event("reported_sick", "2026-01-05")
NOTIFIED = event("physician_notified", "2026-01-06")


def refusal(raw: object) -> str:
    with pytest.raises(InputError) as refused:
        parse_case_documents(raw, TODAY)
    return str(refused.value)


def test_a_document_keeps_its_events_as_given_next_to_their_fold() -> None:
    """The events stay in the order given (the fold applies them in date order)."""
    document = parse_case_document({"as_of": "2026-02-01", "events": [NOTIFIED, SICK]}, TODAY)
    assert document.events == (parse_event(NOTIFIED), parse_event(SICK))
    assert document.as_of == dt.date(2026, 2, 1)
    assert document.case.first_sick_day == dt.date(2026, 1, 5)


def test_each_document_of_an_array_without_as_of_is_as_of_today() -> None:
    """`as_of` defaults to today for every document of an import, not only a single one."""
    documents = parse_case_documents(
        [{"events": [SICK]}, {"as_of": "2026-02-01", "events": [SICK]}], TODAY
    )
    assert [document.as_of for document in documents] == [TODAY, dt.date(2026, 2, 1)]


def test_an_error_in_an_array_names_the_case_and_the_event() -> None:
    """Outermost first: which case of the import, then which event, with its type and date."""
    bad = event("partially_recovered", "2026-01-20")
    assert refusal([{"events": [SICK]}, {"events": [SICK, bad]}]) == (
        "case 2, event 2 (partially_recovered on 2026-01-20): missing field 'percentage'"
    )


def test_an_event_whose_date_is_no_string_is_named_by_its_type_alone() -> None:
    """The event's name leaves out a date it cannot show as written."""
    assert refusal({"events": [SICK, event("recovered", 20260105)]}) == (  # type: ignore[arg-type]
        "event 2 (recovered): date: expected a date as YYYY-MM-DD, got 20260105"
    )


def test_an_event_without_a_type_is_named_by_its_position_alone() -> None:
    """Without a type there is nothing else to name it by."""
    assert refusal({"events": [SICK, {"date": "2026-01-06"}]}) == ("event 2: missing field 'type'")
