"""Every kind of console page passes axe-core's WCAG 2.1 A and AA rules (labels, contrast,
landmarks, names of links and buttons), in Chromium, run on the page as a person sees it."""

from __future__ import annotations

from importlib.resources import files

import pytest
from playwright.sync_api import Page

from tests.console.site import COACH, EMPLOYEE, Served
from tests.console.test_browser import sign_in

pytestmark = pytest.mark.browser
AXE = (files("axe_playwright_python") / "axe.min.js").read_text()
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page: Page) -> list[str]:
    """axe's violations on the page, one line each: the rule and the first offending element."""
    page.evaluate(AXE)  # the pages allow no script; the test injects axe itself
    found = page.evaluate("options => axe.run(document, options)", WCAG_21_AA)
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['html'][:120]})" for v in found["violations"]]


def test_the_sign_in_page_passes_axe(page: Page) -> None:
    page.goto("/sign-in")
    assert violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?team=Verkoop&overdue=1",
        "/cases/{jan}",
        "/cases/{kees}?trail=all",
        "/cases/{jan}/record/physician_notified",
        "/cases/{jan}/record/build_up_agreed",
        "/cases/{jan}/entries/1/correct",
        "/cases/{jan}/entries/1/retract",
        "/password",
        "/cases/no-such-case",
        "/cases/{jan}/contacts",
        "/cases/{jan}/riv",
        "/verify",
        "/?contact=1&stage=building",
    ],
)
def test_hrs_pages_pass_axe(page: Page, served: Served, path: str) -> None:
    sign_in(page, "anna.hr")
    page.wait_for_url(f"{served.base}/")
    page.goto(path.format(jan=served.site.jan_case, kees=served.site.kees_case))
    assert violations(page) == []


@pytest.mark.parametrize(
    ("login", "path"),
    [
        (EMPLOYEE, "/"),
        (EMPLOYEE, "/diary"),
        (EMPLOYEE, "/recovery"),
        (EMPLOYEE, "/cases/{jan}/record/contact_paused"),
        (COACH, "/"),
        ("olga.auditor", "/"),
        ("mark.manager", "/cases/{jan}"),
        ("dr.bakker", "/cases/{jan}/record/capacity_assessed"),
    ],
)
def test_everyone_elses_pages_pass_axe(page: Page, served: Served, login: str, path: str) -> None:
    sign_in(page, login)
    page.wait_for_url(f"{served.base}/")
    page.goto(path.format(jan=served.site.jan_case))
    assert violations(page) == []


def test_the_check_finds_an_unlabelled_field_and_poor_contrast(page: Page) -> None:
    page.goto("/sign-in")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<input id=x><p id=faint>faint</p>');
            document.getElementById('faint').style.color = '#bbb';  // CSSOM: the CSP allows it
        }"""
    )
    found = " ".join(violations(page))
    assert "label" in found
    assert "color-contrast" in found
