"""Who may do what. The employer side (manager, HR) never records medical facts; the physician
records the medical steps; an auditor only reads."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import NotAllowedError
from domain.recovery_events import AgreementParty
from domain.uwv_events import Requester


class Role(StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    HR = "hr"
    PHYSICIAN = "physician"
    AUDITOR = "auditor"
    COACH = "coach"  # reads an employee's diary when they share it; nothing else
    ADMIN = "admin"  # manages accounts, teams and assignments; reads no case


_EMPLOYER = frozenset({Role.MANAGER, Role.HR})
# Every event type has a row (a test checks this against `EVENT_TYPES`). Corrections and
# retractions have none: they are allowed to whoever may record the entries they touch.
MAY_RECORD: dict[str, frozenset[Role]] = {
    "reported_sick": _EMPLOYER,
    "partially_recovered": _EMPLOYER,
    "recovered": _EMPLOYER,
    "physician_notified": frozenset({Role.HR}),
    "physician_consulted": frozenset({Role.PHYSICIAN}),
    "problem_analysis_done": frozenset({Role.PHYSICIAN}),
    "plan_of_action_agreed": _EMPLOYER,
    "evaluation_held": _EMPLOYER,
    "uwv_notified": frozenset({Role.HR}),
    "first_year_evaluation_held": _EMPLOYER,
    "second_track_decided": frozenset({Role.HR}),
    "final_evaluation_held": frozenset({Role.HR}),
    "wia_applied": frozenset({Role.EMPLOYEE, Role.HR}),
    # The UWV tracks (UWV-TRACKS.md, "Who records what"): the employer's events are HR's, and
    # a manager's where the spec lets them record the like (the facts of a sick report, as
    # section 1 says; a revised plan, as the plan itself); the physician's are the physician's;
    # the employee records their own application and second-opinion request, or HR for them.
    "sick_facts_recorded": _EMPLOYER,
    "uwv_vangnet_reported": frozenset({Role.HR}),
    "uwv_vangnet_recovery_reported": frozenset({Role.HR}),
    "employment_ended": frozenset({Role.HR}),
    "uwv_leaving_reported": frozenset({Role.HR}),
    "leaving_riv_handed_over": frozenset({Role.HR}),
    "uwv_recovery_reported": frozenset({Role.HR}),
    "uwv_wia_letter_received": frozenset({Role.EMPLOYEE, Role.HR}),
    "wage_sanction_imposed": frozenset({Role.HR}),
    "sanction_objection_filed": frozenset({Role.HR}),
    "sanction_shortening_requested": frozenset({Role.HR}),
    "sanction_shortened": frozenset({Role.HR}),
    "sanction_shortening_refused": frozenset({Role.HR}),
    "wage_extension_granted": frozenset({Role.HR}),
    "early_iva_applied": frozenset({Role.EMPLOYEE, Role.HR}),
    "early_iva_decided": frozenset({Role.HR}),
    "expert_opinion_requested": frozenset({Role.EMPLOYEE, Role.HR}),
    "expert_opinion_received": frozenset({Role.HR}),
    "problem_analysis_revised": frozenset({Role.PHYSICIAN}),
    "plan_of_action_revised": _EMPLOYER,
    "current_assessment_given": frozenset({Role.PHYSICIAN}),
    "riv_handed_over": frozenset({Role.HR}),
    "waiting_days_applied": frozenset({Role.HR}),
    # Recovery after burn-out
    "capacity_assessed": frozenset({Role.PHYSICIAN}),
    "build_up_proposed": frozenset({Role.EMPLOYEE}),
    "build_up_agreed": frozenset({Role.MANAGER, Role.HR, Role.PHYSICIAN}),
    "stage_reviewed": frozenset({Role.MANAGER, Role.HR, Role.PHYSICIAN}),
    "setback_reported": frozenset({Role.EMPLOYEE, Role.MANAGER, Role.HR, Role.PHYSICIAN}),
    "contact_agreed": frozenset({Role.EMPLOYEE, Role.MANAGER}),
    "contact_paused": frozenset({Role.EMPLOYEE}),
    "contact_resumed": frozenset({Role.EMPLOYEE}),
    "contact_held": frozenset({Role.EMPLOYEE, Role.MANAGER}),
    "earlier_review_suggested": frozenset({Role.EMPLOYEE}),  # from their diary, if they opted in
}
# Who agrees to a build-up for which side.
AGREES_FOR = {
    Role.MANAGER: AgreementParty.EMPLOYER,
    Role.HR: AgreementParty.EMPLOYER,
    Role.PHYSICIAN: AgreementParty.PHYSICIAN,
}
MAY_READ_TRAIL = frozenset({Role.EMPLOYEE, Role.HR, Role.PHYSICIAN, Role.AUDITOR})
MAY_LIST_CASES = frozenset({Role.MANAGER, Role.HR, Role.PHYSICIAN, Role.AUDITOR})
MAY_VERIFY = frozenset({Role.HR, Role.AUDITOR})


def require(role: Role, allowed: frozenset[Role], action: str) -> None:
    """Raise `NotAllowedError` unless `role` is among `allowed`."""
    if role not in allowed:
        who = ", ".join(sorted(allowed))
        raise NotAllowedError(f"the {role} role may not {action} (allowed: {who})")


def require_may_record(role: Role, event_type: str) -> None:
    """Raise `NotAllowedError` unless `role` may record events of `event_type`; nobody may record
    a type without a row in `MAY_RECORD`."""
    allowed = MAY_RECORD.get(event_type)
    if allowed is None:
        raise NotAllowedError(f"no role may record {event_type}: it is not a known event type")
    require(role, allowed, f"record {event_type}")


def same_side(role: Role, recorded_by: str) -> bool:
    return role.value == recorded_by or (role in _EMPLOYER and recorded_by in _EMPLOYER)


def require_same_side(role: Role, recorded_by: str, entry: str) -> None:
    """Only the side that recorded an entry corrects or retracts it: the employee theirs, the
    physician theirs, the employer (HR and managers alike) its own; never another party's word."""
    if not same_side(role, recorded_by):
        raise NotAllowedError(
            f"{entry} was recorded by the {recorded_by} side: only that side corrects or "
            "retracts it"
        )


def require_agrees_for(role: Role, party: AgreementParty) -> None:
    """A build-up agreement is recorded by the side that agrees, not on its behalf."""
    if AGREES_FOR.get(role) != party:
        raise NotAllowedError(f"the {role} role may not agree for the {party}")


def require_requests_as(role: Role, requested_by: Requester) -> None:
    """A second opinion is asked by the employer (HR) or the employee; HR may record the
    employee's request for them, an employee never the employer's."""
    if role is Role.EMPLOYEE and requested_by is not Requester.EMPLOYEE:
        raise NotAllowedError(f"the {role} role may not record a request by the {requested_by}")


# The diary belongs to the employee: they and the readers they chose (a physician or a coach)
# see its scores; the employer side never does.
MAY_BE_SHOWN_THE_DIARY = frozenset({Role.PHYSICIAN, Role.COACH})


# The local outbox holds every party's messages; these roles read all of it, the others only
# the messages addressed to their own party (an employee: of their own case).
MAY_READ_EVERY_MESSAGE = frozenset({Role.HR, Role.AUDITOR})
MAY_READ_RECOVERY = frozenset({Role.EMPLOYEE, Role.MANAGER, Role.HR, Role.PHYSICIAN, Role.AUDITOR})
# A case's state, its open steps and its timeline (no event's details): whoever lists cases,
# and the employee their own.
MAY_READ_CASE = frozenset({Role.EMPLOYEE, *MAY_LIST_CASES})
