"""Each party on its own channel, through Apprise, against real receivers on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from adapters.store.case_store import CaseStore
from domain.errors import InputError
from notifications.routing import Router, load_routes
from notifications.sinks import OutboxSink, read_outbox
from service.dispatch import Dispatcher, party_routes
from service.recording import ReportSick, report_sick
from service.review import audit_trail
from tests.helpers import free_port
from tests.receivers import Inbox
from tests.store.conftest import HR

CASE = "E1042-20260105"
REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
PLAN_AHEAD = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)  # plan of action, 7 days ahead
SLACK = "slack://T1234ABCD/B5678EFGH/s3cr3tT0kenValue12345678/#hr-cases"


def open_case(store: CaseStore, *contacts: tuple[str, str]) -> None:
    command = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}, contacts=contacts)
    report_sick(store, HR, command, REPORTED)


def dispatcher(
    store: CaseStore, tmp_path: Path, organisation: dict[str, tuple[str, ...]]
) -> Dispatcher:
    router = Router(organisation, OutboxSink(tmp_path / "outbox.jsonl"))
    return Dispatcher(store, party_routes(store, router))


def test_each_party_gets_its_reminders_on_its_own_channel(
    store: CaseStore,
    tmp_path: Path,
    smtp: tuple[int, Inbox],
    slack: list[tuple[str, dict[str, Any]]],
) -> None:
    port, inbox = smtp
    open_case(
        store, ("employee", f"mailto://127.0.0.1:{port}/jan@example.org?from=noreply@example.org")
    )
    report = dispatcher(store, tmp_path, {"hr": (SLACK,)}).dispatch_due(PLAN_AHEAD)
    assert report.retrying == report.given_up == 0
    assert {recipients[0] for recipients, _ in inbox.messages} == {"jan@example.org"}
    assert any(
        mail["Subject"] == "Coming up: Agree the plan of action and name a case manager"
        for _, mail in inbox.messages
    )
    assert slack  # HR: the organisation's Slack channel
    assert all(payload["channel"] == "#hr-cases" for _, payload in slack)
    outbox = read_outbox(tmp_path / "outbox.jsonl")
    assert {m["party"] for m in outbox} == {"manager", "physician"}  # no route: the local outbox


def test_with_the_mail_server_down_for_a_while_every_reminder_arrives_after_it_returns(
    store: CaseStore, tmp_path: Path
) -> None:
    port = free_port()
    open_case(store, ("hr", f"mailto://127.0.0.1:{port}/hr@example.org?from=noreply@example.org"))
    sending = dispatcher(store, tmp_path, {})
    down = sending.dispatch_due(dt.datetime(2026, 1, 12, 12, 0, tzinfo=dt.UTC))
    assert (down.sent, down.retrying) == (0, 3)  # notify_physician: ahead, due, first escalation
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        back = sending.dispatch_due(dt.datetime(2026, 1, 12, 12, 5, tzinfo=dt.UTC))
    finally:
        server.stop()
    assert (back.sent, back.retrying) == (3, 0)
    assert len(inbox.messages) == 3
    attempts = [
        e.details["delivered"]
        for e in audit_trail(store, HR, CASE, REPORTED)
        if e.kind == "delivery"
    ]
    assert attempts == [False, False, False, True, True, True]


def test_a_retry_resends_only_to_the_target_that_failed(
    store: CaseStore, tmp_path: Path, slack: list[tuple[str, dict[str, Any]]]
) -> None:
    down = f"mailto://127.0.0.1:{free_port()}/hr@example.org?from=noreply@example.org"
    open_case(store, ("hr", SLACK), ("hr", down))
    sending = dispatcher(store, tmp_path, {})
    first = sending.dispatch_due(dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC))
    assert first.retrying == 1
    assert len(slack) == 1
    sending.dispatch_due(dt.datetime(2026, 1, 8, 12, 5, tzinfo=dt.UTC))
    assert len(slack) == 1  # Slack already has it; only the mail target is tried again


def test_an_unusable_stored_route_fails_visibly_and_leaks_nothing(
    store: CaseStore, tmp_path: Path
) -> None:
    open_case(store, ("hr", "nonsense://hr:Pa55w0rd@example.org"))
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
    assert load_routes(routes) == {}
    routes.write_text('[routes]\nhr = ["mailto://hr@example.org"]\n')
    assert load_routes(routes) == {"hr": ("mailto://hr@example.org",)}
    routes.write_text('[routes]\nboss = ["mailto://b@example.org"]\n')
    with pytest.raises(InputError, match="unknown party 'boss'"):
        load_routes(routes)
    routes.write_text("[routes\n")
    with pytest.raises(InputError, match="cannot read the routes file"):
        load_routes(routes)
