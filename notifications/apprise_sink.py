"""Delivery through Apprise: email, Slack, Teams, Mattermost, webhooks, ...

One Apprise object per target and per message, so each delivery is known to have succeeded or
failed (Apprise reports only all-or-nothing for a set of URLs, and a reused email plugin waits
seconds between sends). No tags are used, so a colon in one cannot re-route a message. Apprise
URLs hold passwords and tokens: only their redacted form leaves this module."""

from __future__ import annotations

import logging

import apprise
from apprise.attachment.memory import AttachMemory

from domain.errors import BadInputError, InputError, quoted
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError

# At DEBUG, Apprise logs webhook tokens and whole message bodies (at TRACE, URLs with passwords),
# and urllib3 logs each request's path, which for a webhook is its token (a test caught that).
for _chatty in ("apprise", "urllib3"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)


def redacted(url: str) -> str:
    """A stored route as people may see it: its kind and target, passwords and tokens masked,
    and no query string (Apprise leaves custom headers there, such as an API key, in clear)."""
    try:
        return AppriseSink(url).target.split("?", 1)[0]
    except InputError as error:
        return f"(unusable: {error})"


class AppriseSink:
    """Sends to one target URL. `channel` is its kind (mailto, slack, ...), `target` the URL
    with its secrets masked: what the audit trail records."""

    def __init__(self, url: str) -> None:
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            kind = url.split("://", 1)[0] if "://" in url else "?"
            raise BadInputError(f"not a notification URL Apprise knows (kind {quoted(kind)})")
        self._url = url
        self._html = plugin.notify_format == apprise.NotifyFormat.HTML
        self._attachments = bool(plugin.attachment_support)
        self.channel = url.split("://", 1)[0]
        self.target = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]  # apprise is untyped

    def send(self, message: Message) -> None:
        notifier = apprise.Apprise()
        notifier.add(self._url)
        attachments = apprise.AppriseAttachment()
        if self._attachments:
            for item in message.attachments:
                memory = AttachMemory(  # type: ignore[no-untyped-call]  # apprise is untyped
                    content=item.content, name=item.name, mimetype=item.mimetype
                )
                attachments.add(memory)
        sent = notifier.notify(
            title=message.subject,
            body=message.html if self._html else message.body,
            body_format=apprise.NotifyFormat.HTML if self._html else apprise.NotifyFormat.TEXT,
            attach=attachments or None,
        )
        if not sent:
            raise DeliveryFailedError(f"{self.channel} target did not accept the message")
