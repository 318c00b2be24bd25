"""Sending the reminders that are due: claim them, send each through the sink, record each
attempt. A reminder is claimed before it is sent and settled after, so a dispatcher killed at
any moment loses nothing: its claims expire after the lease and are sent by the next run; only
the one in flight at the kill can go out twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from adapters.store.case_store import CaseStore, ClaimedReminder
from adapters.store.tables import DeliveryRow
from domain.law_calendar import Step
from domain.reminders import Kind, Party, Reminder
from notifications.messages import reminder_message
from notifications.routing import Router
from notifications.sinks import DeliveryFailedError, Sink

# Waits before each retry of a failed delivery; after the last, the reminder is given up.
RETRY_DELAYS = tuple(dt.timedelta(minutes=m) for m in (5, 30, 120, 480, 1440))
LEASE = dt.timedelta(minutes=5)


@dataclass
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    given_up: int = 0


Route = Callable[[ClaimedReminder], list[Sink]]


def everything_to(sink: Sink) -> Route:
    """A route that sends every reminder to one sink (the local outbox, in the simplest setup)."""
    return lambda _item: [sink]


def party_routes(store: CaseStore, router: Router) -> Route:
    """Each reminder to its party's channels: their own routes for this employee, else the
    organisation's, else the router's fallback (the local outbox)."""

    def route(item: ClaimedReminder) -> list[Sink]:
        party = item.reminder.party
        return router.sinks(store.contact_urls(item.employee_id, party), party)

    return route


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Dispatcher:
    """Sends due reminders from `store` to the sinks `route` names for each. Claims and leases
    run on `wall_clock`, the real one, so they expire even while the business clock is
    simulated."""

    store: CaseStore
    route: Route
    batch: int = 100
    lease: dt.timedelta = LEASE
    wall_clock: Callable[[], dt.datetime] = _utc_now

    def dispatch_due(self, now: dt.datetime) -> DispatchReport:
        """Send every reminder due at `now` (the business clock: real, or simulated)."""
        report = DispatchReport()
        while claimed := self.store.claim_due(now, self.batch, self.wall_clock(), self.lease):
            for item in claimed:
                self._send(item, now, report)
        return report

    def _send(self, item: ClaimedReminder, now: dt.datetime, report: DispatchReport) -> None:
        """One send per target that has not taken this reminder yet; each attempt is recorded
        as soon as it is known, so a retry (or a restart) only resends what failed."""
        row = item.reminder
        assert row.id is not None  # claimed rows come from the database
        reminder = Reminder(
            row.send_at.date(),
            Step(row.step),
            row.due,
            Kind(row.kind),
            row.number,
            Party(row.party),
        )
        message = reminder_message(item.case_key, item.display_name, reminder)
        taken, failed = self.store.delivered_targets(row.id), False
        for sink in self.route(item):
            if sink.target in taken:
                continue
            try:
                sink.send(message)
                error = None
            except DeliveryFailedError as failure:
                error, failed = str(failure), True
            self.store.record_delivery(
                DeliveryRow(
                    reminder_id=row.id,
                    case_id=row.case_id,
                    party=row.party,
                    channel=sink.channel,
                    target=sink.target,
                    attempted_at=self.wall_clock(),
                    ok=error is None,
                    error=error,
                )
            )
        retry_at = None
        if not failed:
            report.sent += 1
        elif row.attempts <= len(RETRY_DELAYS):
            retry_at = now + RETRY_DELAYS[row.attempts - 1]
            report.retrying += 1
        else:
            report.given_up += 1
        self.store.settle(row, failed, retry_at)
