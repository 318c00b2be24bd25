"""Each party on its own channel, through Apprise, against real receivers on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import logging
from email.header import decode_header, make_header
from email.message import Message as EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pytest
from aiosmtpd.controller import Controller

from adapters.store.case_store import CaseStore
from domain.errors import InputError
from notifications.routing import Router, load_router
from notifications.sinks import OutboxSink, read_outbox
from service.contacts import list_contacts, remove_contact
from service.dispatch import RETRY_DELAYS, Dispatcher, party_routes
from service.ports import Changer, Contact
from service.recording import ReportSick, report_sick
from service.review import audit_trail, open_cases
from tests.helpers import free_port
from tests.receivers import Inbox
from tests.store.conftest import HR

CASE = "E1042-20260105"
REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
PLAN_AHEAD = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)  # plan of action, 7 days ahead
SLACK = "slack://T1234ABCD/B5678EFGH/s3cr3tT0kenValue12345678/#hr-cases"


def open_case(store: CaseStore, *contacts: Contact) -> None:
    command = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}, contacts=contacts)
    report_sick(store, HR, command, REPORTED)


def dispatcher(
    store: CaseStore, tmp_path: Path, organisation: dict[str, tuple[str, ...]]
) -> Dispatcher:
    router = Router(OutboxSink(tmp_path / "outbox.jsonl"), organisation)
    return Dispatcher(store, party_routes(store, router))


def test_each_party_gets_its_reminders_on_its_own_channel(
    store: CaseStore,
    tmp_path: Path,
    smtp: tuple[int, Inbox],
    slack: list[tuple[str, dict[str, Any]]],
) -> None:
    port, inbox = smtp
    open_case(
        store,
        Contact("employee", f"mailto://127.0.0.1:{port}/jan@example.org?from=noreply@example.org"),
    )
    report = dispatcher(store, tmp_path, {"hr": (SLACK,)}).dispatch_due(PLAN_AHEAD)
    assert report.retrying == report.given_up == 0
    assert {recipients[0] for recipients, _ in inbox.messages} == {"jan@example.org"}
    assert any(mail["Subject"].startswith("Plan van aanpak: ") for _, mail in inbox.messages)
    assert slack  # HR: the organisation's Slack channel
    assert all(payload["channel"] == "#hr-cases" for _, payload in slack)
    outbox = read_outbox(tmp_path / "outbox.jsonl")
    assert {m["party"] for m in outbox} == {"manager", "physician"}  # no route: the local outbox


def test_with_the_mail_server_down_for_a_while_every_reminder_arrives_after_it_returns(
    store: CaseStore, tmp_path: Path
) -> None:
    port = free_port()
    open_case(
        store, Contact("hr", f"mailto://127.0.0.1:{port}/hr@example.org?from=noreply@example.org")
    )
    sending = dispatcher(store, tmp_path, {})
    down = sending.dispatch_due(dt.datetime(2026, 1, 12, 12, 0, tzinfo=dt.UTC))
    # notify_physician's ahead, due and first escalation are due: only the latest is sent
    assert (down.sent, down.retrying) == (0, 1)
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        back = sending.dispatch_due(dt.datetime(2026, 1, 12, 12, 5, tzinfo=dt.UTC))
    finally:
        server.stop()
    assert (back.sent, back.retrying) == (1, 0)
    assert len(inbox.messages) == 1
    attempts = [
        e.details["delivered"]
        for e in audit_trail(store, HR, CASE, REPORTED)
        if e.kind == "delivery"
    ]
    assert attempts == [False, True]


def test_a_retry_resends_only_to_the_target_that_failed(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    down = f"mailto://127.0.0.1:{free_port()}/hr@example.org?from=noreply@example.org"
    open_case(store, Contact("hr", SLACK), Contact("hr", down))
    sending = dispatcher(store, tmp_path, {})
    first = sending.dispatch_due(dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC))
    assert first.retrying == 1
    assert len(slack) == 1
    sending.dispatch_due(dt.datetime(2026, 1, 8, 12, 5, tzinfo=dt.UTC))
    assert len(slack) == 1  # Slack already has it; only the mail target is tried again


def test_an_unusable_stored_route_fails_visibly_and_leaks_nothing(
    store: CaseStore, tmp_path: Path
) -> None:
    """A route stored before URLs were checked on entry (or whose Apprise plugin went away in
    an upgrade) fails at each send with the URL's kind only, never its password."""
    open_case(store)
    employee = store.cases.load(CASE).employee
    route = Contact("hr", "nonsense://hr:Pa55w0rd@example.org")
    store.contacts.add(employee.id, [route], Changer(HR.name, HR.role.value, REPORTED))
    assert (
        dispatcher(store, tmp_path, {})
        .dispatch_due(dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC))
        .retrying
        == 1
    )
    [attempt] = [e for e in audit_trail(store, HR, CASE, REPORTED) if e.kind == "delivery"]
    assert attempt.details["error"] == "not a notification URL Apprise knows (kind 'nonsense')"
    assert "Pa55w0rd" not in str(attempt.details)


def test_the_organisation_routes_file_names_known_parties_only(tmp_path: Path) -> None:
    routes = tmp_path / "routes.toml"
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    assert load_router(routes, outbox) == Router(outbox)
    routes.write_text(
        'language = "en"\ndigest = ["hr"]\n[routes]\nhr = ["mailto://hr@example.org"]\n'
    )
    assert load_router(routes, outbox) == Router(
        outbox, {"hr": ("mailto://hr@example.org",)}, "en", frozenset({"hr"})
    )
    for text, error in [
        ('[routes]\nboss = ["mailto://b@example.org"]\n', "unknown party 'boss'"),
        ('digest = ["boss"]\n', "unknown party 'boss'"),
        ('digest = "hr"\n', "digest must be a list of parties"),
        ('language = "fr"\n', "unknown language 'fr'"),
        ('routes = "hr"\n', "must be a table"),
        ("[routes\n", "cannot read the routes file"),
    ]:
        routes.write_text(text)
        with pytest.raises(InputError, match=error):
            load_router(routes, outbox)


def every_other_day(sending: Dispatcher, rounds: int) -> dt.datetime:
    """Dispatch from PLAN_AHEAD every other day, `rounds` times; the moment after the last."""
    moment = PLAN_AHEAD
    for _ in range(rounds):
        sending.dispatch_due(moment)
        moment += dt.timedelta(days=2)
    return moment


def parts(mail: EmailMessage) -> dict[str, str]:
    """The text, HTML and calendar parts of a received email, decoded."""
    found = {}
    for part in mail.walk():
        if part.get_content_maintype() != "multipart":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[part.get_content_type()] = payload.decode()
    return found


def test_an_email_carries_text_html_and_the_invitation_in_each_persons_language(
    store: CaseStore, tmp_path: Path, smtp: tuple[int, Inbox]
) -> None:
    port, inbox = smtp
    mail = f"mailto://127.0.0.1:{port}/{{}}?from=noreply@example.org"
    open_case(
        store,
        Contact("employee", mail.format("jan@example.org"), "en"),
        Contact("manager", mail.format("mark@example.org")),  # Dutch, the default
    )
    dispatcher(store, tmp_path, {}).dispatch_due(PLAN_AHEAD)
    received = {recipients[0]: message for recipients, message in inbox.messages}
    employee, manager = received["jan@example.org"], received["mark@example.org"]
    assert (
        employee["Subject"]
        == "Plan of action: Friday 27 February 2026 (legal deadline Sunday 1 March)"
    )
    assert str(make_header(decode_header(manager["Subject"]))) == (  # the dash is not ASCII
        f"Plan van aanpak \N{EM DASH} medewerker Jan Jansen (zaak {CASE}): "
        "uiterlijk vrijdag 27 februari 2026 (wettelijke termijn zondag 1 maart)"
    )
    text = parts(employee)
    assert "Hello," in text["text/plain"]  # no first name given: never the full name
    assert "Jan Jansen" not in text["text/plain"]
    assert "at your own pace" in text["text/plain"]
    assert "<p>Hello,</p>" in text["text/html"]
    [event] = icalendar.Calendar.from_ical(text["text/calendar"]).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2026, 2, 27)  # the working day before Sunday
    assert str(event["summary"]) == "Plan of action"
    assert "Plan een gesprek met Jan Jansen" in parts(manager)["text/plain"]


def test_slack_gets_the_message_in_the_routes_language(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    open_case(store, Contact("hr", SLACK))  # HR's own route: Dutch
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    router = Router(outbox, {}, "en", managers={"mark.manager": (SLACK,)})  # the org's language
    Dispatcher(store, party_routes(store, router)).dispatch_due(PLAN_AHEAD)
    posted = [json.dumps(payload, ensure_ascii=False) for _, payload in slack]
    hr = [p for p in posted if "Plan van aanpak \N{EM DASH} medewerker Jan Jansen" in p]
    manager = [p for p in posted if "Plan of action \N{EM DASH} employee Jan Jansen" in p]
    assert len(hr) == len(manager) == 1
    assert "loonsanctie" in hr[0]
    assert "Plan a conversation with Jan Jansen" in manager[0]


def test_a_digest_party_gets_one_message_listing_every_case(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    open_case(store)
    report_sick(store, HR, ReportSick("E2077", "Piet de Vries", {"date": "2026-01-05"}), REPORTED)
    router = Router(
        OutboxSink(tmp_path / "outbox.jsonl"), {"hr": (SLACK,)}, "en", frozenset({"hr"})
    )
    report = Dispatcher(store, party_routes(store, router)).dispatch_due(PLAN_AHEAD)
    [(_, payload)] = slack
    text = json.dumps(payload)
    assert "reminders for HR" in text
    assert "Jan Jansen" in text
    assert "Piet de Vries" in text
    hr_reminders = [
        r
        for case in (CASE, "E2077-20260105")
        for r in store.reminders.of_case(case)
        if r.party == "hr"
    ]
    assert report.sent == sum(r.status == "sent" for r in hr_reminders) + len(
        read_outbox(tmp_path / "outbox.jsonl")
    )
    trail = [e for e in audit_trail(store, HR, CASE, PLAN_AHEAD) if e.kind == "delivery"]
    assert {e.details["channel"] for e in trail if e.role == "hr"} == {"slack"}


def test_a_target_that_keeps_failing_is_escalated_to_hr_and_shown_until_it_works_again(
    store: CaseStore, tmp_path: Path
) -> None:
    port = free_port()
    employee_mail = f"mailto://127.0.0.1:{port}/jan@example.org?from=noreply@example.org"
    open_case(store, Contact("employee", employee_mail))
    sending = dispatcher(store, tmp_path, {})
    moment = every_other_day(sending, len(RETRY_DELAYS) + 1)
    notices = [
        m for m in read_outbox(tmp_path / "outbox.jsonl") if m["subject"].startswith("Herinnering")
    ]
    assert notices
    assert notices[0]["party"] == "hr"
    assert notices[0]["subject"] == (
        f"Herinnering niet bezorgd aan de medewerker \N{EM DASH} medewerker Jan Jansen (zaak {CASE})"
    )
    assert "na 6 pogingen" in notices[0]["body"]
    [listed] = open_cases(store, HR, moment)
    [failing] = listed.undeliverable
    assert (failing.party, failing.channel) == ("employee", "mailto")
    assert failing.target == "mailto j***@example.org"  # kind and masked recipient only

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        sending.dispatch_due(dt.datetime(2026, 4, 20, 12, 0, tzinfo=dt.UTC))
    finally:
        server.stop()
    assert inbox.messages  # a later reminder reached the employee
    assert open_cases(store, HR, moment)[0].undeliverable == []


def test_no_password_or_token_anywhere_after_a_whole_run_of_sends_failures_and_notices(
    store: CaseStore,
    tmp_path: Path,
    smtp: tuple[int, Inbox],
    slack: list[tuple[str, dict[str, Any]]],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The SMTP server offers no login, so the mail with a password fails every time: its
    failures, the given-up reminders and HR's notices all run, and none may show a secret."""
    caplog.set_level(logging.DEBUG)
    port, _ = smtp
    password, token = "Pa55w0rd-secret", "s3cr3tT0kenValue12345678"
    open_case(
        store,
        Contact(
            "hr", f"mailto://anna:{password}@127.0.0.1:{port}/hr@example.org?from=hr@example.org"
        ),
        Contact("manager", f"slack://T1234ABCD/B5678EFGH/{token}/#managers"),
    )
    sending, moment = dispatcher(store, tmp_path, {}), REPORTED
    for _ in range(40):
        sending.dispatch_due(moment)
        moment += dt.timedelta(days=2)
    assert slack
    everything = "\n".join(
        [
            caplog.text,
            str(capsys.readouterr()),
            (tmp_path / "outbox.jsonl").read_text(),
            str(audit_trail(store, HR, CASE, moment)),
            str(open_cases(store, HR, moment)),
            str(store.reminders.deliveries_of(store.cases.load(CASE).case.id)),
        ]
    )
    assert "Herinnering niet bezorgd" in everything  # the failures did run to the end
    assert password not in everything
    assert token not in everything


def test_removing_a_broken_route_clears_it_from_cases_once_a_reminder_goes_out_without_it(
    store: CaseStore, tmp_path: Path
) -> None:
    broken = f"mailto://127.0.0.1:{free_port()}/jan@example.org?from=noreply@example.org"
    open_case(store, Contact("employee", broken))
    sending = dispatcher(store, tmp_path, {})
    moment = every_other_day(sending, len(RETRY_DELAYS) + 1)
    assert open_cases(store, HR, moment)[0].undeliverable
    [route] = list_contacts(store, HR, "E1042")
    remove_contact(store, HR, "E1042", route.number, moment)
    assert open_cases(store, HR, moment)[0].undeliverable  # nothing has reached them yet
    sending.dispatch_due(dt.datetime(2026, 4, 20, 12, 0, tzinfo=dt.UTC))  # now to the outbox
    assert open_cases(store, HR, moment)[0].undeliverable == []


def test_a_broken_route_beside_a_working_one_stays_flagged(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    broken = f"mailto://127.0.0.1:{free_port()}/hr@example.org?from=noreply@example.org"
    open_case(store, Contact("hr", SLACK), Contact("hr", broken))
    moment = every_other_day(dispatcher(store, tmp_path, {}), len(RETRY_DELAYS) + 3)
    assert slack  # the working route kept delivering
    [failing] = open_cases(store, HR, moment)[0].undeliverable
    assert (failing.party, failing.channel) == ("hr", "mailto")


def test_a_case_reaches_its_own_manager_and_the_shared_manager_address_only_counts(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    """The rule: a manager's reminder goes to the case's own manager (the employee's manager
    in the directory, by their `[managers]` routes); the organisation's shared manager address
    gets a count only, never a name, a case or a step."""
    shared = SLACK.replace("#hr-cases", "#managers")
    own = SLACK.replace("#hr-cases", "#mark")
    open_case(store)  # E1042, managed by mark.manager
    other = ReportSick("E2077", "Piet de Vries", {"date": "2026-01-05"})  # no manager known
    report_sick(store, HR, other, REPORTED)
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    router = Router(outbox, {"manager": (shared,)}, "en", managers={"mark.manager": (own,)})
    Dispatcher(store, party_routes(store, router)).dispatch_due(PLAN_AHEAD)
    to = [(payload["channel"], json.dumps(payload)) for _, payload in slack]
    assert {channel for channel, _ in to} == {"#mark", "#managers"}
    assert any("Jan Jansen" in text for channel, text in to if channel == "#mark")
    counts = [text for channel, text in to if channel == "#managers"]
    assert len(counts) == 1
    assert "1 reminder is waiting about employees you manage" in counts[0]
    assert not any(word in counts[0] for word in ("Piet", "Jan", "E2077", "E1042", "Plan"))


def test_the_routes_file_names_each_managers_own_routes_by_login(tmp_path: Path) -> None:
    routes = tmp_path / "routes.toml"
    routes.write_text('[managers]\n"mark.manager" = ["mailto://mark@example.org"]\n')
    routes.chmod(0o600)
    router = load_router(routes, OutboxSink(tmp_path / "outbox.jsonl"))
    assert router.managers == {"mark.manager": ("mailto://mark@example.org",)}
    [channel] = router.channels([], "manager", "mark.manager")
    assert (channel.sink.target, channel.shared) == ("mailto m***@example.org", False)
    [fallback] = router.channels([], "manager", "someone.else")
    assert fallback.sink is router.fallback
