"""The employee's pages in Chromium, through Playwright: Jan signs in and reads his case in
plain words, writes two diary days and sees the chart, shares the diary with dr.bakker, who
then reads it; HR opening the same address gets a refusal page without a single score; Jan
agrees on contact with his manager."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from adapters.amsterdam_time import today_in_amsterdam
from service import diary
from tests.console.conftest import screenshot
from tests.console.site import EMPLOYEE, PASSWORD, Served, served_site
from tests.organisation import JAN
from web.console.form_dates import typed_day

pytestmark = pytest.mark.browser
DIARY = "/employees/E1042/diary"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A site of its own (the `page` fixture opens it): these tests write to Jan's diary and
    case, and dr.bakker must not be locked out by test_browser's lockout test."""
    directory = tmp_path_factory.mktemp("console-employee-browser")
    with served_site(f"sqlite:///{directory / 'store.sqlite3'}", directory) as served:
        yield served


def sign_in(page: Page, served: Served, login: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Gebruikersnaam").fill(login)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{served.base}/")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url("**/sign-in")


def write_day(page: Page, day: dt.date, scores: tuple[int, int, int]) -> None:
    page.get_by_label("Dag", exact=True).fill(typed_day(day))
    for label, score in zip(("Energie", "Stress", "Motivatie"), scores, strict=True):
        page.get_by_label(label, exact=True).fill(str(score))
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/diary?done=written")


def test_the_employee_reads_their_case_and_keeps_a_diary(page: Page, served: Served) -> None:
    """The employee's case in plain Dutch words (English when chosen); the diary days they
    write become lines on the chart; they share the diary by login."""
    sign_in(page, served, EMPLOYEE)
    expect(page.get_by_role("heading", name="Uw verzuim")).to_be_visible()
    expect(page.locator("#case-status")).to_contain_text("U bent sinds")
    steps = page.locator("ul.next-steps")
    expect(steps).to_contain_text("Uw bedrijfsarts houdt een eerste consult met u, uiterlijk")
    expect(page.locator("#manager")).to_have_text("mark.manager")
    expect(page.locator("#physician")).to_have_text("dr.bakker")
    screenshot(page, "employee-home")

    page.get_by_role("link", name="Mijn dagboek").click()
    page.wait_for_url("**/diary")
    today = today_in_amsterdam(dt.datetime.now(dt.UTC))
    write_day(page, today - dt.timedelta(days=3), (4, 7, 5))
    write_day(page, today, (6, 4, 7))
    expect(page.get_by_role("status")).to_have_text("De dag is opgeslagen.")
    chart = page.locator("svg.diary-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline")).to_have_count(3)
    expect(chart.locator("g.series.energy > g.point")).to_have_count(2)
    expect(page.locator("table.diary-days tbody tr")).to_have_count(2)

    page.get_by_label("Delen met").fill("dr.bakker")
    page.get_by_role("button", name="Delen", exact=True).click()
    page.wait_for_url("**/diary?done=shared")
    expect(page.locator("ul.readers")).to_contain_text("dr.bakker (bedrijfsarts)")
    screenshot(page, "diary-employee")

    page.goto("/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("#case-status")).to_contain_text("You have been on sick leave since")
    screenshot(page, "employee-home-english")


def test_a_physician_the_diary_is_shared_with_reads_it_and_hr_is_refused(
    page: Page, served: Served
) -> None:
    """The physician sees the chart, and the employee sees that read; HR opening the same
    address gets a refusal page (403) in which no score appears."""
    moment = dt.datetime.now(dt.UTC)
    today = today_in_amsterdam(moment).isoformat()
    day = diary.parse_diary_entry({"date": today, "energy": 5, "stress": 6, "motivation": 6})
    diary.write(served.store, JAN, day, moment)
    diary.share(served.store, JAN, "dr.bakker")

    sign_in(page, served, "dr.bakker")
    page.goto(f"/cases/{served.site.jan_case}")  # the case links to the diary shared with them
    page.get_by_role("link", name="Het dagboek van de werknemer (met u gedeeld)").click()
    expect(page.get_by_role("heading", name="Dagboek van Jan Jansen E1042")).to_be_visible()
    expect(page.locator("svg.diary-chart polyline")).to_have_count(3)
    screenshot(page, "diary-physician")
    sign_out(page)

    sign_in(page, served, "anna.hr")
    answer = page.goto(DIARY)
    assert answer is not None
    assert answer.status == 403
    expect(page.get_by_role("heading", name="Geweigerd")).to_be_visible()
    html = page.content()
    assert "diary-chart" not in html
    assert "Energie" not in html
    assert 'class="num"' not in html
    screenshot(page, "diary-hr-refused")
    page.goto(f"/cases/{served.site.jan_case}")
    expect(page.get_by_role("link", name="Het dagboek van de werknemer")).to_have_count(0)
    sign_out(page)

    sign_in(page, served, EMPLOYEE)
    page.goto("/diary")
    expect(page.locator("table.reads")).to_contain_text("dr.bakker")


def test_the_employee_agrees_on_contact_on_the_recovery_page(page: Page, served: Served) -> None:
    """The recovery form records the agreement; the page then says how and how often."""
    sign_in(page, served, EMPLOYEE)
    page.get_by_role("link", name="Herstel en contact").click()
    page.wait_for_url("**/recovery")
    page.get_by_role("link", name="Contactafspraak gemaakt").click()
    page.get_by_label("Elke (dagen)").fill("10")
    page.get_by_label("Vorm").select_option("video")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url("**/recovery?recorded=*")
    expect(page.get_by_role("status")).to_contain_text("Contactafspraak gemaakt")
    expect(page.locator("#contact-now")).to_contain_text("Contact: video, elke 10 dagen")
    screenshot(page, "recovery-employee")
