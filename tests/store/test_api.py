"""The REST API against a real `reintegration web` process, on SQLite and on PostgreSQL: who may
do what (every role of the organisation, a manager of another team and another employee), the
caller's account as the only actor, and the status codes and one-line reasons of the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from adapters.amsterdam_time import today_in_amsterdam
from adapters.store.case_store import CaseStore
from domain.roles import Role
from service import diary
from service.audit_csv import CSV_FIELDS, spreadsheet_safe
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee
from service.recording import FACTS_TYPE, SICK_FACTS, ReportSick, report_sick
from tests.conftest import TEST_KEY
from tests.organisation import HR, JAN, SINCE, assign_physician, manage, organise, token_for
from tests.store.api_server import serving
from tests.store.conftest import new_database_url, run_cli, sealed_store
from web.cases import SickReport

OTHER_MANAGER = "other.manager"  # manages Piet (E2000), not Jan
PIET = Actor("piet", Role.EMPLOYEE, employee_key="E2000")
LOGINS = (
    "anna.hr",
    "mark.manager",
    "dr.bakker",
    "olga.auditor",
    "coach.co",
    "jan",
    "root",
    OTHER_MANAGER,
    "piet",
)


@dataclass(frozen=True)
class Api:
    client: httpx.Client
    store: CaseStore
    url: str
    jan_case: str  # dr.bakker is its physician; Jan shares his diary with dr.bakker
    piet_case: str
    tokens: dict[str, str]

    def as_(
        self,
        login: str,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        **kwargs: object,
    ) -> httpx.Response:
        """A request signed in as the account `login`."""
        signed = {"Authorization": f"Bearer {self.tokens[login]}", **(headers or {})}
        return self.client.request(method, path, headers=signed, **kwargs)  # type: ignore[arg-type]

    def last_seq(self, case: str) -> int:
        return self.store.cases.load(case).case.last_seq


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One server per database for the whole module, on the organisation of
    `tests.organisation` plus a second manager and their employee, each with a case."""
    directory = tmp_path_factory.mktemp(f"api-{request.param}")
    url = new_database_url(request, request.param, directory)
    store = sealed_store(url)
    now = dt.datetime.now(dt.UTC)
    first = (today_in_amsterdam(now) - dt.timedelta(days=20)).isoformat()
    organise(store)
    store.directory.add_account(NewAccount(OTHER_MANAGER, "Olaf", Role.MANAGER, None, SINCE))
    store.directory.add_account(NewAccount("piet", "Piet", Role.EMPLOYEE, None, SINCE, "E2000"))
    store.directory.assign_employee(NewEmployee("E2000", "Piet Peters"), None, OTHER_MANAGER)
    manage(store, "E3000", "Els de Vries")
    jan_case = report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": first}), now)
    piet_case = report_sick(store, HR, ReportSick("E2000", "Piet Peters", {"date": first}), now)
    assign_physician(store, jan_case.case_key)
    entry = diary.parse_diary_entry({"date": first, "energy": 6, "stress": 4, "motivation": 7})
    diary.write(store, JAN, entry, now)
    diary.share(store, JAN, "dr.bakker")
    tokens = {login: token_for(store, login) for login in LOGINS}
    try:
        with (
            serving(url, directory / "server.log", directory, TEST_KEY) as base,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            yield Api(client, store, url, jan_case.case_key, piet_case.case_key, tokens)
    finally:
        store.engine.dispose()


def today() -> str:
    return today_in_amsterdam(dt.datetime.now(dt.UTC)).isoformat()


# The access matrix: each resource, the status each caller gets.
CASE_LIST = {
    "anna.hr": 200,
    "mark.manager": 200,
    "dr.bakker": 200,
    "olga.auditor": 200,
    OTHER_MANAGER: 200,
    "coach.co": 403,
    "jan": 403,
    "root": 403,
    "piet": 403,
}
SEES_JANS_CASE = {"anna.hr", "mark.manager", "dr.bakker", "olga.auditor"}
SEES_PIETS_CASE = {"anna.hr", "olga.auditor", OTHER_MANAGER}
ONE_CASE = {
    "anna.hr": 200,
    "mark.manager": 200,
    "dr.bakker": 200,
    "olga.auditor": 200,
    "jan": 200,
    "coach.co": 403,
    "root": 403,
    OTHER_MANAGER: 404,
    "piet": 404,
}
AUDIT = {
    "anna.hr": 200,
    "dr.bakker": 200,
    "olga.auditor": 200,
    "jan": 200,
    "mark.manager": 403,
    "coach.co": 403,
    "root": 403,
    OTHER_MANAGER: 403,
    "piet": 404,
}
RECORD_PHYSICIAN_NOTIFIED = {
    "anna.hr": 201,
    "mark.manager": 403,
    "dr.bakker": 403,
    "olga.auditor": 403,
    "jan": 403,
    "coach.co": 404,
    "root": 404,
    OTHER_MANAGER: 404,
    "piet": 404,
}
REPORT_SICK_E3000 = {
    "anna.hr": 201,
    "mark.manager": 201,
    OTHER_MANAGER: 404,
    "dr.bakker": 403,
    "olga.auditor": 403,
    "coach.co": 403,
    "jan": 403,
    "root": 403,
    "piet": 403,
}
OWN_DIARY = {"jan": 201, "piet": 201} | {
    login: 403 for login in LOGINS if login not in ("jan", "piet")
}
# Who sees Jan's case is told the diary is not theirs to read; anyone else finds no Jan.
JANS_DIARY = {"jan": 200, "dr.bakker": 200, "anna.hr": 403, "olga.auditor": 403} | {
    "mark.manager": 403,
    "coach.co": 404,
    "root": 404,
    OTHER_MANAGER: 404,
    "piet": 404,
}


@pytest.mark.parametrize("login", LOGINS)
def test_the_case_list_answers_each_role_and_shows_only_the_cases_it_may_see(
    api: Api, login: str
) -> None:
    response = api.as_(login, "GET", "/api/v1/cases")
    assert response.status_code == CASE_LIST[login], response.text
    if response.status_code == 200:
        keys = {summary["case"] for summary in response.json()}
        assert (api.jan_case in keys) == (login in SEES_JANS_CASE)
        assert (api.piet_case in keys) == (login in SEES_PIETS_CASE)


@pytest.mark.parametrize("login", LOGINS)
def test_a_case_is_shown_to_who_lists_cases_and_its_employee_and_not_found_by_anyone_else(
    api: Api, login: str
) -> None:
    response = api.as_(login, "GET", f"/api/v1/cases/{api.jan_case}")
    assert response.status_code == ONE_CASE[login], response.text
    if response.status_code == 404:
        assert response.json() == {"detail": f"no case {api.jan_case!r}"}
    if response.status_code == 200:
        shown = response.json()
        assert shown["case"] == api.jan_case
        assert shown["status"] == "sick"
        assert shown["last_seq"] == api.last_seq(api.jan_case)
        assert {"step", "due", "party", "overdue"} <= set(shown["open_steps"][0])
        assert shown["timeline"][0]["what"] == "reported_sick"


@pytest.mark.parametrize("login", LOGINS)
def test_an_audit_trail_is_read_by_hr_the_physician_the_auditor_and_the_employee_only(
    api: Api, login: str
) -> None:
    response = api.as_(login, "GET", f"/api/v1/cases/{api.jan_case}/audit")
    assert response.status_code == AUDIT[login], response.text
    if response.status_code == 200:
        assert response.json()[0]["type"] == "reported_sick"


@pytest.mark.parametrize("login", LOGINS)
def test_an_event_is_recorded_only_by_a_role_that_may_record_it_on_a_case_it_sees(
    api: Api, login: str
) -> None:
    before = api.last_seq(api.jan_case)
    body = {"type": "physician_notified", "date": today()}
    response = api.as_(login, "POST", f"/api/v1/cases/{api.jan_case}/events", json=body)
    assert response.status_code == RECORD_PHYSICIAN_NOTIFIED[login], response.text
    assert api.last_seq(api.jan_case) == before + (response.status_code == 201)


@pytest.mark.parametrize("login", LOGINS)
def test_a_sick_report_is_made_by_the_employer_side_for_an_employee_it_manages(
    api: Api, login: str
) -> None:
    employee = "E5000" if login == "anna.hr" else "E3000"  # HR's own, so that each opens a case
    body = {"employee": employee, "name": "Els de Vries", "date": today()}
    response = api.as_(login, "POST", "/api/v1/cases", json=body)
    assert response.status_code == REPORT_SICK_E3000[login], response.text
    if response.status_code == 201:
        assert response.json()["case"].startswith(f"{employee}-")
        assert response.json()["seq"] == 1


@pytest.mark.parametrize("login", LOGINS)
def test_only_an_employee_writes_and_reads_a_diary_of_their_own(api: Api, login: str) -> None:
    body = {"energy": 5, "stress": 5, "motivation": 5}
    written = api.as_(login, "POST", "/api/v1/me/diary", json=body)
    assert written.status_code == OWN_DIARY[login], written.text
    read = api.as_(login, "GET", "/api/v1/me/diary")
    assert read.status_code == (200 if written.status_code == 201 else 403), read.text
    if read.status_code == 200:
        assert {"date": today(), **body} in read.json()


@pytest.mark.parametrize("login", LOGINS)
def test_a_diary_is_read_by_its_employee_and_the_reader_they_chose_never_the_employer_side(
    api: Api, login: str
) -> None:
    response = api.as_(login, "GET", "/api/v1/employees/E1042/diary")
    assert response.status_code == JANS_DIARY[login], response.text
    if response.status_code != 200:
        assert "energy" not in response.text
    if response.status_code == 403:
        assert response.json()["detail"].startswith("the diary of E1042 is theirs")
    elif response.status_code == 404:
        assert response.json()["detail"] == "no employee 'E1042'"
    else:
        assert response.json()[0]["energy"] == 6


def test_every_trail_entry_names_the_account_that_acted(api: Api) -> None:
    opened = api.as_(
        "anna.hr",
        "POST",
        "/api/v1/cases",
        json={"employee": "E6000", "name": "Kees", "date": today()},
    )
    case = opened.json()["case"]
    assign_physician(api.store, case)
    notified = {"type": "physician_notified", "date": today()}
    assert (
        api.as_("anna.hr", "POST", f"/api/v1/cases/{case}/events", json=notified).status_code == 201
    )
    consulted = {"type": "physician_consulted", "date": today()}
    assert (
        api.as_("dr.bakker", "POST", f"/api/v1/cases/{case}/events", json=consulted).status_code
        == 201
    )
    assert api.as_("dr.bakker", "GET", f"/api/v1/cases/{case}").status_code == 200
    trail = api.as_("olga.auditor", "GET", f"/api/v1/cases/{case}/audit").json()
    events = [(e["seq"], e["type"], e["actor"], e["role"]) for e in trail if e["kind"] == "event"]
    assert events == [
        (1, "reported_sick", "anna.hr", "hr"),
        (2, "physician_notified", "anna.hr", "hr"),
        (3, "physician_consulted", "dr.bakker", "physician"),
    ]
    reads = [(e["type"], e["actor"], e["role"]) for e in trail if e["kind"] == "read"]
    assert reads == [("case", "dr.bakker", "physician"), ("audit", "olga.auditor", "auditor")]


@pytest.mark.parametrize("field", ["actor", "role", "recorded_at"])
@pytest.mark.parametrize("resource", ["events", "cases", "diary"])
def test_a_body_naming_an_actor_role_or_recording_time_is_refused_and_writes_nothing(
    api: Api, field: str, resource: str
) -> None:
    requests: dict[str, tuple[str, str, dict[str, object]]] = {
        "events": (
            "anna.hr",
            f"/api/v1/cases/{api.jan_case}/events",
            {"type": "physician_notified", "date": today()},
        ),
        "cases": ("anna.hr", "/api/v1/cases", {"employee": "E9000", "name": "Nobody"}),
        "diary": (
            "jan",
            "/api/v1/me/diary",
            {"date": "2026-01-01", "energy": 1, "stress": 1, "motivation": 1},
        ),
    }
    login, path, body = requests[resource]
    before = api.last_seq(api.jan_case)
    response = api.as_(login, "POST", path, json={**body, field: "root"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"{field}: who acts and when is the signed-in account and the server's clock, never part of a request"
    }
    assert api.last_seq(api.jan_case) == before
    assert api.store.cases.find_employee("E9000") is None
    assert "2026-01-01" not in api.as_("jan", "GET", "/api/v1/me/diary").text


ENDPOINTS = [
    ("GET", "/api/v1/cases"),
    ("POST", "/api/v1/cases"),
    ("GET", "/api/v1/cases/{case}"),
    ("POST", "/api/v1/cases/{case}/events"),
    ("GET", "/api/v1/cases/{case}/audit"),
    ("GET", "/api/v1/cases/{case}/riv"),
    ("POST", "/api/v1/me/diary"),
    ("GET", "/api/v1/me/diary"),
    ("GET", "/api/v1/employees/E1042/diary"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize(
    "authorization", [None, "Bearer rtk_not-a-token", "Basic YW5uYS5ocjpwdw==", "revoked"]
)
def test_without_a_valid_bearer_token_every_endpoint_answers_401_with_a_bearer_challenge(
    api: Api, method: str, path: str, authorization: str | None
) -> None:
    if authorization == "revoked":
        token = token_for(api.store, "anna.hr")
        newest = max(api.store.directory.tokens("anna.hr"), key=lambda t: t.id)
        api.store.directory.revoke_token(newest.id, dt.datetime.now(dt.UTC))
        authorization = f"Bearer {token}"
    headers = {} if authorization is None else {"Authorization": authorization}
    response = api.client.request(method, path.format(case=api.jan_case), headers=headers, json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"].startswith(("sign in first", "not signed in"))


def test_a_stale_expected_seq_is_a_conflict_that_names_the_current_entry_and_writes_nothing(
    api: Api,
) -> None:
    case = api.as_(
        "anna.hr",
        "POST",
        "/api/v1/cases",
        json={"employee": "E7000", "name": "Ans", "date": today()},
    ).json()["case"]
    events = f"/api/v1/cases/{case}/events"
    first = api.as_(
        "anna.hr",
        "POST",
        events,
        json={"type": "physician_notified", "date": today(), "expected_seq": 1},
    )
    assert (first.status_code, first.json()["seq"]) == (201, 2)
    stale = api.as_(
        "anna.hr", "POST", events, json={"type": "uwv_notified", "date": today(), "expected_seq": 1}
    )
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": f"case {case} changed: it is at entry 2, not 1; reload it and try again",
        "current_seq": 2,
    }
    assert api.last_seq(case) == 2


def test_an_idempotency_key_replays_the_original_entry_and_refuses_another_event(api: Api) -> None:
    key = {"Idempotency-Key": "api-replay-1"}
    report = {"employee": "E8000", "name": "Bram", "date": today()}
    opened = api.as_("anna.hr", "POST", "/api/v1/cases", key, json=report)
    again = api.as_("anna.hr", "POST", "/api/v1/cases", key, json=report)
    assert (opened.status_code, again.status_code) == (201, 200)
    assert again.json() == opened.json() | {"already_recorded": True}
    case = opened.json()["case"]
    events, key = f"/api/v1/cases/{case}/events", {"Idempotency-Key": "api-replay-2"}
    body = {"type": "physician_notified", "date": today()}
    sent = api.as_("anna.hr", "POST", events, key, json=body)
    resent = api.as_("anna.hr", "POST", events, key, json=body)
    assert (sent.status_code, resent.status_code) == (201, 200)
    assert (resent.json()["seq"], resent.json()["already_recorded"]) == (2, True)
    other = api.as_("anna.hr", "POST", events, key, json={"type": "uwv_notified", "date": today()})
    assert other.status_code == 422
    assert other.json() == {"detail": "idempotency key 'api-replay-2' was used for another event"}
    assert api.last_seq(case) == 2


def test_the_audit_csv_has_the_clis_columns_quoting_and_rows(api: Api) -> None:
    response = api.as_(
        "olga.auditor", "GET", f"/api/v1/cases/{api.jan_case}/audit", params={"format": "csv"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_FIELDS
    as_json = api.as_("olga.auditor", "GET", f"/api/v1/cases/{api.jan_case}/audit").json()
    expected = [[_cell(entry[field]) for field in CSV_FIELDS] for entry in as_json]
    assert rows[1:] == expected[: len(rows) - 1]  # the JSON read came after: one more row
    assert rows[-1][CSV_FIELDS.index("type")] == "audit"
    assert rows[-1][CSV_FIELDS.index("actor")] == "olga.auditor"


def _cell(value: object) -> str:
    return "" if value is None else str(spreadsheet_safe(value))


@pytest.mark.parametrize(
    ("cli", "method", "path", "body"),
    [
        (
            ["record", "{case}", "physician_notified", "--date", "2099-01-05"],
            "POST",
            "/api/v1/cases/{case}/events",
            {"type": "physician_notified", "date": "2099-01-05"},
        ),
        (
            ["record", "{case}", "no_such_event"],
            "POST",
            "/api/v1/cases/{case}/events",
            {"type": "no_such_event"},
        ),
        (
            ["record", "{case}", "partially_recovered", "percentage=150"],
            "POST",
            "/api/v1/cases/{case}/events",
            {"type": "partially_recovered", "percentage": 150},
        ),
        (
            ["record", "{case}", "event_retracted", "retracts=99"],
            "POST",
            "/api/v1/cases/{case}/events",
            {"type": "event_retracted", "retracts": 99},
        ),
        (
            ["report-sick", "E 1", "--name", "X"],
            "POST",
            "/api/v1/cases",
            {"employee": "E 1", "name": "X"},
        ),
        (
            ["report-sick", "E9001", "--name", "X", "--date", "2026-02-30"],
            "POST",
            "/api/v1/cases",
            {"employee": "E9001", "name": "X", "date": "2026-02-30"},
        ),
        (
            ["report-sick", "E9001", "--name", " "],
            "POST",
            "/api/v1/cases",
            {"employee": "E9001", "name": " "},
        ),
        (
            ["report-sick", "E9001", "--name", "X", "--vangnet", "--expected-duration", "ever"],
            "POST",
            "/api/v1/cases",
            {"employee": "E9001", "name": "X", "vangnet": True, "expected_duration": "ever"},
        ),
        (
            ["report-sick", "E9001", "--name", "X", "--first-name", "J\u202ean"],
            "POST",
            "/api/v1/cases",
            {"employee": "E9001", "name": "X", "first_name": "J\u202ean"},
        ),
    ],
    ids=[
        "future-date",
        "unknown-type",
        "percentage",
        "no-such-entry",
        "employee-key",
        "no-such-day",
        "blank-name",
        "bad-fact",
        "first-name",
    ],
)
def test_bad_input_is_422_with_the_clis_one_line_reason_and_writes_nothing(
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli: list[str],
    method: str,
    path: str,
    body: dict[str, object],
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("REINTEGRATION_DATABASE_URL", api.url)
    monkeypatch.setenv("REINTEGRATION_TOKEN", api.tokens["anna.hr"])
    before = api.last_seq(api.jan_case)
    code, _, err = run_cli(capsys, *(word.format(case=api.jan_case) for word in cli))
    response = api.as_("anna.hr", method, path.format(case=api.jan_case), json=body)
    assert code == 1
    assert response.status_code == 422
    assert response.json() == {"detail": err.removeprefix("reintegration: ").rstrip("\n")}
    assert "\n" not in response.json()["detail"]
    assert api.last_seq(api.jan_case) == before
    assert api.store.cases.find_employee("E9001") is None


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("{not json", "the body is not valid JSON: "),
        ("[1, 2]", "body: Input should be a valid dictionary"),
        (
            '{"type": "physician_notified", "expected_seq": "two"}',
            "expected_seq must be a whole number, got 'two'",
        ),
    ],
)
def test_a_body_that_is_not_an_entry_is_422_on_one_line_never_a_server_error(
    api: Api, body: str, detail: str
) -> None:
    json_type = {"Content-Type": "application/json"}
    response = api.as_(
        "anna.hr", "POST", f"/api/v1/cases/{api.jan_case}/events", json_type, content=body
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith(detail)


def test_a_sick_report_carries_its_facts_and_the_first_name_and_a_resend_changes_nothing(
    api: Api,
) -> None:
    """The facts of `sick_facts_recorded` are fields of the report (each optional; JSON null
    is not given): recorded as the entry after it, in the answer as `facts`; a re-send with
    the key answers with the original, other facts with the same key are refused."""
    key = {"Idempotency-Key": "api-facts-1"}
    report = {"employee": "E8100", "name": "Fien de Boer", "first_name": "Fien", "date": today()}
    facts = {"vangnet": False, "liable_third_party": True, "expected_duration": "unknown"}
    opened = api.as_("anna.hr", "POST", "/api/v1/cases", key, json=report | facts)
    assert opened.status_code == 201, opened.text
    assert (opened.json()["seq"], opened.json()["facts"]) == (1, facts)
    case = opened.json()["case"]
    assert [e.type for e in api.store.cases.load(case).log] == ["reported_sick", FACTS_TYPE]
    assert (api.store.cases.find_employee("E8100") or pytest.fail("no E8100")).first_name == "Fien"
    again = api.as_("anna.hr", "POST", "/api/v1/cases", key, json=report | facts)
    assert (again.status_code, again.json()) == (200, opened.json() | {"already_recorded": True})
    other = api.as_("anna.hr", "POST", "/api/v1/cases", key, json=report | {"vangnet": True})
    assert other.json() == {"detail": "idempotency key 'api-facts-1' was used for another event"}
    assert api.last_seq(case) == 2
    plain = api.as_("anna.hr", "POST", "/api/v1/cases", json={"employee": "E8101", "name": "X"})
    assert "facts" not in plain.json()
    assert set(SICK_FACTS) <= set(SickReport.model_fields)


def test_a_sick_report_of_the_wrong_shape_is_422_naming_the_field(api: Api) -> None:
    response = api.as_("anna.hr", "POST", "/api/v1/cases", json={"employee": 42, "name": "X"})
    assert response.status_code == 422
    assert response.json() == {"detail": "body.employee: Input should be a valid string"}
    unknown = api.as_(
        "anna.hr", "POST", "/api/v1/cases", json={"employee": "E9002", "name": "X", "shoe_size": 44}
    )
    assert unknown.json() == {"detail": "unknown field(s) shoe_size in a sick report"}
    assert api.store.cases.find_employee("E9002") is None


def test_the_openapi_description_and_the_docs_are_served_without_a_token(api: Api) -> None:
    described = api.client.get("/api/openapi.json").json()
    paths = {path for _, path in ENDPOINTS} - {"/api/v1/employees/E1042/diary"}
    assert set(described["paths"]) == paths | {"/api/v1/employees/{employee}/diary"}
    assert api.client.get("/api/docs").status_code == 200
