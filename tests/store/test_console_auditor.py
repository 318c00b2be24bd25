"""The auditor's pages, against a real `reintegration web` process on SQLite and PostgreSQL (a
store per test: one is tampered with): the home
lists every case, closed ones too, each linked to its case page, which shows the trail and no
form to record anything; the verify page (HR's too, nobody else's) runs the check and says
what it found, a row changed by plain SQL as a named problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.console.site import Served, csrf_of, served_site
from tests.organisation import HR

NOW = dt.datetime.now(dt.UTC)
POSTED_FORM = re.compile(r'<form method="post" action="([^"]+)"')


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[Served]:
    with served_site(database_url, tmp_path) as served:
        yield served


def run_verify(client: httpx.Client) -> str:
    form = client.get("/verify")
    assert form.status_code == 200
    answer = client.post("/verify", data={"csrf": csrf_of(form)})
    assert answer.status_code == 200
    return answer.text


def test_the_auditor_sees_every_case_closed_ones_too_and_no_form_on_a_case(
    served: Served,
) -> None:
    store, site = served.store, served.site
    day = (NOW - dt.timedelta(days=200)).date()
    report = ReportSick("E9000", "Gesloten Dossier", {"date": str(day)})
    closed = report_sick(store, HR, report, NOW).case_key
    recovered = {"type": "recovered", "date": str(day + dt.timedelta(days=30))}
    record(store, HR, RecordEvent(closed, recovered), NOW)
    with served.signed_in("olga.auditor") as client:
        home = client.get("/")
        assert "Alle verzuimdossiers" in home.text
        for case in (site.jan_case, site.piet_case, site.kees_case, closed):
            assert f'href="/cases/{case}"' in home.text
        assert "hersteld" in home.text
        assert 'action="/report-sick"' not in home.text
        assert 'href="/verify"' in home.text
        for case in (site.jan_case, closed):
            page = client.get(f"/cases/{case}")
            assert page.status_code == 200
            assert "Audittrail" in page.text
            assert POSTED_FORM.findall(page.text) == ["/sign-out"]  # nothing to record
    with served.signed_in("anna.hr") as client:
        assert closed not in client.get("/").text  # HR's home lists the open cases


def test_a_clean_store_verifies_clean_for_the_auditor_and_hr(served: Served) -> None:
    for login in ("olga.auditor", "anna.hr"):
        with served.signed_in(login) as client:
            page = run_verify(client)
        assert "3 dossiers gecontroleerd, geen afwijkingen" in page
        assert "uitgevoerd op" in page
        assert "<li>" not in page


def test_a_row_changed_by_plain_sql_is_a_named_problem_on_the_verify_page(
    served: Served,
) -> None:
    with served.store.engine.begin() as connection:
        connection.execute(
            text('UPDATE "case" SET first_sick_day = :day WHERE key = :key'),
            {"day": dt.date(2020, 1, 1), "key": served.site.piet_case},
        )
    with served.signed_in("olga.auditor") as client:
        page = run_verify(client)
    assert "3 dossiers gecontroleerd, 1 afwijkingen gevonden" in page
    problems = re.findall(r"<li>([^<]*)</li>", page)
    assert len(problems) == 1
    assert served.site.piet_case in problems[0]


def test_nobody_else_may_verify_nor_sees_the_link(served: Served) -> None:
    with served.signed_in("mark.manager") as client:
        assert 'href="/verify"' not in client.get("/").text
        assert client.get("/verify").status_code == 403
