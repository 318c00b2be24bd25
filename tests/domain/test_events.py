"""Events are validated strictly: exactly the fields the law allows, real dates, sane percentages."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from domain.errors import InputError
from domain.events import EVENT_TYPES, ReportedSick, parse_event
from tests.helpers import REQUIRED, event


def refusal(raw: object) -> str:
    """The one-line message (as the CLI prints it) that refuses `raw` as an event."""
    with pytest.raises(InputError) as refused:
        parse_event(raw)
    return str(refused.value)


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_event_type_parses_with_its_date(kind: str) -> None:
    extra = REQUIRED.get(kind, {})
    parsed = parse_event(event(kind, "2026-01-05", **extra))
    assert (parsed.type, parsed.date) == (kind, dt.date(2026, 1, 5))


@pytest.mark.parametrize("field", ["diagnosis", "complaints", "notes", "cause"])
def test_a_field_the_event_does_not_have_is_rejected_so_no_medical_data_gets_in(
    field: str,
) -> None:
    """The refusal names the field and says why no other data is taken."""
    assert refusal(event("reported_sick", "2026-01-05", **{field: "burn-out"})) == (
        f"unknown field '{field}': events carry no other data "
        "(the employer side may never record a diagnosis or complaints)"
    )


def test_an_unknown_event_type_is_rejected_naming_the_known_ones() -> None:
    """Every known type, in the order of the README's events tables, comma-separated."""
    assert refusal(event("fired", "2026-01-05")) == (
        "unknown event type 'fired' (known: reported_sick, partially_recovered, recovered, "
        "physician_notified, physician_consulted, problem_analysis_done, plan_of_action_agreed, "
        "evaluation_held, uwv_notified, first_year_evaluation_held, second_track_decided, "
        "final_evaluation_held, wia_applied, sick_facts_recorded, uwv_vangnet_reported, "
        "uwv_vangnet_recovery_reported, employment_ended, uwv_leaving_reported, "
        "leaving_riv_handed_over, uwv_recovery_reported, uwv_wia_letter_received, "
        "wage_sanction_imposed, sanction_objection_filed, sanction_shortening_requested, "
        "sanction_shortened, sanction_shortening_refused, wage_extension_granted, "
        "early_iva_applied, early_iva_decided, expert_opinion_requested, "
        "expert_opinion_received, problem_analysis_revised, plan_of_action_revised, "
        "current_assessment_given, riv_handed_over, waiting_days_applied, "
        "capacity_assessed, build_up_proposed, "
        "build_up_agreed, stage_reviewed, setback_reported, contact_agreed, contact_paused, "
        "contact_resumed, contact_held, earlier_review_suggested)"
    )


def test_an_event_without_a_type_is_rejected() -> None:
    with pytest.raises(InputError, match="missing field 'type'"):
        parse_event({"date": "2026-01-05"})


def test_an_event_without_a_date_is_rejected() -> None:
    with pytest.raises(InputError, match="missing field 'date'"):
        parse_event({"type": "recovered"})


def test_an_event_must_be_an_object() -> None:
    """A list (or any other JSON value) is refused as a whole, in one sentence."""
    assert refusal(["reported_sick", "2026-01-05"]) == "an event must be a JSON object"


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


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_the_earliest_and_latest_accepted_dates_are_the_bounds_themselves(day: str) -> None:
    """The sane range 1900-01-01 .. 2999-12-31 includes both ends."""
    assert parse_event(event("recovered", day)).date == dt.date.fromisoformat(day)


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
    """Each problem in its own plain sentence, in field order, separated by semicolons."""
    assert refusal(event("reported_sick", "2026-02-30", percentage=0, diagnosis="x")) == (
        "date: 2026-02-30 is not a real date; "
        "percentage must be a whole number from 1 to 100, got 0; "
        "unknown field 'diagnosis': events carry no other data "
        "(the employer side may never record a diagnosis or complaints)"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"stages": ["3x2"], "target_hours": 0},
            "target_hours: input should be greater than 0, got 0",
        ),
        (
            {"stages": ["3x2", "8x2"], "target_hours": 20},
            "stages.1: a stage is written like 3x2 (sessions x hours), got '8x2'",
        ),
        (
            {"stages": ["3x13"], "target_hours": 20},
            "stages.0.hours: input should be less than or equal to 12, got 13",
        ),
    ],
)
def test_a_field_out_of_its_range_is_named_by_its_path_with_the_rule_in_lower_case(
    fields: dict[str, object], message: str
) -> None:
    """A field inside a list is named by its dotted path (`stages.1`); pydantic's own wording
    starts in lower case after the field's name; the value is shown as it was written."""
    assert refusal(event("build_up_proposed", "2026-03-03", **fields)) == message


def test_events_are_immutable() -> None:
    parsed = parse_event(event("recovered", "2026-01-05"))
    with pytest.raises(pydantic.ValidationError):
        parsed.date = dt.date(2026, 1, 6)  # type: ignore[misc]
