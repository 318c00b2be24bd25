"""The console in Chromium, through Playwright: HR signs in by keyboard, filters, opens a case
and sees its timeline picture, and signs out; a manager sees only their team; five wrong
passwords lock the login; a form posted without its CSRF token is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from domain.roles import Role
from service.accounts import hash_password
from service.ports import NewAccount
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.console.conftest import screenshot
from tests.console.site import OTHER_MANAGER, PASSWORD, Served
from tests.organisation import HR, SINCE

pytestmark = pytest.mark.browser


def sign_in(page: Page, login: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in")
    page.get_by_label("Gebruikersnaam").fill(login)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()


def test_hr_signs_in_filters_opens_a_case_and_signs_out(page: Page, served: Served) -> None:
    page.goto("/")
    assert page.url.endswith("/sign-in")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type("anna.hr")  # the login field has the focus; the form needs no mouse
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served.base}/")
    assert page.get_by_role("heading", name="Openstaande verzuimdossiers").is_visible()
    rows = page.locator("table.cases tbody tr")
    for name in ("Jan Jansen", "Piet Peters", "Kees de Boer"):  # other tests may add cases
        assert rows.filter(has_text=name).count() == 1
    screenshot(page, "dashboard-hr")

    page.get_by_label("Team").select_option("Verkoop")
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url("**team=Verkoop**")
    assert rows.count() == 1
    assert "te laat" in rows.first.inner_text()

    page.get_by_role("link", name="Jan Jansen").click()
    page.wait_for_url(f"**/cases/{served.site.jan_case}")
    picture = page.locator("svg.timeline")
    assert picture.is_visible()
    assert picture.locator("g.marker.done_on_time").count() == 0  # nothing done yet
    assert picture.locator("g.marker.overdue").count() >= 1
    assert picture.locator("g.marker.open").count() >= 5
    assert picture.locator("line.today").count() == 1
    screenshot(page, "case-jan")
    page.get_by_role("link", name="Re-integratieverslag: welke onderdelen").click()
    page.wait_for_url(f"**/cases/{served.site.jan_case}/riv")
    assert "ontbreekt" in page.locator("#part-problem_analysis").inner_text()
    screenshot(page, "riv-jan")

    page.goto(f"/cases/{served.site.kees_case}")
    assert page.locator("svg.timeline g.gap").count() == 1
    assert page.locator("svg.timeline g.marker.done_on_time").count() == 1
    screenshot(page, "case-kees-linked")

    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url("**/sign-in")
    page.goto(f"/cases/{served.site.jan_case}")
    assert page.url.endswith("/sign-in")


def test_a_manager_sees_only_their_team(page: Page, served: Served) -> None:
    sign_in(page, OTHER_MANAGER)
    page.wait_for_url(f"{served.base}/")
    assert page.locator("table.cases tbody tr").count() == 1
    assert page.get_by_role("link", name="Piet Peters").is_visible()
    screenshot(page, "dashboard-other-manager")
    answer = page.goto(f"/cases/{served.site.jan_case}")
    assert answer is not None
    assert answer.status == 404
    assert f"no case '{served.site.jan_case}'" in page.locator("main").inner_text()
    screenshot(page, "case-of-another-team")


def test_five_wrong_passwords_lock_the_login(page: Page, served: Served) -> None:
    """Even the right password is refused then (an account of its own: the others sign in)."""
    served.store.directory.add_account(
        NewAccount("dr.jansen", "Dr. Jansen", Role.PHYSICIAN, None, SINCE)
    )
    served.store.directory.set_password_hash("dr.jansen", hash_password(PASSWORD))
    for _ in range(5):
        sign_in(page, "dr.jansen", "not the password")
        assert "Onjuiste gebruikersnaam of wachtwoord" in page.get_by_role("alert").inner_text()
    sign_in(page, "dr.jansen")
    assert "probeer het over 15 minuten opnieuw" in page.get_by_role("alert").inner_text()
    assert page.url.endswith("/sign-in")
    screenshot(page, "sign-in-locked")


def test_a_form_posted_without_its_csrf_token_is_refused(page: Page, served: Served) -> None:
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    form = page.locator('form[action="/report-sick"]')
    form.locator('input[name="csrf"]').evaluate("field => field.remove()")
    page.get_by_label("Personeelsnummer", exact=True).fill("E7000")
    page.get_by_label("Naam", exact=True).fill("Zonder Token")
    with page.expect_response("**/report-sick") as posted:
        page.get_by_role("button", name="Ziekmelding").click()
    assert posted.value.status == 403
    assert page.get_by_role("heading", name="Geweigerd").is_visible()
    assert served.store.cases.find_employee("E7000") is None
    screenshot(page, "post-without-csrf")


def test_the_header_switches_to_english_and_back(page: Page, served: Served) -> None:
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Open cases").is_visible()
    page.goto(f"/cases/{served.site.kees_case}")
    assert page.get_by_role("heading", name="Poortwachter timeline").is_visible()
    assert "done on time" in page.locator("ul.legend").inner_text()
    screenshot(page, "case-kees-english")
    page.get_by_role("link", name="Nederlands").click()
    assert page.get_by_role("heading", name="Tijdlijn Poortwachter").is_visible()


def test_a_stale_form_shows_what_changed_and_keeps_the_input(page: Page, served: Served) -> None:
    """Someone else recorded on the case while the form was open: the form comes back with
    the new entry in words and the typed date, and sends once read again."""
    now = dt.datetime.now(dt.UTC)
    report = ReportSick(
        "E6100", "Stale Form", {"date": (now.date() - dt.timedelta(days=9)).isoformat()}
    )
    case = report_sick(served.store, HR, report, now).case_key  # its own case: others keep theirs
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    page.goto(f"/cases/{case}/record/evaluation_held")
    page.get_by_label("Datum").fill("01-12-2026")
    event = {"type": "physician_notified", "date": (now.date() - dt.timedelta(days=8)).isoformat()}
    record(served.store, HR, RecordEvent(case, event), now)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("heading", name="Dit dossier is intussen gewijzigd")).to_be_visible()
    expect(page.locator("section.news")).to_contain_text("Ziekmelding aan de bedrijfsarts")
    expect(page.get_by_label("Datum")).to_have_value("01-12-2026")
    screenshot(page, "stale-form")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Plan van aanpak geëvalueerd")
