"""The web console over HTTP against a real `reintegration web` process, on SQLite and on
PostgreSQL: signing in and out, the session cookie, CSRF, the lockout, the dashboard's filters
and who sees what, the sick-report form, the case page and its CSV, and refusals as pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from domain.roles import Role
from service.accounts import hash_password
from service.dispatch import Dispatcher, everything_to
from service.ports import NewAccount
from tests.console.site import OTHER_MANAGER, PASSWORD, Served, csrf_of, sign_in
from tests.organisation import SINCE
from tests.store.test_dispatch import FlakySink


def test_a_page_without_a_session_sends_to_sign_in(console: Served) -> None:
    with console.client() as client:
        for path in ("/", f"/cases/{console.site.jan_case}", "/password"):
            answer = client.get(path)
            assert (answer.status_code, answer.headers["location"]) == (303, "/sign-in")


def test_signing_in_sets_a_hardened_cookie_and_shows_the_dashboard(console: Served) -> None:
    with console.client() as client:
        answer = sign_in(client, "anna.hr")
        assert (answer.status_code, answer.headers["location"]) == (303, "/")
        cookie = next(
            h for h in answer.headers.get_list("set-cookie") if h.startswith("session=")
        ).lower()
        assert "httponly" in cookie
        assert "samesite=lax" in cookie
        assert "path=/" in cookie
        assert "secure" not in cookie  # plain http on 127.0.0.1
        session_id = client.cookies["session"]
        page = client.get("/")
        assert page.status_code == 200
        assert "Jan Jansen" in page.text
        assert "Piet Peters" in page.text
        assert session_id not in page.text
        assert "content-security-policy" in page.headers


def test_a_wrong_password_and_an_unknown_login_get_the_same_page(console: Served) -> None:
    with console.client() as client:
        wrong = sign_in(client, "anna.hr", "not the password")
        unknown = sign_in(client, "nobody.here", "not the password")
        assert wrong.status_code == unknown.status_code == 401
        assert "Onjuiste gebruikersnaam of wachtwoord" in wrong.text
        assert csrf_of(wrong) != csrf_of(unknown)
        assert wrong.text.replace(csrf_of(wrong), "") == unknown.text.replace(
            csrf_of(unknown), ""
        ).replace('value="nobody.here"', 'value="anna.hr"')


def test_five_failures_lock_the_login(console: Served) -> None:
    with console.client() as client:
        for _ in range(5):
            assert sign_in(client, "locked.out", "wrong").status_code == 401
        locked = sign_in(client, "locked.out", "wrong")
        assert locked.status_code == 429
        assert "probeer het over 15 minuten opnieuw" in locked.text


def test_a_post_without_its_csrf_token_is_refused(console: Served) -> None:
    with console.client() as client:
        client.get("/sign-in")
        fields = {"login": "anna.hr", "password": PASSWORD}
        assert client.post("/sign-in", data=fields).status_code == 403
    with console.signed_in("anna.hr") as client:
        report = {"employee": "E9000", "name": "Zonder Token", "date": "2026-01-05"}
        for token in ({}, {"csrf": "forged"}):
            refused = client.post("/report-sick", data=report | token)
            assert refused.status_code == 403
            assert "security token" in refused.text
        assert client.post("/sign-out", data={}).status_code == 403
        assert client.get("/").status_code == 200  # still signed in
        assert console.store.cases.find_employee("E9000") is None


def test_after_sign_out_the_session_is_dead(console: Served) -> None:
    with console.signed_in("anna.hr") as client:
        session_id = client.cookies["session"]
        out = client.post("/sign-out", data={"csrf": csrf_of(client.get("/"))})
        assert (out.status_code, out.headers["location"]) == (303, "/sign-in")
    with console.client() as thief:
        thief.cookies.set("session", session_id)
        assert thief.get("/").status_code == 303


def test_the_dashboard_filters_through_the_query_string(console: Served) -> None:
    with console.signed_in("anna.hr") as client:
        verkoop = client.get("/", params={"team": "Verkoop"}).text
        assert "Jan Jansen" in verkoop
        assert "Piet Peters" not in verkoop
        overdue = client.get("/", params={"overdue": "1"}).text
        assert "Jan Jansen" in overdue
        assert "Piet Peters" not in overdue
        search = client.get("/", params={"q": "e2000"}).text
        assert "Piet Peters" in search
        assert "Jan Jansen" not in search
        odd = client.get("/", params={"page": "x²", "team": "<script>"})
        assert odd.status_code == 200
        assert "<script>" not in odd.text


def test_a_manager_sees_their_team_and_no_other(console: Served) -> None:
    with console.signed_in("mark.manager") as client:
        page = client.get("/").text
        assert "Jan Jansen" in page
        assert "Kees de Boer" in page
        assert "Piet Peters" not in page
        other = client.get(f"/cases/{console.site.piet_case}")
        assert other.status_code == 404
        assert "Afmelden" in other.text  # still signed in: the header can sign out
        assert f"no case &#39;{console.site.piet_case}&#39;" in other.text
    with console.signed_in(OTHER_MANAGER) as client:
        assert client.get(f"/cases/{console.site.jan_case}").status_code == 404


def test_the_sick_report_form_opens_a_case_or_says_why_not(console: Served) -> None:
    with console.signed_in("anna.hr") as client:
        token = csrf_of(client.get("/"))
        bad = {"employee": "E4000", "name": "Nel", "date": "2026-02-30", "percentage": "100"}
        refused = client.post("/report-sick", data=bad | {"csrf": token})
        assert refused.status_code == 422
        assert "Niet opgeslagen" in refused.text
        assert "2026-02-30" in refused.text
        assert "Traceback" not in refused.text
        assert 'value="Nel"' in refused.text
        assert console.store.cases.find_employee("E4000") is None
        good = bad | {"date": "2-11-2026", "percentage": "50", "csrf": token}  # as typed here
        opened = client.post("/report-sick", data=good)
        assert (opened.status_code, opened.headers["location"]) == (303, "/cases/E4000-20261102")
        assert console.store.cases.load("E4000-20261102").case.last_seq == 1


def test_the_sick_report_form_asks_the_facts_and_the_first_name_never_the_ground(
    console: Served,
) -> None:
    """The form offers each fact (ja/nee/onbekend, the expected duration from its list) and
    the roepnaam, and says that the ground, the diagnosis and complaints are never asked."""
    with console.signed_in("mark.manager") as client:
        form = client.get("/").text
    assert 'name="first_name"' in form
    assert ">Roepnaam" in form
    for fact in ("vangnet", "work_accident", "liable_third_party"):
        for value in ("true", "false", ""):
            assert f'name="{fact}" value="{value}"' in form
    assert '<select id="fact-expected_duration" name="expected_duration">' in form
    assert '<option value="over_13_weeks">langer dan 13 weken</option>' in form
    assert "de diagnose en klachten worden nooit gevraagd (AP)" in form
    assert "diagnos" not in form.replace("de diagnose en klachten worden nooit", "")


def test_the_sick_report_form_records_the_facts_and_the_first_name_or_stores_nothing(
    console: Served,
) -> None:
    """Given facts are recorded with the report; a refused fact comes back above the form
    with the input kept, and nothing is stored."""
    day = dt.date.today() - dt.timedelta(days=2)
    report = {
        "employee": "E4100",
        "name": "Wim Willems",
        "first_name": "Wim",
        "date": f"{day.day}-{day.month}-{day.year}",
        "percentage": "100",
        "vangnet": "true",
        "work_accident": "",
        "liable_third_party": "false",
        "expected_duration": "forever",
    }
    with console.signed_in("anna.hr") as client:
        token = {"csrf": csrf_of(client.get("/"))}
        refused = client.post("/report-sick", data=report | token)
        assert refused.status_code == 422
        assert "Niet opgeslagen" in refused.text
        assert "expected_duration: input should be" in refused.text
        assert 'value="Wim"' in refused.text
        assert 'name="vangnet" value="true" checked' in refused.text
        assert 'name="liable_third_party" value="false" checked' in refused.text
        assert console.store.cases.find_employee("E4100") is None
        opened = client.post("/report-sick", data=report | token | {"expected_duration": ""})
        assert opened.status_code == 303
        case = console.store.cases.load(f"E4100-{day:%Y%m%d}")
    assert [entry.type for entry in case.log] == ["reported_sick", "sick_facts_recorded"]
    facts = json.loads(case.log[1].payload)
    assert (facts["vangnet"], facts["liable_third_party"], facts["work_accident"]) == (
        True,
        False,
        None,
    )
    assert facts["expected_duration"] is None
    assert case.employee.first_name == "Wim"


def test_the_case_page_records_its_reads_and_draws_the_timeline(console: Served) -> None:
    case = console.site.kees_case
    with console.signed_in("olga.auditor") as client:
        before = console.reads(case)
        page = client.get(f"/cases/{case}")
        assert page.status_code == 200
        assert console.reads(case)[len(before) :] == [
            ("olga.auditor", "case"),
            ("olga.auditor", "audit"),
            ("olga.auditor", "recovery"),
        ]
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in page.text
        assert page.text.count('class="gap"') == 1  # one fit stretch between two periods
        assert 'class="marker done_on_time" data-step="notify_physician"' in page.text
        assert 'class="marker overdue"' in page.text
        assert 'class="marker open"' in page.text
        assert 'class="today"' in page.text


def test_the_console_csv_is_the_apis(console: Served) -> None:
    case = console.site.jan_case
    with console.signed_in("anna.hr") as client:
        csv = client.get(f"/cases/{case}/audit.csv")
        assert csv.headers["content-type"].startswith("text/csv")
        lines = csv.text.splitlines()
        assert lines[0] == "kind,seq,recorded_at,business_date,type,details,actor,role,hash"
        assert lines[1].startswith("event,1,")
        assert ",reported_sick," in lines[1]
    with console.signed_in("mark.manager") as client:
        assert client.get(f"/cases/{case}/audit.csv").status_code == 403


def test_the_language_link_switches_to_english_and_back(console: Served) -> None:
    with console.signed_in("anna.hr") as client:
        switched = client.get("/language/en", params={"back": "/?team=Verkoop"})
        assert (switched.status_code, switched.headers["location"]) == (303, "/?team=Verkoop")
        assert "Open cases" in client.get("/").text
        assert (
            client.get("/language/nl", params={"back": "//evil.example"}).headers["location"] == "/"
        )
        assert "Openstaande verzuimdossiers" in client.get("/").text


def test_an_unknown_page_is_a_page_and_the_api_still_answers_json(console: Served) -> None:
    with console.client() as client:
        missing = client.get("/no/such/page")
        assert "Afmelden" not in missing.text
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("text/html")
        api = client.get("/api/v1/cases")
        assert api.status_code == 401
        assert api.json()["detail"].startswith("sign in first")


def test_behind_an_https_proxy_on_this_host_the_cookie_is_secure(console: Served) -> None:
    """uvicorn trusts X-Forwarded-Proto from 127.0.0.1 (its default `forwarded_allow_ips`)."""
    with console.client() as client:
        client.headers["X-Forwarded-Proto"] = "https"
        form = client.get("/sign-in")
        token = csrf_of(form)
        assert "secure" in form.headers["set-cookie"].lower()
        fields = {"csrf": token, "login": "anna.hr", "password": PASSWORD}
        # httpx keeps a Secure cookie for https only; this leg to the "proxy" is plain http
        client.headers["Cookie"] = f"sign_in_csrf={token}"
        answer = client.post("/sign-in", data=fields)
        cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("session="))
        assert "secure" in cookie.lower()


def test_changing_ones_password_ends_ones_other_sessions(console: Served) -> None:
    new = "een nog veel langer wachtwoord"
    with console.signed_in("dr.bakker") as other, console.signed_in("dr.bakker") as here:
        token = csrf_of(here.get("/password"))
        differ = {"csrf": token, "current": PASSWORD, "new": new, "repeat": new + "!"}
        refused = here.post("/password", data=differ)
        assert refused.status_code == 422
        assert "differ" in refused.text
        changed = here.post("/password", data=differ | {"repeat": new})
        assert changed.status_code == 200
        assert "uw andere sessies zijn beëindigd" in changed.text
        assert new not in changed.text
        assert here.get(f"/cases/{console.site.jan_case}").status_code == 200
        assert other.get(f"/cases/{console.site.jan_case}").status_code == 303
    with console.client() as client:
        assert sign_in(client, "dr.bakker").status_code == 401
        assert sign_in(client, "dr.bakker", new).status_code == 303


@pytest.mark.parametrize(
    "body",
    [b"employee=\xff\xfe", b"employee=" + b"x" * 70_000, b"a=1&" * 60],
    ids=["not UTF-8", "too large", "too many fields"],
)
def test_an_unreadable_form_gets_a_page_not_a_traceback(console: Served, body: bytes) -> None:
    with console.signed_in("anna.hr") as client:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        refused = client.post("/report-sick", content=body, headers=headers)
        assert refused.status_code == 422
        assert "the form" in refused.text
        assert "Traceback" not in refused.text


def test_the_server_log_holds_no_password_and_no_session_id(console: Served) -> None:
    with console.signed_in("anna.hr") as client:
        session_id = client.cookies["session"]
        client.get("/")
        sign_in(client, "anna.hr", "a wrong password typed")
    log = console.log.read_text()
    assert "POST /sign-in" in log  # the log is the server's access log
    for secret in (PASSWORD, "a wrong password typed", session_id):
        assert secret not in log


def test_disabling_an_account_ends_its_sessions_and_its_sign_ins(console: Served) -> None:
    account = NewAccount("vera.hr", "Vera", Role.HR, hash_password(PASSWORD), SINCE)
    console.store.directory.add_account(account)
    with console.signed_in("vera.hr") as client:
        assert client.get("/").status_code == 200
        console.store.directory.set_disabled("vera.hr", disabled=True)
        assert client.get("/").status_code == 303
        assert sign_in(client, "vera.hr").status_code == 401


def test_a_role_without_pages_yet_is_welcomed_not_refused(console: Served) -> None:
    """An admin (the employee and the coach have pages of their own now)."""
    console.store.directory.set_password_hash("root", hash_password(PASSWORD))
    with console.signed_in("root") as client:
        home = client.get("/")
        assert home.status_code == 200
        assert "nog geen pagina" in home.text
        assert "Afmelden" in home.text
        assert "Jan Jansen" not in home.text
        assert client.get(f"/cases/{console.site.jan_case}").status_code == 403


def test_the_dashboard_shows_a_party_that_reminders_cannot_reach(console: Served) -> None:
    """A route that gave up shows where HR looks every day, not only in `reintegration cases`."""
    moment = dt.datetime.now(dt.UTC)
    dispatcher = Dispatcher(console.store, everything_to(FlakySink(failures=1000)))
    for _ in range(8):  # the first try, five retries, and time to spare
        dispatcher.dispatch_due(moment)
        moment += dt.timedelta(days=2)
    with console.signed_in("anna.hr") as client:
        page = client.get("/")
    assert "⚠ herinneringen aan HR komen niet aan: flaky" in page.text


def test_a_long_trail_shows_its_newest_lines_and_all_of_them_on_request(console: Served) -> None:
    """Deliveries and reads make a long trail; the page shows the newest 50 and says so."""
    case = console.site.jan_case
    with console.signed_in("anna.hr") as client:
        while len(console.reads(case)) < 60:
            client.get(f"/cases/{case}")
        page = client.get(f"/cases/{case}")
        whole = client.get(f"/cases/{case}?trail=all")
    rows = re.compile(r'<tr class="(event|read|delivery)">')  # one row per entry
    assert len(rows.findall(page.text)) == 50
    assert "de nieuwste 50 van " in page.text
    assert len(rows.findall(whole.text)) > 50
    assert "de nieuwste" not in whole.text
