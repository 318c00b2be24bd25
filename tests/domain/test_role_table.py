"""The README's "Roles" table, whole: every role against every event type. The table below is
written out from the README by hand, independently of `domain/roles.py`, so that a changed
permission in the code shows up as a pair that no longer matches the spec."""

from __future__ import annotations

import pytest

from domain.errors import NotAllowedError
from domain.events import EVENT_TYPES
from domain.recovery_events import AgreementParty
from domain.roles import Role, require_agrees_for, require_may_record

# README, "Roles", column "may record", one role at a time (the event types are the README's
# events tables; "evaluations" are the plan's periodic evaluations and the first-year evaluation).
SPEC: dict[str, frozenset[str]] = {
    # every employer event; the employer's build-up agreement, stage reviews, setbacks
    "hr": frozenset(
        {
            "reported_sick",
            "partially_recovered",
            "recovered",
            "physician_notified",
            "plan_of_action_agreed",
            "evaluation_held",
            "first_year_evaluation_held",
            "uwv_notified",
            "second_track_decided",
            "final_evaluation_held",
            "wia_applied",
            "build_up_agreed",
            "stage_reviewed",
            "setback_reported",
            # every employer event of the UWV tracks, and the employee's for them
            "sick_facts_recorded",
            "uwv_vangnet_reported",
            "uwv_vangnet_recovery_reported",
            "employment_ended",
            "uwv_leaving_reported",
            "leaving_riv_handed_over",
            "uwv_recovery_reported",
            "uwv_wia_letter_received",
            "wage_sanction_imposed",
            "sanction_objection_filed",
            "sanction_shortening_requested",
            "sanction_shortened",
            "sanction_shortening_refused",
            "wage_extension_granted",
            "early_iva_applied",
            "early_iva_decided",
            "expert_opinion_requested",
            "expert_opinion_received",
            "plan_of_action_revised",
            "riv_handed_over",
            "waiting_days_applied",
        }
    ),
    # sick reports, recoveries, plan, evaluations, first-year evaluation; the employer's
    # build-up agreement, stage reviews, setbacks, contact (agreed and held; pauses are the
    # employee's)
    "manager": frozenset(
        {
            "reported_sick",
            "partially_recovered",
            "recovered",
            "plan_of_action_agreed",
            "evaluation_held",
            "first_year_evaluation_held",
            "build_up_agreed",
            "stage_reviewed",
            "setback_reported",
            "contact_agreed",
            "contact_held",
            # the facts of a sick report; a revised plan, as the plan
            "sick_facts_recorded",
            "plan_of_action_revised",
        }
    ),
    "physician": frozenset(
        {
            "physician_consulted",
            "problem_analysis_done",
            "problem_analysis_revised",
            "current_assessment_given",
            "capacity_assessed",
            "build_up_agreed",
            "stage_reviewed",
            "setback_reported",
        }
    ),
    # wia_applied, the build-up proposal, setbacks, contact and pauses; their diary (whose
    # sustained drop records earlier_review_suggested, if they opted in)
    "employee": frozenset(
        {
            "wia_applied",
            "early_iva_applied",
            "expert_opinion_requested",
            "uwv_wia_letter_received",
            "build_up_proposed",
            "setback_reported",
            "contact_agreed",
            "contact_paused",
            "contact_resumed",
            "contact_held",
            "earlier_review_suggested",
        }
    ),
    "coach": frozenset(),
    "auditor": frozenset(),
    "admin": frozenset(),  # accounts, teams and assignments only
}
PAIRS = [(role, kind) for role in SPEC for kind in EVENT_TYPES]
# README, events table, `build_up_agreed`: "manager or HR for the employer; the physician".
AGREES_FOR_SPEC: dict[str, str] = {
    "manager": "employer",
    "hr": "employer",
    "physician": "physician",
}
AGREEMENTS = [(role, party) for role in SPEC for party in ("employer", "physician")]


def test_the_spec_table_names_every_role_and_only_known_event_types() -> None:
    """The table covers every role of the code, and names no event type the code lacks, so the
    pairs below are the whole role table."""
    assert set(SPEC) == {role.value for role in Role}
    assert set().union(*SPEC.values()) <= set(EVENT_TYPES)


def refusal(role: Role, kind: str) -> str | None:
    """The domain's refusal of `role` recording `kind`, or None if it lets it."""
    try:
        require_may_record(role, kind)
    except NotAllowedError as error:
        return str(error)
    return None


@pytest.mark.parametrize(("role", "kind"), PAIRS, ids=[f"{r}-{k}" for r, k in PAIRS])
def test_each_role_may_record_exactly_the_event_types_the_readme_gives_it(
    role: str, kind: str
) -> None:
    """A role records an event type if and only if the README's table says it may; a refusal
    (which the CLI prints as it is) names the role, the event type and, in alphabetical order,
    the roles that may record it."""
    outcome = refusal(Role(role), kind)
    if kind in SPEC[role]:
        assert outcome is None
    else:
        allowed = ", ".join(sorted(other for other, kinds in SPEC.items() if kind in kinds))
        assert outcome == f"the {role} role may not record {kind} (allowed: {allowed})"


@pytest.mark.parametrize(("role", "party"), AGREEMENTS, ids=[f"{r}-{p}" for r, p in AGREEMENTS])
def test_a_build_up_agreement_is_recorded_only_by_the_side_that_agrees(
    role: str, party: str
) -> None:
    """Manager and HR agree for the employer, the physician for the physician, and nobody on
    another side's behalf; a refusal names the role and the side."""
    if AGREES_FOR_SPEC.get(role) == party:
        require_agrees_for(Role(role), AgreementParty(party))  # raises if refused
    else:
        with pytest.raises(NotAllowedError) as refused:
            require_agrees_for(Role(role), AgreementParty(party))
        assert str(refused.value) == f"the {role} role may not agree for the {party}"
