"""Voiding a case opened by mistake from the console, over HTTP against the served console: HR
finds the link on the case page, the confirmation says what voiding does, and afterwards the
case page says it is void and the dashboard no longer lists it."""

from __future__ import annotations

import datetime as dt

from adapters.amsterdam_time import today_in_amsterdam
from service.recording import ReportSick, report_sick
from tests.console.site import Served, csrf_of
from tests.organisation import HR, manage


def test_hr_voids_a_case_opened_by_mistake(served: Served) -> None:
    """The link leads to a confirmation that explains voiding; confirming it leaves a case
    page that says it is void, with no step open and nothing more to record."""
    manage(served.store, "E4000", "Mistaken Person")
    day = today_in_amsterdam(dt.datetime.now(dt.UTC)).isoformat()
    case = report_sick(
        served.store,
        HR,
        ReportSick("E4000", "Mistaken Person", {"date": day}),
        dt.datetime.now(dt.UTC),
    ).case_key
    with served.signed_in("anna.hr") as client:
        page = client.get(f"/cases/{case}").text
        assert f'href="/cases/{case}/entries/1/retract" id="void-link"' in page
        confirm = client.get(f"/cases/{case}/entries/1/retract")
        assert confirm.status_code == 200
        assert "laat het hele dossier vervallen" in confirm.text
        fields = {"csrf": csrf_of(confirm), "expected_seq": "1"}
        answer = client.post(f"/cases/{case}/entries/1/retract", data=fields)
        assert answer.status_code == 303
        page = client.get(f"/cases/{case}").text
        assert 'id="voided"' in page
        assert 'id="void-link"' not in page
        assert f"/cases/{case}/record/" not in page
        assert case not in client.get("/").text


def test_the_physician_gets_no_link_and_cannot_void(served: Served) -> None:
    """The physician did not report the case sick: no link, and the address is refused."""
    case = served.site.jan_case
    with served.signed_in("dr.bakker") as client:
        assert 'id="void-link"' not in client.get(f"/cases/{case}").text
        assert client.get(f"/cases/{case}/entries/1/retract").status_code in (403, 404)
