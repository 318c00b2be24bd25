"""The steps the engine times: the law's (see `law_calendar`) and the recovery's (see
`recovery`), one row each in `STEPS` with everything the engine knows about the step, and an open
step with its due date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Self


class Step(StrEnum):
    NOTIFY_PHYSICIAN = "notify_physician"
    PHYSICIAN_CONSULT = "physician_consult"
    PROBLEM_ANALYSIS = "problem_analysis"
    PLAN_OF_ACTION = "plan_of_action"
    EVALUATION = "evaluation"
    UWV_SICKNESS_REPORT = "uwv_sickness_report"
    FIRST_YEAR_EVALUATION = "first_year_evaluation"
    SECOND_TRACK_DECISION = "second_track_decision"
    FINAL_EVALUATION = "final_evaluation"
    WIA_APPLICATION = "wia_application"
    WAGE_CONTINUATION_END = "wage_continuation_end"
    # The UWV tracks (UWV-TRACKS.md).
    UWV_VANGNET_REPORT = "uwv_vangnet_report"
    UWV_VANGNET_RECOVERY_REPORT = "uwv_vangnet_recovery_report"
    UWV_LEAVING_REPORT = "uwv_leaving_report"
    LEAVING_RIV = "leaving_riv"
    SANCTION_OBJECTION = "sanction_objection"
    SANCTION_SHORTENING_DECISION = "sanction_shortening_decision"
    EXPERT_OPINION = "expert_opinion"
    PLAN_OF_ACTION_REVISION = "plan_of_action_revision"
    CURRENT_ASSESSMENT = "current_assessment"
    RIV_TO_EMPLOYEE = "riv_to_employee"
    # Recovery after burn-out (domain/recovery.py): not the law's, but timed the same way.
    CAPACITY_REVIEW = "capacity_review"
    STAGE_REVIEW = "stage_review"
    CONTACT = "contact"


class Responsible(StrEnum):
    EMPLOYER = "employer"
    PHYSICIAN = "physician"
    EMPLOYEE = "employee"
    EMPLOYER_AND_EMPLOYEE = "employer+employee"
    EMPLOYER_EMPLOYEE_AND_PHYSICIAN = "employer+employee+physician"
    MANAGER = "manager"
    UWV = "uwv"  # UWV's own term: the employer only waits for it
    NOBODY = "informational"


class Said(str):
    """One text in both languages the engine writes: as a string, the English (the CLI's and
    the API's); its Dutch in `nl`."""

    nl: str

    def __new__(cls, en: str, nl: str) -> Self:
        said = super().__new__(cls, en)
        said.nl = nl
        return said

    @property
    def en(self) -> str:
        return str.__str__(self)

    def text(self, language: str) -> str:
        """The text in `language` ("nl" or "en")."""
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class StepInfo:
    """Everything the engine knows about one step."""

    responsible: Responsible
    title: str
    law_step: bool  # the law's (reminded, then escalated to HR); else the recovery's (reminded)
    lead_days: int  # days before the due date that the "ahead" reminder goes out; 0: none
    meeting: bool  # its "ahead" reminder carries a calendar entry on the due date
    # The legal basis of the step and the consequence of missing it (UWV-TRACKS.md section
    # 13): what messages and screens say, exactly, and nothing stronger.
    basis: Said
    consequence: Said
    # A term to know of rather than a task that can be missed (the term to object to a
    # sanction): reminded, never escalated. Steps of nobody or of UWV are informational too.
    informational: bool = False

    @property
    def escalated(self) -> bool:
        """Whether HR hears of it again once it is overdue: only the law's own tasks."""
        return (
            self.law_step
            and not self.informational
            and self.responsible not in (Responsible.NOBODY, Responsible.UWV)
        )


# Section 13 of UWV-TRACKS.md, one row per group of steps.
_PROTOCOL = Said(
    "the employer's absence protocol and physician contract",
    "het verzuimprotocol van de werkgever en het contract met de bedrijfsarts",
)
_NONE_BY_LAW = Said("none by law", "geen gevolg in de wet")
_PROCESGANG = Said(
    "Regeling procesgang eerste en tweede ziektejaar",
    "Regeling procesgang eerste en tweede ziektejaar",
)
_EFFORT = Said(
    "no fine; UWV may impose a wage sanction of up to 52 weeks if the reintegration effort as a "
    "whole falls short",
    "geen boete; UWV kan een loonsanctie van ten hoogste 52 weken opleggen als de "
    "re-integratie-inspanningen als geheel tekortschieten",
)
_ZIEKTEWET = Said("Ziektewet art. 38 / 38a", "Ziektewet art. 38 / 38a")
_UWV_FINE = Said(
    "a UWV fine of up to €455; no wage sanction; without the week-42 report UWV sends no "
    "first-year or WIA letters",
    "een boete van UWV van ten hoogste € 455; geen loonsanctie; zonder de 42e-weeksmelding "
    "stuurt UWV geen eerstejaars- of WIA-brieven",
)
_RIV_PART = Said(
    "Wet WIA art. 65 (parts of the RIV)",
    "Wet WIA art. 65 (onderdelen van het re-integratieverslag)",
)
_INCOMPLETE_RIV = Said(
    "an incomplete RIV: UWV sets a term, then may impose a wage sanction of up to 52 weeks",
    "een onvolledig re-integratieverslag: UWV geeft een termijn en kan daarna een loonsanctie "
    "van ten hoogste 52 weken opleggen",
)
_RECOVERY = Said(
    "the recovery arrangements agreed in the case (not a legal term)",
    "de afspraken over het herstel in deze zaak (geen wettelijke termijn)",
)

# The lead times are chosen so that each party has time to act: a week for most steps, the
# whole week-46..52 window for the first-year evaluation, two weeks for the UWV report, the
# second track, the final evaluation and the WIA application. For the UWV tracks: two days
# for the vangnet report (due on the fourth sick day) and one for a vangnet recovery report
# (due two days after the recovery); none for the leaving report and the leaving RIV, which
# are due on the last day of employment and so are due as soon as it is recorded (reminded
# that day, then escalated); two weeks for the term to object to a sanction; a week's notice
# to HR of UWV's own terms (shortening decision, second opinion); a week for a revised plan,
# as for the plan itself; four weeks for the current assessment and the RIV to the employee,
# which gather parts from several people before week 91.
STEPS: dict[Step, StepInfo] = {
    Step.NOTIFY_PHYSICIAN: StepInfo(
        Responsible.EMPLOYER,
        "Report the absence to the occupational physician",
        law_step=True,
        lead_days=3,
        meeting=False,
        basis=_PROTOCOL,
        consequence=Said(
            "none by law; the analysis by week 6 depends on it",
            "geen gevolg in de wet; de probleemanalyse in week 6 hangt ervan af",
        ),
    ),
    Step.PHYSICIAN_CONSULT: StepInfo(
        Responsible.PHYSICIAN,
        "First consult with the physician",
        law_step=True,
        lead_days=7,
        meeting=True,
        basis=Said("advice", "advies"),
        consequence=_NONE_BY_LAW,
    ),
    Step.PROBLEM_ANALYSIS: StepInfo(
        Responsible.PHYSICIAN,
        "Problem analysis",
        law_step=True,
        lead_days=7,
        meeting=False,
        basis=_PROCESGANG,
        consequence=_EFFORT,
    ),
    Step.PLAN_OF_ACTION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Agree the plan of action and name a case manager",
        law_step=True,
        lead_days=7,
        meeting=True,
        basis=_PROCESGANG,
        consequence=_EFFORT,
    ),
    Step.EVALUATION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Evaluate the plan of action",
        law_step=True,
        lead_days=7,
        meeting=True,
        basis=_PROCESGANG,
        consequence=_EFFORT,
    ),
    Step.UWV_SICKNESS_REPORT: StepInfo(
        Responsible.EMPLOYER,
        "Week-42 sickness report to UWV",
        law_step=True,
        lead_days=14,
        meeting=False,
        basis=_ZIEKTEWET,
        consequence=_UWV_FINE,
    ),
    Step.FIRST_YEAR_EVALUATION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "First-year evaluation (weeks 46-52)",
        law_step=True,
        lead_days=48,
        meeting=True,
        basis=_RIV_PART,
        consequence=_INCOMPLETE_RIV,
    ),
    Step.SECOND_TRACK_DECISION: StepInfo(
        Responsible.EMPLOYER,
        "Decide on reintegration with another employer (second track)",
        law_step=True,
        lead_days=14,
        meeting=False,
        basis=Said(
            "UWV practice (within 6 weeks after the first-year evaluation)",
            "werkwijze van UWV (binnen 6 weken na de eerstejaarsevaluatie)",
        ),
        consequence=Said(
            "a late second track counts against the reintegration effort",
            "een laat tweede spoor telt mee tegen de re-integratie-inspanningen",
        ),
    ),
    Step.FINAL_EVALUATION: StepInfo(
        Responsible.EMPLOYER_EMPLOYEE_AND_PHYSICIAN,
        "Final evaluation with the physician's current assessment",
        law_step=True,
        lead_days=14,
        meeting=True,
        basis=_RIV_PART,
        consequence=_INCOMPLETE_RIV,
    ),
    Step.WIA_APPLICATION: StepInfo(
        Responsible.EMPLOYEE,
        "Apply for WIA (advised by week 91; employer supplies the reintegration report)",
        law_step=True,
        lead_days=14,
        meeting=False,
        basis=Said("Wet WIA art. 64", "Wet WIA art. 64"),
        consequence=Said(
            "wage continuation runs longer by the days it is late (BW 7:629 lid 11 sub a)",
            "de loondoorbetaling loopt langer door met de dagen dat de aanvraag te laat is "
            "(BW 7:629 lid 11 sub a)",
        ),
    ),
    Step.WAGE_CONTINUATION_END: StepInfo(
        Responsible.NOBODY,
        "End of wage continuation (its last day is the day before)",
        law_step=True,
        lead_days=28,
        meeting=False,
        basis=Said("BW 7:629", "BW 7:629"),
        consequence=Said(
            "informational: the last day of the obligation is the day before",
            "ter informatie: de laatste dag van de verplichting is de dag ervoor",
        ),
        informational=True,
    ),
    Step.UWV_VANGNET_REPORT: StepInfo(
        Responsible.EMPLOYER,
        "Report the vangnet case to UWV (Ziektewet)",
        law_step=True,
        lead_days=2,
        meeting=False,
        basis=_ZIEKTEWET,
        consequence=_UWV_FINE,
    ),
    Step.UWV_VANGNET_RECOVERY_REPORT: StepInfo(
        Responsible.EMPLOYER,
        "Report the (partial) recovery in the vangnet case to UWV",
        law_step=True,
        lead_days=1,
        meeting=False,
        basis=_ZIEKTEWET,
        consequence=_UWV_FINE,
    ),
    Step.UWV_LEAVING_REPORT: StepInfo(
        Responsible.EMPLOYER,
        "Report to UWV that the employee leaves while sick",
        law_step=True,
        lead_days=0,
        meeting=False,
        basis=_ZIEKTEWET,
        consequence=_UWV_FINE,
    ),
    Step.LEAVING_RIV: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Reintegration report for the employee leaving while sick",
        law_step=True,
        lead_days=0,
        meeting=False,
        basis=_RIV_PART,
        consequence=_INCOMPLETE_RIV,
    ),
    Step.SANCTION_OBJECTION: StepInfo(
        Responsible.EMPLOYER,
        "Term to object to the wage sanction",
        law_step=True,
        lead_days=14,
        meeting=False,
        basis=Said(
            "Algemene wet bestuursrecht art. 6:7 (six weeks to object)",
            "Algemene wet bestuursrecht art. 6:7 (bezwaartermijn van zes weken)",
        ),
        consequence=Said(
            "informational: after the term an objection is no longer admissible",
            "ter informatie: na de termijn is bezwaar niet meer mogelijk",
        ),
        informational=True,
    ),
    Step.SANCTION_SHORTENING_DECISION: StepInfo(
        Responsible.UWV,
        "UWV decides on shortening the wage sanction",
        law_step=True,
        lead_days=7,
        meeting=False,
        basis=Said(
            "BW 7:629 lid 11 (UWV shortens a sanction once the shortfall is repaired)",
            "BW 7:629 lid 11 (UWV bekort een loonsanctie als het verzuim is hersteld)",
        ),
        consequence=Said(
            "informational: UWV's decision; nothing for the employer to miss",
            "ter informatie: een besluit van UWV; de werkgever kan niets missen",
        ),
        informational=True,
    ),
    Step.EXPERT_OPINION: StepInfo(
        Responsible.UWV,
        "UWV gives the second opinion (deskundigenoordeel)",
        law_step=True,
        lead_days=7,
        meeting=False,
        basis=Said(
            "Wet SUWI art. 32 (deskundigenoordeel)", "Wet SUWI art. 32 (deskundigenoordeel)"
        ),
        consequence=Said(
            "informational: UWV's opinion; it binds neither party",
            "ter informatie: het oordeel van UWV; het bindt geen van beide partijen",
        ),
        informational=True,
    ),
    Step.PLAN_OF_ACTION_REVISION: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Revise the plan of action after the revised problem analysis",
        law_step=True,
        lead_days=7,
        meeting=True,
        basis=_PROCESGANG,
        consequence=_EFFORT,
    ),
    Step.CURRENT_ASSESSMENT: StepInfo(
        Responsible.PHYSICIAN,
        "The physician's current assessment for the reintegration report",
        law_step=True,
        lead_days=28,
        meeting=False,
        basis=_RIV_PART,
        consequence=_INCOMPLETE_RIV,
    ),
    Step.RIV_TO_EMPLOYEE: StepInfo(
        Responsible.EMPLOYER,
        "Hand the reintegration report (RIV) to the employee",
        law_step=True,
        lead_days=28,
        meeting=False,
        basis=_RIV_PART,
        consequence=_INCOMPLETE_RIV,
    ),
    Step.CAPACITY_REVIEW: StepInfo(
        Responsible.PHYSICIAN,
        "Review functional capacity",
        law_step=False,
        lead_days=7,
        meeting=True,
        basis=_RECOVERY,
        consequence=_NONE_BY_LAW,
    ),
    Step.STAGE_REVIEW: StepInfo(
        Responsible.EMPLOYER_AND_EMPLOYEE,
        "Review the current build-up stage",
        law_step=False,
        lead_days=3,
        meeting=True,
        basis=_RECOVERY,
        consequence=_NONE_BY_LAW,
    ),
    Step.CONTACT: StepInfo(
        Responsible.MANAGER,
        "Keep in touch as agreed",
        law_step=False,
        lead_days=0,  # on the day contact is due, no earlier
        meeting=False,
        basis=_RECOVERY,
        consequence=_NONE_BY_LAW,
    ),
}
LAW_STEPS = frozenset(step for step, info in STEPS.items() if info.law_step)
MEETINGS = frozenset(step for step, info in STEPS.items() if info.meeting)


class OpenStep(NamedTuple):
    """A step the law still expects, ordered by due date, then by step.

    A named tuple rather than a frozen dataclass: as immutable, half the time to make (a case
    makes a dozen of them, a batch of cases hundreds of thousands), and ordered by the tuple's
    own comparison, in C. Its order ends with `every`, which only the one contact step has, so
    two open steps never get that far."""

    due: dt.date
    step: Step
    # A step that comes back every `every` until it is recorded (a contact agreement): `due`
    # is its next occurrence.
    every: dt.timedelta | None = None

    @property
    def responsible(self) -> Responsible:
        return STEPS[self.step].responsible

    @property
    def title(self) -> str:
        return STEPS[self.step].title

    @property
    def actionable(self) -> bool:
        """Whether someone in the case has to do it: not an end date, nor UWV's own term."""
        return self.responsible not in (Responsible.NOBODY, Responsible.UWV)

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of
