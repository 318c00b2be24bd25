"""Sending the reminders that are due: claim them, send each through the sink, record each
attempt. A reminder is claimed before it is sent and settled after, so a dispatcher killed at
any moment loses nothing: its claims expire after the lease and are sent by the next run; only
the one in flight at the kill can go out twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from adapters.amsterdam_time import AMSTERDAM
from adapters.dutch_holidays import dutch_public_holidays
from domain.law_calendar import Step
from domain.reminders import Kind, Party, Reminder, overdue_overview
from domain.steps import MEETINGS, OpenStep
from notifications.apprise_sink import masked
from notifications.messages import (
    Due,
    Failure,
    Message,
    count_message,
    digest_message,
    reminder_message,
    undeliverable_message,
)
from notifications.routing import Channel, Router
from notifications.sinks import DeliveryFailedError, Sink
from service.ports import ClaimedReminder, Delivery, Notice, Planned, QueuedReminder, Store

# Waits before each retry of a failed delivery; after the last, the reminder is given up and
# HR is told (once per reminder) which target did not take it.
RETRY_DELAYS = tuple(dt.timedelta(minutes=m) for m in (5, 30, 120, 480, 1440))
LEASE = dt.timedelta(minutes=5)
HOLIDAYS = dutch_public_holidays()
OVERVIEW, HR = Kind.OVERVIEW, Party.HR


@dataclass
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    given_up: int = 0
    # A line per reminder taken, no names; not compared: a report equals another by its counts.
    delivered: list[str] = field(default_factory=list, compare=False)

    def counts(self) -> dict[str, int]:
        return {"sent": self.sent, "retrying": self.retrying, "given_up": self.given_up}

    def lines(self, planned: Planned | None, now: dt.datetime) -> list[str]:
        """What a run did, for a person: each message taken, and when nothing was sent, why
        not and when the next reminder goes out (`planned`, the first still waiting)."""
        lines = list(self.delivered)
        if self.retrying or self.given_up:
            lines.append(f"{self.retrying} to retry later, {self.given_up} given up (HR is told)")
        if not self.sent:
            local = _local(now)
            if planned is None:
                lines.append(f"Nothing to send at {local}: no reminder is planned.")
            else:
                r = planned.reminder
                lines.append(
                    f"Nothing to send at {local}: the next reminder goes out {_local(r.send_at)}"
                    f" ({r.step}, {r.kind}, to {r.party}, case {planned.case_key})."
                )
        return lines


Route = Callable[[ClaimedReminder], list[Channel]]


def everything_to(sink: Sink, language: str = "en") -> Route:
    """A route that sends every reminder to one sink (the local outbox, in the simplest setup)."""
    return lambda _item: [Channel(sink, language)]


def party_routes(store: Store, router: Router) -> Route:
    """Each reminder to its party's channels: their own routes for this employee, else the
    organisation's, else the router's fallback (the local outbox). A notice that a reminder
    was not delivered also always lands in the local outbox: HR's own route may be the one
    that fails."""

    def route(item: ClaimedReminder) -> list[Channel]:
        party = item.reminder.party
        own = [
            (route.url, route.language)
            for route in store.contacts.of_employee(item.employee_id)
            if route.party == party
        ]
        manager = _manager_of(store, item) if party == Party.MANAGER and not own else None
        channels = router.channels(own, party, manager)
        if item.reminder.kind is Notice.UNDELIVERABLE and router.fallback not in (
            channel.sink for channel in channels
        ):
            channels.append(Channel(router.fallback, router.language))
        return channels

    return route


def _manager_of(store: Store, item: ClaimedReminder) -> str | None:
    """The login of the case's own manager: the employee's manager in the directory."""
    manager_id = store.cases.load(item.case_key).employee.manager_id
    return None if manager_id is None else store.directory.account_by_id(manager_id).login


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Dispatcher:
    """Sends due reminders from `store` to the channels `route` names for each. Claims and
    leases run on `wall_clock`, the real one, so they expire even while the business clock is
    simulated."""

    store: Store
    route: Route
    batch: int = 100
    lease: dt.timedelta = LEASE
    wall_clock: Callable[[], dt.datetime] = _utc_now

    def dispatch_due(self, now: dt.datetime) -> DispatchReport:
        """Send every reminder due at `now` (the business clock: real, or simulated). Of the
        reminders of one step to one party due by now (after downtime), only the latest goes:
        the others are settled unsent first, so they never go out later."""
        report = DispatchReport()
        self.store.reminders.supersede_due(now)
        while claimed := self.store.reminders.claim_due(
            now, self.batch, self.wall_clock(), self.lease
        ):
            self._send_batch(claimed, now, report)
        return report

    def _send_batch(
        self, claimed: list[ClaimedReminder], now: dt.datetime, report: DispatchReport
    ) -> None:
        """One send per target that has not taken the reminder yet, each attempt recorded as
        soon as it is known, so a retry (or a restart) only resends what failed. A digest
        target gets one message per party for all that party's reminders in the batch. A
        weekly overview lists the case's overdue steps as they are now (none left: not sent)."""
        failed: dict[int, bool] = {}
        digests: dict[tuple[str, str], tuple[Channel, list[ClaimedReminder], list[Due]]] = {}
        for item in claimed:
            row, kind = item.reminder.id, item.reminder.kind
            failed[row] = False
            overview = kind is Kind.OVERVIEW
            dues = self._overview(item, now) if overview else []
            taken = {d.target for d in self.store.reminders.deliveries_of_reminder(row) if d.ok}
            for channel in self.route(item):
                if channel.sink.target in taken or (overview and not dues):
                    continue
                if channel.digest and kind is not Notice.UNDELIVERABLE:
                    key = (item.reminder.party, channel.sink.target)
                    listed = digests.setdefault(key, (channel, [], []))
                    listed[1].append(item)
                    listed[2].extend(dues if overview else [_due(item, now)])
                    continue
                message = (
                    self._message(item, channel.language, now, channel.sink.target)
                    if not overview
                    else _listing(dues, item.reminder.party, channel.language)
                )
                failed[row] |= not self._attempt(channel.sink, message, [item], report)
        for (party, target), (channel, items, dues) in digests.items():
            one = len(items) == 1 and items[0].reminder.kind is not Kind.OVERVIEW
            if channel.shared:
                message = count_message(dues, party, channel.language)
            elif one:
                message = self._message(items[0], channel.language, now, target)
            else:
                message = _listing(dues, party, channel.language)
            ok = self._attempt(channel.sink, message, items, report)
            for item in items:
                failed[item.reminder.id] |= not ok
        for item in claimed:
            self._settle(item.reminder, failed[item.reminder.id], now, report)

    def _message(
        self, item: ClaimedReminder, language: str, now: dt.datetime, target: str
    ) -> Message:
        if item.reminder.kind is not Notice.UNDELIVERABLE:
            first = self._first_of_meeting(item.reminder, target)
            return reminder_message(_due(item, now), language, first)
        original = self.store.reminders.noticed_reminder(item.reminder)
        latest = {d.target: d for d in self.store.reminders.deliveries_of_reminder(original.id)}
        failures = [
            Failure(d.channel, masked(d.target), d.error or "") for d in latest.values() if not d.ok
        ]
        about = _due(replace(item, reminder=original), now)
        return undeliverable_message(about, original.party, original.attempts, failures, language)

    def _overview(self, item: ClaimedReminder, now: dt.datetime) -> list[Due]:
        """HR's weekly overview of a case: a line per step overdue now (`overdue_overview`),
        each keyed by the overview's week, so that every week's message has a key of its own."""
        row, today = item.reminder, now.astimezone(AMSTERDAM).date()
        steps = [
            OpenStep(due, Step(step)) for step, due in self.store.reminders.steps_of(row.case_id)
        ]
        return [
            Due(
                item.case_key,
                item.display_name,
                Reminder(today, s.step, s.due, OVERVIEW, row.number, HR),
            )
            for s in overdue_overview(steps, today, HOLIDAYS)
        ]

    def _first_of_meeting(self, row: QueuedReminder, target: str) -> bool:
        """Whether no reminder of this meeting (case, step, due date) reached this party at
        `target` before: then this one carries the calendar invitation."""
        if Step(row.step) not in MEETINGS:
            return False
        return not any(
            d.ok
            and d.target == target
            and (r.step, r.due, r.party) == (row.step, row.due, row.party)
            for d, r in self.store.reminders.deliveries_of(row.case_id)
        )

    def _attempt(
        self, sink: Sink, message: Message, items: list[ClaimedReminder], report: DispatchReport
    ) -> bool:
        try:
            sink.send(message)
            error = None
            report.delivered += [
                f"{i.case_key}: {i.reminder.step} ({i.reminder.kind}) to the {i.reminder.party} "
                f"via {sink.channel}"
                for i in items
            ]
        except DeliveryFailedError as failure:
            error = str(failure)
        for item in items:
            self.store.reminders.record_delivery(
                Delivery(
                    reminder_id=item.reminder.id,
                    case_id=item.reminder.case_id,
                    party=item.reminder.party,
                    channel=sink.channel,
                    target=sink.target,
                    attempted_at=self.wall_clock(),
                    ok=error is None,
                    error=error,
                    attempt=item.reminder.attempts,
                )
            )
        return error is None

    def _settle(
        self, row: QueuedReminder, failed: bool, now: dt.datetime, report: DispatchReport
    ) -> None:
        retry_at = None
        if not failed:
            report.sent += 1
        elif row.attempts <= len(RETRY_DELAYS):
            retry_at = now + RETRY_DELAYS[row.attempts - 1]
            report.retrying += 1
        else:
            report.given_up += 1
        given_up = failed and retry_at is None and row.kind is not Notice.UNDELIVERABLE
        self.store.reminders.settle(row, failed, retry_at, notify_hr_at=now if given_up else None)


def _local(moment: dt.datetime) -> str:
    """A moment as an operator in Amsterdam reads it: "Mon 7 Dec 2026 09:00"."""
    return moment.astimezone(AMSTERDAM).strftime("%a %-d %b %Y %H:%M")


def _listing(dues: list[Due], party: str, language: str) -> Message:
    """Several reminders for one party as one digest; one as the reminder itself."""
    if len(dues) == 1:
        return reminder_message(dues[0], language)
    return digest_message(dues, party, language)


def _due(item: ClaimedReminder, now: dt.datetime) -> Due:
    """The reminder as it is sent `now`: worded from the real date, not the planned one, so a
    reminder sent late after downtime says the deadline passed rather than "today"."""
    row, today = item.reminder, now.astimezone(AMSTERDAM).date()
    reminder = Reminder(
        today, Step(row.step), row.due, Kind(row.kind), row.number, Party(row.party)
    )
    return Due(item.case_key, item.display_name, reminder, item.first_name)
