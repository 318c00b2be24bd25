"""Who reads which messages of the local outbox: HR and auditors every message; anyone else
only those addressed to their own party about cases they see (service.visibility)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from domain.errors import NotFoundError
from domain.reminders import Party
from domain.roles import MAY_READ_EVERY_MESSAGE, Role
from service.case_file import Actor
from service.ports import Store
from service.visibility import visible_to

# The party whose messages a role reads; a role not listed reads none.
PARTY_OF_ROLE = {
    Role.EMPLOYEE: Party.EMPLOYEE,
    Role.MANAGER: Party.MANAGER,
    Role.HR: Party.HR,
    Role.PHYSICIAN: Party.PHYSICIAN,
}


@dataclass(frozen=True)
class OutboxQuery:
    """Which of the readable messages to show: to one party, about one case, the last N."""

    party: str | None = None
    case_key: str | None = None
    last: int | None = None


def readable_messages(
    store: Store, actor: Actor, messages: Iterable[dict[str, Any]], query: OutboxQuery
) -> list[dict[str, Any]]:
    """The messages `actor` may read that `query` asks for, in the order sent."""
    party, case_key, last = query.party, query.case_key, query.last
    everything = actor.role in MAY_READ_EVERY_MESSAGE
    own_party = PARTY_OF_ROLE.get(actor.role)
    sees = _seen_cases(store, actor)
    shown = [
        message
        for message in messages
        if (
            everything
            or (
                own_party is not None
                and message.get("party") == own_party.value
                and all(sees(key) for key in message.get("cases", ()))
            )
        )
        and party in (None, message.get("party"))
        and (case_key is None or case_key in message.get("cases", ()))
    ]
    if last is not None:
        shown = shown[-last:] if last > 0 else []
    return shown


def _seen_cases(store: Store, actor: Actor) -> Callable[[str], bool]:
    """Whether `actor` sees the case of a key (each case loaded once)."""
    visible, seen = visible_to(store, actor), {}

    def sees(case_key: str) -> bool:
        if case_key not in seen:
            try:
                stored = store.cases.load(case_key)
            except NotFoundError:
                seen[case_key] = False
            else:
                seen[case_key] = visible(stored.case, stored.employee)
        return seen[case_key]

    return sees
