"""The contact routes of a case's employee and the case's recovery and messages, over HTTP
against the served console (no browser): refusals are one line and change nothing, forms need
their CSRF token, routes are shown masked, and each section only to the roles that may read it."""

from __future__ import annotations

import re

import httpx

from domain.roles import Role
from service.accounts import hash_password
from service.ports import NewAccount
from tests.console.site import PASSWORD, Served, csrf_of
from tests.organisation import SINCE

SECRET = "s3cr3tT0kenValue12345678"  # noqa: S105 (what must never be shown)
ROUTE = re.compile(r'<td class="target">([^<]*)</td>')


def _contacts(client: httpx.Client, case: str) -> httpx.Response:
    answer = client.get(f"/cases/{case}/contacts")
    assert answer.status_code == 200, answer.text
    return answer


def _problem(answer: httpx.Response) -> str:
    found = re.search(r'<p class="problem" role="alert"[^>]*>(.*?)</p>', answer.text, re.S)
    assert found is not None, "the page says why"
    return found.group(1)


def test_an_apprise_url_apprise_cannot_use_is_refused_in_one_line_and_not_stored(
    served: Served,
) -> None:
    """A route whose URL Apprise does not know is refused with one line naming only its kind,
    the URL is not shown back (it may hold a password), and no route is stored."""
    case = served.site.piet_case
    employee = served.store.cases.load(case).employee
    before = served.store.contacts.of_employee(employee.id)
    with served.signed_in("anna.hr") as client:
        form = _contacts(client, case)
        url = f"nonsense://user:{SECRET}@example.org/x"
        fields = {"csrf": csrf_of(form), "party": "hr", "url": url, "language": "nl"}
        answer = client.post(f"/cases/{case}/contacts", data=fields)
    assert answer.status_code == 422
    problem = _problem(answer)
    assert "\n" not in problem.strip()
    assert "not a notification URL Apprise knows (kind &#39;nonsense&#39;)" in problem
    assert SECRET not in answer.text
    assert "Traceback" not in answer.text
    assert served.store.contacts.of_employee(employee.id) == before


def test_removing_a_route_without_the_csrf_token_is_refused(served: Served) -> None:
    """A remove posted without the session's CSRF token is refused (403) and the route stays."""
    case = served.site.piet_case
    employee = served.store.cases.load(case).employee
    with served.signed_in("anna.hr") as client:
        form = _contacts(client, case)
        url = "json://127.0.0.1:9/hook"
        added = {"csrf": csrf_of(form), "party": "manager", "url": url, "language": "en"}
        assert client.post(f"/cases/{case}/contacts", data=added).status_code == 303
        (route,) = [r for r in served.store.contacts.of_employee(employee.id) if r.url == url]
        answer = client.post(f"/cases/{case}/contacts/remove", data={"number": str(route.id)})
        assert answer.status_code == 403
        assert route in served.store.contacts.of_employee(employee.id)
        fields = {"csrf": csrf_of(form), "number": str(route.id)}
        assert client.post(f"/cases/{case}/contacts/remove", data=fields).status_code == 303
    assert route not in served.store.contacts.of_employee(employee.id)


def test_the_routes_are_shown_masked_never_with_their_secret(served: Served) -> None:
    """Passwords, tokens and query strings of a route never reach the page: only its kind and
    its masked target."""
    case = served.site.piet_case
    urls = [
        f"json://user:{SECRET}@127.0.0.1:9/path?token={SECRET}",
        f"json://127.0.0.1:9/hook?-X-Api-Key={SECRET}",  # a header Apprise itself shows
        f"mailtos://user:{SECRET}@mail.example.org/hr@example.org",
        f"slack://T1234ABCD/B5678EFGH/{SECRET}/#general",
    ]
    with served.signed_in("anna.hr") as client:
        for url in urls:
            form = _contacts(client, case)
            fields = {"csrf": csrf_of(form), "party": "hr", "url": url, "language": "nl"}
            assert client.post(f"/cases/{case}/contacts", data=fields).status_code == 303
        shown = _contacts(client, case)
        targets = ROUTE.findall(shown.text)
        assert len(targets) >= len(urls)
        assert SECRET not in shown.text
        assert {target.split()[0] for target in targets} >= {"json", "mailtos", "slack"}
        assert all("?" not in target for target in targets)
        for number in re.findall(r'name="number" value="(\d+)"', shown.text)[::2]:
            fields = {"csrf": csrf_of(shown), "number": number}
            assert client.post(f"/cases/{case}/contacts/remove", data=fields).status_code == 303
        assert "Geen eigen routes" in _contacts(client, case).text


def test_a_physician_reads_the_recovery_but_keeps_no_contacts(served: Served) -> None:
    """The physician sees the build-up (functional capacity only) and no link to the routes,
    which only HR and the employee's manager keep."""
    case = served.site.jan_case
    # Not dr.bakker: the browser tests lock that login with five wrong passwords.
    account = NewAccount("dr.visser", "Dr. Visser", Role.PHYSICIAN, None, SINCE)
    served.store.directory.add_account(account)
    served.store.directory.set_password_hash(account.login, hash_password(PASSWORD))
    served.store.directory.assign_physician(case, account.login)
    with served.signed_in(account.login) as client:
        answer = client.get(f"/cases/{case}")
        assert answer.status_code == 200
        assert "fase 2 van 4: 3 x 3 uur per week, een rustdag ertussen" in answer.text
        assert 'class="ladder"' in answer.text
        assert "contacts-link" not in answer.text
        assert client.get(f"/cases/{case}/contacts").status_code == 403


def test_a_manager_reads_only_the_messages_to_managers(served: Served) -> None:
    """The manager's list of the case's messages holds only those to the manager party; HR's
    holds every party's."""
    case = served.site.jan_case
    party = re.compile(r"<td class=\"when\">[^<]*</td><td>([^<]*)</td>")
    with served.signed_in("mark.manager") as client:
        page = client.get(f"/cases/{case}").text
        assert "contacts-link" in page
    manager = set(party.findall(page.split('id="messages-heading"')[1]))
    assert manager == {"leidinggevende"}
    with served.signed_in("anna.hr") as client:
        page = client.get(f"/cases/{case}?messages=all").text
    assert set(party.findall(page.split('id="messages-heading"')[1])) > manager


def test_a_manager_keeps_the_routes_of_their_own_employees_only(served: Served) -> None:
    """Another team's manager is answered as if the case did not exist, and adds nothing."""
    case = served.site.jan_case
    employee = served.store.cases.load(case).employee
    with served.signed_in("other.manager") as client:
        assert client.get(f"/cases/{case}/contacts").status_code == 404
        own = client.get(f"/cases/{served.site.piet_case}/contacts")
        assert own.status_code == 200
        fields = {"csrf": csrf_of(own), "party": "hr", "url": "json://127.0.0.1:9/x"}
        assert client.post(f"/cases/{case}/contacts", data=fields).status_code == 404
    assert served.store.contacts.of_employee(employee.id) == []


def test_the_header_names_the_signed_in_role_in_the_pages_language(served: Served) -> None:
    """The header says "Aangemeld als dr.bakker (bedrijfsarts)": the role in Dutch on a Dutch page,
    and in English once the person chose English."""
    with served.signed_in("dr.bakker") as client:
        assert "<strong>dr.bakker</strong> (bedrijfsarts)" in client.get("/").text
        client.cookies.set("lang", "en")
        assert "<strong>dr.bakker</strong> (physician)" in client.get("/").text
