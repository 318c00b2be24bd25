"""`reintegration deadlines`: readable and JSON output, batches, and clear input errors."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cli.main import main
from tests.helpers import event

SCENARIOS = Path(__file__).parents[1] / "scenarios"
FRESH = SCENARIOS / "01-fresh-report.case.json"
RELAPSE = SCENARIOS / "04-linked-relapse.case.json"
RECOVERED = SCENARIOS / "06-recovered.case.json"
SCRIPT = Path(sys.executable).with_name("reintegration")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["deadlines", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document))
    return str(path)


def test_json_lists_step_due_party_overdue_basis_and_consequence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(FRESH), "--json")
    rows = json.loads(out)
    assert code == 0
    assert rows[0] == {
        "step": "notify_physician",
        "due": "2026-01-11",
        "party": "employer",
        "overdue": False,
        "basis": "the employer's absence protocol and physician contract",
        "consequence": "none by law; the analysis by week 6 depends on it",
    }
    assert {row["party"] for row in rows} >= {"physician", "employer+employee", "informational"}


def test_json_marks_steps_past_their_due_date_as_overdue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, str(RELAPSE), "--json")
    overdue = {row["step"]: row["overdue"] for row in json.loads(out)}
    assert overdue["plan_of_action"] is True
    assert overdue["notify_physician"] is True  # due 2022-07-31, as of 2022-08-01
    assert overdue["uwv_sickness_report"] is False


def test_the_table_shows_the_case_and_each_open_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(RELAPSE))
    lines = out.splitlines()
    assert code == 0
    assert (
        lines[0]
        == "First sick day (D) 2022-01-03 · as of 2022-08-01 · sick day 190 (week 28) · 100% sick"
    )
    assert (
        "fit 2022-07-04 .. 2022-07-24, sick again 2022-07-25; these 21 days do not count"
        in lines[1]
    )
    assert lines[3].split() == ["Due", "Status", "Step", "Responsible", "What"]
    assert lines[4].split()[:4] == ["2022-01-23", "OVERDUE", "physician_consult", "physician"]
    assert lines[-1].split()[:4] == ["2024-01-22", "open", "wage_continuation_end", "informational"]


def test_the_table_of_a_recovered_case_says_nothing_is_due(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, str(RECOVERED))
    assert "Recovered on 2026-02-16: nothing is due. The case closes on 2026-03-16" in out


def test_a_json_array_of_cases_gives_an_array_of_results_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [json.loads(path.read_text()) for path in (RECOVERED, FRESH, RELAPSE)]
    code, out, _ = run(capsys, write(tmp_path, cases), "--json")
    results = json.loads(out)
    assert code == 0
    assert [len(result) for result in results] == [0, 12, 12]
    assert results[1][0]["due"] == "2026-01-11"
    assert results[2][-1]["due"] == "2024-01-22"


def test_a_batch_table_numbers_the_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [json.loads(path.read_text()) for path in (FRESH, RECOVERED)]
    _, out, _ = run(capsys, write(tmp_path, cases))
    assert out.startswith("Case 1 of 2\nFirst sick day (D) 2026-01-05")
    assert "\n\nCase 2 of 2\n" in out


def test_a_dash_reads_the_case_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(FRESH.read_text()))
    code, out, _ = run(capsys, "-", "--json")
    assert code == 0
    assert len(json.loads(out)) == 12


def test_as_of_defaults_to_today_in_amsterdam(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    code, _, err = run(capsys, write(tmp_path, {"events": [event("reported_sick", "2999-12-31")]}))
    after = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert code == 1
    assert any(f"dated after the as-of date {today}" in err for today in (before, after))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {
                "as_of": "2026-01-07",
                "events": [event("reported_sick", "2026-01-05", diagnosis="burn-out")],
            },
            "event 1 (reported_sick on 2026-01-05): unknown field 'diagnosis'",
        ),
        (
            {
                "as_of": "2026-01-07",
                "events": [event("reported_sick", "2026-01-05"), event("promoted", "2026-01-06")],
            },
            "event 2 (promoted on 2026-01-06): unknown event type 'promoted'",
        ),
        (
            {"as_of": "2026-01-07", "events": [event("reported_sick", "2026-02-30")]},
            "event 1 (reported_sick on 2026-02-30): date: 2026-02-30 is not a real date",
        ),
        (
            {"as_of": "2026-01-07", "events": [event("reported_sick", "2026-01-05", percentage=0)]},
            "event 1 (reported_sick on 2026-01-05): percentage must be a whole number from 1 to 100, got 0",
        ),
        (
            {"as_of": "2026-01-07", "events": [event("reported_sick", "2026-01-08")]},
            "event 1 (reported_sick on 2026-01-08): dated after the as-of date 2026-01-07",
        ),
        (
            {
                "as_of": "2026-03-01",
                "events": [
                    event("reported_sick", "2026-01-05"),
                    event("recovered", "2026-02-02"),
                    event("evaluation_held", "2026-02-03"),
                ],
            },
            "event 3 (evaluation_held on 2026-02-03): the employee is not sick: recovered on 2026-02-02",
        ),
        (
            {
                "as_of": "2026-03-01",
                "events": [
                    event("reported_sick", "2026-01-05"),
                    event("reported_sick", "2026-01-06"),
                ],
            },
            "event 2 (reported_sick on 2026-01-06): reported sick while already sick since 2026-01-05",
        ),
        (
            {"as_of": "2026-03-01", "events": [event("physician_notified", "2026-01-05")]},
            "event 1 (physician_notified on 2026-01-05): the employee is not sick",
        ),
        (
            {"as_of": "2026-02-31", "events": [event("reported_sick", "2026-01-05")]},
            "as_of: 2026-02-31 is not a real date",
        ),
        (
            {"as_of": "2026-03-01", "events": []},
            "no events: a case starts with a reported_sick event",
        ),
        ({"as_of": "2026-03-01"}, "'events' must be a JSON array of events"),
        (
            {"events": [event("reported_sick", "2026-01-05")], "employee_notes": "stress"},
            "unknown field 'employee_notes' in the case document",
        ),
        (
            [
                {"as_of": "2026-03-01", "events": [event("reported_sick", "2026-01-05")]},
                {"events": [{"date": "2026-01-05"}]},
            ],
            "case 2, event 1: missing field 'type'",
        ),
        ("a case", "a case document is a JSON object"),
    ],
)
def test_bad_input_gives_one_clear_line_and_a_nonzero_exit(
    document: object, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, write(tmp_path, document), "--json")
    assert code == 1
    assert out == ""
    assert err.startswith(f"reintegration: {message}")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"as_of": "2026-01-07", "events": [',
            "is not valid JSON: Expecting value at line 1 column 36",
        ),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
        (b"[" * 100_000, "is nested too deeply"),
    ],
)
def test_unreadable_files_give_one_clear_line(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(content)
    code, out, err = run(capsys, str(path))
    assert (code, out) == (1, "")
    assert message in err
    assert err.count("\n") == 1


def test_a_missing_file_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.json"))
    assert code == 1
    assert (
        err == f"reintegration: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"
    )


def test_a_directory_is_not_a_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path))
    assert code == 1
    assert "Is a directory" in err


def test_the_console_script_answers_deadlines_without_a_traceback(tmp_path: Path) -> None:
    good = subprocess.run(
        [SCRIPT, "deadlines", FRESH, "--json"], capture_output=True, text=True, check=False
    )
    assert good.returncode == 0
    assert json.loads(good.stdout)[0]["step"] == "notify_physician"
    bad = subprocess.run(
        [SCRIPT, "deadlines", tmp_path / "missing.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stderr.startswith("reintegration: cannot read")


def test_a_usage_error_prints_the_usage_and_exits_2() -> None:
    result = subprocess.run([SCRIPT, "deadlines"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "usage: reintegration deadlines" in result.stderr


def test_the_deadlines_command_does_not_import_prefect_or_the_database_stack() -> None:
    probe = (
        "import sys; from cli.main import main; main(['deadlines', sys.argv[1], '--json']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'prefect', 'sqlalchemy', 'sqlmodel', 'apprise'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, FRESH], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_table_of_a_recovered_vangnet_case_shows_the_recovery_report_still_due(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """UWV-TRACKS.md section 2: the one step that stays due while recovered is listed."""
    code, out, _ = run(capsys, str(SCENARIOS / "08-uwv-vangnet-reported-then-recovered.case.json"))
    assert code == 0
    assert "Recovered on 2026-05-04: only the report of the recovery to UWV is due." in out
    assert "2026-05-06  open    uwv_vangnet_recovery_report" in out


def test_the_table_of_a_case_whose_employment_ended_says_uwv_takes_over(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(SCENARIOS / "09-uwv-leaving-after-50-days.case.json"))
    assert code == 0
    assert "Employment ended on 2026-04-20: UWV takes over the reintegration" in out
    assert "uwv_leaving_report" in out
    assert "plan_of_action" not in out
