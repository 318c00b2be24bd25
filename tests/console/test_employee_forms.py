"""The employee's pages over HTTP against a real `reintegration web` process (no browser): a
refused form answers 4xx with its one-line reason, keeps the input and stores nothing; a form
without its CSRF token or made on an older version of the case is refused; the diary's scores
reach only the employee and the readers they chose."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.console.site import COACH, EMPLOYEE, Served, csrf_of, served_site

JAN = "E1042"
PROBLEM = re.compile(r'role="alert" id="problem">([^<]*)<')
VERSION = re.compile(r'name="expected_seq" value="(\d+)"')


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A site of its own: these tests write to Jan's diary and case."""
    directory = tmp_path_factory.mktemp("console-employee")
    with served_site(f"sqlite:///{directory / 'store.sqlite3'}", directory) as served:
        yield served


def problem_of(page: httpx.Response) -> str:
    found = PROBLEM.search(page.text)
    assert found is not None, "the page says no reason"
    return found.group(1)


def diary_days(served: Served) -> int:
    employee = served.store.cases.find_employee(JAN)
    assert employee is not None
    return len(served.store.diary.entries(employee.id))


def log_length(served: Served) -> int:
    return len(served.store.cases.load(served.site.jan_case).log)


def a_day(csrf: str, **typed: str) -> dict[str, str]:
    return {"csrf": csrf, "date": "", "energy": "6", "stress": "4", "motivation": "7"} | typed


def test_the_employee_home_tells_their_case_in_plain_words(served: Served) -> None:
    """Dutch by default: since when, what happens next and who acts, whom to contact."""
    with served.signed_in(EMPLOYEE) as client:
        home = client.get("/")
        assert home.status_code == 200
        assert "U bent sinds" in home.text
        assert "ziek gemeld, voor 60%" in home.text
        assert "Uw bedrijfsarts houdt een eerste consult met u, uiterlijk" in home.text
        assert '<dd id="manager">mark.manager</dd>' in home.text
        assert '<dd id="physician">dr.bakker</dd>' in home.text
        assert 'href="/diary"' in home.text
        assert 'href="/recovery"' in home.text
        assert "audit" not in home.text.lower()
        client.get("/language/en")
        assert "You have been on sick leave since" in client.get("/").text


def test_a_score_of_11_is_refused_with_its_reason_and_nothing_is_stored(served: Served) -> None:
    """A score is a whole number from 1 to 10: 11 gives a 422, the reason, the input kept."""
    before = diary_days(served)
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        answer = client.post("/diary", data=a_day(csrf, energy="11", date="01-12-2026"))
    assert answer.status_code == 422
    assert "energy is a whole number from 1 to 10, got 11" in problem_of(answer)
    assert 'value="01-12-2026"' in answer.text
    assert diary_days(served) == before


def test_a_day_that_does_not_exist_is_refused_and_nothing_is_stored(served: Served) -> None:
    """31-02-2026 is no day: a 422 with the reason; a future day is refused alike."""
    before = diary_days(served)
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        answer = client.post("/diary", data=a_day(csrf, date="31-02-2026"))
        assert answer.status_code == 422
        assert "2026-02-31 is not a real date" in problem_of(answer)
        assert 'value="31-02-2026"' in answer.text
        future = client.post("/diary", data=a_day(csrf, date="01-01-2999"))
        assert future.status_code == 422
        assert "is in the future" in problem_of(future)
    assert diary_days(served) == before


def test_a_diary_form_without_its_csrf_token_is_refused(served: Served) -> None:
    """Every posted form carries the session's token: without it, a 403 page, nothing stored."""
    before = diary_days(served)
    with served.signed_in(EMPLOYEE) as client:
        client.get("/diary")
        answer = client.post("/diary", data=a_day(""))
        assert answer.status_code == 403
        assert "security token is missing or wrong" in answer.text
        shared = client.post("/diary/share", data={"reader": "dr.bakker"})
        assert shared.status_code == 403
    assert diary_days(served) == before
    employee = served.store.cases.find_employee(JAN)
    assert employee is not None
    assert served.store.diary.readers(employee.id) == []


def test_a_written_day_redirects_back_with_a_confirmation(served: Served) -> None:
    """After a POST, a 303 back to the page, which says it was saved and shows the chart."""
    before = diary_days(served)
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        answer = client.post("/diary", data=a_day(csrf))
        assert (answer.status_code, answer.headers["location"]) == (303, "/diary?done=written")
        page = client.get(answer.headers["location"])
    assert "De dag is opgeslagen." in page.text
    assert page.text.count('<polyline points="') == 3
    assert diary_days(served) == before + 1


def form_of(client: httpx.Client, served: Served, kind: str) -> dict[str, str]:
    """The CSRF token and version of the form for `kind` on Jan's case, reached from /recovery."""
    link = f"/cases/{served.site.jan_case}/record/{kind}"
    assert f'href="{link}"' in client.get("/recovery").text
    page = client.get(link)
    return {"csrf": csrf_of(page), "expected_seq": VERSION.findall(page.text)[0]}


def record(
    client: httpx.Client, served: Served, kind: str, fields: dict[str, str]
) -> httpx.Response:
    return client.post(f"/cases/{served.site.jan_case}/record/{kind}", data=fields)


def test_a_recovery_form_made_on_an_older_version_of_the_case_is_refused(served: Served) -> None:
    """Two forms made on one version: the first is recorded and brings the employee back to
    their recovery page, the second refused (409) with what is new and its input kept, and
    nothing more is recorded."""
    with served.signed_in(EMPLOYEE) as client:
        agreed = form_of(client, served, "contact_agreed") | {"every_days": "7", "form": "call"}
        held = form_of(client, served, "contact_held") | {"form": "video", "date": "02-12-2026"}
        first = record(client, served, "contact_agreed", agreed | {"date": "01-12-2026"})
        assert first.status_code == 303
        assert first.headers["location"].startswith("/recovery?recorded=")
        length = log_length(served)
        stale = record(client, served, "contact_held", held)
    assert stale.status_code == 409
    assert "Dit dossier is intussen gewijzigd" in stale.text
    assert "Contactafspraak gemaakt" in stale.text
    assert '<option value="video" selected>' in stale.text
    assert 'value="02-12-2026"' in stale.text
    assert log_length(served) == length


def test_a_recovery_form_without_its_version_or_token_records_nothing(served: Served) -> None:
    """A form that does not say which version it was made on is refused, as is one without
    its CSRF token; a build-up the domain refuses comes back with its reason."""
    length = log_length(served)
    with served.signed_in(EMPLOYEE) as client:
        fields = form_of(client, served, "contact_held")
        held = {"form": "call", "date": "01-12-2026"}
        unversioned = record(client, served, "contact_held", held | {"csrf": fields["csrf"]})
        assert unversioned.status_code == 422
        assert "which version of the case" in unversioned.text
        untokened = {"expected_seq": fields["expected_seq"]}
        assert record(client, served, "contact_held", held | untokened).status_code == 403
        build_up = fields | {"date": "01-12-2026", "stages": "3x2, 9x3", "target_hours": "20"}
        refused = record(client, served, "build_up_proposed", build_up)
        assert refused.status_code == 422
        assert "a stage is written like 3x2" in refused.text
        assert 'value="3x2, 9x3"' in refused.text
    assert log_length(served) == length


def test_a_build_up_proposal_is_recorded_and_shown(served: Served) -> None:
    """Stages as the CLI takes them ("3x2, 3x3, 4x3"); half hours with a comma or a point."""
    with served.signed_in(EMPLOYEE) as client:
        fields = form_of(client, served, "build_up_proposed")
        fields |= {"stages": "3x2, 3x3, 4x3", "target_hours": "12,5", "review_after_days": "14"}
        answer = record(client, served, "build_up_proposed", fields | {"date": "02-12-2026"})
        assert answer.status_code == 303
        shown = client.get(answer.headers["location"])
    assert "Opbouwschema voorgesteld" in shown.text
    assert "Doel 12,5 uur per week" in shown.text
    assert "Stap 3: 4 keer per week 3 uur" in shown.text
    assert served.store.cases.load(served.site.jan_case).log[-1].type == "build_up_proposed"


def test_the_diary_reaches_only_the_readers_the_employee_chose(served: Served) -> None:
    """HR and the manager get a refusal page and no score; a physician or coach only once the
    employee shares with them, and each of their reads shows on the employee's page."""
    address = f"/employees/{JAN}/diary"
    for login in ("anna.hr", "mark.manager", "dr.bakker", COACH):
        with served.signed_in(login) as client:
            refused = client.get(address)
            assert refused.status_code in (403, 404), login
            assert "diary-chart" not in refused.text
            assert '<td class="num">' not in refused.text
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        shared = client.post("/diary/share", data={"csrf": csrf, "reader": COACH})
        assert shared.headers["location"] == "/diary?done=shared"
    with served.signed_in(COACH) as client:
        assert f'href="{address}"' in client.get("/").text
        diary = client.get(address)
        assert diary.status_code == 200
        assert "diary-chart" in diary.text
    with served.signed_in(EMPLOYEE) as client:
        page = client.get("/diary")
        reads = page.text[page.text.index("Wie las uw dagboek") :]
        assert "<td>coach.co</td><td>coach</td>" in reads
        client.post("/diary/unshare", data={"csrf": csrf_of(page), "reader": COACH})
    with served.signed_in(COACH) as client:
        assert client.get(address).status_code == 404
        assert "Niemand deelt nu een dagboek met u." in client.get("/").text


def test_the_diary_is_shared_only_with_a_physician_or_a_coach(served: Served) -> None:
    """Sharing with HR is refused with the reason and the login kept; nobody is added."""
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        refused = client.post("/diary/share", data={"csrf": csrf, "reader": "anna.hr"})
    assert refused.status_code == 422
    assert "a physician or a coach, not the hr role" in problem_of(refused)
    assert 'id="reader" name="reader" value="anna.hr"' in refused.text
    employee = served.store.cases.find_employee(JAN)
    assert employee is not None
    assert ("anna.hr", "hr") not in served.store.diary.readers(employee.id)


def test_the_employee_turns_the_signal_on_and_off(served: Served) -> None:
    """The opt-in is theirs: each click flips it, and the page says where it stands."""
    with served.signed_in(EMPLOYEE) as client:
        csrf = csrf_of(client.get("/diary"))
        for on, said in (("1", "Het signaal staat aan."), ("0", "Het signaal staat uit.")):
            answer = client.post("/diary/signal", data={"csrf": csrf, "on": on})
            assert answer.headers["location"] == "/diary?done=signal"
            assert said in client.get("/diary?done=signal").text
            employee = served.store.cases.find_employee(JAN)
            assert employee is not None
            assert employee.diary_signal is (on == "1")
