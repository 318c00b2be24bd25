"""Where a reminder for a party goes, and in which language: the party's own routes for this
employee (stored with the case, each with the person's language), else the organisation's
routes for that party (a TOML file), else the local outbox.

A reminder for the manager goes to the case's own manager only: the routes stored with the
employee for the manager, else that manager's own routes (by login, the employee's manager in
the store's directory) in `[managers]`. The organisation's shared `manager` route reaches every
manager, so it gets only a digest that counts the reminders, without names or case content.

routes.toml:
    language = "nl"       # for the organisation's routes and the outbox; nl (default) or en
    digest = ["hr"]       # parties that get one message listing what is due, not one each

    [routes]
    hr = ["mailtos://user:password@mail.example.org/hr@example.org"]
    manager = ["slack://T000/B000/XXXX/#managers"]   # shared: a count only, never names

    [managers]            # each manager's own routes, by login
    "mark.manager" = ["mailtos://user:password@mail.example.org/mark@example.org"]
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.errors import BadInputError, InputError, quoted
from domain.reminders import DEFAULT_LANGUAGE, Party, check_language
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
class Channel:
    sink: Sink
    language: str
    digest: bool = False  # collect this target's reminders into one message
    shared: bool = False  # reaches more than the case's own manager: a count only, no names


@dataclass(frozen=True)
class Router:
    fallback: Sink
    organisation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    language: str = DEFAULT_LANGUAGE
    digest: frozenset[str] = frozenset()
    managers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by login

    def channels(
        self, personal: Sequence[tuple[str, str]], party: str, manager: str | None = None
    ) -> list[Channel]:
        """`personal`: the person's own (URL, language) routes for this party; `manager`: the
        login of the case's own manager, whose `[managers]` routes come next for a manager's
        reminder. The shared organisation route for managers gets a count only."""
        digest = party in self.digest
        if personal:
            return [Channel(sink_of(url), language, digest) for url, language in personal]
        urls = self.organisation.get(party, ())
        if party == Party.MANAGER:
            if own := self.managers.get(manager or "", ()):
                return [Channel(sink_of(url), self.language, digest) for url in own]
            if urls:
                return [Channel(sink_of(url), self.language, True, True) for url in urls]
        sinks = [sink_of(url) for url in urls] or [self.fallback]
        return [Channel(sink, self.language, digest) for sink in sinks]


def sink_of(url: str) -> Sink:
    """The sink of a stored route: a `BrokenRoute` when Apprise cannot use its URL."""
    try:
        return AppriseSink(url)
    except InputError as error:
        return BrokenRoute(str(error))


def load_router(chosen: Path, fallback: Sink) -> Router:
    """The organisation's routes, language and digest parties; none if the file is absent. A
    file open to group or others is used, with a warning on standard error naming the fix."""
    if not chosen.exists():
        return Router(fallback)
    warn_if_open(chosen)
    try:
        config = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadInputError(f"cannot read the routes file {chosen}: {error}") from None
    try:
        language = check_language(config.get("language", DEFAULT_LANGUAGE))
        digest = config.get("digest", [])
        if not isinstance(digest, list):
            raise BadInputError("digest must be a list of parties")
        routes = config.get("routes", {})
        if not isinstance(routes, dict):
            raise BadInputError("[routes] must be a table of party = [Apprise URLs]")
        routes = {_party(party): _urls(party, urls) for party, urls in routes.items()}
        managers = config.get("managers", {})
        if not isinstance(managers, dict):
            raise BadInputError("[managers] must be a table of login = [Apprise URLs]")
        managers = {login: _urls(login, urls) for login, urls in managers.items()}
        digests = frozenset(_party(party) for party in digest)
        return Router(fallback, routes, language, digests, managers)
    except InputError as error:
        raise BadInputError(f"{chosen}: {error}") from None


def warn_if_open(routes_file: Path) -> None:
    """Warn, not refuse: reminders of legal deadlines must keep going out while someone fixes
    the mode of a file that configuration management may have written."""
    mode = routes_file.stat().st_mode & 0o777
    if mode & 0o077:
        print(
            f"reintegration: warning: {routes_file} holds passwords and tokens but group or "
            f"others may read or change it (mode {mode:o}): chmod 600 {routes_file}",
            file=sys.stderr,
        )


def _party(name: object) -> str:
    parties = {party.value for party in Party}
    if name not in parties:
        raise BadInputError(f"unknown party {quoted(name)} (known: {', '.join(sorted(parties))})")
    return str(name)


def _urls(party: str, urls: object) -> tuple[str, ...]:
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise BadInputError(f"routes for {quoted(party)} must be a list of Apprise URLs")
    return tuple(urls)
