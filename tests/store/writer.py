"""A separate writer process for the concurrency and crash tests.

python -m tests.store.writer URL CASE race START_AT EXPECTED_SEQ DATE
    waits until START_AT (epoch seconds), then records one evaluation decided on EXPECTED_SEQ.
python -m tests.store.writer URL CASE loop
    records partial recoveries back to back, printing each entry number, until killed.
python -m tests.store.writer URL OUTBOX dispatch NOW LEASE_SECONDS
    sends every reminder due at NOW to the outbox file, in batches of 50.

`dispatch` does the same in a process forked by the crash test, which may die by its own SIGKILL
at a chosen message (see `DyingSink`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import signal
import sys
import time
from pathlib import Path

from adapters.store.database import open_store
from domain.errors import InputError
from domain.roles import Role
from notifications.messages import Message
from notifications.sinks import OutboxSink, Sink
from service.case_file import Actor
from service.dispatch import Dispatcher, everything_to
from service.recording import RecordEvent, record

HR = Actor("writer", Role.HR)
NOW = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


class DyingSink:
    """The outbox, but its process is killed with SIGKILL (kill -9) at message number `kill_at`
    of this process: `before` it is written, or `after` it, before the dispatcher can record
    that it went out."""

    def __init__(self, outbox: OutboxSink, kill_at: int, when: str) -> None:
        self.outbox, self.kill_at, self.when, self.count = outbox, kill_at, when, 0
        self.channel, self.target = outbox.channel, outbox.target

    def send(self, message: Message) -> None:
        self.count += 1
        if (self.count, self.when) == (self.kill_at, "before"):
            os.kill(os.getpid(), signal.SIGKILL)
        self.outbox.send(message)
        if (self.count, self.when) == (self.kill_at, "after"):
            os.kill(os.getpid(), signal.SIGKILL)


def dispatch(url: str, outbox: Path, now: dt.datetime, batch: int, lease: float, kill: str) -> None:
    """Send every reminder due at `now` to `outbox`; `kill` is "" (live to the end) or
    "N:before" / "N:after" (die at message N, see `DyingSink`)."""
    sink: Sink = OutboxSink(outbox)
    if kill:
        number, when = kill.split(":")
        sink = DyingSink(OutboxSink(outbox), int(number), when)
    store = open_store(url)
    route = everything_to(sink)
    Dispatcher(store, route, batch=batch, lease=dt.timedelta(seconds=lease)).dispatch_due(now)
    store.engine.dispose()


def main(url: str, case: str, mode: str, *rest: str) -> int:
    store = open_store(url)
    if mode == "dispatch":
        now, lease = dt.datetime.fromisoformat(rest[0]), dt.timedelta(seconds=float(rest[1]))
        dispatcher = Dispatcher(store, everything_to(OutboxSink(Path(case))), batch=50, lease=lease)
        print(dispatcher.dispatch_due(now), flush=True)
        return 0
    if mode == "race":
        start_at, expected, day = float(rest[0]), int(rest[1]), rest[2]
        command = RecordEvent(case, {"type": "evaluation_held", "date": day}, expected_seq=expected)
        time.sleep(max(0.0, start_at - time.time()))
        try:
            print(record(store, HR, command, NOW).seq, flush=True)
        except InputError as error:
            print(f"refused: {error}", flush=True)
            return 1
        return 0
    for percentage in itertools.cycle(range(10, 100)):
        entry = {"type": "partially_recovered", "date": "2026-03-01", "percentage": percentage}
        print(record(store, HR, RecordEvent(case, entry), NOW).seq, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
