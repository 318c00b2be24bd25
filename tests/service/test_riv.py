"""The reintegration report (RIV) of a case: each part with the dates and who recorded them, or
"missing" once its step is overdue (else "not yet due"), and the open steps the report still needs (UWV-TRACKS.md sections 11 and 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.errors import NotAllowedError, NotFoundError
from domain.riv import PartStatus, RivPart
from service.case_file import Actor
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.riv import RivReport, riv_report
from tests.fakes import FakeStore
from tests.organisation import COACH, HR, JAN, MANAGER, PHYSICIAN, assign_physician, organise

CASE = "E1042-20260105"
D = dt.date(2026, 1, 5)  # no gap: D⊕n is D + n days
COUNTS_FROM = D + dt.timedelta(days=580)  # 2027-08-08
WEEK_91 = D + dt.timedelta(days=636)  # 2027-10-03


def at(day: dt.date | str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    organise(store)
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": D.isoformat()}), at(D))
    assign_physician(store, CASE)
    return store


def rec(store: FakeStore, actor: Actor, kind: str, day: dt.date | str, **fields: Any) -> int:
    """Record on the day it happened."""
    entry = {"type": kind, "date": str(day), **fields}
    return record(store, actor, RecordEvent(CASE, entry), at(day)).seq


def late(store: FakeStore, actor: Actor, kind: str, day: str, now: str) -> None:
    """Record later than it happened."""
    record(store, actor, RecordEvent(CASE, {"type": kind, "date": day}), at(now))


def riv(store: FakeStore, day: dt.date | str, actor: Actor = HR) -> RivReport:
    return riv_report(store, actor, CASE, at(day))


def statuses(report: RivReport) -> dict[str, str]:
    return {state.part.value: state.status.value for state in report.riv.parts}


def test_a_new_case_has_no_part_due_yet_and_needs_the_report_steps_only(
    store: FakeStore,
) -> None:
    """In week 1 no part is due yet (the employee's view waits for the hand-over); the steps
    listed are those the report is made of or handed over by, never the physician's
    notification, UWV reports, the WIA or the end."""
    report = riv(store, "2026-01-06")
    assert set(statuses(report).values()) == {"not_yet_due", "missing"}
    assert statuses(report)["employee_view"] == "missing"
    due = {state.part.value: state.due for state in report.riv.parts}
    assert due["problem_analysis"] == D + dt.timedelta(days=41)  # by week 6
    assert due["evaluations"] is None  # no plan of action yet
    assert [state.part for state in report.riv.parts] == list(RivPart)
    assert [step.step.value for step in report.riv.open_steps] == [
        "problem_analysis",
        "plan_of_action",
        "first_year_evaluation",
        "current_assessment",
        "final_evaluation",
        "riv_to_employee",
    ]


def test_each_part_lists_its_events_oldest_first_with_who_recorded_them(
    store: FakeStore,
) -> None:
    """A part made of an event and its revisions lists each with its date, account and role."""
    rec(store, HR, "physician_notified", "2026-01-06")
    rec(store, PHYSICIAN, "problem_analysis_revised", "2026-05-04")
    late(store, PHYSICIAN, "problem_analysis_done", "2026-02-09", now="2026-05-05")
    late(store, MANAGER, "plan_of_action_agreed", "2026-02-20", now="2026-05-05")
    late(store, HR, "evaluation_held", "2026-04-01", now="2026-05-05")
    part = riv(store, "2026-05-05").riv.parts[0]
    assert part.part is RivPart.PROBLEM_ANALYSIS
    assert part.status is PartStatus.PRESENT
    assert [(c.type, c.date.isoformat(), c.by, c.role) for c in part.contributions] == [
        ("problem_analysis_done", "2026-02-09", "dr.bakker", "physician"),
        ("problem_analysis_revised", "2026-05-04", "dr.bakker", "physician"),
    ]
    assert statuses(riv(store, "2026-05-05")) == {
        "problem_analysis": "present",
        "plan_of_action": "present",
        "evaluations": "present",
        "first_year_evaluation": "not_yet_due",
        "final_evaluation": "not_yet_due",
        "current_assessment": "not_yet_due",
        "employee_view": "missing",
    }


def test_a_part_is_missing_once_its_step_is_overdue(store: FakeStore) -> None:
    """A part with nothing recorded is "not yet due" up to its step's due date and "missing"
    the day after: the problem analysis by week 6 (D + 41)."""
    week_6 = D + dt.timedelta(days=41)
    assert statuses(riv(store, week_6))["problem_analysis"] == "not_yet_due"
    assert statuses(riv(store, week_6 + dt.timedelta(days=1)))["problem_analysis"] == "missing"


def test_a_retracted_event_is_no_part_of_the_report(store: FakeStore) -> None:
    """The report reads the history as it stands: a retracted plan of action is missing again."""
    seq = rec(store, MANAGER, "plan_of_action_agreed", "2026-02-20")
    rec(store, MANAGER, "event_retracted", "2026-03-02", retracts=seq)
    assert statuses(riv(store, "2026-03-03"))["plan_of_action"] == "missing"


def test_a_current_assessment_before_day_580_is_outdated_and_the_step_stays_open(
    store: FakeStore,
) -> None:
    """A current assessment counts from D⊕(580+7E); an older one is listed as no longer
    current, and the report still needs the step."""
    rec(store, PHYSICIAN, "current_assessment_given", COUNTS_FROM - dt.timedelta(days=1))
    report = riv(store, COUNTS_FROM)
    state = report.riv.parts[-2]
    assert (state.part, state.status) == (RivPart.CURRENT_ASSESSMENT, PartStatus.OUTDATED)
    assert [c.current for c in state.contributions] == [False]
    assert report.riv.current_from == COUNTS_FROM
    assert "current_assessment" in [s.step.value for s in report.riv.open_steps]

    rec(store, PHYSICIAN, "current_assessment_given", COUNTS_FROM)
    report = riv(store, COUNTS_FROM)
    assert report.riv.parts[-2].status is PartStatus.PRESENT
    assert "current_assessment" not in [s.step.value for s in report.riv.open_steps]


def test_an_extension_moves_the_day_a_current_assessment_counts_from(store: FakeStore) -> None:
    """E weeks of extension move `D⊕(580+7E)` by 7E days: 13 weeks, 91 days."""
    rec(store, HR, "wage_extension_granted", "2027-09-01", weeks=13)
    assert riv(store, "2027-09-02").riv.current_from == COUNTS_FROM + dt.timedelta(days=91)


def test_handing_over_the_report_leaves_the_employee_view_with_the_employee(
    store: FakeStore,
) -> None:
    """Once HR hands the report over, the employee's own view is theirs to write, and the
    hand-over is no longer among the steps."""
    rec(store, HR, "riv_handed_over", "2027-09-20")
    report = riv(store, "2027-09-21")
    assert report.riv.handed_over == dt.date(2027, 9, 20)
    assert statuses(report)["employee_view"] == "with_employee"
    assert "riv_to_employee" not in [s.step.value for s in report.riv.open_steps]


def test_after_employment_ended_the_report_needs_the_leaving_riv(store: FakeStore) -> None:
    """Employment ending on sick day 50 leaves only the leaving RIV among the report's steps."""
    rec(store, HR, "employment_ended", "2026-02-23")
    report = riv(store, "2026-02-24")
    assert [(s.step.value, s.due.isoformat()) for s in report.riv.open_steps] == [
        ("leaving_riv", "2026-02-23")
    ]
    rec(store, HR, "leaving_riv_handed_over", "2026-02-23")
    report = riv(store, "2026-02-24")
    assert (report.riv.handed_over, report.riv.open_steps) == (dt.date(2026, 2, 23), ())


def test_the_answer_names_each_part_its_supplier_and_the_steps_with_their_consequence(
    store: FakeStore,
) -> None:
    """`as_dict` (the API's and `--json`'s answer) gives each part's status and entries, and
    each needed step with its legal basis and the consequence of missing it."""
    rec(store, PHYSICIAN, "problem_analysis_done", "2026-02-09")
    answer = riv(store, "2026-03-10").as_dict()
    parts = answer["parts"]
    assert isinstance(parts, list)
    assert parts[0] == {
        "part": "problem_analysis",
        "title": "Problem analysis and its revisions",
        "supplied_by": "physician",
        "status": "present",
        "due": None,
        "entries": [
            {
                "type": "problem_analysis_done",
                "date": "2026-02-09",
                "recorded_by": "dr.bakker",
                "role": "physician",
                "current": True,
            }
        ],
    }
    steps = answer["open_steps"]
    assert isinstance(steps, list)
    assert steps[0]["step"] == "plan_of_action"
    assert steps[0]["overdue"] is True
    assert steps[0]["consequence"].startswith("no fine; UWV may impose a wage sanction")


def test_whoever_may_read_the_case_may_read_its_report_and_nobody_else(
    store: FakeStore,
) -> None:
    """The employee reads their own report; a coach, who may not read the case, is refused;
    an unknown case is not found."""
    assert riv(store, "2026-01-06", JAN).case_key == CASE
    with pytest.raises(NotAllowedError):
        riv(store, "2026-01-06", COACH)
    with pytest.raises(NotFoundError):
        riv_report(store, HR, "E9999-20260105", at("2026-01-06"))
