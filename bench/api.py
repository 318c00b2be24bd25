"""Benchmark of the REST API against a real `reintegration web` process: requests per second and
p50/p95 latency of reading a case (`GET /api/v1/cases/{case}`) and recording an event
(`POST /api/v1/cases/{case}/events`), with 1 and with 8 concurrent clients (threads, httpx).

Run: .venv/bin/python bench/api.py [REQUESTS] [DATABASE_URL]   (default: 400 requests per run,
SQLite in a temporary directory; give a PostgreSQL URL of an empty database to measure that).
Prints its figures; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from adapters.amsterdam_time import today_in_amsterdam
from adapters.key_files import KEY_VARIABLE
from adapters.store.database import open_store
from service.recording import ReportSick, report_sick
from tests.organisation import HR, organise, token_for
from tests.store.api_server import serving

CLIENTS = (1, 8)
Request = Callable[[httpx.Client, int], httpx.Response]


def run(base: str, token: str, clients: int, requests: int, request: Request) -> list[float]:
    """Latencies in seconds of `requests` requests shared among `clients` threads; the n-th
    request is `request(client, n)`."""
    latencies: list[float] = []
    lock = threading.Lock()
    numbers = iter(range(requests))

    def client_loop() -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
            while True:
                with lock:
                    n = next(numbers, None)
                if n is None:
                    return
                start = time.perf_counter()
                response = request(client, n)
                elapsed = time.perf_counter() - start
                assert response.status_code in (200, 201), response.text
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def report(label: str, clients: int, latencies: list[float], wall: float) -> None:
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{label:<34} {clients} client(s): {len(latencies) / wall:7.0f} req/s, "
        f"p50 {cuts[49] * 1000:6.1f} ms, p95 {cuts[94] * 1000:6.1f} ms"
    )


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        organise(store)
        now = dt.datetime.now(dt.UTC)
        first = (today_in_amsterdam(now) - dt.timedelta(days=20)).isoformat()
        # One case to read; one fresh case per recording, so that no two clients race.
        cases = [
            report_sick(store, HR, ReportSick(f"B{n:05d}", f"Bench {n}", {"date": first}), now)
            for n in range(1 + requests * len(CLIENTS))
        ]
        keys = [case.case_key for case in cases]
        token = token_for(store, HR.name)
        print(f"store: {url.split(':')[0]}, {requests} requests per run")
        with serving(
            url, Path(tmp) / "server.log", Path(tmp), os.environ.get(KEY_VARIABLE)
        ) as base:

            def read(client: httpx.Client, _n: int) -> httpx.Response:
                return client.get(f"/api/v1/cases/{keys[0]}")

            for clients in CLIENTS:
                start = time.perf_counter()
                latencies = run(base, token, clients, requests, read)
                report("GET  /api/v1/cases/{case}", clients, latencies, time.perf_counter() - start)
            for round_, clients in enumerate(CLIENTS):
                offset = 1 + round_ * requests

                def write(client: httpx.Client, n: int, offset: int = offset) -> httpx.Response:
                    body = {"type": "physician_notified", "date": first}
                    return client.post(f"/api/v1/cases/{keys[offset + n]}/events", json=body)

                start = time.perf_counter()
                latencies = run(base, token, clients, requests, write)
                wall = time.perf_counter() - start
                report("POST /api/v1/cases/{case}/events", clients, latencies, wall)
        store.engine.dispose()


if __name__ == "__main__":
    main()
