"""Delivery through Apprise: email, Slack, Teams, Mattermost, webhooks, ...

One Apprise object per target and per message, so each delivery is known to have succeeded or
failed (Apprise reports only all-or-nothing for a set of URLs, and a reused email plugin waits
seconds between sends). No tags are used, so a colon in one cannot re-route a message. Apprise
URLs hold passwords and tokens: only their redacted form leaves this module."""

from __future__ import annotations

import logging
from urllib.parse import unquote

import apprise
from apprise.attachment.memory import AttachMemory

from domain.errors import BadInputError, InputError, quoted
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError

# At DEBUG, Apprise logs webhook tokens and whole message bodies (at TRACE, URLs with passwords),
# and urllib3 logs each request's path, which for a webhook is its token (a test caught that).
for _chatty in ("apprise", "urllib3"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)


# Kinds whose host is the recipient (a webhook on a server of one's own).
_HOST_KINDS = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})


def masked(target: str) -> str:
    """A target as it is shown and stored: its kind and a masked recipient, never a password,
    token, path or query ("mailto j***@example.org", "slack #mgr", "json 127.0.0.1"). Email
    addresses keep their first letter and domain; a channel or user (#..., @...) is shown; a
    webhook's host is shown; anything else is "***". What is not a URL (the outbox file, an
    already masked target) is returned as it is, so older stored rows can be shown through it."""
    if "://" not in target:
        return target
    kind, rest = target.split("://", 1)
    authority, _, path = rest.split("?", 1)[0].partition("/")
    user, _, host = authority.rpartition("@")
    segments = [unquote(s) for s in path.split("/") if s]
    emails = [s for s in segments if "@" in s[1:]]
    if not emails and kind.startswith("mailto") and user:
        emails = [f"{user.split(':', 1)[0]}@{host}"]
    channels = [s for s in segments if s[:1] in ("#", "@")]
    if emails:
        shown = ", ".join(f"{e[0]}***@{e.rsplit('@', 1)[1]}" for e in emails)
    elif channels:
        shown = ", ".join(channels)
    elif kind in _HOST_KINDS:
        shown = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    else:
        shown = "***"
    return f"{kind} {shown}"


def redacted(url: str) -> str:
    """A stored route as people may see it (`masked`), once Apprise has checked it is usable."""
    try:
        return AppriseSink(url).target
    except InputError as error:
        return f"(unusable: {error})"


class AppriseSink:
    """Sends to one target URL. `channel` is its kind (mailto, slack, ...), `target` the masked
    form (`masked`): what the audit trail records."""

    def __init__(self, url: str) -> None:
        plugin = apprise.Apprise.instantiate(url)
        if plugin is None:
            kind = url.split("://", 1)[0] if "://" in url else "?"
            raise BadInputError(f"not a notification URL Apprise knows (kind {quoted(kind)})")
        self._url = url
        self._html = plugin.notify_format == apprise.NotifyFormat.HTML
        self._attachments = bool(plugin.attachment_support)
        self.channel = url.split("://", 1)[0]
        self.target = masked(url)

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
