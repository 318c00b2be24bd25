"""The store commands as HR uses them: report-sick, record, cases, audit, verify."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from adapters.store.case_store import CaseStore
from domain.roles import Role
from service.ports import NewAccount
from tests.helpers import free_port
from tests.organisation import SINCE
from tests.store.conftest import as_account
from tests.store.conftest import run_cli as run

CASE = "E1042-20260105"


def history(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05")[0] == 0
    )
    assert run(capsys, "record", CASE, "physician_notified", "--date", "2026-01-06")[0] == 0
    assert (
        run(capsys, "record", CASE, "partially_recovered", "percentage=60", "--date", "2026-01-20")[
            0
        ]
        == 0
    )


def test_report_sick_prints_the_case_and_what_is_due_next(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05"
    )
    assert code == 0
    assert out.splitlines() == [
        f"Recorded case {CASE} entry 1: reported_sick on 2026-01-05",
        "Next: notify_physician due 2026-01-11 (employer): Report the absence to the occupational physician",
    ]


def test_record_takes_fields_as_name_value_pairs(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    code, out, _ = run(capsys, "audit", CASE, "--format", "json")
    entries = [e for e in json.loads(out) if e["kind"] == "event"]
    assert code == 0
    assert entries[2]["details"] == "percentage=60"


def test_a_correction_carries_the_corrected_event_as_json(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    fixed = json.dumps({"type": "partially_recovered", "date": "2026-01-21", "percentage": 50})
    code, out, err = run(
        capsys,
        "record",
        CASE,
        "event_corrected",
        "corrects=3",
        f"event={fixed}",
        "--date",
        "2026-01-22",
    )
    assert (code, err) == (0, "")
    assert "entry 4: event_corrected on 2026-01-22" in out


def test_cases_lists_open_cases_as_json(hr: str, capsys: pytest.CaptureFixture[str]) -> None:
    history(capsys)
    code, out, _ = run(capsys, "cases", "--json")
    [case] = json.loads(out)
    assert code == 0
    assert (case["case"], case["employee"], case["display_name"], case["status"]) == (
        CASE,
        "E1042",
        "Jan Jansen",
        "sick",
    )
    assert {"step": "physician_consult", "due": "2026-01-25"} in case["overdue"]


def test_the_audit_csv_opens_cleanly_in_a_spreadsheet(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    code, out, _ = run(capsys, "audit", CASE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert out.splitlines()[0] == "kind,seq,recorded_at,business_date,type,details,actor,role,hash"
    assert [row["kind"] for row in rows] == ["event", "event", "event", "read"]
    for row in rows:
        assert dt.datetime.fromisoformat(row["recorded_at"]).tzinfo is not None
    assert rows[0]["business_date"] == "2026-01-05"
    assert rows[3]["type"] == "audit"


def test_a_formula_in_a_cell_is_quoted_so_a_spreadsheet_does_not_run_it(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even a login no command accepts (from a directory filled by other means) is quoted."""
    history(capsys)
    formula = NewAccount("=HYPERLINK(1)", "x", Role.HR, None, SINCE)
    store.directory.add_account(formula)
    run(
        capsys,
        "record",
        CASE,
        "evaluation_held",
        "--date",
        "2026-02-01",
        *as_account(formula.login),
    )
    _, out, _ = run(capsys, "audit", CASE, "--format", "csv")
    assert "'=HYPERLINK(1)" in out


def test_verify_reports_a_hand_edited_row_and_exits_1(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    assert run(capsys, "verify")[:2] == (
        0,
        "verify: all 3 entries are intact; every hash chain checks out.\n",
    )
    engine = create_engine(hr)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE event_log SET payload = replace(payload, '60', '10') WHERE seq = 3")
        )
    engine.dispose()
    code, out, _ = run(capsys, "verify")
    assert code == 1
    assert f"case {CASE}: entry 3 was altered after it was recorded" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["record", CASE, "problem_analysis_done", "--date", "2026-01-07"],
            "the hr role may not record problem_analysis_done",
        ),
        (
            ["record", CASE, "evaluation_held", "--date", "2026-01-07", "diagnosis=burn-out"],
            "unknown field 'diagnosis'",
        ),
        (
            ["record", CASE, "partially_recovered", "percentage"],
            "'percentage' is not of the form FIELD=VALUE",
        ),
        (["record", "E9-20260101", "evaluation_held"], "no case 'E9-20260101'"),
        (
            ["record", CASE, "evaluation_held", "--date", "2026-01-07", "--expect-seq", "5"],
            "changed: it is at entry 3, not 5; reload",
        ),
        (["report-sick", "E 1042", "--name", "X"], "employee key 'E 1042' must be"),
        (
            ["report-sick", "E1", "--name", "X", "--contact", "boss=mailto://b@example.org"],
            "unknown party 'boss'",
        ),
        (
            ["audit", CASE, *as_account("mark.manager")],
            "the manager role may not read a case's audit trail",
        ),
        (["cases", *as_account("coach.co")], "the coach role may not list cases"),
    ],
)
def test_bad_store_commands_give_one_clear_line_and_change_nothing(
    hr: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    history(capsys)
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: ")
    assert message in err
    assert err.count("\n") == 1
    assert run(capsys, "verify")[1].startswith("verify: all 3 entries are intact")


def test_every_store_command_acts_as_a_signed_in_account(
    hr: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No token, no action; and no option lets a caller name who they are."""
    monkeypatch.delenv("REINTEGRATION_TOKEN")
    code, _, err = run(capsys, "cases")
    assert (code, err.startswith("reintegration: sign in first")) == (1, True)
    with pytest.raises(SystemExit):  # argparse: no such option
        run(capsys, "cases", "--actor", "anna.hr", "--role", "hr")
    capsys.readouterr()
    monkeypatch.setenv("REINTEGRATION_TOKEN", "rtk_not-a-token")
    code, _, err = run(capsys, "report-sick", "E5", "--name", "X")
    assert (code, err) == (
        1,
        "reintegration: not signed in: the token is unknown, expired or revoked\n",
    )


def test_the_embedded_store_lives_in_the_chosen_data_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REINTEGRATION_DATABASE_URL", raising=False)
    monkeypatch.setenv("REINTEGRATION_DATA_DIR", str(tmp_path / "from-env"))
    args = ["users", "add", "root", "--name", "Root", "--role", "admin", "--no-password"]
    assert run(capsys, *args)[0] == 0
    assert (tmp_path / "from-env" / "reintegration.sqlite3").exists()
    assert run(capsys, *args, "--data-dir", str(tmp_path / "from-option"))[0] == 0
    assert (tmp_path / "from-option" / "reintegration.sqlite3").exists()


def test_an_unreachable_database_is_a_clear_error_without_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://hr:s3cret-pw@127.0.0.1:9/cases"
    code, out, err = run(capsys, "cases", "--database-url", url)
    assert (code, out) == (1, "")
    assert err.startswith(
        "reintegration: cannot open the store at postgresql+psycopg://hr:***@127.0.0.1:9/cases"
    )
    assert "s3cret-pw" not in err


def test_outbox_shows_each_role_the_messages_it_may_read(
    hr: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from domain.law_calendar import Step  # noqa: PLC0415
    from domain.reminders import Kind, Party, Reminder  # noqa: PLC0415
    from notifications.messages import Due, reminder_message  # noqa: PLC0415
    from notifications.sinks import OutboxSink  # noqa: PLC0415

    monkeypatch.setenv("REINTEGRATION_OUTBOX", str(tmp_path / "outbox.jsonl"))
    for employee in ("E1042", "E2077"):  # whose cases the messages are about
        report = ["report-sick", employee, "--name", "X", "--date", "2026-01-05"]
        assert run(capsys, *report)[0] == 0
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    for case, party in [
        (CASE, Party.EMPLOYEE),
        (CASE, Party.HR),
        ("E2077-20260105", Party.EMPLOYEE),
    ]:
        reminder = Reminder(
            dt.date(2026, 2, 20), Step.PLAN_OF_ACTION, dt.date(2026, 3, 2), Kind.AHEAD, 0, party
        )
        outbox.send(reminder_message(Due(case, "Jan Jansen", reminder), "en", first=True))

    def shown(*options: str) -> list[dict[str, object]]:
        code, out, _ = run(capsys, "outbox", "--json", *options)
        assert code == 0
        return [json.loads(line) for line in out.splitlines()]

    everything = shown(*as_account("anna.hr"))
    assert [(m["party"], m["cases"]) for m in everything] == [
        ("employee", [CASE]),
        ("hr", [CASE]),
        ("employee", ["E2077-20260105"]),
    ]
    assert everything[0]["attachments"][0]["name"] == "invitation.ics"  # type: ignore[index]
    own = shown(*as_account("jan"))
    assert [(m["party"], m["cases"]) for m in own] == [("employee", [CASE])]
    assert shown(*as_account("mark.manager")) == []
    assert len(shown(*as_account("olga.auditor"), "--case", "E2077-20260105")) == 1
    assert len(shown(*as_account("anna.hr"), "--party", "hr")) == 1
    assert len(shown(*as_account("anna.hr"), "--last", "2")) == 2

    code, out, _ = run(capsys, "outbox", *as_account("anna.hr"), "--party", "hr")
    assert code == 0
    assert "to hr (en)  E1042-20260105" in out
    assert (
        f"  Plan of action \N{EM DASH} employee Jan Jansen (case {CASE}): by Monday 2 March 2026"
        in out
    )
    assert "    [attached: invitation.ics]" in out


def test_an_empty_outbox_says_so(
    hr: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REINTEGRATION_OUTBOX", str(tmp_path / "none.jsonl"))
    code, out, _ = run(capsys, "outbox")
    assert (code, out) == (0, f"No messages in the outbox {tmp_path / 'none.jsonl'}.\n")


def test_cases_shows_a_target_that_reminders_cannot_reach(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from adapters.store.database import opened  # noqa: PLC0415
    from service.dispatch import Dispatcher, everything_to  # noqa: PLC0415
    from tests.store.test_dispatch import FlakySink  # noqa: PLC0415

    history(capsys)
    moment = dt.datetime.now(dt.UTC)  # the case was planned today: its escalations are due
    with opened(hr) as store:
        dispatcher = Dispatcher(store, everything_to(FlakySink(failures=1000)))
        for _ in range(8):  # the first try, five retries, and time to spare
            dispatcher.dispatch_due(moment)
            moment += dt.timedelta(days=2)
    code, out, _ = run(capsys, "cases")
    assert code == 0
    assert "  ! reminders to the hr are not delivered: flaky (connection refused)" in out
    code, out, _ = run(capsys, "cases", "--json")
    [case] = json.loads(out)
    assert [(u["party"], u["target"]) for u in case["undeliverable"]] == [("hr", "flaky")]


def test_hr_lists_adds_and_removes_an_employees_routes_without_showing_secrets(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    history(capsys)
    route = "mailtos://jan:Pa55w0rd-secret@mail.example.org/jan@example.org"
    code, out, _ = run(capsys, "contacts", "E1042")
    assert (code, out) == (
        0,
        "E1042 has no routes of their own: reminders follow the organisation's.\n",
    )
    code, out, err = run(
        capsys,
        "contacts",
        "E1042",
        "--contact",
        f"employee={route}",
        "--contact",
        "manager=nonsense://x:Pa55w0rd@host",
    )
    assert (code, out) == (1, "")
    assert err == "reintegration: not a notification URL Apprise knows (kind 'nonsense')\n"
    assert run(capsys, "contacts", "E1042")[1].startswith("E1042 has no routes of their own")
    code, out, _ = run(
        capsys,
        "contacts",
        "E1042",
        "--contact",
        f"employee={route}",
        "--language",
        "employee=en",
        "--contact",
        "manager=json://127.0.0.1:9/hook",
    )
    assert code == 0
    assert "Pa55w0rd" not in out
    [employee, manager] = out.splitlines()
    _, party, language, target = employee.split(maxsplit=3)
    assert (party, language) == ("employee", "en")
    assert target == "mailtos j***@example.org"
    code, out, _ = run(capsys, "contacts", "E1042", "--remove", manager.split()[0])
    assert (code, out.splitlines()) == (0, [employee])
    code, _, err = run(capsys, "contacts", "E1042", "--remove", "9999")
    assert (code, err) == (
        1,
        "reintegration: E1042 has no contact route 9999 (see: contacts E1042)\n",
    )
    code, _, err = run(capsys, "contacts", "E1042", *as_account("olga.auditor"))
    assert code == 1
    assert "the auditor role may not record reported_sick" in err


def test_contacts_test_sends_a_test_message_and_says_whether_it_arrived(
    hr: str, capsys: pytest.CaptureFixture[str], webhook: tuple[int, list[tuple[str, Any]]]
) -> None:
    """`contacts E --test N` sends route N a plain test message through Apprise and reports
    the result: delivered (exit 0) to the real receiver, or failed with the reason (exit 1)."""
    port, received = webhook
    history(capsys)
    good, bad = f"json://127.0.0.1:{port}/hook", f"json://127.0.0.1:{free_port()}/gone"
    code, out, _ = run(
        capsys, "contacts", "E1042", "--contact", f"hr={good}", "--contact", f"manager={bad}"
    )
    assert code == 0
    numbers = {line.split()[1]: line.split()[0] for line in out.splitlines()}
    code, out, _ = run(capsys, "contacts", "E1042", "--test", numbers["hr"])
    assert code == 0
    assert out.splitlines()[-1].endswith("was delivered.")
    assert len(received) == 1
    code, out, _ = run(capsys, "contacts", "E1042", "--test", numbers["manager"])
    assert code == 1
    assert " failed: " in out.splitlines()[-1]
    code, _, err = run(capsys, "contacts", "E1042", "--test", "9999")
    assert (code, err) == (1, "reintegration: E1042 has no contact route 9999\n")


def test_a_route_to_an_internal_address_is_refused_unless_the_operator_allows_it(
    hr: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """HR cannot point a route (and its test message) at the server's own network: refused in
    one line and not stored, until $REINTEGRATION_ROUTE_HOSTS allows the host."""
    history(capsys)
    monkeypatch.delenv("REINTEGRATION_ROUTE_HOSTS")
    code, out, err = run(capsys, "contacts", "E1042", "--contact", "hr=json://127.0.0.1:5432/x")
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: a contact route may not point at the internal address")
    assert run(capsys, "contacts", "E1042")[1].startswith("E1042 has no routes of their own")
    monkeypatch.setenv("REINTEGRATION_ROUTE_HOSTS", "127.0.0.1")
    assert run(capsys, "contacts", "E1042", "--contact", "hr=json://127.0.0.1:5432/x")[0] == 0


def test_adding_and_removing_a_route_enters_the_trail_masked(
    hr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each route added or removed is a line in the audit trail of the employee's case: who,
    when, which party, and the route masked (never its password)."""
    history(capsys)
    route = "mailtos://jan:Pa55w0rd-secret@mail.example.org/jan@example.org"
    assert run(capsys, "contacts", "E1042", "--contact", f"employee={route}")[0] == 0
    assert run(capsys, "contacts", "E1042", "--remove", "1")[0] == 0
    code, out, _ = run(capsys, "audit", CASE, "--format", "json")
    changes = [e for e in json.loads(out) if e["kind"] == "route"]
    assert code == 0
    assert [(e["type"], e["actor"], e["role"]) for e in changes] == [
        ("contact route added", "anna.hr", "hr"),
        ("contact route removed", "anna.hr", "hr"),
    ]
    assert all('party="employee"' in e["details"] for e in changes)
    assert "Pa55w0rd" not in out
    assert "mailtos j***@example.org" in changes[0]["details"]
