"""Benchmark of the reminder pipeline on the embedded store (SQLite) or a given URL.

Run: .venv/bin/python bench/reminders.py [DATABASE_URL]   (prints its figures; asserts nothing)

1. Opening 10,000 cases through the service (each: validate, append, plan ~45 reminders).
2. Finding due reminders among 100,000 open cases: 100,000 cases with 20 pending reminders each
   (2 million rows, bulk-loaded in the shape the service writes), then the dispatcher's claim.
3. Reminders sent per second to the local outbox sink (fsynced per message).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import col, select

from adapters.store.case_store import CaseStore
from adapters.store.database import open_store
from adapters.store.tables import CaseRow, Employee, ReminderRow
from domain.roles import Role
from notifications.sinks import OutboxSink
from service.case_file import Actor
from service.dispatch import Dispatcher, everything_to
from service.recording import ReportSick, report_sick

HR = Actor("bench.hr", Role.HR)
NOW = dt.datetime(2026, 1, 5, 7, 0, tzinfo=dt.UTC)


def open_cases(store: CaseStore, count: int) -> float:
    start = time.perf_counter()
    for n in range(count):
        report_sick(
            store, HR, ReportSick(f"O{n:06d}", f"Employee {n}", {"date": "2026-01-05"}), NOW
        )
    return time.perf_counter() - start


def load_open_cases(store: CaseStore, count: int, per_case: int) -> None:
    """`count` cases with `per_case` pending reminders each, spread over two years."""
    with store.engine.begin() as connection:
        connection.execute(
            insert(Employee),
            [{"key": f"B{n:06d}", "display_name": "x", "version": 1} for n in range(count)],
        )
        first = connection.execute(
            select(Employee.id).where(col(Employee.key) == "B000000")
        ).scalar_one()
        connection.execute(
            insert(CaseRow),
            [
                {
                    "key": f"B{n:06d}-20260105",
                    "employee_id": first + n,
                    "first_sick_day": dt.date(2026, 1, 5),
                    "status": "sick",
                    "last_seq": 1,
                    "head_hash": "0" * 64,
                }
                for n in range(count)
            ],
        )
        case_ids = list(
            connection.execute(select(CaseRow.id).where(col(CaseRow.key).like("B%"))).scalars()
        )
    base = dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.UTC)
    for chunk in range(0, len(case_ids), 10_000):
        rows = [
            {
                "case_id": case_id,
                "key": f"step:{k}",
                "step": "evaluation",
                "due": dt.date(2026, 3, 1),
                "kind": "ahead",
                "number": 0,
                "party": "hr",
                "status": "pending",
                "attempts": 0,
                "send_at": base + dt.timedelta(days=(case_id * 7 + k * 37) % 700),
            }
            for case_id in case_ids[chunk : chunk + 10_000]
            for k in range(per_case)
        ]
        with store.engine.begin() as connection:
            connection.execute(insert(ReminderRow), rows)


def show(label: str, seconds: float, count: int | None = None) -> None:
    rate = f" ({count:,} at {count / seconds:,.0f}/s)" if count else ""
    print(
        f"{label}: {seconds * 1000:,.1f} ms{rate}"
        if seconds < 1
        else f"{label}: {seconds:,.1f} s{rate}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        print(f"store: {url.split(':')[0]}")

        elapsed = open_cases(store, 10_000)
        show("open 10,000 cases (report-sick, reminder plans included)", elapsed, 10_000)
        start = time.perf_counter()
        load_open_cases(store, 100_000, 20)
        show("bulk-load 100,000 more open cases, 2,000,000 reminders", time.perf_counter() - start)
        moment = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            store.reminders.next_pending()
            timings.append(time.perf_counter() - start)
        show("the next reminder, among 110,000 open cases (best of 5)", min(timings))
        start = time.perf_counter()
        claimed = store.reminders.claim_due(
            moment, 100, dt.datetime.now(dt.UTC), dt.timedelta(minutes=5)
        )
        show(f"claim the first {len(claimed)} due reminders", time.perf_counter() - start)
        dispatcher = Dispatcher(
            store, everything_to(OutboxSink(Path(tmp) / "outbox.jsonl")), batch=100
        )
        start = time.perf_counter()
        report = dispatcher.dispatch_due(dt.datetime(2026, 1, 20, 9, 0, tzinfo=dt.UTC))
        show("send due reminders to the local outbox", time.perf_counter() - start, report.sent)
        store.engine.dispose()


if __name__ == "__main__":
    main()
