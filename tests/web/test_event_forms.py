"""The console's event forms are made from the events' models: each has exactly its event's
fields, and what a form shows of an event reads back as that same event."""

from __future__ import annotations

import pytest

from domain.events import EVENT_TYPES, parse_event
from domain.roles import MAY_RECORD, Role
from service.case_file import Actor
from service.recording import recordable_types
from web.console.event_forms import (
    CLOSED_BY,
    MODELS,
    closing,
    entry_of_form,
    fields_of,
    form_values,
)

HR, MANAGER, PHYSICIAN, AUDITOR, EMPLOYEE = (
    Actor(role.value, role)
    for role in (Role.HR, Role.MANAGER, Role.PHYSICIAN, Role.AUDITOR, Role.EMPLOYEE)
)
SAMPLES: dict[str, dict[str, object]] = {  # one of each type, every field given
    "reported_sick": {"percentage": 60},
    "partially_recovered": {"percentage": 40},
    "recovered": {},
    "physician_notified": {},
    "physician_consulted": {},
    "problem_analysis_done": {},
    "plan_of_action_agreed": {"case_manager": "Els de Vries"},
    "evaluation_held": {},
    "uwv_notified": {},
    "first_year_evaluation_held": {},
    "second_track_decided": {},
    "final_evaluation_held": {},
    "wia_applied": {},
    "capacity_assessed": {
        "hours_per_day": 2.5,
        "days_per_week": 3,
        "restrictions": ["quiet_workplace", "no_overtime"],  # in the list's order
        "expected_duration": "1_to_3_months",
        "next_review": "2026-04-01",
    },
    "build_up_proposed": {"stages": ["3x2", "3x2.5", "4x3"], "target_hours": 24.5},
    "build_up_agreed": {"party": "employer"},
    "stage_reviewed": {"outcome": "hold", "to_stage": 2, "next_review": "2026-04-15"},
    "setback_reported": {"to_stage": 1},
    "contact_agreed": {"every_days": 7, "form": "call"},
    "contact_paused": {"until": "2026-03-20"},
    "contact_resumed": {},
    "contact_held": {"form": "video"},
    "earlier_review_suggested": {},
    "sick_facts_recorded": {
        "vangnet": True,
        "work_accident": False,
        "liable_third_party": True,
        "expected_duration": "6_to_13_weeks",
    },
    "uwv_vangnet_reported": {},
    "uwv_vangnet_recovery_reported": {},
    "employment_ended": {},
    "uwv_leaving_reported": {},
    "leaving_riv_handed_over": {},
    "uwv_recovery_reported": {},
    "uwv_wia_letter_received": {},
    "wage_sanction_imposed": {"until": "2027-06-30"},
    "sanction_objection_filed": {},
    "sanction_shortening_requested": {},
    "sanction_shortened": {},
    "sanction_shortening_refused": {},
    "wage_extension_granted": {"weeks": 13},
    "early_iva_applied": {},
    "early_iva_decided": {"granted": False},
    "expert_opinion_requested": {"requested_by": "employee", "question": "suitable_work"},
    "expert_opinion_received": {},
    "problem_analysis_revised": {},
    "plan_of_action_revised": {},
    "current_assessment_given": {},
    "riv_handed_over": {},
    "waiting_days_applied": {"days": 2},
}


def test_every_event_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(EVENT_TYPES) == set(MODELS)


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_a_form_has_exactly_the_fields_of_its_event(event_type: str) -> None:
    """Nothing more can be typed in than the event holds (so nothing medical), nothing less."""
    named = {field.name for field in fields_of(event_type)}
    assert named == set(MODELS[event_type].model_fields) - {"type"}


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_what_a_form_shows_of_an_event_reads_back_as_that_event(event_type: str) -> None:
    event = parse_event({"type": event_type, "date": "2026-03-02", **SAMPLES[event_type]})
    role = next(iter(MAY_RECORD[event_type] - {Role.PHYSICIAN} or MAY_RECORD[event_type]))
    posted = form_values(event)
    assert posted["date"] == "02-03-2026"  # as people here type a day
    assert parse_event(entry_of_form(event_type, posted, Actor("someone", role))) == event


def test_numbers_take_a_decimal_comma_and_stages_may_have_one() -> None:
    posted = {"date": "2-3-2026", "stages": "3x2, 3x2,5; 4 x 3", "target_hours": "24,5"}
    entry = entry_of_form("build_up_proposed", posted, EMPLOYEE)
    assert entry["stages"] == ["3x2", "3x2.5", "4 x 3"]
    assert entry["target_hours"] == 24.5
    assert entry["date"] == "2026-03-02"


def test_an_empty_optional_field_is_left_out_and_unreadable_input_goes_to_the_domain() -> None:
    """The domain refuses in its own words; the form layer never guesses."""
    entry = entry_of_form(
        "stage_reviewed",
        {"date": "31-02-2026", "outcome": "advance", "to_stage": "twee"},
        MANAGER,
    )
    assert entry == {
        "type": "stage_reviewed",
        "date": "2026-02-31",
        "outcome": "advance",
        "to_stage": "twee",
    }


def test_the_side_that_agrees_is_the_signed_in_roles_own() -> None:
    """A manager cannot agree on the physician's behalf by editing the form."""
    posted = {"date": "2-3-2026", "party": "physician"}
    assert entry_of_form("build_up_agreed", posted, MANAGER)["party"] == "employer"
    assert entry_of_form("build_up_agreed", posted, PHYSICIAN)["party"] == "physician"


def test_each_role_gets_the_forms_it_may_record_and_an_auditor_none() -> None:
    assert recordable_types(AUDITOR) == []
    assert "problem_analysis_done" in recordable_types(PHYSICIAN)
    assert "problem_analysis_done" not in recordable_types(HR)
    assert set(CLOSED_BY.values()) <= set(EVENT_TYPES)
    assert closing(HR)["notify_physician"] == "physician_notified"
    assert "problem_analysis" not in closing(HR)
