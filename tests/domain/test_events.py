"""Events are validated strictly: exactly the fields the law allows, real dates, sane percentages."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from domain.errors import InputError
from domain.events import EVENT_TYPES, ReportedSick, parse_event
from tests.helpers import REQUIRED, event


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_event_type_parses_with_its_date(kind: str) -> None:
    extra = REQUIRED.get(kind, {})
    parsed = parse_event(event(kind, "2026-01-05", **extra))
    assert (parsed.type, parsed.date) == (kind, dt.date(2026, 1, 5))


@pytest.mark.parametrize("field", ["diagnosis", "complaints", "notes", "cause"])
def test_a_field_the_event_does_not_have_is_rejected_so_no_medical_data_gets_in(
    field: str,
) -> None:
    with pytest.raises(InputError, match=f"unknown field '{field}'.*never record a diagnosis"):
        parse_event(event("reported_sick", "2026-01-05", **{field: "burn-out"}))


def test_an_unknown_event_type_is_rejected_naming_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"unknown event type 'fired'.*reported_sick"):
        parse_event(event("fired", "2026-01-05"))


def test_an_event_without_a_type_is_rejected() -> None:
    with pytest.raises(InputError, match="missing field 'type'"):
        parse_event({"date": "2026-01-05"})


def test_an_event_without_a_date_is_rejected() -> None:
    with pytest.raises(InputError, match="missing field 'date'"):
        parse_event({"type": "recovered"})


def test_an_event_must_be_an_object() -> None:
    with pytest.raises(InputError, match="must be a JSON object"):
        parse_event(["reported_sick", "2026-01-05"])


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2026-02-30", "2026-02-30 is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("2025-02-29", "is not a real date"),
        ("05-01-2026", "expected a date as YYYY-MM-DD"),
        ("2026-1-5", "expected a date as YYYY-MM-DD"),
        ("2026-01-05T09:00", "expected a date as YYYY-MM-DD"),
        (20260105, "expected a date as YYYY-MM-DD"),
        (None, "expected a date as YYYY-MM-DD"),
        ("1899-12-31", "outside 1900-01-01 .. 2999-12-31"),
        ("3000-01-01", "outside"),
    ],
)
def test_dates_must_be_real_iso_dates(day: object, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_event(event("recovered", day))  # type: ignore[arg-type]


def test_a_leap_day_is_a_real_date() -> None:
    assert parse_event(event("recovered", "2028-02-29")).date == dt.date(2028, 2, 29)


@pytest.mark.parametrize("percentage", [0, 101, -1, 50.5, "60", True, None])
def test_percentages_are_whole_numbers_from_1_to_100(percentage: object) -> None:
    with pytest.raises(InputError, match="percentage must be a whole number from 1 to 100"):
        parse_event(event("reported_sick", "2026-01-05", percentage=percentage))


@pytest.mark.parametrize("percentage", [1, 100])
def test_percentage_bounds_are_inclusive(percentage: int) -> None:
    parsed = parse_event(event("partially_recovered", "2026-01-05", percentage=percentage))
    assert isinstance(parsed.model_dump()["percentage"], int)


def test_a_sick_report_without_percentage_is_a_full_sick_report() -> None:
    parsed = parse_event(event("reported_sick", "2026-01-05"))
    assert isinstance(parsed, ReportedSick)
    assert parsed.percentage == 100


def test_a_partial_recovery_must_say_how_much_is_still_sick() -> None:
    with pytest.raises(InputError, match="missing field 'percentage'"):
        parse_event(event("partially_recovered", "2026-01-05"))


def test_the_plan_of_action_may_name_the_case_manager() -> None:
    parsed = parse_event(event("plan_of_action_agreed", "2026-02-20", case_manager="S. de Vries"))
    assert parsed.model_dump()["case_manager"] == "S. de Vries"


def test_several_problems_in_one_event_are_reported_on_one_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_event(event("reported_sick", "2026-02-30", percentage=0, diagnosis="x"))
    message = str(caught.value)
    assert "\n" not in message
    assert "not a real date" in message
    assert "percentage" in message
    assert "diagnosis" in message


def test_events_are_immutable() -> None:
    parsed = parse_event(event("recovered", "2026-01-05"))
    with pytest.raises(pydantic.ValidationError):
        parsed.date = dt.date(2026, 1, 6)  # type: ignore[misc]
