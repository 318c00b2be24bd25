"""Real receivers on 127.0.0.1 for the notification tests: an SMTP server (aiosmtpd) and a
Slack-style webhook receiver that Apprise's real Slack plugin is pointed at."""

from __future__ import annotations

import email
import json
import threading
from collections.abc import Iterator
from email.message import Message as EmailMessage
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from aiosmtpd.controller import Controller
from apprise.plugins.slack import NotifySlack

from tests.helpers import free_port


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox, port = Inbox(), free_port()
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


@pytest.fixture
def webhook() -> Iterator[tuple[int, list[tuple[str, dict[str, Any]]]]]:
    """The same receiver for any JSON webhook, without patching a plugin, so that another
    process (a served console) reaches it too: Apprise's `json://127.0.0.1:<port>/<path>`."""
    server = HTTPServer(("127.0.0.1", 0), SlackReceiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    SlackReceiver.received = []
    yield server.server_port, SlackReceiver.received
    server.shutdown()
    server.server_close()
    thread.join()
