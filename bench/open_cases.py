"""Benchmark of `cases` (the open-case list) among many closed cases: the list must not grow
with the cases that closed (recovered 28 days or more), which it never reads.

Run: .venv/bin/python bench/open_cases.py [OPEN] [CLOSED] [DATABASE_URL]   (default: 1,000 open
and 100,000 closed cases, SQLite in a temporary directory). The cases are inserted in bulk
(rows as the store writes them); the listing goes through the real service path. Prints its
figures and the database's plan for the list query; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from adapters.store.case_lists import open_cases_query
from adapters.store.case_store import CaseStore
from adapters.store.database import open_store
from adapters.store.tables import OPEN_WHILE_SICK, CaseRow, Employee, OpenStepRow
from domain.law_calendar import Step
from domain.roles import Role
from service.case_file import Actor
from service.review import open_cases

HR = Actor("bench.hr", Role.HR)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
RUNS = 5


def add_cases(store: CaseStore, start: int, count: int, closed: bool) -> None:
    """`count` cases from employee number `start` on: closed (recovered long ago) or open
    (sick, with ten open steps)."""
    first = dt.date(2024, 1, 8)
    with store.engine.begin() as connection:
        connection.execute(
            insert(Employee),
            [
                {"id": n, "key": f"E{n:07d}", "display_name": f"Employee {n}", "version": 1}
                for n in range(start, start + count)
            ],
        )
        connection.execute(
            insert(CaseRow),
            [
                {
                    "id": n,
                    "key": f"E{n:07d}-{first:%Y%m%d}",
                    "employee_id": n,
                    "first_sick_day": first,
                    "status": "recovered" if closed else "sick",
                    "recovered_on": first + dt.timedelta(days=60) if closed else None,
                    "open_until": first + dt.timedelta(days=88) if closed else OPEN_WHILE_SICK,
                    "last_seq": 1,
                    "head_hash": "",
                }
                for n in range(start, start + count)
            ],
        )
        if not closed:
            connection.execute(
                insert(OpenStepRow),
                [
                    {"case_id": n, "step": step, "due": NOW.date() + dt.timedelta(days=days)}
                    for n in range(start, start + count)
                    for days, step in enumerate(list(Step)[:10])
                ],
            )


def listing_time(store: CaseStore) -> float:
    open_cases(store, HR, NOW)  # warm: the first query of a connection pays for its setup
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        open_cases(store, HR, NOW)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    open_count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    closed_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[3] if len(sys.argv) > 3 else f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        print(f"store: {url.split(':')[0]}; median of {RUNS} listings through the service")
        add_cases(store, 1, open_count, closed=False)
        alone = listing_time(store)
        print(f"{open_count:,} open, 0 closed: {alone * 1000:.0f} ms")
        added = 0
        for step in (closed_count // 10, closed_count - closed_count // 10):
            add_cases(store, open_count + 1 + added, step, closed=True)
            added += step
            took = listing_time(store)
            print(
                f"{open_count:,} open, {added:,} closed: {took * 1000:.0f} ms "
                f"({took / alone:.2f}x the time without closed cases)"
            )
        with store.engine.connect() as connection:
            explain = "EXPLAIN QUERY PLAN " if url.startswith("sqlite") else "EXPLAIN "
            query = open_cases_query(NOW.date()).compile(
                connection, compile_kwargs={"literal_binds": True}
            )
            plan = connection.exec_driver_sql(explain + str(query)).all()
        print("plan of the list query:", "; ".join(str(row[-1]) for row in plan))
        store.engine.dispose()


if __name__ == "__main__":
    main()
