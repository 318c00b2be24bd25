"""Where a reminder for a party goes: the party's own routes for this employee (stored with the
case), else the organisation's routes for that party (a TOML file), else the local outbox.

routes.toml:
    [routes]
    hr = ["mailtos://user:password@mail.example.org/hr@example.org"]
    manager = ["slack://T000/B000/XXXX/#managers"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.errors import InputError
from domain.reminders import Party
from notifications.apprise_sink import AppriseSink
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError, Sink


class BrokenRoute:
    """A stored route Apprise cannot use: every send fails, visibly, in the audit trail."""

    channel = "invalid"

    def __init__(self, reason: str) -> None:
        self.target = reason
        self._reason = reason

    def send(self, message: Message) -> None:
        raise DeliveryFailedError(self._reason)


@dataclass(frozen=True)
class Router:
    organisation: Mapping[str, tuple[str, ...]]
    fallback: Sink

    def sinks(self, personal: Sequence[str], party: str) -> list[Sink]:
        urls = list(personal) or list(self.organisation.get(party, ()))
        return [_sink(url) for url in urls] or [self.fallback]


def _sink(url: str) -> Sink:
    try:
        return AppriseSink(url)
    except InputError as error:
        return BrokenRoute(str(error))


def load_routes(chosen: Path) -> dict[str, tuple[str, ...]]:
    """The organisation's routes per party; none if the file does not exist."""
    if not chosen.exists():
        return {}
    try:
        routes = tomllib.loads(chosen.read_text(encoding="utf-8")).get("routes", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"cannot read the routes file {chosen}: {error}") from None
    parties = {party.value for party in Party}
    result: dict[str, tuple[str, ...]] = {}
    for party, urls in routes.items():
        if party not in parties:
            raise InputError(
                f"{chosen}: unknown party {party!r} (known: {', '.join(sorted(parties))})"
            )
        if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
            raise InputError(f"{chosen}: routes for {party!r} must be a list of Apprise URLs")
        result[party] = tuple(urls)
    return result
