"""Benchmark of the web console against a real `reintegration web` process: p50/p95 render
time of the dashboard (`GET /`, first page of 50, and a search) with N open cases, and of a
case page. HR is signed in with a password, as a person would be.

Run: .venv/bin/python bench/console.py [OPEN_CASES] [REQUESTS]   (default 1,000 cases, 30
requests each; SQLite in a temporary directory). Prints its figures; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from adapters.amsterdam_time import today_in_amsterdam
from adapters.key_files import KEY_VARIABLE
from adapters.store.database import open_store
from service.accounts import hash_password
from service.recording import ReportSick, report_sick
from tests.console.site import PASSWORD, sign_in
from tests.organisation import HR, organise
from tests.store.api_server import serving


def timed(client: httpx.Client, path: str, requests: int) -> str:
    latencies = []
    for _ in range(requests):
        start = time.perf_counter()
        answer = client.get(path)
        latencies.append(time.perf_counter() - start)
        assert answer.status_code == 200, answer.text[:300]
    cuts = statistics.quantiles(latencies, n=100)
    return f"p50 {cuts[49] * 1000:7.1f} ms, p95 {cuts[94] * 1000:7.1f} ms"


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        organise(store)
        store.directory.set_password_hash(HR.name, hash_password(PASSWORD))
        now = dt.datetime.now(dt.UTC)
        today = today_in_amsterdam(now)
        start = time.perf_counter()
        for n in range(cases):
            first = (today - dt.timedelta(days=n % 600)).isoformat()
            command = ReportSick(f"B{n:06d}", f"Werknemer {n}", {"date": first})
            report_sick(store, HR, command, now)
        print(f"{cases} open cases made in {time.perf_counter() - start:.1f} s")
        key = os.environ.get(KEY_VARIABLE)  # else the key file in the data directory
        with (
            serving(url, Path(tmp) / "server.log", Path(tmp), key) as base,
            httpx.Client(base_url=base, timeout=120) as client,
        ):
            assert sign_in(client, HR.name).status_code == 303
            print(f"dashboard, first page of 50:    {timed(client, '/', requests)}")
            print(f"dashboard, search 'werknemer 9': {timed(client, '/?q=werknemer+9', requests)}")
            print(
                f"dashboard, overdue, page 3:     {timed(client, '/?overdue=1&page=3', requests)}"
            )
            case = f"B000007-{today - dt.timedelta(days=7):%Y%m%d}"
            print(f"case page:                      {timed(client, f'/cases/{case}', requests)}")
        store.engine.dispose()


if __name__ == "__main__":
    main()
