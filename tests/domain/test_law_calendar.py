"""The law calendar: each step's due date and responsible party, as POORTWACHTER.md specifies.

D is 2026-01-05 (a Monday) unless a test says otherwise; week N ends on D + 7N - 1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain.case import Case
from domain.law_calendar import LAW_STEPS, STEPS, OpenStep, Responsible, Step, open_steps
from tests.helpers import due_of, event, law_steps

D = "2026-01-05"
SICK = event("reported_sick", D)


def test_a_fresh_case_has_every_step_but_evaluation_open() -> None:
    assert [name for name, _ in law_steps(D, SICK)] == [
        "notify_physician",
        "physician_consult",
        "problem_analysis",
        "plan_of_action",
        "uwv_sickness_report",
        "first_year_evaluation",
        "second_track_decision",
        "current_assessment",
        "final_evaluation",
        "riv_to_employee",
        "wia_application",
        "wage_continuation_end",
    ]


def test_the_physician_is_notified_within_6_days_of_the_sick_report() -> None:
    assert due_of("notify_physician", law_steps(D, SICK)) == ["2026-01-11"]


def test_a_notification_on_or_after_the_report_completes_the_notify_step() -> None:
    assert due_of("notify_physician", law_steps(D, SICK, event("physician_notified", D))) == []


def test_a_linked_sick_report_needs_its_own_notification() -> None:
    steps = law_steps(
        "2026-03-10",
        SICK,
        event("physician_notified", "2026-01-06"),
        event("recovered", "2026-02-02"),
        event("reported_sick", "2026-03-01"),
    )
    assert due_of("notify_physician", steps) == ["2026-03-07"]


def test_an_unnotified_earlier_report_stays_open_until_a_notification_on_or_after_it() -> None:
    history = [SICK, event("recovered", "2026-01-08"), event("reported_sick", "2026-01-12")]
    # The first report's 6 days count sick days only: 01-05 + 6 + 4 fit days = 01-15.
    assert due_of("notify_physician", law_steps("2026-01-12", *history)) == [
        "2026-01-15",
        "2026-01-18",
    ]
    later = event("physician_notified", "2026-01-13")
    assert due_of("notify_physician", law_steps("2026-01-13", *history, later)) == []


def test_the_physician_consult_is_due_by_the_end_of_week_3() -> None:
    assert due_of("physician_consult", law_steps(D, SICK)) == ["2026-01-25"]


def test_the_problem_analysis_is_due_by_the_end_of_week_6() -> None:
    assert due_of("problem_analysis", law_steps(D, SICK)) == ["2026-02-15"]


def test_without_a_problem_analysis_the_plan_of_action_is_due_by_the_end_of_week_8() -> None:
    assert due_of("plan_of_action", law_steps(D, SICK)) == ["2026-03-01"]


def test_the_plan_of_action_is_due_14_days_after_the_problem_analysis() -> None:
    steps = law_steps("2026-02-10", SICK, event("problem_analysis_done", "2026-02-10"))
    assert due_of("plan_of_action", steps) == ["2026-02-24"]


def test_a_late_problem_analysis_still_gives_the_plan_14_days() -> None:
    steps = law_steps("2026-03-16", SICK, event("problem_analysis_done", "2026-03-16"))
    assert due_of("plan_of_action", steps) == ["2026-03-30"]


def test_a_revised_problem_analysis_does_not_extend_the_plan_deadline() -> None:
    """The plan follows the first analysis; recording a revision does not buy time."""
    steps = law_steps(
        "2026-02-01",
        SICK,
        event("problem_analysis_done", "2026-01-20"),
        event("problem_analysis_done", "2026-02-01"),
    )
    assert due_of("plan_of_action", steps) == ["2026-02-03"]


def test_the_plan_of_action_deadline_counts_sick_days_only() -> None:
    steps = law_steps(
        "2026-02-20",
        SICK,
        event("problem_analysis_done", "2026-02-01"),
        event("recovered", "2026-02-05"),
        event("reported_sick", "2026-02-15"),
    )
    assert due_of("plan_of_action", steps) == ["2026-02-25"]


def test_evaluation_is_not_due_before_a_plan_of_action_exists() -> None:
    assert (
        due_of("evaluation", law_steps("2026-02-10", SICK, event("evaluation_held", "2026-02-10")))
        == []
    )


def test_the_first_evaluation_is_due_42_days_after_the_plan_of_action() -> None:
    steps = law_steps("2026-02-20", SICK, event("plan_of_action_agreed", "2026-02-20"))
    assert due_of("evaluation", steps) == ["2026-04-03"]
    assert due_of("plan_of_action", steps) == []


def test_each_evaluation_is_due_42_days_after_the_last_one() -> None:
    steps = law_steps(
        "2026-06-01",
        SICK,
        event("plan_of_action_agreed", "2026-02-20"),
        event("evaluation_held", "2026-04-01"),
        event("evaluation_held", "2026-05-10"),
    )
    assert due_of("evaluation", steps) == ["2026-06-21"]


def test_an_adjusted_plan_of_action_restarts_the_evaluation_interval() -> None:
    steps = law_steps(
        "2026-04-20",
        SICK,
        event("plan_of_action_agreed", "2026-02-20"),
        event("evaluation_held", "2026-04-01"),
        event("plan_of_action_agreed", "2026-04-20"),
    )
    assert due_of("evaluation", steps) == ["2026-06-01"]


def test_the_uwv_report_is_due_on_the_first_working_day_after_week_42() -> None:
    assert due_of("uwv_sickness_report", law_steps(D, SICK)) == ["2026-10-26"]


@pytest.mark.parametrize(
    ("first_day", "due"),
    [
        ("2026-03-06", "2026-12-28"),  # D+294 is Christmas (Fri): Sat, Sun, then Monday
        ("2026-07-07", "2027-04-28"),  # D+294 is King's Day (Tue)
        ("2026-06-08", "2027-03-30"),  # D+294 is Easter Monday
        ("2026-01-06", "2026-10-27"),  # D+294 is an ordinary Tuesday
    ],
)
def test_the_uwv_report_skips_weekends_and_dutch_public_holidays(first_day: str, due: str) -> None:
    steps = law_steps(first_day, event("reported_sick", first_day))
    assert due_of("uwv_sickness_report", steps) == [due]


def test_the_first_year_evaluation_is_due_by_the_end_of_week_52() -> None:
    assert due_of("first_year_evaluation", law_steps(D, SICK)) == ["2027-01-03"]


def test_without_a_first_year_evaluation_the_second_track_decision_is_due_42_days_after_week_52() -> (
    None
):
    assert due_of("second_track_decision", law_steps(D, SICK)) == ["2027-02-14"]


def test_the_second_track_decision_is_due_42_days_after_the_first_year_evaluation() -> None:
    steps = law_steps("2026-12-01", SICK, event("first_year_evaluation_held", "2026-12-01"))
    assert due_of("second_track_decision", steps) == ["2027-01-12"]
    assert due_of("first_year_evaluation", steps) == []


def test_the_final_evaluation_is_due_by_the_end_of_week_91() -> None:
    assert due_of("final_evaluation", law_steps(D, SICK)) == ["2027-10-03"]


def test_the_wia_application_is_due_by_the_end_of_week_93() -> None:
    assert due_of("wia_application", law_steps(D, SICK)) == ["2027-10-17"]


def test_wage_continuation_ends_on_day_d_plus_728_and_is_never_done() -> None:
    assert due_of("wage_continuation_end", law_steps(D, SICK)) == ["2028-01-03"]


def test_every_deadline_anchored_on_d_moves_by_the_gap_of_a_linked_period() -> None:
    plain = dict(law_steps("2026-03-01", SICK))
    linked = dict(
        law_steps(
            "2026-03-01",
            SICK,
            event("physician_notified", D),
            event("recovered", "2026-01-07"),
            event("reported_sick", "2026-01-17"),  # 10 fit days
        )
    )
    for step in [
        "physician_consult",
        "problem_analysis",
        "plan_of_action",
        "first_year_evaluation",
        "second_track_decision",
        "final_evaluation",
        "wia_application",
        "wage_continuation_end",
    ]:
        assert dt.date.fromisoformat(linked[step]) - dt.date.fromisoformat(
            plain[step]
        ) == dt.timedelta(10), step


def test_a_partial_recovery_does_not_move_any_deadline() -> None:
    partial = law_steps(
        "2026-02-01", SICK, event("partially_recovered", "2026-02-01", percentage=30)
    )
    assert partial == law_steps("2026-02-01", SICK)


def test_nothing_is_due_while_the_employee_is_recovered() -> None:
    assert law_steps("2026-02-10", SICK, event("recovered", "2026-02-02")) == []


def test_steps_recorded_done_are_no_longer_open() -> None:
    done = [
        event(kind, "2026-02-20")
        for kind in [
            "physician_notified",
            "physician_consulted",
            "problem_analysis_done",
            "plan_of_action_agreed",
            "uwv_notified",
            "first_year_evaluation_held",
            "second_track_decided",
            "final_evaluation_held",
            "wia_applied",
            "riv_handed_over",
            "current_assessment_given",
        ]
    ]
    # A current assessment counts only from D⊕580 (UWV-TRACKS.md section 11): this one is old.
    assert law_steps("2026-02-20", SICK, *done) == [
        ("evaluation", "2026-04-03"),
        ("current_assessment", "2027-10-03"),
        ("wage_continuation_end", "2028-01-03"),
    ]


def test_steps_on_the_same_due_date_are_sorted_by_step() -> None:
    steps = law_steps(
        "2026-01-21",
        SICK,
        event("recovered", "2026-01-19"),
        event("reported_sick", "2026-01-21"),  # its notify step and the consult both fall on 01-27
    )
    assert steps[:3] == [
        ("notify_physician", "2026-01-11"),
        ("notify_physician", "2026-01-27"),
        ("physician_consult", "2026-01-27"),
    ]


def test_every_step_has_a_responsible_party_as_the_spec_lists() -> None:
    assert {step: info.responsible for step, info in STEPS.items() if step in LAW_STEPS} == {
        Step.NOTIFY_PHYSICIAN: Responsible.EMPLOYER,
        Step.PHYSICIAN_CONSULT: Responsible.PHYSICIAN,
        Step.PROBLEM_ANALYSIS: Responsible.PHYSICIAN,
        Step.PLAN_OF_ACTION: Responsible.EMPLOYER_AND_EMPLOYEE,
        Step.EVALUATION: Responsible.EMPLOYER_AND_EMPLOYEE,
        Step.UWV_SICKNESS_REPORT: Responsible.EMPLOYER,
        Step.FIRST_YEAR_EVALUATION: Responsible.EMPLOYER_AND_EMPLOYEE,
        Step.SECOND_TRACK_DECISION: Responsible.EMPLOYER,
        Step.FINAL_EVALUATION: Responsible.EMPLOYER_EMPLOYEE_AND_PHYSICIAN,
        Step.WIA_APPLICATION: Responsible.EMPLOYEE,
        Step.WAGE_CONTINUATION_END: Responsible.NOBODY,
        # UWV-TRACKS.md
        Step.UWV_VANGNET_REPORT: Responsible.EMPLOYER,
        Step.UWV_VANGNET_RECOVERY_REPORT: Responsible.EMPLOYER,
        Step.UWV_LEAVING_REPORT: Responsible.EMPLOYER,
        Step.LEAVING_RIV: Responsible.EMPLOYER_AND_EMPLOYEE,
        Step.SANCTION_OBJECTION: Responsible.EMPLOYER,
        Step.SANCTION_SHORTENING_DECISION: Responsible.UWV,
        Step.EXPERT_OPINION: Responsible.UWV,
        Step.PLAN_OF_ACTION_REVISION: Responsible.EMPLOYER_AND_EMPLOYEE,
        Step.CURRENT_ASSESSMENT: Responsible.PHYSICIAN,
        Step.RIV_TO_EMPLOYEE: Responsible.EMPLOYER,
    }


def test_a_step_is_overdue_only_after_its_due_date() -> None:
    step = OpenStep(dt.date(2026, 1, 11), Step.NOTIFY_PHYSICIAN)
    assert not step.is_overdue(dt.date(2026, 1, 11))
    assert step.is_overdue(dt.date(2026, 1, 12))


def test_open_steps_reads_holidays_as_data() -> None:
    case = Case(first_sick_day=dt.date(2026, 1, 5), reports=(dt.date(2026, 1, 5),))
    uwv = [
        s for s in open_steps(case, {dt.date(2026, 10, 26)}) if s.step is Step.UWV_SICKNESS_REPORT
    ]
    assert uwv == [OpenStep(dt.date(2026, 10, 27), Step.UWV_SICKNESS_REPORT)]
