"""The UWV tracks (UWV-TRACKS.md): its worked examples, one named test each, and the rules
behind them, each checked on a case of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.steps import STEPS, Step
from tests.helpers import due_of, event, law_steps

SCENARIOS = Path(__file__).parents[1] / "scenarios"
D = "2026-01-05"  # a Monday; D⊕623 = 2027-09-20, wk(91) = 2027-10-03, the end 2028-01-03
SICK = event("reported_sick", D)
NOTIFIED = event("physician_notified", "2026-01-06")


def example(name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The steps the domain gives for a worked example, and the steps it must give."""
    case = json.loads((SCENARIOS / f"{name}.case.json").read_text())
    expected = json.loads((SCENARIOS / f"{name}.expected.json").read_text())
    return law_steps(case["as_of"], *case["events"]), [(r["step"], r["due"]) for r in expected]


def steps_of(as_of: str, *events: dict[str, object]) -> list[str]:
    return [step for step, _ in law_steps(as_of, SICK, NOTIFIED, *events)]


# The worked examples, by name.


def test_vangnet_report_due_on_day_4_and_the_week_42_report_stays_until_it_is_made() -> None:
    """A vangnet fact opens the report to UWV due D+3; the week-42 report is still open."""
    got, expected = example("07-uwv-vangnet")
    assert got == expected


def test_vangnet_reported_then_recovered_only_the_recovery_report_is_due() -> None:
    """After the vangnet report, a recovery calls for a report 2 days later, while recovered."""
    got, expected = example("08-uwv-vangnet-reported-then-recovered")
    assert got == expected


def test_leaving_after_50_days_the_leaving_report_and_a_short_riv_and_nothing_else() -> None:
    """Employment ending on sick day 50 leaves the leaving report, the RIV and the end only."""
    got, expected = example("09-uwv-leaving-after-50-days")
    assert got == expected


def test_wia_letter_late_the_application_is_due_28_days_after_it() -> None:
    """A letter after D⊕623 gives the employee four weeks from its date to apply."""
    got, expected = example("10-uwv-wia-letter-late")
    assert got == expected


def test_extension_13_weeks_moves_the_four_steps_and_the_end_by_91_days() -> None:
    """13 weeks of extension move current assessment, final evaluation, RIV, WIA and end."""
    got, expected = example("11-uwv-extension-13-weeks")
    assert got == expected


def test_sanction_then_shortened_ends_42_days_after_the_shortening() -> None:
    """A sanction to its latest day, then shortened: the end is 42 days after the shortening."""
    got, expected = example("12-uwv-sanction-then-shortened")
    assert got == expected


def test_early_iva_granted_ends_the_later_steps_but_not_the_104_weeks() -> None:
    """A granted early IVA ends the evaluation, RIV and WIA steps; the end stays."""
    got, expected = example("13-uwv-early-iva-granted")
    assert got == expected


def test_revised_analysis_opens_a_plan_revision_14_sick_days_later() -> None:
    """A revised analysis opens a plan revision; the evaluation still counts from the plan."""
    got, expected = example("14-uwv-revised-analysis")
    assert got == expected


# Every sick case.


def test_every_sick_case_has_the_current_assessment_and_the_riv_by_week_91() -> None:
    """Both are due wk(91) = D⊕636 in a fresh case."""
    steps = law_steps("2026-01-05", SICK)
    assert due_of("current_assessment", steps) == ["2027-10-03"]
    assert due_of("riv_to_employee", steps) == ["2027-10-03"]


@pytest.mark.parametrize(
    ("given", "still_open"), [("2027-08-07", True), ("2027-08-08", False), ("2027-10-10", False)]
)
def test_a_current_assessment_counts_only_from_day_580(given: str, still_open: bool) -> None:
    """D⊕580 = 2027-08-08: an assessment dated before it is no longer current."""
    steps = law_steps(given, SICK, event("current_assessment_given", given))
    assert bool(due_of("current_assessment", steps)) is still_open


def test_the_riv_handed_over_closes_riv_to_employee() -> None:
    assert "riv_to_employee" not in steps_of("2026-06-01", event("riv_handed_over", "2026-06-01"))


# Vangnet.


def test_a_vangnet_fact_withdrawn_removes_the_vangnet_report() -> None:
    """`vangnet: false` after `true` (settled reading 4)."""
    facts = [
        event("sick_facts_recorded", D, vangnet=True),
        event("sick_facts_recorded", "2026-01-06", work_accident=True),
    ]
    assert "uwv_vangnet_report" in steps_of("2026-01-07", *facts)
    withdrawn = event("sick_facts_recorded", "2026-01-07", vangnet=False)
    assert "uwv_vangnet_report" not in steps_of("2026-01-07", *facts, withdrawn)


def test_reporting_the_vangnet_case_implies_the_fact_and_ends_the_week_42_report() -> None:
    steps = steps_of("2026-01-07", event("uwv_vangnet_reported", "2026-01-07"))
    assert "uwv_vangnet_report" not in steps
    assert "uwv_sickness_report" not in steps


def test_a_recovery_on_the_day_of_the_vangnet_report_needs_no_recovery_report() -> None:
    """Only a (partial) recovery dated strictly after the report calls for one (reading 3)."""
    steps = law_steps(
        "2026-02-10",
        SICK,
        event("uwv_vangnet_reported", "2026-01-07"),
        event("partially_recovered", "2026-01-07", percentage=50),
        event("partially_recovered", "2026-02-02", percentage=20),
    )
    assert due_of("uwv_vangnet_recovery_report", steps) == ["2026-02-04"]


def test_a_vangnet_recovery_report_on_or_after_the_recovery_closes_it_while_recovered() -> None:
    history = [SICK, event("uwv_vangnet_reported", "2026-01-07"), event("recovered", "2026-02-02")]
    assert law_steps("2026-02-03", *history) == [("uwv_vangnet_recovery_report", "2026-02-04")]
    done = event("uwv_vangnet_recovery_reported", "2026-02-03")
    assert law_steps("2026-02-03", *history, done) == []


def test_a_vangnet_recovery_report_stays_due_until_the_case_closes() -> None:
    """Recovered on 2026-02-02, the case closes on 2026-03-02: then nothing is due."""
    history = [SICK, event("uwv_vangnet_reported", "2026-01-07"), event("recovered", "2026-02-02")]
    assert due_of("uwv_vangnet_recovery_report", law_steps("2026-03-01", *history)) == [
        "2026-02-04"
    ]
    assert law_steps("2026-03-02", *history) == []


def test_a_recovery_report_to_uwv_after_the_case_closed_is_refused() -> None:
    with pytest.raises(InputError, match="the employee is not sick: recovered on 2026-02-02"):
        law_steps(
            "2026-03-02",
            SICK,
            event("recovered", "2026-02-02"),
            event("uwv_recovery_reported", "2026-03-02"),
        )


# Employment ended.


@pytest.mark.parametrize(
    ("ended", "riv"), [("2026-02-14", False), ("2026-02-15", True), ("2026-03-15", True)]
)
def test_the_leaving_riv_is_due_from_sick_day_42(ended: str, riv: bool) -> None:
    """D⊕41 = 2026-02-15 (settled reading 1): before it no RIV is due."""
    steps = law_steps(ended, SICK, event("employment_ended", ended))
    assert due_of("leaving_riv", steps) == ([ended] if riv else [])
    assert due_of("wage_continuation_end", steps) != []


def test_the_leaving_report_is_due_on_the_last_working_day_up_to_the_last_day() -> None:
    """2026-02-15 is a Sunday: the report is due Friday 2026-02-13; the end is the 16th."""
    steps = law_steps("2026-02-15", SICK, event("employment_ended", "2026-02-15"))
    assert steps == [
        ("uwv_leaving_report", "2026-02-13"),
        ("leaving_riv", "2026-02-15"),
        ("wage_continuation_end", "2026-02-16"),
    ]


def test_after_employment_ended_a_recovery_leaves_nothing_due() -> None:
    steps = law_steps(
        "2026-03-20",
        SICK,
        event("employment_ended", "2026-03-15"),
        event("recovered", "2026-03-20"),
    )
    assert steps == []


# WIA.


def test_a_letter_on_day_623_is_not_late() -> None:
    """D⊕623 = 2027-09-20: a letter on that day leaves the application at week 93."""
    steps = steps_of("2027-09-20", event("uwv_wia_letter_received", "2027-09-20"))
    assert "wia_application" in steps
    assert due_of(
        "wia_application",
        law_steps("2027-09-20", SICK, event("uwv_wia_letter_received", "2027-09-20")),
    ) == ["2027-10-17"]


def test_a_late_letter_before_week_89_leaves_the_week_93_deadline() -> None:
    """A letter on 2027-09-21 (late) plus 28 days is 10-19; week 93 is 10-17: the later."""
    steps = law_steps("2027-09-21", SICK, event("uwv_wia_letter_received", "2027-09-21"))
    assert due_of("wia_application", steps) == ["2027-10-19"]


def test_the_latest_of_several_letters_counts() -> None:
    steps = law_steps(
        "2027-10-05",
        SICK,
        event("uwv_wia_letter_received", "2027-10-05"),
        event("uwv_wia_letter_received", "2027-08-01"),
    )
    assert due_of("wia_application", steps) == ["2027-11-02"]


def test_a_late_wia_application_moves_the_end_by_the_days_it_was_late() -> None:
    """Due 2027-10-17, applied 2027-10-27: ten days late, so the end moves ten days."""
    steps = law_steps("2027-10-27", SICK, event("wia_applied", "2027-10-27"))
    assert due_of("wage_continuation_end", steps) == ["2028-01-13"]


def test_an_application_on_its_due_date_moves_nothing() -> None:
    steps = law_steps("2027-10-17", SICK, event("wia_applied", "2027-10-17"))
    assert due_of("wage_continuation_end", steps) == ["2028-01-03"]


# Sanctions and shortenings.


def test_a_sanction_sets_the_end_to_the_day_after_until_and_opens_the_objection_term() -> None:
    steps = law_steps(
        "2027-12-20", SICK, event("wage_sanction_imposed", "2027-12-20", until="2028-06-30")
    )
    assert due_of("wage_continuation_end", steps) == ["2028-07-01"]
    assert due_of("sanction_objection", steps) == ["2028-01-31"]


def test_an_objection_filed_closes_the_term() -> None:
    steps = law_steps(
        "2028-01-10",
        SICK,
        event("wage_sanction_imposed", "2027-12-20", until="2028-06-30"),
        event("sanction_objection_filed", "2028-01-10"),
    )
    assert due_of("sanction_objection", steps) == []


def test_a_refused_shortening_closes_the_decision_and_keeps_the_end() -> None:
    history = [SICK, event("wage_sanction_imposed", "2027-12-20", until="2028-06-30")]
    requested = event("sanction_shortening_requested", "2028-02-01")
    open_ = law_steps("2028-02-01", *history, requested)
    assert due_of("sanction_shortening_decision", open_) == ["2028-02-22"]
    refused = law_steps(
        "2028-02-10", *history, requested, event("sanction_shortening_refused", "2028-02-10")
    )
    assert due_of("sanction_shortening_decision", refused) == []
    assert due_of("wage_continuation_end", refused) == ["2028-07-01"]


def test_a_shortening_never_moves_the_end_later() -> None:
    """Shortened 2028-06-25: 42 days later is after the end 2028-07-01, which stays."""
    steps = law_steps(
        "2028-06-25",
        SICK,
        event("wage_sanction_imposed", "2027-12-20", until="2028-06-30"),
        event("sanction_shortened", "2028-06-25"),
    )
    assert due_of("wage_continuation_end", steps) == ["2028-07-01"]


def test_a_second_sanction_counts_from_the_end_the_first_one_set() -> None:
    steps = law_steps(
        "2028-06-01",
        SICK,
        event("wage_sanction_imposed", "2027-12-20", until="2028-06-30"),
        event("wage_sanction_imposed", "2028-06-01", until="2029-06-29"),
    )
    assert due_of("wage_continuation_end", steps) == ["2029-06-30"]
    assert due_of("sanction_objection", steps) == ["2028-01-31", "2028-07-13"]


# Extension, early IVA, second opinion, waiting days.


def test_two_extensions_add_up() -> None:
    steps = law_steps(
        "2027-12-01",
        SICK,
        event("wage_extension_granted", "2027-08-30", weeks=13),
        event("wage_extension_granted", "2027-12-01", weeks=26),
    )
    # E = 39: 273 days later than 2027-10-03 / 2027-10-17 / 2028-01-03.
    assert due_of("final_evaluation", steps) == ["2028-07-02"]
    assert due_of("wia_application", steps) == ["2028-07-16"]
    assert due_of("wage_continuation_end", steps) == ["2028-10-02"]


def test_a_refused_early_iva_changes_nothing() -> None:
    history = [event("early_iva_applied", "2026-06-01")]
    refused = event("early_iva_decided", "2026-08-17", granted=False)
    assert steps_of("2026-08-17", *history, refused) == steps_of("2026-08-17", *history)


def test_the_latest_early_iva_decision_counts() -> None:
    history = [
        event("early_iva_applied", "2026-06-01"),
        event("early_iva_decided", "2026-08-17", granted=True),
        event("early_iva_decided", "2026-09-01", granted=False),
    ]
    assert "wia_application" in steps_of("2026-09-01", *history)


def test_a_second_opinion_is_due_from_uwv_28_days_after_the_request() -> None:
    request = event(
        "expert_opinion_requested", "2026-05-04", requested_by="employee", question="suitable_work"
    )
    steps = law_steps("2026-05-04", SICK, request)
    assert due_of("expert_opinion", steps) == ["2026-06-01"]
    received = event("expert_opinion_received", "2026-05-25")
    assert due_of("expert_opinion", law_steps("2026-05-25", SICK, request, received)) == []


def test_each_revised_analysis_opens_its_own_plan_revision() -> None:
    history = [
        SICK,
        event("problem_analysis_done", "2026-02-10"),
        event("plan_of_action_agreed", "2026-02-20"),
        event("problem_analysis_revised", "2026-04-20"),
        event("problem_analysis_revised", "2026-05-20"),
    ]
    assert due_of("plan_of_action_revision", law_steps("2026-05-20", *history)) == [
        "2026-05-04",
        "2026-06-03",
    ]
    revised = event("plan_of_action_revised", "2026-05-25")
    steps = law_steps("2026-05-25", *history, revised)
    assert due_of("plan_of_action_revision", steps) == []
    assert due_of("evaluation", steps) == ["2026-07-06"]  # a revised plan restarts the clock


def test_waiting_days_change_no_date() -> None:
    with_days = steps_of("2026-01-06", event("waiting_days_applied", D, days=2))
    assert with_days == steps_of("2026-01-06")


# Basis and consequence (section 13).


def test_every_step_carries_its_basis_and_consequence_in_english_and_dutch() -> None:
    """Section 13: no step without its legal basis and what missing it costs, in both."""
    for step, info in STEPS.items():
        assert info.basis.en, step
        assert info.basis.nl, step
        assert info.consequence.en, step
        assert info.consequence.nl, step


@pytest.mark.parametrize(
    "step",
    [
        Step.UWV_SICKNESS_REPORT,
        Step.UWV_VANGNET_REPORT,
        Step.UWV_VANGNET_RECOVERY_REPORT,
        Step.UWV_LEAVING_REPORT,
    ],
)
def test_a_missed_report_to_uwv_costs_a_fine_and_no_wage_sanction(step: Step) -> None:
    consequence = STEPS[step].consequence
    assert consequence.en.startswith("a UWV fine of up to €455; no wage sanction")
    assert "geen loonsanctie" in consequence.nl


@pytest.mark.parametrize(
    "step", [Step.NOTIFY_PHYSICIAN, Step.PHYSICIAN_CONSULT, Step.SECOND_TRACK_DECISION]
)
def test_steps_whose_miss_brings_no_sanction_of_its_own_do_not_threaten_one(step: Step) -> None:
    """A missed consult or second-track decision does not risk a wage sanction by itself."""
    assert "sanction" not in STEPS[step].consequence.en
    assert "loonsanctie" not in STEPS[step].consequence.nl


def test_a_late_wia_application_makes_wage_continuation_run_longer() -> None:
    info = STEPS[Step.WIA_APPLICATION]
    assert (info.basis.en, info.consequence.en) == (
        "Wet WIA art. 64",
        "wage continuation runs longer by the days it is late (BW 7:629 lid 11 sub a)",
    )


def test_a_granted_early_iva_leaves_no_wia_application_to_be_late() -> None:
    """Settled reading 6: with an early IVA granted, a late application moves no end."""
    history = [
        SICK,
        event("early_iva_applied", "2026-06-01"),
        event("wia_applied", "2027-10-27"),
        event("early_iva_decided", "2027-11-01", granted=True),
    ]
    assert due_of("wage_continuation_end", law_steps("2027-11-01", *history)) == ["2028-01-03"]
    refused = event("early_iva_decided", "2027-11-02", granted=False)
    assert due_of("wage_continuation_end", law_steps("2027-11-02", *history, refused)) == [
        "2028-01-13"
    ]
