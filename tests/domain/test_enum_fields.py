"""Fields with a fixed set of values are enums, named in JSON by their values: a parsed event
dumps to exactly the JSON it came from, so stored (and hashed) payloads never change."""

from __future__ import annotations

import json

import pytest

from domain.events import parse_event
from domain.recovery_events import (
    AgreementParty,
    ContactForm,
    ExpectedDuration,
    Restriction,
    ReviewOutcome,
)
from domain.uwv_events import ExpectedAbsence, ExpertQuestion, Requester
from tests.helpers import event

DAY = "2026-01-05"
RAW = [
    *(event("stage_reviewed", DAY, outcome=outcome.value) for outcome in ReviewOutcome),
    *(event("contact_held", DAY, form=form.value) for form in ContactForm),
    *(event("contact_agreed", DAY, every_days=7, form=form.value) for form in ContactForm),
    *(event("build_up_agreed", DAY, party=party.value) for party in AgreementParty),
    *(
        event(
            "capacity_assessed",
            DAY,
            hours_per_day=2.5,
            days_per_week=3,
            restrictions=[restriction.value],
            expected_duration=duration.value,
        )
        for restriction, duration in zip(Restriction, [*ExpectedDuration] * 2, strict=True)
    ),
    *(event("sick_facts_recorded", DAY, expected_duration=d.value) for d in ExpectedAbsence),
    *(
        event("expert_opinion_requested", DAY, requested_by=by.value, question=question.value)
        for by in Requester
        for question in ExpertQuestion
    ),
]


@pytest.mark.parametrize("raw", RAW, ids=json.dumps)
def test_an_event_with_enum_fields_dumps_to_the_json_it_came_from(raw: dict[str, object]) -> None:
    dumped = parse_event(raw).model_dump(mode="json", exclude_unset=True)
    assert json.dumps(dumped, sort_keys=True) == json.dumps(raw, sort_keys=True)
