"""Benchmark of the case store: opening cases, recording events, listing and verifying.

Run: .venv/bin/python bench/store.py [CASES] [DATABASE_URL]   (default: 1000 cases, SQLite in a
temporary directory). Prints its figures; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from adapters.store.database import open_store
from domain.roles import Role
from service.accounts import TokenRequest, create_token
from service.case_file import Actor
from service.ports import NewAccount
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import open_cases, verify

HR = Actor("bench.hr", Role.HR)
PHYSICIAN = Actor("bench.physician", Role.PHYSICIAN)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
FOLLOW_UPS = [
    ("physician_notified", 1, HR),
    ("physician_consulted", 10, PHYSICIAN),
    ("problem_analysis_done", 30, PHYSICIAN),
    ("plan_of_action_agreed", 40, HR),
    ("evaluation_held", 80, HR),
]


def timed(label: str, count: int, work: object) -> None:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.2f} s ({count / elapsed:,.0f}/s)")


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        for actor in (HR, PHYSICIAN):
            store.directory.add_account(NewAccount(actor.name, actor.name, actor.role, None, NOW))
        token = create_token(store, HR, TokenRequest(HR.name), NOW).token
        first = [dt.date(2025, 1, 6) + dt.timedelta(days=n % 300) for n in range(cases)]

        def open_all() -> None:
            for n, day in enumerate(first):
                command = ReportSick(f"E{n:06d}", f"Employee {n}", {"date": day.isoformat()})
                report_sick(store, HR, command, NOW)

        def follow_up() -> None:
            for n, day in enumerate(first):
                for kind, offset, actor in FOLLOW_UPS:
                    entry = {"type": kind, "date": (day + dt.timedelta(days=offset)).isoformat()}
                    record(store, actor, RecordEvent(f"E{n:06d}-{day:%Y%m%d}", entry), NOW)

        print(f"store: {url.split(':')[0]}, {cases} cases")
        timed("report-sick (open a case)", cases, open_all)
        for n, day in enumerate(first):  # the physician sees the cases assigned to them
            store.directory.assign_physician(f"E{n:06d}-{day:%Y%m%d}", PHYSICIAN.name)
        timed("record (5 events per case)", cases * len(FOLLOW_UPS), follow_up)
        timed("cases (list all open cases)", cases, lambda: open_cases(store, HR, NOW))
        timed("verify (every hash chain)", cases * 6, lambda: verify(store, HR))
        script = Path(sys.executable).with_name("reintegration")
        start = time.perf_counter()
        where = ["--database-url", url, "--data-dir", tmp]  # the key file is in the data dir
        subprocess.run(
            [script, "cases", *where, "--json"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "REINTEGRATION_TOKEN": token},
        )
        print(f"`reintegration cases --json` end to end: {time.perf_counter() - start:.2f} s")
        store.engine.dispose()


if __name__ == "__main__":
    main()
