"""Where messages go. A sink delivers one message to one target, or raises `DeliveryFailed`."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from adapters.private_files import private_directory, tighten
from notifications.messages import Message


class DeliveryFailedError(Exception):
    """The target did not accept the message; the dispatcher retries later."""


class Sink(Protocol):
    channel: str
    target: str  # for the audit trail: never a password or token

    def send(self, message: Message) -> None: ...


class OutboxSink:
    """The embedded default: each message appended as a JSON line to a local file (fsynced),
    for users without mail or chat, and for the demonstration."""

    channel = "outbox"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.target = str(path)

    def send(self, message: Message) -> None:
        record = {
            "at": dt.datetime.now(dt.UTC).isoformat(),
            "key": message.key,
            "cases": message.case_keys,
            "party": message.party,
            "language": message.language,
            "subject": message.subject,
            "body": message.body,
            "attachments": [vars(attachment) for attachment in message.attachments],
        }
        line = json.dumps(record, ensure_ascii=False).encode() + b"\n"
        try:
            private_directory(self.path.parent)
            tighten(self.path, 0o600)  # an outbox from before it was made private
            handle = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(handle, "a+b") as outbox:
                if outbox.tell() and _ends_torn(outbox):
                    line = b"\n" + line  # a writer died mid-line: never glue onto its fragment
                outbox.write(line)
                outbox.flush()
                os.fsync(outbox.fileno())
        except OSError as error:
            raise DeliveryFailedError(f"cannot write the outbox: {error.strerror}") from error


def _ends_torn(outbox: BinaryIO) -> bool:
    outbox.seek(-1, os.SEEK_END)
    return outbox.read(1) != b"\n"


def read_outbox(path: Path) -> list[dict[str, Any]]:
    """The messages in an outbox file. A torn line (its writer died mid-write) is skipped: that
    send never completed, so the dispatcher sends the reminder again."""
    if not path.exists():
        return []
    messages = []
    for line in path.read_bytes().split(b"\n"):
        try:
            messages.append(json.loads(line))
        except ValueError:
            continue
    return messages
