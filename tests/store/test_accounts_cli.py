"""The account commands on a real store (SQLite and PostgreSQL): an organisation starts with
its first admin, people sign in with a password for a token, and only a token's account acts.
Neither a password nor a token is stored as it is."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import text

from adapters.store.case_store import CaseStore
from domain.roles import Role
from service.accounts import TokenRequest, actor_of, create_token
from service.ports import NewAccount
from tests.organisation import assign_physician
from tests.store.conftest import as_account, run_cli

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"  # noqa: S105 (a test password)


@pytest.fixture
def organisation(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    database_url: str,
    empty_store: CaseStore,
) -> str:
    """A store with its first admin (token-only: no password to hash), signed in:
    $REINTEGRATION_TOKEN holds the admin's token."""
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", database_url)
    monkeypatch.delenv("REINTEGRATION_TOKEN", raising=False)
    code, out, _ = run_cli(
        capsys, "users", "add", "root", "--name", "Root", "--role", "admin", "--no-password"
    )
    assert (code, out) == (0, "added root (admin)\n")
    root = actor_of(empty_store.directory.account("root"))
    token = create_token(empty_store, root, TokenRequest("root"), NOW).token
    monkeypatch.setenv("REINTEGRATION_TOKEN", token)
    return token


def dump(store: CaseStore) -> str:
    """Every value in the account and token tables, as text."""
    with store.engine.connect() as connection:
        rows = [
            *connection.execute(text("SELECT * FROM account")),
            *connection.execute(text("SELECT * FROM api_token")),
        ]
    return repr(rows)


def test_an_organisation_starts_with_its_first_admin_who_then_signs_in(
    empty_store: CaseStore,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Neither the password nor the token is in the database: a hash and a digest are."""
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", database_url)
    monkeypatch.delenv("REINTEGRATION_TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, out, _ = run_cli(
        capsys, "users", "add", "root", "--name", "Root", "--role", "admin", "--password-stdin"
    )
    assert (code, out) == (0, "added root (admin)\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, token, err = run_cli(capsys, "login", "root", "--password-stdin")
    assert (code, err) == (0, "signed in as root (admin) for 12 hours\n")
    assert token.startswith("rtk_")
    assert PASSWORD not in dump(empty_store)
    assert token.strip() not in dump(empty_store)
    monkeypatch.setenv("REINTEGRATION_TOKEN", token.strip())
    code, out, _ = run_cli(capsys, "users", "list", "--json")
    assert code == 0
    assert '"login": "root"' in out
    assert "password" not in out


def test_a_generated_password_is_printed_once_and_works(
    organisation: str,
    empty_store: CaseStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "users", "add", "anna", "--name", "Anna", "--role", "hr")
    assert code == 0
    generated = out.splitlines()[-1].removeprefix("password (shown once): ")
    assert len(generated) == 20
    assert generated not in dump(empty_store)
    monkeypatch.setattr("sys.stdin", io.StringIO(generated + "\n"))
    code, _, err = run_cli(capsys, "login", "anna", "--password-stdin", "--hours", "1")
    assert (code, err) == (0, "signed in as anna (hr) for 1 hours\n")


def test_login_without_a_terminal_or_a_piped_password_says_so(
    organisation: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_terminal(_prompt: str) -> str:
        raise EOFError  # what getpass does with nothing to read

    monkeypatch.setattr("getpass.getpass", no_terminal)
    assert run_cli(capsys, "login", "anna") == (
        1,
        "",
        "reintegration: no password given: type it, or pipe it with --password-stdin\n",
    )


def test_without_an_admins_token_no_account_command_runs(
    organisation: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once a store has an account, adding one needs an admin's token: no self-declared role."""
    run_cli(capsys, "users", "add", "anna", "--name", "Anna", "--role", "hr", "--no-password")
    code, hr_token, _ = run_cli(capsys, "tokens", "create", "anna")
    assert code == 0
    monkeypatch.setenv("REINTEGRATION_TOKEN", hr_token.strip())
    attempts = [
        ["users", "add", "eve", "--name", "Eve", "--role", "admin", "--no-password"],
        ["users", "list"],
        ["users", "disable", "root"],
        ["tokens", "create", "root"],
    ]
    for attempt in attempts:
        code, out, err = run_cli(capsys, *attempt)
        assert (code, out) == (1, ""), attempt
        assert err.startswith("reintegration: ")
        assert "Traceback" not in err
    monkeypatch.delenv("REINTEGRATION_TOKEN")
    code, _, err = run_cli(capsys, "users", "list")
    assert (code, err.startswith("reintegration: sign in first")) == (1, True)
    monkeypatch.setenv("REINTEGRATION_TOKEN", "rtk_made_up")
    code, _, err = run_cli(capsys, "users", "list")
    assert (code, err) == (
        1,
        "reintegration: not signed in: the token is unknown, expired or revoked\n",
    )


def test_a_password_reset_signs_the_account_out_everywhere(
    organisation: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reset often follows a leak: the account's tokens stop working with the old password."""
    run_cli(capsys, "users", "add", "anna", "--name", "Anna", "--role", "hr", "--no-password")
    tokens = [run_cli(capsys, "tokens", "create", "anna")[1].strip() for _ in range(2)]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, out, _ = run_cli(capsys, "users", "reset-password", "anna", "--password-stdin")
    assert (code, out) == (0, "new password for anna set; 2 token(s) of theirs revoked\n")
    for token in tokens:
        monkeypatch.setenv("REINTEGRATION_TOKEN", token)
        assert run_cli(capsys, "cases")[2] == (
            "reintegration: not signed in: the token is unknown, expired or revoked\n"
        )


def test_a_revoked_or_disabled_accounts_token_stops_working_at_once(
    organisation: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "users", "add", "anna", "--name", "Anna", "--role", "hr", "--no-password")
    _, token, _ = run_cli(capsys, "tokens", "create", "anna", "--expires", "30")
    code, listed, _ = run_cli(capsys, "tokens", "list", "anna")
    assert (code, token.strip() in listed) == (0, False)  # never shown again
    assert run_cli(capsys, "users", "disable", "anna")[0] == 0
    monkeypatch.setenv("REINTEGRATION_TOKEN", token.strip())
    assert run_cli(capsys, "teams", "list")[0] == 1
    monkeypatch.setenv("REINTEGRATION_TOKEN", organisation)
    assert run_cli(capsys, "users", "enable", "anna")[0] == 0
    token_id = listed.split()[0]
    assert run_cli(capsys, "tokens", "revoke", token_id)[1] == f"token {token_id} revoked\n"
    monkeypatch.setenv("REINTEGRATION_TOKEN", token.strip())
    assert run_cli(capsys, "teams", "list")[0] == 1


def test_teams_managers_and_physicians_are_assigned_by_name_and_checked(
    organisation: str, empty_store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused assignment leaves nothing behind: not even the new employee it named."""
    for login, role in (("mark", "manager"), ("dr.bakker", "physician")):
        run_cli(capsys, "users", "add", login, "--name", login, "--role", role, "--no-password")
    assert run_cli(capsys, "teams", "add", "Sales")[0] == 0
    code, out, _ = run_cli(
        capsys,
        "employees",
        "assign",
        "E1042",
        "--name",
        "Jan",
        "--team",
        "Sales",
        "--manager",
        "mark",
    )
    assert (code, out) == (0, "E1042: team Sales, manager mark\n")
    code, _, err = run_cli(
        capsys, "employees", "assign", "E2077", "--name", "Piet", "--manager", "dr.bakker"
    )
    assert (code, err) == (1, "reintegration: 'dr.bakker' is not a manager but physician\n")
    assert empty_store.cases.find_employee("E2077") is None
    code, out, _ = run_cli(capsys, "teams", "list")
    assert out == "Sales                          1 employee\n"
    code, _, err = run_cli(capsys, "cases", "assign-physician", "E1042-20260105", "dr.bakker")
    assert (code, err) == (1, "reintegration: no case E1042-20260105\n")


def test_a_manager_or_physician_sees_only_their_own_cases_the_others_do_not_exist(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the real store: the case list and a case, for the managers and physicians of the
    organisation, one of them Jan's and one not."""
    for login, role in (("ria.manager", "manager"), ("dr.other", "physician")):
        new = NewAccount(login, login, Role(role), None, NOW)
        store.directory.add_account(new)
    assert run_cli(capsys, "report-sick", "E1042", "--name", "Jan", "--date", "2026-01-05")[0] == 0
    case = "E1042-20260105"
    assign_physician(store, case)
    for login, sees in (
        ("mark.manager", True),
        ("dr.bakker", True),
        ("ria.manager", False),
        ("dr.other", False),
    ):
        code, out, _ = run_cli(capsys, "cases", "--json", *as_account(login))
        assert (code, case in out) == (0, sees), login
        code, _, err = run_cli(capsys, "recovery", case, *as_account(login))
        assert (code, err) == ((0, "") if sees else (1, f"reintegration: no case '{case}'\n"))


def test_hr_takes_a_case_from_a_physician_who_then_no_longer_sees_it(
    hr: str, store: CaseStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cases unassign-physician CASE LOGIN` (another physician took over): the case leaves
    the physician's list; a second time, or a login that was not assigned, is one line."""
    assert run_cli(capsys, "report-sick", "E1042", "--name", "Jan", "--date", "2026-01-05")[0] == 0
    case = "E1042-20260105"
    assign_physician(store, case)
    assert case in run_cli(capsys, "cases", "--json", *as_account("dr.bakker"))[1]
    code, out, _ = run_cli(capsys, "cases", "unassign-physician", case, "dr.bakker")
    assert (code, out) == (0, f"{case}: no longer physician dr.bakker\n")
    assert case not in run_cli(capsys, "cases", "--json", *as_account("dr.bakker"))[1]
    code, _, err = run_cli(capsys, "cases", "unassign-physician", case, "dr.bakker")
    assert (code, err) == (1, f"reintegration: 'dr.bakker' is not a physician of case {case}\n")
