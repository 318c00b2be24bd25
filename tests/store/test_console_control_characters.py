"""A control character (a NUL above all, which PostgreSQL cannot keep) in an address, a query or
a form is refused with one line and a 4xx on both databases, before sign-in too, and nothing
is stored; a name that would hide or forge text is refused at the sick report."""

from __future__ import annotations

import pytest

from tests.console.site import Served, csrf_of


@pytest.mark.parametrize(
    "path", ["/cases/E1%00X", "/?q=a%00b", "/?team=x%07", "/employees/E1%00/diary"]
)
def test_an_address_with_a_control_character_is_refused(console: Served, path: str) -> None:
    with console.signed_in("anna.hr") as client:
        answer = client.get(path)
    assert answer.status_code == 400
    assert "control or formatting character" in answer.text
    assert "Traceback" not in answer.text


def test_the_api_refuses_it_too(console: Served) -> None:
    with console.client() as client:
        answer = client.get("/api/v1/cases/E1%00X")
    assert (answer.status_code, answer.json()) == (
        400,
        {"detail": "the address holds a control or formatting character"},
    )


def test_a_sign_in_with_a_nul_is_refused_before_any_account_is_looked_up(
    console: Served,
) -> None:
    with console.client() as client:
        form = client.get("/sign-in")
        answer = client.post(
            "/sign-in", data={"csrf": csrf_of(form), "login": "anna\x00hr", "password": "x"}
        )
    assert answer.status_code == 422
    assert "control or formatting character" in answer.text


@pytest.mark.parametrize("name", ["N\x00N", "Jan \u202eneznaJ", "Bel\x07"])
def test_a_sick_report_whose_name_hides_or_forges_text_stores_nothing(
    console: Served, name: str
) -> None:
    with console.signed_in("anna.hr") as client:
        token = csrf_of(client.get("/"))
        fields = {"csrf": token, "employee": "E5555", "name": name, "date": "1-12-2026"}
        answer = client.post("/report-sick", data=fields | {"percentage": "100"})
    assert answer.status_code == 422
    assert "control or formatting character" in answer.text
    assert console.store.cases.find_employee("E5555") is None
