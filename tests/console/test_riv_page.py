"""The reintegration report's page in the console, over HTTP against the served console: each
part with its status in the page's language, the steps it still needs with what missing them
costs, linked from the case page, and only for those who may read the case."""

from __future__ import annotations

import re

from tests.console.site import COACH, Served


def _row(html: str, part: str) -> str:
    found = re.search(rf'<tr id="part-{part}"[^>]*>(.*?)</tr>', html, re.S)
    assert found is not None, f"a row for {part}"
    return found.group(1)


def test_hr_sees_each_part_and_the_steps_the_report_needs_from_the_case_page(
    served: Served,
) -> None:
    """The case page links to the report; a missing part says "ontbreekt", a recorded one its
    date and who recorded it; the overdue problem analysis is listed with its consequence."""
    case = served.site.jan_case
    with served.signed_in("anna.hr") as client:
        assert f'href="/cases/{case}/riv"' in client.get(f"/cases/{case}").text
        answer = client.get(f"/cases/{case}/riv")
    assert answer.status_code == 200
    html = answer.text
    assert "Probleemanalyse en bijstellingen" in _row(html, "problem_analysis")
    assert "ontbreekt" in _row(html, "problem_analysis")
    assert "ontbreekt: de werknemer voegt die toe na de overhandiging" in _row(
        html, "employee_view"
    )
    steps = html.split('id="riv-steps-heading"')[1]
    assert "Probleemanalyse" in steps
    assert "te laat" in steps
    assert "UWV kan een loonsanctie van ten hoogste 52 weken opleggen" in steps


def test_someone_who_may_not_read_the_case_gets_no_report(served: Served) -> None:
    """A coach may not read a case, so neither its report: 403 with a one-line reason."""
    with served.signed_in(COACH) as client:
        answer = client.get(f"/cases/{served.site.jan_case}/riv")
    assert answer.status_code == 403
    assert "Traceback" not in answer.text
