"""`reintegration riv CASE`: the reintegration report's parts as HR reads them before UWV does."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from adapters.amsterdam_time import today_in_amsterdam
from adapters.store.case_store import CaseStore
from tests.organisation import assign_physician
from tests.store.conftest import as_account
from tests.store.conftest import run_cli as run

CASE = "E1042-20260105"
# For the plain-text test: sick 35 days ago, so that the plan of action (14 days after the
# analysis on day 20) is overdue today and the later parts are not due yet.
D = today_in_amsterdam(dt.datetime.now(dt.UTC)) - dt.timedelta(days=35)


def day(n: int) -> str:
    return (D + dt.timedelta(days=n)).isoformat()


def test_riv_prints_each_part_or_missing_and_the_steps_it_still_needs(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each part with its dates and who recorded them, "missing" once its step is overdue or
    "not yet due" with its due date; then the open steps the
    report needs, the overdue ones marked."""
    run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", day(0))
    case = f"E1042-{D:%Y%m%d}"
    assign_physician(store, case)
    assert run(capsys, "record", case, "physician_notified", "--date", day(1))[0] == 0
    physician = as_account("dr.bakker")
    analysis = ("record", case, "problem_analysis_done", "--date", day(20), *physician)
    assert run(capsys, *analysis)[0] == 0
    code, out, err = run(capsys, "riv", case)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"Reintegration report (RIV) of case {case}, Jan Jansen, as of ")
    assert lines[2:11] == [
        "Problem analysis and its revisions (physician): present",
        f"  {day(20)}  problem_analysis_done, recorded by dr.bakker (physician)",
        "Plan of action and its revisions (employer and employee): missing",
        "Evaluations of the plan of action (employer and employee): not yet due",
        f"First-year evaluation (employer and employee): not yet due (due {day(363)})",
        f"Final evaluation (employer and employee): not yet due (due {day(636)})",
        f"Current assessment (physician): not yet due (due {day(636)})",
        (
            "The employee's own view (employee): missing: the employee adds it once the report is "
            "handed over"
        ),
        "",
    ]
    assert lines[11] == "Steps the report still needs:"
    assert lines[12] == f"  {day(34)}  plan_of_action (employer+employee), overdue"


def test_riv_json_gives_every_part_and_step(hr: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--json` names each part, its status and entries, and each step with its consequence."""
    run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05")
    code, out, _ = run(capsys, "riv", CASE, "--json")
    report = json.loads(out)
    assert code == 0
    assert [part["part"] for part in report["parts"]] == [
        "problem_analysis",
        "plan_of_action",
        "evaluations",
        "first_year_evaluation",
        "final_evaluation",
        "current_assessment",
        "employee_view",
    ]
    assert {step["step"] for step in report["open_steps"]} >= {"riv_to_employee"}
    assert all(step["consequence"] for step in report["open_steps"])


def test_riv_of_an_unknown_case_is_one_line_and_a_non_zero_exit(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case that does not exist is refused with one line, no traceback."""
    code, out, err = run(capsys, "riv", "E9999-20260101")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "E9999-20260101" in err
