"""Real deliveries through Apprise: to an SMTP server (aiosmtpd) and a Slack-style webhook
receiver, both on 127.0.0.1, and never a secret in what is logged or recorded."""

from __future__ import annotations

import email
import json
import logging
import socket
import threading
from collections.abc import Iterator
from email.message import Message as EmailMessage
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from aiosmtpd.controller import Controller
from apprise.plugins.slack import NotifySlack

from domain.errors import InputError
from notifications.apprise_sink import AppriseSink
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError

MESSAGE = Message(
    "C1:evaluation:2026-03-04:due:0:hr",
    "C1",
    "hr",
    "Due today: Evaluate the plan of action (Jan Jansen)",
    "For Jan Jansen (case C1): evaluate the plan of action, due 2026-03-04.",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


class SlackReceiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        SlackReceiver.received.append((self.path, json.loads(body)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")  # what Slack answers

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    server = HTTPServer(("127.0.0.1", 0), SlackReceiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(
        NotifySlack, "webhook_url", f"http://127.0.0.1:{server.server_port}/services"
    )
    SlackReceiver.received = []
    yield SlackReceiver.received
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_email_reaches_the_smtp_server_with_subject_recipient_and_text(
    smtp: tuple[int, Inbox],
) -> None:
    port, inbox = smtp
    sink = AppriseSink(f"mailto://127.0.0.1:{port}/anna.hr@example.org?from=noreply@example.org")
    sink.send(MESSAGE)
    [(recipients, mail)] = inbox.messages
    assert recipients == ["anna.hr@example.org"]
    assert mail["Subject"] == MESSAGE.subject
    assert MESSAGE.body in mail.as_string()
    assert sink.channel == "mailto"


def test_a_slack_message_reaches_the_webhook_with_the_real_payload(
    slack: list[tuple[str, dict[str, Any]]],
) -> None:
    AppriseSink("slack://T1234ABCD/B5678EFGH/s3cr3tT0kenValue12345678/#hr-cases").send(MESSAGE)
    [(path, payload)] = slack
    assert path == "/services/T1234ABCD/B5678EFGH/s3cr3tT0kenValue12345678"
    assert MESSAGE.subject in json.dumps(payload)
    assert payload["channel"] == "#hr-cases"


def test_a_target_that_refuses_raises_delivery_failed(smtp: tuple[int, Inbox]) -> None:
    closed = _free_port()
    sink = AppriseSink(f"mailto://127.0.0.1:{closed}/anna.hr@example.org?from=noreply@example.org")
    with pytest.raises(DeliveryFailedError, match="mailto target did not accept the message"):
        sink.send(MESSAGE)


def test_no_password_or_token_in_the_recorded_target_or_the_logs(
    slack: list[tuple[str, dict[str, Any]]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token, password = "s3cr3tT0kenValue12345678", "Pa55w0rd-secret"
    sink = AppriseSink(f"slack://T1234ABCD/B5678EFGH/{token}/#hr-cases")
    sink.send(MESSAGE)
    mail = AppriseSink(f"mailtos://anna:{password}@mail.example.org:587/anna@example.org")
    assert token not in sink.target
    assert password not in mail.target
    assert token not in caplog.text
    assert (
        logging.getLogger("apprise").level == logging.getLogger("urllib3").level == logging.WARNING
    )


def test_an_unknown_kind_of_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(InputError, match="not a notification URL Apprise knows") as caught:
        AppriseSink("nonsense://user:Pa55w0rd@host")
    assert "Pa55w0rd" not in str(caught.value)
