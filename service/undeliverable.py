"""Which targets reminders cannot reach: what `cases` shows under a case until the route works
again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from notifications.apprise_sink import masked
from service.ports import Delivery, ReminderStatus


@dataclass(frozen=True)
class Unreachable:
    """A target that a reminder was given up on, and that has taken nothing since."""

    party: str
    channel: str
    target: str  # redacted
    error: str
    last_tried: dt.datetime

    def as_dict(self) -> dict[str, str]:
        return {
            "party": self.party,
            "channel": self.channel,
            "target": self.target,
            "error": self.error,
            "last_tried": self.last_tried.isoformat(),
        }


def unreachable_targets(
    history: Sequence[tuple[Delivery, ReminderStatus]],
) -> dict[int, list[Unreachable]]:
    """Per case, the targets that a given-up reminder could not reach and that nothing has
    reached since, from the cases' delivery attempts in the order made. A target stops being
    unreachable once it takes a message, or once a later reminder to the same party went out
    in a round that did not try it (the route was removed or replaced)."""
    tried: dict[tuple[int, int], set[str]] = {}  # the targets of each round of a reminder
    for delivery, _ in history:
        tried.setdefault((delivery.reminder_id, delivery.attempt), set()).add(delivery.target)
    failing: dict[int, dict[tuple[str, str], Delivery]] = {}
    for delivery, status in history:
        targets = failing.setdefault(delivery.case_id, {})
        if delivery.ok and status is ReminderStatus.SENT:
            round_ = tried[delivery.reminder_id, delivery.attempt]
            for party, target in list(targets):
                if party == delivery.party and target not in round_:
                    del targets[party, target]  # replaced: no longer tried
        if delivery.ok:
            targets.pop((delivery.party, delivery.target), None)
        elif status is ReminderStatus.FAILED:
            targets[delivery.party, delivery.target] = delivery
    return {
        case: [
            Unreachable(d.party, d.channel, masked(d.target), d.error or "", d.attempted_at)
            for d in t.values()
        ]
        for case, t in failing.items()
        if t
    }
