"""The auditor in Chromium: olga.auditor signs in, sees every case, opens one and reads its
trail (with nothing to record), runs the integrity check and sees a clean result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.console.conftest import screenshot
from tests.console.site import Served
from tests.console.test_browser import sign_in

pytestmark = pytest.mark.browser


def test_the_auditor_reads_a_trail_and_verifies_the_store(page: Page, served: Served) -> None:
    sign_in(page, "olga.auditor")
    page.wait_for_url(f"{served.base}/")
    expect(page.get_by_role("heading", name="Alle verzuimdossiers")).to_be_visible()
    assert page.locator("table.cases tbody tr").count() >= 3
    assert page.locator('form[action="/report-sick"]').count() == 0
    screenshot(page, "dashboard-auditor")

    page.get_by_role("link", name="Jan Jansen").click()
    page.wait_for_url(f"**/cases/{served.site.jan_case}")
    expect(page.get_by_role("heading", name="Audittrail")).to_be_visible()
    assert page.locator("table.trail tbody tr").count() >= 1
    assert page.locator("main form").count() == 0  # an auditor records nothing
    screenshot(page, "case-jan-auditor")

    page.get_by_role("link", name="Controle").click()
    page.wait_for_url("**/verify")
    page.get_by_role("button", name="Nu controleren").click()
    result = page.get_by_role("heading", name=re.compile("dossiers gecontroleerd"))
    expect(result).to_have_text(re.compile(r"^\d+ dossiers gecontroleerd, geen afwijkingen$"))
    expect(page.locator("#ran-at")).to_contain_text("uitgevoerd op")
    screenshot(page, "verify-auditor")
