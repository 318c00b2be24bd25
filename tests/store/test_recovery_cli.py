"""The recovery and diary commands as each party uses them, with their role checks."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from tests.organisation import assign_physician
from tests.store.conftest import as_account
from tests.store.conftest import run_cli as run

CASE = "E1042-20260105"
HR = as_account("anna.hr")
MANAGER = as_account("mark.manager")
PHYSICIAN = as_account("dr.bakker")
EMPLOYEE = as_account("jan")


@pytest.fixture
def case(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    store: CaseStore,
    capsys: pytest.CaptureFixture[str],
) -> str:
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", database_url)
    assert (
        run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05", *HR)[0]
        == 0
    )
    assign_physician(store, CASE)
    return CASE


def assess(capsys: pytest.CaptureFixture[str], days: int, hours: int) -> None:
    code, _, err = run(
        capsys,
        "record",
        CASE,
        "capacity_assessed",
        f"days_per_week={days}",
        f"hours_per_day={hours}",
        'restrictions=["no_deadline_pressure"]',
        "--date",
        "2026-03-02",
        *PHYSICIAN,
    )
    assert (code, err) == (0, "")


def test_the_employee_proposes_the_engines_ladder_and_everyone_sees_the_build_up(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assess(capsys, 4, 5)
    code, out, _ = run(
        capsys, "propose-build-up", CASE, "--target", "20", "--date", "2026-03-03", *EMPLOYEE
    )
    assert code == 0
    assert out.startswith(f"Recorded case {CASE} entry 3: build_up_proposed on 2026-03-03")
    for who, party, day in (
        (MANAGER, "employer", "2026-03-04"),
        (PHYSICIAN, "physician", "2026-03-05"),
    ):
        assert (
            run(capsys, "record", CASE, "build_up_agreed", f"party={party}", "--date", day, *who)[0]
            == 0
        )
    code, out, _ = run(capsys, "recovery", CASE, *MANAGER)
    assert code == 0
    assert (
        "Capacity (assessed 2026-03-02): 4 days a week, 5 h a day; restrictions: no_deadline_pressure"
        in out
    )
    assert "  -> stage 1: 2x2h, rest day between" in out
    assert "     stage 6: 4x5h, rest day between" in out
    assert "  next stage review: 2026-03-19" in out
    code, out, _ = run(capsys, "recovery", CASE, "--json", *EMPLOYEE)
    shown = json.loads(out)
    assert [(s["sessions"], s["hours"]) for s in shown["build_up"]["stages"]] == [
        (2, 2),
        (3, 2),
        (3, 3),
        (4, 3),
        (4, 4),
        (4, 5),
    ]
    assert shown["build_up"]["current_stage"] == 1


def test_a_stage_beyond_capacity_is_refused_with_a_clear_reason_and_exit_1(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assess(capsys, 3, 3)
    code, _, err = run(
        capsys,
        "propose-build-up",
        CASE,
        "--target",
        "20",
        "--stages",
        "4x3,4x5",
        "--date",
        "2026-03-03",
        *EMPLOYEE,
    )
    assert code == 0
    run(
        capsys,
        "record",
        CASE,
        "build_up_agreed",
        "party=employer",
        "--date",
        "2026-03-04",
        *MANAGER,
    )
    code, out, err = run(
        capsys,
        "record",
        CASE,
        "build_up_agreed",
        "party=physician",
        "--date",
        "2026-03-05",
        *PHYSICIAN,
    )
    assert (code, out) == (1, "")
    assert err == (
        "reintegration: event 5 (build_up_agreed on 2026-03-05): stage 1 (4x3h, rest day between) "
        "is beyond the latest capacity assessment of 2026-03-02 (at most 3 sessions a week of at "
        "most 3 h); it can start once an assessment allows it\n"
    )


def test_without_a_capacity_assessment_the_engine_cannot_propose_a_ladder(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "propose-build-up", CASE, "--target", "20", *EMPLOYEE)
    assert code == 1
    assert "no capacity assessment yet: give --stages, or ask the physician" in err


def test_the_diary_is_written_shown_and_charted_by_the_employee(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for day, scores in (("2026-03-02", ("6", "4", "7")), ("2026-03-03", ("5", "6", "6"))):
        energy, stress, motivation = scores
        code, out, _ = run(
            capsys,
            "diary",
            "add",
            "--energy",
            energy,
            "--stress",
            stress,
            "--motivation",
            motivation,
            "--date",
            day,
            *EMPLOYEE,
        )
        assert code == 0
    assert out == "Diary: 2026-03-03 written (2 days in all).\n"
    code, out, _ = run(capsys, "diary", "show", *EMPLOYEE)
    assert out.splitlines() == [
        "Date        Energy  Stress  Motivation",
        "2026-03-02       6       4           7",
        "2026-03-03       5       6           6",
    ]
    chart = tmp_path / "trend.svg"
    code, out, _ = run(capsys, "diary", "chart", "--output", str(chart), *EMPLOYEE)
    assert (code, out) == (0, f"Chart of 2 days written to {chart}\n")
    svg = ET.parse(chart).getroot()  # noqa: S314 (the chart the command just wrote)
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 3
    assert all(len(line.attrib["points"].split()) == 2 for line in lines)


@pytest.mark.parametrize("who", [HR, MANAGER, as_account("olga.auditor"), PHYSICIAN])
def test_no_one_but_the_employee_and_their_chosen_readers_gets_the_scores(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, who: tuple[str, ...]
) -> None:
    run(capsys, "diary", "add", "--energy", "6", "--stress", "4", "--motivation", "7", *EMPLOYEE)
    for command in (
        ["diary", "show", "E1042"],
        ["diary", "show", "E1042", "--json"],
        ["diary", "chart", "E1042", "--output", str(tmp_path / "x.svg")],
    ):
        code, out, err = run(capsys, *command, *who)
        assert (code, out) == (1, "")
        assert "the employer side never sees its scores" in err
    assert not (tmp_path / "x.svg").exists()
    for command in (
        ["audit", CASE, "--format", "json"],
        ["audit", CASE, "--format", "csv"],
        ["cases", "--json"],
    ):
        _, out, _ = run(capsys, *command, *HR)
        assert "energy" not in out
        assert "motivation" not in out


def test_a_shared_physician_reads_the_diary_and_unsharing_ends_it(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(
        capsys,
        "diary",
        "add",
        "--energy",
        "6",
        "--stress",
        "4",
        "--motivation",
        "7",
        "--date",
        "2026-03-02",
        *EMPLOYEE,
    )
    code, out, _ = run(capsys, "diary", "share", "dr.bakker", *EMPLOYEE)
    assert (code, out) == (0, "Your diary is shared with dr.bakker (physician).\n")
    code, out, _ = run(capsys, "diary", "show", "E1042", "--json", *PHYSICIAN)
    assert json.loads(out) == [{"date": "2026-03-02", "energy": 6, "stress": 4, "motivation": 7}]
    code, out, _ = run(capsys, "diary", "readers", *EMPLOYEE)
    assert out.splitlines()[0] == "Shared with: dr.bakker (physician)"
    assert out.splitlines()[1].endswith("Z by dr.bakker (physician)")
    assert run(capsys, "diary", "readers", *PHYSICIAN)[0] == 1
    assert run(capsys, "diary", "unshare", "dr.bakker", *EMPLOYEE)[0] == 0
    assert run(capsys, "diary", "show", "E1042", *PHYSICIAN)[0] == 1


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ("--energy", "11", "--stress", "4", "--motivation", "7"),
            "energy is a whole number from 1 to 10, got 11",
        ),
        (
            ("--energy", "5", "--stress", "0", "--motivation", "7"),
            "stress is a whole number from 1 to 10, got 0",
        ),
        (
            ("--energy", "5", "--stress", "4", "--motivation", "7", "--date", "2026-02-30"),
            "date: 2026-02-30 is not a real date",
        ),
    ],
)
def test_a_bad_diary_entry_is_one_clear_line_and_nothing_is_stored(
    case: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], error: str
) -> None:
    code, out, err = run(capsys, "diary", "add", *args, *EMPLOYEE)
    assert (code, out) == (1, "")
    assert err == f"reintegration: {error}\n"
    assert run(capsys, "diary", "show", *EMPLOYEE)[1] == "The diary is empty.\n"


def test_only_the_employee_writes_their_diary(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "diary", "add", "--energy", "5", "--stress", "5", "--motivation", "5", *HR
    )
    assert code == 1
    assert err == "reintegration: only the employee may write a diary: the diary is theirs\n"


def test_the_signal_is_the_employees_choice(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diary", "signal", "on", *EMPLOYEE)
    assert code == 0
    assert "no scores are shared" in out
    assert run(capsys, "diary", "signal", "on", *MANAGER)[0] == 1


def test_today_is_the_default_day_of_a_diary_entry(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "diary", "add", "--energy", "5", "--stress", "5", "--motivation", "5", *EMPLOYEE)
    _, out, _ = run(capsys, "diary", "show", "--json", *EMPLOYEE)
    [entry] = json.loads(out)
    assert abs((dt.date.fromisoformat(entry["date"]) - dt.datetime.now(dt.UTC).date()).days) <= 1
