"""Real deliveries through Apprise: to an SMTP server (aiosmtpd) and a Slack-style webhook
receiver, both on 127.0.0.1, and never a secret in what is logged or recorded."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from domain.errors import InputError
from notifications.apprise_sink import AppriseSink, masked
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError
from tests.helpers import free_port
from tests.receivers import Inbox

MESSAGE = Message(
    "C1:evaluation:2026-03-04:due:0:hr",
    ("C1",),
    "hr",
    "en",
    "Due today: Evaluate the plan of action (Jan Jansen)",
    "For Jan Jansen (case C1): evaluate the plan of action, due 2026-03-04.",
)


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
    closed = free_port()
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


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "mailtos://user:pw@mail.example.org/jan@example.org?from=hr@example.org",
            "mailtos j***@example.org",
        ),
        ("mailto://jan:pw@example.org", "mailto j***@example.org"),
        ("slack://T000/B000/XXXX/#mgr", "slack #mgr"),
        ("json://127.0.0.1:8080/hook?-X-Api-Key=secret", "json 127.0.0.1"),
        ("discord://1234/webhooktoken", "discord ***"),
        (
            "mailtos://user:****@mail.example.org/hr%40example.org?format=html",
            "mailtos h***@example.org",
        ),
        ("/data/outbox.jsonl", "/data/outbox.jsonl"),
    ],
)
def test_a_target_is_shown_and_stored_as_its_kind_and_a_masked_recipient(
    url: str, shown: str
) -> None:
    """The rule: the kind and a masked recipient, no password, token, path or query; the
    sink records exactly that, and an older stored URL shows the same way."""
    assert masked(url) == shown
    assert masked(shown) == shown
    if "://" in url and "****" not in url:
        assert AppriseSink(url).target == shown
