"""Recording from the console, over HTTP against a real `reintegration web` process on SQLite
and PostgreSQL: a form per event type, corrections and retractions that keep history, a stale
form refused with what is new, input errors as the domain words them with nothing stored, and
the trail in people's words."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import httpx
import pytest

from adapters.amsterdam_time import today_in_amsterdam
from service.recording import ReportSick, report_sick
from tests.console.site import Served, csrf_of
from tests.organisation import HR, assign_physician, manage
from web.console.form_dates import typed_day

_keys = itertools.count(7000)
EXPECTED = re.compile(r'name="expected_seq" value="(\d+)"')


def _today() -> dt.date:
    """Today where the console dates its forms: in Amsterdam (after 23:00 UTC, tomorrow)."""
    return today_in_amsterdam(dt.datetime.now(dt.UTC))


def new_case(console: Served, days_ago: int = 10) -> str:
    """A fresh case of a fresh employee of mark.manager's, reported sick `days_ago`, with
    dr.bakker assigned."""
    key = f"E{next(_keys)}"
    manage(console.store, key, f"Test {key}")
    now = dt.datetime.now(dt.UTC)
    report = {"date": (now.date() - dt.timedelta(days=days_ago)).isoformat()}
    case = report_sick(console.store, HR, ReportSick(key, f"Test {key}", report), now).case_key
    assign_physician(console.store, case)
    return case


def typed(days_ago: int) -> str:
    day = _today() - dt.timedelta(days=days_ago)
    return f"{day.day}-{day.month}-{day.year}"


def form_fields(client: httpx.Client, path: str) -> dict[str, str]:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = EXPECTED.search(page.text)
    assert found is not None
    return {"csrf": csrf_of(page), "expected_seq": found.group(1)}


def log_types(console: Served, case: str) -> list[str]:
    return [entry.type for entry in console.store.cases.load(case).log]


def test_hr_records_the_notification_from_the_open_step(console: Served) -> None:
    """The open step links to its form; the form records the event that closes the step."""
    case = new_case(console)
    with console.signed_in("anna.hr") as client:
        page = client.get(f"/cases/{case}")
        link = f"/cases/{case}/record/physician_notified"
        assert f'href="{link}"' in page.text
        form = client.get(link)
        assert 'id="f-date"' in form.text
        assert f'value="{typed_day(_today())}"' in form.text  # today, dd-mm-jjjj
        sent = client.post(link, data=form_fields(client, link) | {"date": typed(9)})
        assert (sent.status_code, sent.headers["location"]) == (
            303,
            f"/cases/{case}?recorded=2#recorded",
        )
        shown = client.get(sent.headers["location"])
        assert "Vastgelegd als regel 2:" in shown.text
        assert "Ziekmelding aan de bedrijfsarts" in shown.text
        assert (
            f'href="{link}"' not in shown.text.split('id="steps-heading"')[1].split("</table>")[0]
        )
    assert log_types(console, case) == ["reported_sick", "physician_notified"]


def test_a_form_of_a_case_that_changed_meanwhile_shows_what_is_new(console: Served) -> None:
    """Optimistic concurrency: the form decided on entry N; at N+1 it is refused with 409,
    the new entry named, the input kept, and nothing stored until it is sent again."""
    case = new_case(console)
    link = f"/cases/{case}/record/physician_notified"
    with console.signed_in("anna.hr") as client:
        stale = form_fields(client, link)
        with console.signed_in("mark.manager") as manager:
            contact = f"/cases/{case}/record/contact_agreed"
            fields = form_fields(manager, contact) | {"every_days": "7", "form": "call"}
            assert manager.post(contact, data=fields | {"date": typed(1)}).status_code == 303
        refused = client.post(link, data=stale | {"date": typed(8)})
        assert refused.status_code == 409
        assert "Dit dossier is intussen gewijzigd" in refused.text
        assert "Contactafspraak gemaakt" in refused.text
        assert f'value="{typed(8)}"' in refused.text  # the input kept
        assert log_types(console, case) == ["reported_sick", "contact_agreed"]
        again = {"csrf": stale["csrf"], "expected_seq": EXPECTED.findall(refused.text)[0]}
        assert again["expected_seq"] == "2"
        assert client.post(link, data=again | {"date": typed(8)}).status_code == 303
    assert log_types(console, case) == ["reported_sick", "contact_agreed", "physician_notified"]


@pytest.mark.parametrize(
    ("typed_date", "reason"),
    [("31-02-2026", "2026-02-31 is not a real date"), ("morgen", "morgen")],
)
def test_a_form_the_domain_refuses_says_why_and_stores_nothing(
    console: Served, typed_date: str, reason: str
) -> None:
    case = new_case(console)
    link = f"/cases/{case}/record/physician_notified"
    with console.signed_in("anna.hr") as client:
        refused = client.post(link, data=form_fields(client, link) | {"date": typed_date})
        assert refused.status_code == 422
        assert "Niet opgeslagen" in refused.text
        assert reason in refused.text
        assert "Traceback" not in refused.text
        assert f'value="{typed_date}"' in refused.text
    assert log_types(console, case) == ["reported_sick"]


def test_a_role_gets_no_form_for_an_event_it_may_not_record(console: Served) -> None:
    """HR records no medical step, and no form is the way around that: the page and the post
    are both refused."""
    case = new_case(console)
    link = f"/cases/{case}/record/problem_analysis_done"
    with console.signed_in("anna.hr") as client:
        assert f'href="{link}"' not in client.get(f"/cases/{case}").text
        assert client.get(link).status_code == 403
        token = csrf_of(client.get(f"/cases/{case}/record/physician_notified"))
        posted = client.post(link, data={"csrf": token, "date": typed(1)})
        assert posted.status_code == 403
        assert client.get(f"/cases/{case}/record/no_such_event").status_code == 404
    with console.signed_in("dr.bakker") as physician:
        assert f'href="{link}"' in physician.get(f"/cases/{case}").text
    assert log_types(console, case) == ["reported_sick"]


def test_a_post_without_its_csrf_token_records_nothing(console: Served) -> None:
    case = new_case(console)
    link = f"/cases/{case}/record/physician_notified"
    with console.signed_in("anna.hr") as client:
        fields = form_fields(client, link)
        refused = client.post(
            link, data={"expected_seq": fields["expected_seq"], "date": "1-1-2026"}
        )
        assert refused.status_code == 403
    assert log_types(console, case) == ["reported_sick"]


def test_a_correction_and_a_retraction_keep_the_history(console: Served) -> None:
    """Correcting fills the form with the entry as it stands; both add an entry, and the case
    page shows the entry corrected, then struck through as retracted."""
    case = new_case(console)
    link = f"/cases/{case}/record/physician_notified"
    with console.signed_in("anna.hr") as client:
        client.post(link, data=form_fields(client, link) | {"date": typed(9)})
        correct = f"/cases/{case}/entries/2/correct"
        form = client.get(correct)
        assert f'value="{typed_day(_today() - dt.timedelta(days=9))}"' in form.text
        fixed = client.post(correct, data=form_fields(client, correct) | {"date": typed(8)})
        assert fixed.status_code == 303
        assert "(gecorrigeerd)" in client.get(f"/cases/{case}").text
        retract = f"/cases/{case}/entries/2/retract"
        assert "Intrekken verwijdert niets" in client.get(retract).text
        assert client.post(retract, data=form_fields(client, retract)).status_code == 303
        page = client.get(f"/cases/{case}")
        assert "<del>" in page.text
        assert "(ingetrokken)" in page.text
        assert client.get(f"/cases/{case}/entries/2/correct").status_code == 404
        assert client.get(f"/cases/{case}/entries/1/delete").status_code == 404
    assert log_types(console, case) == [
        "reported_sick",
        "physician_notified",
        "event_corrected",
        "event_retracted",
    ]


def test_the_trail_speaks_in_peoples_words(console: Served) -> None:
    """Local times, named events, reads and roles; the CSV keeps the exact values."""
    case = new_case(console)
    with console.signed_in("anna.hr") as client:
        client.get(f"/cases/{case}")
        page = client.get(f"/cases/{case}").text
        trail = page.split('id="trail-heading"')[1]
        assert "Ziekmelding, " in trail
        assert "Dossier ingezien" in trail
        assert "anna.hr (HR)" in trail
        assert "reported_sick" not in trail
        assert not re.search(r"\d{4}-\d{2}-\d{2}T", trail)
        assert "reported_sick" in client.get(f"/cases/{case}/audit.csv").text


def test_hr_records_a_yes_or_no_field_of_a_uwv_event_from_its_form(console: Served) -> None:
    """A true/false field (UWV-TRACKS.md: an early IVA decision's `granted`) is a choice of
    yes and no on the form, stored as true or false."""
    case = new_case(console, days_ago=40)
    with console.signed_in("anna.hr") as client:
        applied = f"/cases/{case}/record/early_iva_applied"
        sent = client.post(applied, data=form_fields(client, applied) | {"date": typed(5)})
        assert sent.status_code == 303, sent.text
        decided = f"/cases/{case}/record/early_iva_decided"
        form = client.get(decided)
        assert '<option value="true">ja</option>' in form.text
        data = form_fields(client, decided) | {"date": typed(1), "granted": "true"}
        sent = client.post(decided, data=data)
        assert sent.status_code == 303, sent.text
    assert log_types(console, case) == ["reported_sick", "early_iva_applied", "early_iva_decided"]
    assert console.store.cases.load(case).log[-1].payload.count('"granted": true') == 1


def test_each_open_step_says_its_legal_basis_and_what_missing_it_costs(console: Served) -> None:
    """Exactly the domain's words (UWV-TRACKS.md section 13), nothing stronger: a missed
    consult costs nothing by law, and the week-42 report a UWV fine, not a wage sanction."""
    case = new_case(console)
    with console.signed_in("anna.hr") as client:
        steps = (
            client.get(f"/cases/{case}").text.split('id="steps-heading"')[1].split("</table>")[0]
        )
    consult = steps.split("Eerste consult bedrijfsarts")[1].split("</th>")[0]
    assert "Grondslag: advies. Als het niet gebeurt: geen gevolg in de wet." in consult
    uwv = steps.split("42e-weeksmelding bij UWV")[1].split("</th>")[0]
    assert "een boete van UWV van ten hoogste € 455; geen loonsanctie;" in uwv
    assert uwv.count("loonsanctie") == 1  # only to say there is none
