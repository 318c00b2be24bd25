"""The recovery and the contact routes on the case page, in Chromium: Jan's build-up (recorded
in `tests.console.site` by the physician, Jan, his manager) shows as a ladder with the current
stage and the setback; HR adds a webhook route, a test message reaches the real receiver, and
the route is removed; a case without a build-up says so in one line."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.console.conftest import SCREENSHOTS, screenshot
from tests.console.site import Served
from tests.console.test_browser import sign_in

pytestmark = pytest.mark.browser

Received = list[tuple[str, dict[str, Any]]]


def test_the_case_page_draws_the_build_up_ladder_with_the_current_stage(
    page: Page, served: Served
) -> None:
    """The ladder has a rung per stage with the current one highlighted, the setback is a drop
    on it, the current stage is said in words, and capacity is in functional terms only."""
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    page.goto(f"/cases/{served.site.jan_case}")
    ladder = page.locator("svg.ladder")
    expect(ladder).to_be_visible()
    assert ladder.locator("g.rung").count() == 4
    assert ladder.locator("g.rung.current").get_attribute("data-stage") == "2"
    assert ladder.locator("g.move.setback").count() == 1
    assert ladder.locator("g.move.advance").count() == 2
    assert "nu fase 2" in (ladder.locator("desc").text_content() or "")
    expect(page.locator("#current-stage")).to_contain_text(
        "fase 2 van 4: 3 x 3 uur per week, een rustdag ertussen"
    )
    expect(page.locator("table.stages tr.now")).to_contain_text("3 x 3 uur = 9 uur per week")
    expect(page.locator("table.reviews tr.setback")).to_contain_text("terugval")
    expect(page.locator("#capacity")).to_contain_text("geen deadlinedruk, rustige werkplek")
    expect(page.locator("#contact-agreement")).to_contain_text("elke 7 dagen, telefonisch")
    expect(page.get_by_role("heading", name="Berichten")).to_be_visible()
    screenshot(page, "case-jan-recovery")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_role("link", name="English").click()
    expect(page.locator("#current-stage")).to_contain_text(
        "stage 2 of 4: 3 x 3 hours a week, a rest day between"
    )
    for section in ("recovery", "case-messages"):
        path = SCREENSHOTS / f"{section}-section.png"
        page.locator(f"section.{section}").screenshot(path=str(path))


def test_a_case_without_a_build_up_says_so_in_one_line(page: Page, served: Served) -> None:
    """No recovery recorded: one line, no picture, no empty tables."""
    sign_in(page, "mark.manager")
    page.wait_for_url(f"{served.base}/")
    page.goto(f"/cases/{served.site.kees_case}")
    expect(page.locator("#no-build-up")).to_have_text("Nog geen opbouw.")
    assert page.locator("svg.ladder").count() == 0
    assert page.locator("section.recovery h3").count() == 0
    path = SCREENSHOTS / "recovery-section-none.png"
    page.locator("section.recovery").screenshot(path=str(path))
    screenshot(page, "case-kees-manager")


def test_hr_adds_a_webhook_route_tries_it_and_removes_it(
    page: Page, served: Served, webhook: tuple[int, Received]
) -> None:
    """A test message goes through the route to the real receiver and the page says it was
    delivered; the route is shown masked, and removing it leaves none."""
    port, received = webhook
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    page.goto(f"/cases/{served.site.kees_case}")
    page.get_by_role("link", name="Contactroutes beheren").click()
    page.wait_for_url(f"**/cases/{served.site.kees_case}/contacts")
    expect(page.locator("#no-routes")).to_be_visible()
    page.get_by_label("Wie").select_option("manager")
    page.get_by_label("Apprise-URL").fill(f"json://user:geheim@127.0.0.1:{port}/hook")
    page.get_by_role("button", name="Route toevoegen").click()
    row = page.locator("table.routes tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("json 127.0.0.1")
    assert "geheim" not in page.content()
    screenshot(page, "contacts-added")

    page.get_by_role("button", name="Testbericht sturen").click()
    expect(page.locator("#tried")).to_contain_text("Testbericht bezorgd bij json 127.0.0.1")
    assert [path for path, _ in received] == ["/hook"]
    assert received[0][1]["title"] == "Testbericht van de verzuimadministratie"
    assert "Kees de Boer" in received[0][1]["message"]
    screenshot(page, "contacts-tried")

    page.get_by_label("Apprise-URL").fill("nonsense://x")
    page.get_by_role("button", name="Route toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("not a notification URL Apprise knows")
    screenshot(page, "contacts-refused")

    page.get_by_role("button", name="Verwijderen").click()
    expect(page.locator("#no-routes")).to_be_visible()
    screenshot(page, "contacts-removed")
    assert "geheim" not in served.log.read_text()  # nor in the server's log
