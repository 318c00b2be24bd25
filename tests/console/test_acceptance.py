"""The console's acceptance walk-through in Chromium, each person in their own browser context
(their own cookies): HR reports a sick employee, records the notification to the physician and
assigns one; the physician records the problem analysis; HR sees the plan of action due on its
date; a manager of another team finds no such case. Screenshots of every page visited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from adapters.amsterdam_time import today_in_amsterdam
from service.case_view import case_view
from tests.console.conftest import screenshot
from tests.console.site import OTHER_MANAGER, Served
from tests.console.test_browser import sign_in
from tests.organisation import HR
from web.console.form_dates import typed_day
from web.console.messages import Words

pytestmark = pytest.mark.browser
NL = Words("nl")


@contextmanager
def person(browser: Browser, served: Served, login: str) -> Iterator[Page]:
    context = browser.new_context(base_url=served.base, viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        sign_in(page, login)
        page.wait_for_url(f"{served.base}/")
        yield page
    finally:
        context.close()


def days_ago(days: int) -> dt.date:
    return today_in_amsterdam(dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)


def step_row(page: Page, step: str) -> Locator:
    """The open step's row: its header starts with the step's name (its law follows)."""
    return page.locator("table.steps tr", has=page.locator("th", has_text=re.compile(f"^{step}")))


def record_step(page: Page, step: str, day: dt.date) -> None:
    """From the case page: the open step's own link, its form, the confirmation."""
    row = step_row(page, step)
    row.get_by_role("link", name="Vastleggen").click()
    page.get_by_label("Datum").fill(typed_day(day))
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd als regel")


def test_hr_and_the_physician_take_a_case_to_its_plan_of_action(
    browser: Browser, served: Served
) -> None:
    with person(browser, served, "anna.hr") as hr:
        report = hr.locator('form[action="/report-sick"]')
        report.get_by_label("Personeelsnummer").fill("E5000")
        report.get_by_label("Naam", exact=True).fill("Nora Smit")
        report.get_by_label("Roepnaam").fill("Nora")
        report.get_by_label("Eerste ziektedag").fill(typed_day(days_ago(20)))
        report.get_by_role("group", name="Bedrijfsongeval").get_by_label("nee").check()
        report.get_by_label("Verwachte duur").select_option(label="1 tot 6 weken")
        report.get_by_role("button", name="Ziekmelding").click()
        hr.wait_for_url("**/cases/E5000-*")
        case = hr.url.rsplit("/", 1)[1]
        expect(hr.get_by_role("heading", name="Nora Smit")).to_be_visible()
        reported = served.store.cases.load(case)
        assert [e.type for e in reported.log] == ["reported_sick", "sick_facts_recorded"]
        assert reported.employee.first_name == "Nora"
        screenshot(hr, "acceptance-1-hr-reported")

        record_step(hr, "Ziekmelding bij de bedrijfsarts", days_ago(19))
        screenshot(hr, "acceptance-2-hr-notified-physician")
        hr.get_by_label("Bedrijfsarts toewijzen").select_option("dr.bakker")
        hr.get_by_role("button", name="Toewijzen").click()
        expect(hr.locator("ul.physicians li")).to_contain_text("dr.bakker")

    with person(browser, served, "dr.bakker") as physician:
        physician.get_by_role("link", name="Nora Smit").click()
        record_step(physician, "Probleemanalyse", days_ago(2))
        screenshot(physician, "acceptance-3-physician-problem-analysis")
        physician.get_by_role("link", name="Belastbaarheid beoordeeld").click()
        physician.get_by_label("Uren per dag").fill("2,5")
        physician.get_by_label("Dagen per week").fill("3")
        physician.get_by_label("geen deadlinedruk").check()
        physician.get_by_label("Verwachte duur").select_option(label="1 tot 3 maanden")
        screenshot(physician, "acceptance-3b-physician-capacity-form")
        physician.get_by_role("button", name="Vastleggen").click()
        expect(physician.get_by_role("status")).to_contain_text(
            "Uren per dag: 2,5; Dagen per week: 3; Beperkingen (functioneel): geen deadlinedruk"
        )

    with person(browser, served, "anna.hr") as hr:
        hr.goto(f"/cases/{case}")
        due = next(
            step.due
            for step in case_view(served.store, HR, case, dt.datetime.now(dt.UTC)).open_steps
            if step.step == "plan_of_action"
        )
        assert due == days_ago(2) + dt.timedelta(days=14)  # two weeks after the analysis
        row = step_row(hr, "Plan van aanpak")
        expect(row).to_contain_text(NL.date(due))
        expect(step_row(hr, "Probleemanalyse")).to_have_count(0)
        screenshot(hr, "acceptance-4-hr-plan-of-action-due")

    with person(browser, served, OTHER_MANAGER) as manager:
        manager.get_by_label("Zoek op naam of personeelsnummer").fill("Nora")
        manager.get_by_role("button", name="Toepassen").click()
        expect(manager.get_by_text("Geen dossiers gevonden.")).to_be_visible()
        answer = manager.goto(f"/cases/{case}")
        assert answer is not None
        assert answer.status == 404
        expect(manager.get_by_role("heading", name="Niet gevonden")).to_be_visible()
        screenshot(manager, "acceptance-5-other-manager-finds-nothing")
