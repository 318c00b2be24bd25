"""Bad input and careless use (issue 14): each is refused with exit status 1 and one short line
on standard error, never a traceback, and nothing is stored; the REST API answers the same with
a 4xx and `{"detail": one line}`. On SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from adapters.store.case_store import CaseStore
from domain.errors import BadInputError
from notifications.messages import Message
from notifications.sinks import OutboxSink
from service.audit_csv import write_csv
from tests.store.conftest import as_account
from tests.store.conftest import run_cli as run
from tests.store.test_api import Api, api  # noqa: F401 (the API's server, as a fixture)

CASE = "E1042-20260105"
HUGE = "9" * 5000  # beyond Python's 4,300 digits of an int read from text
MANAGED = ("--manager", "mark.manager")
CONSOLE_SCRIPT = Path(sys.executable).parent / "reintegration"


def refused(result: tuple[int, str, str], *words: str) -> str:
    """The command failed with exit status 1 and one printable line on stderr (saying
    `words`), nothing on stdout; returns that line."""
    code, out, err = result
    assert (code, out) == (1, ""), err
    assert err.startswith("reintegration: ")
    assert err.endswith("\n")
    assert err.count("\n") == 1
    line = err.rstrip("\n")
    assert line.isprintable(), line
    assert "Traceback" not in line
    for word in words:
        assert word in line
    return line


def reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, "report-sick", "E1042", "--name", "Jan Jansen", "--date", "2026-01-05")[0] == 0
    )


def last_seq(store: CaseStore) -> int:
    return store.cases.load(CASE).case.last_seq


def stored(store: CaseStore) -> tuple[object, ...]:
    """What the commands below could have stored: entries, teams, token labels, accounts,
    employees, contact routes."""
    return (
        last_seq(store),
        store.directory.teams(),
        {token.label for token in store.directory.tokens("anna.hr")},
        [account.login for account in store.directory.accounts()],
        [store.cases.find_employee(key) for key in ("E7", "E8", "E\n8")],
        len(store.contacts.of_employee(1)),
    )


Refusal = tuple[str, tuple[str, ...], str]  # an account, what it runs, what the refusal says


def refused_storing_nothing(
    capsys: pytest.CaptureFixture[str], store: CaseStore, refusal: Refusal
) -> str:
    """`reintegration WORDS` as `login`, on a store with Jan's case: refused, storing nothing."""
    login, words, said = refusal
    reported(capsys)
    before = stored(store)
    line = refused(run(capsys, *words, *as_account(login)), said)
    assert stored(store) == before
    return line


# 1. An integer of more than 4,300 digits


def test_a_number_of_more_than_4300_digits_in_a_field_is_refused_in_words(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """`record ... percentage=<5,000 digits>` (and inside a correction's event) is refused as a
    number of too many digits, not a traceback of Python's int/str limit; nothing is stored."""
    reported(capsys)
    for field in (f"percentage={HUGE}", f'event={{"percentage": {HUGE}}}'):
        result = run(capsys, "record", CASE, "partially_recovered", field, "--date", "2026-01-07")
        refused(result, "a number has more than 4,300 digits")
    assert last_seq(store) == 1


def test_a_case_document_with_such_a_number_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`deadlines` reads a case document holding a 5,000-digit number: one line, status 1."""
    document = tmp_path / "case.json"
    document.write_text(
        f'{{"events": [{{"type": "reported_sick", "date": "2026-01-05", "percentage": {HUGE}}}]}}'
    )
    line = refused(run(capsys, "deadlines", str(document)), "is not valid JSON")
    assert line.endswith("a number has more than 4,300 digits")


def test_the_api_refuses_such_a_number_with_a_400_in_words(api: Api) -> None:  # noqa: F811
    """A JSON body with a 5,000-digit number: 400, the reason, nothing stored."""
    before = api.last_seq(api.jan_case)
    body = f'{{"type": "partially_recovered", "percentage": {HUGE}}}'
    headers = {"Content-Type": "application/json"}
    answer = api.as_(
        "anna.hr", "POST", f"/api/v1/cases/{api.jan_case}/events", headers, content=body
    )
    assert (answer.status_code, answer.json()) == (
        400,
        {"detail": "the body is not valid JSON: a number has more than 4,300 digits"},
    )
    assert api.last_seq(api.jan_case) == before


# 2. Control characters in names and keys, and what is echoed


@pytest.mark.parametrize(
    "refusal",
    [
        ("anna.hr", ("report-sick", "E7", "--name", "Jan\n\x1b[31mForged"), "display name"),
        ("anna.hr", ("record", CASE, "physician_notified\nforged"), "unknown event type"),
        ("anna.hr", ("record", CASE, "physician_notified", "--date", "2026-01-06\x1b[2J"), "date"),
        (
            "anna.hr",
            ("record", CASE, "plan_of_action_agreed", "case_manager=Bo\nb"),
            "case_manager",
        ),
        ("anna.hr", ("record", CASE, "recovered", "--idempotency-key", "k\r\n"), "idempotency key"),
        ("anna.hr", ("record", "E1042\x1b[2J", "recovered"), "no case"),
        ("anna.hr", ("contacts", "E1042", "--contact", "hr=mailto://a@b.nl\nx"), "route"),
        ("root", ("teams", "add", "Sales\nHR"), "team name"),
        ("root", ("tokens", "create", "anna.hr", "--label", "ci\x07"), "token label"),
        ("root", ("users", "add", "bob", "--name", "Bob\u202e", "--role", "hr"), "display name"),
        ("root", ("employees", "assign", "E8", "--name", "Piet\x1b[1m", *MANAGED), "display name"),
        ("root", ("employees", "assign", "E\n8", "--name", "Piet", *MANAGED), "employee key"),
    ],
)
@pytest.mark.usefixtures("hr")
def test_a_control_character_in_a_name_key_type_or_date_is_refused_and_never_echoed_raw(
    store: CaseStore, capsys: pytest.CaptureFixture[str], refusal: Refusal
) -> None:
    """A newline, an ANSI escape, a bell, a NUL or a right-to-left override in a name, a key, a
    type or a date is refused on one line that shows it escaped (it forges no line and never
    reaches the terminal), and nothing is stored."""
    assert "\x1b" not in refused_storing_nothing(capsys, store, refusal)


def test_a_case_document_echoes_a_type_or_date_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`deadlines` names the event by its type and date: escaped, on one line."""
    document = tmp_path / "case.json"
    event = {"type": "recovered\nreintegration: forged\x1b[31m", "date": "2026-01-0\n6"}
    document.write_text(json.dumps({"events": [event]}))
    line = refused(run(capsys, "deadlines", str(document)), "unknown event type")
    assert line.startswith("reintegration: event 1 (recovered\\nreintegration: forged\\x1b[31m on")


def test_cases_and_the_outbox_escape_names_stored_before_the_rule(
    hr: str,
    store: CaseStore,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name with control characters stored before they were refused (or written into the
    database by hand) shows escaped in the `cases` table, the outbox and the other lists (the
    teams here): it forges no row and never reaches the terminal."""
    reported(capsys)
    engine = create_engine(hr)
    with engine.begin() as connection:
        connection.execute(text("UPDATE employee SET display_name = 'Jan\nE9 Forged\x1b[2J'"))
        connection.execute(text("INSERT INTO team (name) VALUES ('Sales\x1b[2J')"))
    engine.dispose()
    code, out, _ = run(capsys, "teams", "list", *as_account("root"))
    assert (code, out.split()) == (0, ["Sales\\x1b[2J", "0", "employees"])
    code, out, _ = run(capsys, "cases")
    assert code == 0
    assert "Jan\\nE9 Forged\\x1b[2J" in out
    assert len(out.splitlines()) == 2  # the header and Jan's row
    outbox = tmp_path / "outbox.jsonl"
    monkeypatch.setenv("REINTEGRATION_OUTBOX", str(outbox))
    subject, body = "Jan\x1b[2J ziek", "Beste HR,\nJan\x07 is ziek\x1b]0;title\x07"
    OutboxSink(outbox).send(Message("k", (CASE,), "hr", "nl", subject, body))
    code, out, _ = run(capsys, "outbox")
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "  Jan\\x1b[2J ziek\n" in out
    assert "    Jan\\x07 is ziek\\x1b]0;title\\x07\n" in out


def test_the_api_refuses_a_control_character_with_a_422_on_one_escaped_line(
    api: Api,  # noqa: F811
) -> None:
    before = api.last_seq(api.jan_case)
    path = f"/api/v1/cases/{api.jan_case}/events"
    for body in (
        {"type": "physician_notified\n\x1b[31m"},
        {"type": "plan_of_action_agreed", "case_manager": "Bo\x1bb"},
    ):
        answer = api.as_("anna.hr", "POST", path, json=body)
        detail = answer.json()["detail"]
        assert answer.status_code == 422
        assert detail.isprintable()
    sick = {"employee": "E9100", "name": "Piet\nForged"}
    answer = api.as_("anna.hr", "POST", "/api/v1/cases", json=sick)
    assert answer.json() == {"detail": "the display name holds a control or formatting character"}
    key = {"Idempotency-Key": "k\x7f"}
    answer = api.as_("anna.hr", "POST", path, key, json={"type": "physician_notified"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "event log idempotency key: holds a control or formatting character"
    )
    assert api.last_seq(api.jan_case) == before
    assert api.store.cases.find_employee("E9100") is None


# 3. Formula injection in the audit CSV


def test_a_csv_cell_starting_with_a_tab_or_carriage_return_is_quoted_like_a_formula() -> None:
    """OWASP's rule: a cell beginning with =, +, -, @, a tab or a carriage return gets a
    leading `'` (a spreadsheet skips the tab or CR and runs what follows)."""
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd|'/c calc'!A1", "\r=HYPERLINK(1)"]
    output = io.StringIO()
    write_csv([{"type": cell, "actor": "anna.hr"} for cell in cells], output)
    written = output.getvalue()
    for cell in cells:
        assert "'" + cell in written
    assert ",anna.hr," in written  # an ordinary cell is left alone


# 4. `diary chart --output` and the store's files


@pytest.mark.usefixtures("hr")
def test_a_chart_is_never_written_over_the_store_or_an_existing_file_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diary chart --output` refuses any path in the data directory, however reached (`..`,
    a symbolic link to a file or to the directory), and an existing file or link unless
    `--force`; the store's files stay as they were."""
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir()
    elsewhere.mkdir()
    key_file = data / "reintegration.key"
    key_file.write_text("the store's key")
    monkeypatch.setenv("REINTEGRATION_DATA_DIR", str(data))
    (elsewhere / "to-key").symlink_to(key_file)
    (elsewhere / "to-data").symlink_to(data)
    (elsewhere / "dangling").symlink_to(tmp_path / "nowhere.svg")
    jan = as_account("jan")
    scores = ("--energy", "6", "--stress", "4", "--motivation", "7", "--date", "2026-03-02")
    assert run(capsys, "diary", "add", *scores, *jan)[0] == 0
    for output in (key_file, elsewhere / "../data/new.svg", elsewhere / "to-key"):
        for force in ((), ("--force",)):
            result = run(capsys, "diary", "chart", "--output", str(output), *force, *jan)
            refused(result, "is in the data directory")
    result = run(capsys, "diary", "chart", "--output", str(elsewhere / "to-data" / "c.svg"), *jan)
    refused(result, "is in the data directory")
    assert key_file.read_text() == "the store's key"
    assert sorted(p.name for p in data.iterdir()) == ["reintegration.key"]
    existing = elsewhere / "chart.svg"
    existing.write_text("mine")
    for taken in (existing, elsewhere / "dangling"):
        refused(run(capsys, "diary", "chart", "--output", str(taken), *jan), "--force overwrites")
    assert existing.read_text() == "mine"
    assert not (tmp_path / "nowhere.svg").exists()
    code, _, _ = run(capsys, "diary", "chart", "--output", str(existing), "--force", *jan)
    assert code == 0
    assert existing.read_text().startswith("<svg")


# 5. Column lengths on both databases


@pytest.mark.parametrize(
    "refusal",
    [
        (
            "anna.hr",
            ("record", CASE, "physician_notified", "--idempotency-key", "k" * 5000),
            "event log idempotency key: at most 200 characters, got 5,000",
        ),
        ("root", ("teams", "add", "t" * 5000), "team name: at most 100 characters, got 5,000"),
        (
            "root",
            ("tokens", "create", "anna.hr", "--label", "l" * 5000),
            "api token label: at most 100 characters, got 5,000",
        ),
    ],
)
@pytest.mark.usefixtures("hr")
def test_a_value_longer_than_its_column_is_refused_on_both_databases(
    store: CaseStore, capsys: pytest.CaptureFixture[str], refusal: Refusal
) -> None:
    """SQLite would keep a 5,000-character key in a column of 200; PostgreSQL refuses it with
    an error of its own: both refuse it the same way, before writing, on one line, and nothing
    is stored."""
    line = refused_storing_nothing(capsys, store, refusal)
    assert line == f"reintegration: {refusal[2]}"


def test_the_store_itself_refuses_what_does_not_fit_whoever_calls_it(store: CaseStore) -> None:
    """The limit is the column's, checked in the store for every caller (the CLI, the API,
    the console, the flows)."""
    with pytest.raises(BadInputError, match="team name: at most 100 characters, got 101"):
        store.directory.add_team("t" * 101)
    store.directory.add_team("t" * 100)
    assert ("t" * 100, 0) in store.directory.teams()


def test_the_api_refuses_a_key_longer_than_its_column_with_a_422(api: Api) -> None:  # noqa: F811
    before = api.last_seq(api.jan_case)
    key = {"Idempotency-Key": "k" * 5000}
    path = f"/api/v1/cases/{api.jan_case}/events"
    answer = api.as_("anna.hr", "POST", path, key, json={"type": "physician_notified"})
    assert (answer.status_code, answer.json()) == (
        422,
        {"detail": "event log idempotency key: at most 200 characters, got 5,000"},
    )
    assert api.last_seq(api.jan_case) == before


# 6. Output piped into a reader that stops early


def test_output_piped_into_head_ends_quietly_without_a_traceback(tmp_path: Path) -> None:
    """`reintegration ... | head -1`: head goes after one line; the command ends with status 1
    and says nothing (no BrokenPipeError traceback), as Python's documentation advises."""
    case = {"as_of": "2026-06-01", "events": [{"type": "reported_sick", "date": "2026-01-05"}]}
    document = tmp_path / "cases.json"
    document.write_text(json.dumps([case] * 3000))  # far more output than a pipe holds
    pipeline = f"'{CONSOLE_SCRIPT}' deadlines '{document}' | head -1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", pipeline], capture_output=True, text=True, timeout=120, check=False
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == "Case 1 of 3000\n"


# 7. Huge input is echoed cut short


def test_a_huge_type_or_key_is_echoed_cut_short(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A 10 MB event type (a 200 MB one put 400 MB on stderr) is quoted in at most 80
    characters and an ellipsis, from the command line and from a case document; so is a huge
    unknown case key, and an event with 100,000 unknown fields names three and counts the rest."""
    reported(capsys)
    huge = "t" * 10_000_000
    line = refused(run(capsys, "record", CASE, huge), "unknown event type")
    assert f"'{'t' * 80}'… (known: reported_sick" in line
    assert len(line) < 1_200
    document = tmp_path / "case.json"
    document.write_text(json.dumps({"events": [{"type": huge, "date": "2026-01-05"}]}))
    assert len(refused(run(capsys, "deadlines", str(document)))) < 1_300
    assert len(refused(run(capsys, "record", "E" * 1_000_000, "recovered"), "no case")) < 200
    many = {"type": "recovered", "date": "2026-01-05"} | {f"x{n}": 1 for n in range(100_000)}
    document.write_text(json.dumps({"events": [many]}))
    line = refused(run(capsys, "deadlines", str(document)), "unknown field 'x0'", "and 99997 more")
    assert len(line) < 600
    assert last_seq(store) == 1


def test_a_usage_error_quotes_an_argument_cut_short(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own refusals ("invalid int value: '...'") quote at most 80 characters."""
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "diary", "add", "--energy", HUGE, "--stress", "1", "--motivation", "1")
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"invalid int value: '{'9' * 79}…" in err
    assert len(err) < 1_000


def test_the_api_echoes_a_huge_type_cut_short(api: Api) -> None:  # noqa: F811
    path = f"/api/v1/cases/{api.jan_case}/events"
    answer = api.as_("anna.hr", "POST", path, json={"type": "t" * 1_000_000})
    assert answer.status_code == 422
    assert len(answer.json()["detail"]) < 1_200
    many = {"type": "recovered"} | {f"x\n{n}": 1 for n in range(10_000)}
    answer = api.as_("anna.hr", "POST", path, json=many)
    assert answer.status_code == 422
    assert answer.json()["detail"].endswith("; and 9997 more")
    assert answer.json()["detail"].isprintable()
