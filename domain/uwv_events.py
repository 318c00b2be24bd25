"""The events of the UWV tracks (`UWV-TRACKS.md`): the facts of a sick report, vangnet cases,
an employee who leaves while sick, UWV's letters, wage sanctions, a voluntary extension, an
early IVA application, a second opinion, revisions, the current assessment, the reintegration
report and waiting days.

Frozen and strict like every event (see `event_base`): every listed field, nothing else, and
every listed field required except in `sick_facts_recorded`. None of them has room for the
ground of a vangnet case, a diagnosis or the content of a question to UWV: the employer side may
record whether, never what or why.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from domain.event_base import BaseEvent, RealDate

# A voluntary extension is at least 13 weeks (UWV-TRACKS.md section 7); ten years at once is a
# bound on nonsense, not a rule of the law, so that no date can run off the calendar.
ExtensionWeeks = Annotated[int, Field(ge=13, le=520)]
WaitingDays = Annotated[int, Field(ge=1, le=2)]


class ExpectedAbsence(StrEnum):
    """How long the employee expects to be away, as told at the sick report."""

    UP_TO_1_WEEK = "up_to_1_week"
    ONE_TO_6_WEEKS = "1_to_6_weeks"
    SIX_TO_13_WEEKS = "6_to_13_weeks"
    OVER_13_WEEKS = "over_13_weeks"
    UNKNOWN = "unknown"


class Requester(StrEnum):
    EMPLOYER = "employer"
    EMPLOYEE = "employee"


class ExpertQuestion(StrEnum):
    """What a second opinion (deskundigenoordeel) is asked about: the code, never the content."""

    FIT_FOR_OWN_WORK = "fit_for_own_work"
    SUITABLE_WORK = "suitable_work"
    EMPLOYEE_EFFORTS = "employee_efforts"
    EMPLOYER_EFFORTS = "employer_efforts"


class SickFactsRecorded(BaseEvent):
    """What the AP lets the employer record at a sick report; a later one replaces only the
    fields it gives. `vangnet` says *whether* a safety-net ground applies, never which."""

    type: Literal["sick_facts_recorded"] = "sick_facts_recorded"
    vangnet: bool | None = None
    work_accident: bool | None = None
    liable_third_party: bool | None = None
    expected_duration: Annotated[ExpectedAbsence, Field(strict=False)] | None = None


class UwvVangnetReported(BaseEvent):
    """The vangnet case was reported to UWV (Ziektewet art. 38a)."""

    type: Literal["uwv_vangnet_reported"] = "uwv_vangnet_reported"


class UwvVangnetRecoveryReported(BaseEvent):
    """A (partial) recovery in a reported vangnet case was reported to UWV."""

    type: Literal["uwv_vangnet_recovery_reported"] = "uwv_vangnet_recovery_reported"


class EmploymentEnded(BaseEvent):
    """Dated on the last day of employment; only while sick. UWV takes over the reintegration."""

    type: Literal["employment_ended"] = "employment_ended"


class UwvLeavingReported(BaseEvent):
    """The employee's leaving while sick was reported to UWV."""

    type: Literal["uwv_leaving_reported"] = "uwv_leaving_reported"


class LeavingRivHandedOver(BaseEvent):
    """The reintegration report for an employee leaving while sick was handed over."""

    type: Literal["leaving_riv_handed_over"] = "leaving_riv_handed_over"


class UwvRecoveryReported(BaseEvent):
    """A recovery after the week-42 report was reported to UWV (optional; for the record)."""

    type: Literal["uwv_recovery_reported"] = "uwv_recovery_reported"


class UwvWiaLetterReceived(BaseEvent):
    """UWV's letter about the WIA application arrived (normally around week 88)."""

    type: Literal["uwv_wia_letter_received"] = "uwv_wia_letter_received"


class WageSanctionImposed(BaseEvent):
    """UWV imposed a wage sanction; `until` is the last day of the extended wage obligation."""

    type: Literal["wage_sanction_imposed"] = "wage_sanction_imposed"
    until: RealDate


class SanctionObjectionFiled(BaseEvent):
    type: Literal["sanction_objection_filed"] = "sanction_objection_filed"


class SanctionShorteningRequested(BaseEvent):
    type: Literal["sanction_shortening_requested"] = "sanction_shortening_requested"


class SanctionShortened(BaseEvent):
    """UWV shortened the sanction: the obligation ends at the latest 42 days after this date."""

    type: Literal["sanction_shortened"] = "sanction_shortened"


class SanctionShorteningRefused(BaseEvent):
    type: Literal["sanction_shortening_refused"] = "sanction_shortening_refused"


class WageExtensionGranted(BaseEvent):
    """Employer and employee extended the wage payment by `weeks` (UWV granted it)."""

    type: Literal["wage_extension_granted"] = "wage_extension_granted"
    weeks: ExtensionWeeks


class EarlyIvaApplied(BaseEvent):
    """An early IVA application (vervroegde IVA-aanvraag) was made."""

    type: Literal["early_iva_applied"] = "early_iva_applied"


class EarlyIvaDecided(BaseEvent):
    type: Literal["early_iva_decided"] = "early_iva_decided"
    granted: bool


class ExpertOpinionRequested(BaseEvent):
    """A second opinion (deskundigenoordeel) was asked of UWV: by whom and the question's code."""

    type: Literal["expert_opinion_requested"] = "expert_opinion_requested"
    requested_by: Annotated[Requester, Field(strict=False)]
    question: Annotated[ExpertQuestion, Field(strict=False)]


class ExpertOpinionReceived(BaseEvent):
    type: Literal["expert_opinion_received"] = "expert_opinion_received"


class ProblemAnalysisRevised(BaseEvent):
    """The physician revised the problem analysis (bijgestelde probleemanalyse)."""

    type: Literal["problem_analysis_revised"] = "problem_analysis_revised"


class PlanOfActionRevised(BaseEvent):
    type: Literal["plan_of_action_revised"] = "plan_of_action_revised"


class CurrentAssessmentGiven(BaseEvent):
    """The physician's current assessment (actueel oordeel) for the reintegration report."""

    type: Literal["current_assessment_given"] = "current_assessment_given"


class RivHandedOver(BaseEvent):
    """The reintegration report (RIV) was handed to the employee for the WIA application."""

    type: Literal["riv_handed_over"] = "riv_handed_over"


class WaitingDaysApplied(BaseEvent):
    """Waiting days (wachtdagen) were applied to the first sick report: 1 or 2."""

    type: Literal["waiting_days_applied"] = "waiting_days_applied"
    days: WaitingDays


UwvEvent = (
    SickFactsRecorded
    | UwvVangnetReported
    | UwvVangnetRecoveryReported
    | EmploymentEnded
    | UwvLeavingReported
    | LeavingRivHandedOver
    | UwvRecoveryReported
    | UwvWiaLetterReceived
    | WageSanctionImposed
    | SanctionObjectionFiled
    | SanctionShorteningRequested
    | SanctionShortened
    | SanctionShorteningRefused
    | WageExtensionGranted
    | EarlyIvaApplied
    | EarlyIvaDecided
    | ExpertOpinionRequested
    | ExpertOpinionReceived
    | ProblemAnalysisRevised
    | PlanOfActionRevised
    | CurrentAssessmentGiven
    | RivHandedOver
    | WaitingDaysApplied
)
