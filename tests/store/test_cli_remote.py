"""The CLI as a client of a real `reintegration web` process ($REINTEGRATION_URL), on SQLite and
PostgreSQL: the commands the API serves print what they print on a local store, as the account
of the token; the server's refusals are the CLI's one-line reasons; the other commands say that
they need a local store."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from cli.remote import URL_VARIABLE
from cli.store_options import TOKEN_VARIABLE
from service import diary
from service.recording import ReportSick, report_sick
from tests.conftest import TEST_KEY
from tests.organisation import HR, JAN, PHYSICIAN, assign_physician, organise, token_for
from tests.store.api_server import free_port, serving
from tests.store.conftest import new_database_url, run_cli, sealed_store

FIRST_DAY = "2026-11-02"
SignIn = Callable[[str], None]


@dataclass(frozen=True)
class Server:
    base: str
    url: str  # the store's database URL, for running the same command locally
    store: CaseStore
    jan_case: str
    tokens: dict[str, str]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp(f"remote-{request.param}")
    url = new_database_url(request, request.param, directory)
    store = sealed_store(url)
    organise(store)
    jan_case = report_sick(
        store, HR, ReportSick("E1042", "Jan Jansen", {"date": FIRST_DAY}), dt.datetime.now(dt.UTC)
    )
    assign_physician(store, jan_case.case_key)
    logins = ("anna.hr", "mark.manager", "dr.bakker", "jan", "olga.auditor")
    tokens = {login: token_for(store, login) for login in logins}
    try:
        with serving(url, directory / "server.log", directory, TEST_KEY) as base:
            yield Server(base, url, store, jan_case.case_key, tokens)
    finally:
        store.engine.dispose()


@pytest.fixture
def as_(server: Server, monkeypatch: pytest.MonkeyPatch) -> SignIn:
    """`as_(login)`: from now on the CLI talks to the server as the account `login`."""
    monkeypatch.delenv("REINTEGRATION_DATABASE_URL", raising=False)
    monkeypatch.delenv("REINTEGRATION_DATA_DIR", raising=False)
    monkeypatch.setenv(URL_VARIABLE, server.base)

    def sign_in(login: str) -> None:
        monkeypatch.setenv(TOKEN_VARIABLE, server.tokens[login])

    return sign_in


def test_cases_through_the_server_print_what_the_local_store_prints(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same table and JSON either way: one renderer, fed by the service or the API."""
    as_("anna.hr")
    remote = [run_cli(capsys, "cases"), run_cli(capsys, "cases", "--json")]
    local = [
        run_cli(capsys, "cases", "--database-url", server.url),  # the option wins over the URL
        run_cli(capsys, "cases", "--json", "--database-url", server.url),
    ]
    assert remote == local
    assert remote[0][1].startswith("Case ")
    assert server.jan_case in [case["case"] for case in json.loads(remote[1][1])]


def test_the_riv_through_the_server_prints_what_the_local_store_prints(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    """`riv CASE` and `riv CASE --json` read the same report through the API as locally."""
    as_("anna.hr")
    remote = [run_cli(capsys, "riv", server.jan_case, *flag) for flag in ((), ("--json",))]
    local = [
        run_cli(capsys, "riv", server.jan_case, "--database-url", server.url, *flag)
        for flag in ((), ("--json",))
    ]
    assert remote == local
    report = json.loads(remote[1][1])
    analysis = report["parts"][0]
    overdue = analysis["due"] < report["as_of"]  # ISO dates compare as text
    assert analysis["status"] == ("missing" if overdue else "not_yet_due")


def test_a_sick_report_and_an_entry_through_the_server_are_the_accounts_own(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    as_("anna.hr")
    code, out, err = run_cli(
        capsys, "report-sick", "E7001", "--name", "Eva Smit", "--date", FIRST_DAY
    )
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0] == f"Recorded case E7001-20261102 entry 1: reported_sick on {FIRST_DAY}"
    )
    assert out.splitlines()[1] == (
        "Next: notify_physician due 2026-11-08 (employer): "
        "Report the absence to the occupational physician"
    )
    code, out, err = run_cli(
        capsys, "record", "E7001-20261102", "physician_notified", "--date", "2026-11-03",
        "--idempotency-key", "k-1",
    )  # fmt: skip
    assert (code, err, out.split(":")[0]) == (0, "", "Recorded case E7001-20261102 entry 2")
    again = run_cli(
        capsys, "record", "E7001-20261102", "physician_notified", "--date", "2026-11-03",
        "--idempotency-key", "k-1",
    )  # fmt: skip
    assert again[1].startswith("Already recorded (same idempotency key), nothing changed: case")
    code, out, _ = run_cli(capsys, "audit", "E7001-20261102", "--format", "json")
    events = [row for row in json.loads(out) if row["kind"] == "event"]
    assert [(row["seq"], row["actor"], row["role"]) for row in events] == [
        (1, "anna.hr", "hr"),
        (2, "anna.hr", "hr"),
    ]
    code, out, _ = run_cli(capsys, "audit", "E7001-20261102", "--format", "csv")
    assert out.splitlines()[0].startswith("kind,seq,recorded_at")


def test_a_sick_report_through_the_server_carries_its_facts_and_the_first_name(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    """The flags become the API's fields; the answer prints as a local store's does."""
    as_("anna.hr")
    code, out, err = run_cli(
        capsys, "report-sick", "E7003", "--name", "Ruud Smit", "--date", FIRST_DAY,
        "--first-name", "Ruud", "--no-vangnet", "--expected-duration", "6_to_13_weeks",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "Facts recorded with it, entry 2: vangnet=no, expected_duration=6_to_13_weeks"
    )
    stored = server.store.cases.load("E7003-20261102")
    assert [e.type for e in stored.log] == ["reported_sick", "sick_facts_recorded"]
    assert stored.employee.first_name == "Ruud"


def test_the_servers_refusals_are_the_clis_one_line_reasons(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    as_("mark.manager")
    code, out, err = run_cli(
        capsys, "record", server.jan_case, "problem_analysis_done", "--date", "2026-11-20"
    )
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: ")
    assert err.count("\n") == 1
    assert "physician" in err
    as_("anna.hr")
    assert run_cli(capsys, "audit", "E9999-20260101") == (
        1,
        "",
        "reintegration: no case 'E9999-20260101'\n",
    )
    code, _, err = run_cli(
        capsys, "record", server.jan_case, "physician_notified", "--expect-seq", "99"
    )
    assert code == 1
    assert "changed" in err
    assert err.count("\n") == 1


def test_a_token_the_server_does_not_know_and_no_token_are_refused(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "rtk_" + "0" * 43)
    code, out, err = run_cli(capsys, "cases")
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: ")
    assert err.count("\n") == 1
    monkeypatch.delenv(TOKEN_VARIABLE)
    code, _, err = run_cli(capsys, "cases")
    assert (code, err.split(":")[1]) == (1, " sign in first")


def test_a_server_that_does_not_answer_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
    monkeypatch.setenv(URL_VARIABLE, f"http://127.0.0.1:{free_port()}")
    code, out, err = run_cli(capsys, "cases")
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: cannot reach the server at http://127.0.0.1:")
    assert err.count("\n") == 1
    monkeypatch.setenv(URL_VARIABLE, "ftp://127.0.0.1:8000")
    assert run_cli(capsys, "cases")[2] == (
        f"reintegration: ${URL_VARIABLE} must be an http:// or https:// URL, got "
        "'ftp://127.0.0.1:8000'\n"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hr.example.org", "must use https:// for hr.example.org: plain http is only"),
        ("https://bob:hunter2@hr.example.org", "must not hold a user or password"),
    ],
)
def test_a_token_never_travels_in_the_clear_nor_beside_a_password_in_the_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
    monkeypatch.setenv(URL_VARIABLE, url)
    code, out, err = run_cli(capsys, "cases")
    assert (code, out) == (1, "")
    assert err.startswith(f"reintegration: ${URL_VARIABLE} {reason}")
    assert "hunter2" not in err


def test_a_token_with_characters_no_token_has_is_refused_without_echoing_it(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    as_("anna.hr")
    monkeypatch.setenv(TOKEN_VARIABLE, server.tokens["anna.hr"] + "\r\n")  # pasted with a CRLF
    assert run_cli(capsys, "cases")[0] == 0
    monkeypatch.setenv(TOKEN_VARIABLE, server.tokens["anna.hr"] + "é")
    assert run_cli(capsys, "cases") == (
        1,
        "",
        f"reintegration: {TOKEN_VARIABLE} holds characters that no token has\n",
    )


def test_a_server_that_is_not_reintegration_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A proxy's or another program's page where the API should be: no JSON, no traceback."""
    page = tmp_path / "api" / "v1" / "cases"
    page.parent.mkdir(parents=True)
    page.write_text("<html>not here</html>")
    port = free_port()
    other = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
        monkeypatch.setenv(URL_VARIABLE, base)
        for _ in range(100):  # until it listens
            code, out, err = run_cli(capsys, "cases")
            if "cannot reach" not in err:
                break
            time.sleep(0.05)
        said = f"the server at {base} did not answer with JSON: is it `reintegration web`?"
        assert (code, out, err) == (1, "", f"reintegration: {said}\n")
    finally:
        other.terminate()
        other.wait(timeout=10)


class _Answering(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, _AnsweringServer)
        server.requests.append(dict(self.headers))
        status, headers, body = server.answer
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


class _AnsweringServer(HTTPServer):
    """Gives every request the same `answer` (status, headers, body) and keeps the headers of
    each request it was sent."""

    def __init__(self, answer: tuple[int, dict[str, str], bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Answering)
        self.answer = answer
        self.requests: list[dict[str, str]] = []


@contextmanager
def answering(
    status: int, headers: dict[str, str], body: bytes
) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A server on 127.0.0.1 that gives every request the same answer: its base URL and the
    headers of the requests it was sent."""
    server = _AnsweringServer((status, headers, body))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", server.requests
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_is_an_answer_and_the_token_does_not_follow_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following a redirect would hand the token to whatever the answer points at."""
    with answering(200, {"Content-Type": "application/json"}, b"[]") as (elsewhere, seen):
        moved = {"Location": f"{elsewhere}/api/v1/cases"}
        with answering(302, moved, b"") as (base, asked):
            monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
            monkeypatch.setenv(URL_VARIABLE, base)
            code, out, err = run_cli(capsys, "cases")
    assert (code, out, err) == (1, "", "reintegration: the server answered 302 Found\n")
    assert [headers["Authorization"] for headers in asked] == ["Bearer rtk_anything"]
    assert seen == []


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (502, {}, b"[1, 2]"),
        (502, {}, b"<html>bad gateway</html>"),
        (502, {}, b'{"detail": [1]}'),
        (401, {"Content-Length": "100"}, b'{"detail":'),  # the connection closes 10 bytes in
    ],
)
def test_an_error_answer_without_a_whole_reason_in_words_gives_its_status(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    headers: dict[str, str],
    body: bytes,
) -> None:
    with answering(status, headers, body) as (base, _):
        monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
        monkeypatch.setenv(URL_VARIABLE, base)
        said = run_cli(capsys, "cases")
    phrase = HTTPStatus(status).phrase
    assert said == (1, "", f"reintegration: the server answered {status} {phrase}\n")


def test_a_server_on_this_machine_is_reached_without_the_proxy(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain http is for this machine only: the token is not handed to a proxy on the way."""
    with answering(200, {"Content-Type": "application/json"}, b"[]") as (base, asked):
        for variable in ("http_proxy", "HTTP_PROXY", "all_proxy"):
            monkeypatch.setenv(variable, f"http://127.0.0.1:{free_port()}")  # none listens
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.setenv(TOKEN_VARIABLE, "rtk_anything")
        monkeypatch.setenv(URL_VARIABLE, base)
        said = run_cli(capsys, "cases")
    assert said == (0, "No open cases.\n", "")
    assert len(asked) == 1


@pytest.mark.parametrize(
    "command",
    [
        ("verify",),
        ("contacts", "E1042"),
        ("outbox",),
        ("recovery", "E1042-20261102"),
        ("users", "list"),
        ("diary", "share", "dr.bakker"),
        ("keys", "rotate"),
        ("backup", "reintegration-backup"),
        ("restore", "reintegration-backup"),
    ],
)
def test_a_command_without_an_endpoint_says_it_needs_a_local_store(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    as_("anna.hr")
    code, out, err = run_cli(capsys, *command)
    assert (code, out) == (1, "")
    assert err == (
        f"reintegration: `{command[0]}` works on a local store only, not through the server "
        f"{server.base}: unset ${URL_VARIABLE}, or give --database-url or --data-dir\n"
    )


def test_contact_routes_are_not_sent_to_a_server_and_nothing_is_recorded(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    as_("anna.hr")
    code, out, err = run_cli(
        capsys, "report-sick", "E7002", "--name", "Bo", "--contact", "hr=mailto://hr@example.org"
    )
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: --contact needs a local store")
    assert server.store.cases.find_employee("E7002") is None


def test_the_diary_through_the_server_is_the_employees_and_whom_they_share_it_with(
    server: Server, as_: SignIn, capsys: pytest.CaptureFixture[str]
) -> None:
    as_("jan")
    scores = ("--energy", "6", "--stress", "4", "--motivation", "7", "--date", "2026-11-20")
    assert run_cli(capsys, "diary", "add", *scores)[:2] == (
        0,
        "Diary: 2026-11-20 written (1 days in all).\n",
    )
    own = run_cli(capsys, "diary", "show")
    assert own[1].splitlines()[1] == "2026-11-20       6       4           7"
    diary.share(server.store, JAN, PHYSICIAN.name)
    as_("dr.bakker")
    assert run_cli(capsys, "diary", "show", "E1042") == own
    as_("anna.hr")
    code, out, err = run_cli(capsys, "diary", "show", "E1042")
    assert (code, out) == (1, "")
    assert err.startswith("reintegration: ")


def test_the_server_itself_ignores_the_client_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`reintegration web` opens its own store even where $REINTEGRATION_URL is set: a bad
    store is refused on one line by the store, not by the client rule."""
    monkeypatch.setenv(URL_VARIABLE, "http://127.0.0.1:9")
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", f"sqlite:///{tmp_path / 'no' / 'db.sqlite3'}")
    code, _, err = run_cli(capsys, "web")
    assert code == 1
    assert err.startswith("reintegration: cannot open the store at ")
