"""Benchmark of the web console against a real `reintegration web` process: p50/p95 render
time of the dashboard (`GET /`: the first page of 50, a search, a filter on a later page)
with N open cases, and of case pages: an ordinary one and one whose trail has about 500
entries (250 events and 250 reads). HR is signed in with a password, as a person would be.

Run: .venv/bin/python bench/console.py [OPEN_CASES] [REQUESTS] [--trail N] [--baseline DIR]
(default 1,000 cases, 30 requests each, a trail of 500; SQLite in a temporary directory).
With --baseline, a second server runs the code in DIR (e.g. `git archive main` unpacked
there) on the same store, and the two take turns request by request, so that both figures
see the same load on a shared machine. Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from adapters.amsterdam_time import today_in_amsterdam
from adapters.key_files import KEY_VARIABLE
from adapters.store.database import open_store
from service.accounts import hash_password
from service.ports import Store
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.console.site import PASSWORD, sign_in
from tests.organisation import HR, organise
from tests.store.api_server import serving

DASHBOARD = {
    "dashboard, first page of 50:     ": "/",
    "dashboard, search 'werknemer 9': ": "/?q=werknemer+9",
    "dashboard, overdue, page 3:      ": "/?overdue=1&page=3",
    "dashboard, due this week, page 2:": "/?week=1&page=2",
    "dashboard, in build-up:          ": "/?stage=building",
}


def timed(clients: list[httpx.Client], path: str, requests: int) -> str:
    """p50 and p95 of each client's answers to `path`, the clients taking turns."""
    latencies: list[list[float]] = [[] for _ in clients]
    for _ in range(requests):
        for client, measured in zip(clients, latencies, strict=True):
            start = time.perf_counter()
            answer = client.get(path)
            measured.append(time.perf_counter() - start)
            assert answer.status_code == 200, answer.text[:300]
    figures = []
    for measured in latencies:
        cuts = statistics.quantiles(measured, n=100)
        figures.append(f"p50 {cuts[49] * 1000:7.1f} ms, p95 {cuts[94] * 1000:7.1f} ms")
    return " | baseline ".join(figures)


@contextmanager
def signed_in(url: str, tmp: Path, code: Path | None, name: str) -> Iterator[httpx.Client]:
    """A client signed in as HR to a server on `url`, running the code in `code` if given."""
    key = os.environ.get(KEY_VARIABLE)  # else the key file in the data directory
    with ExitStack() as stack:
        with python_path(code):  # the server process takes this process's environment
            base = stack.enter_context(serving(url, tmp / f"{name}.log", tmp, key))
        client = stack.enter_context(httpx.Client(base_url=base, timeout=300))
        assert sign_in(client, HR.name).status_code == 303
        yield client


@contextmanager
def python_path(code: Path | None) -> Iterator[None]:
    before = os.environ.get("PYTHONPATH")
    if code is not None:
        os.environ["PYTHONPATH"] = str(code)
    try:
        yield
    finally:
        os.environ.pop("PYTHONPATH", None)
        if before is not None:
            os.environ["PYTHONPATH"] = before


def long_case(store: Store, entries: int, now: dt.datetime) -> str:
    """A case sick for 400 days whose trail has `entries` lines: half events, half reads."""
    first = today_in_amsterdam(now) - dt.timedelta(days=400)
    report = ReportSick("L000001", "Lange Geschiedenis", {"date": first.isoformat()})
    case = report_sick(store, HR, report, now).case_key
    for n in range(entries // 2 - 1):
        day = (first + dt.timedelta(days=n % 390)).isoformat()
        record(store, HR, RecordEvent(case, {"type": "evaluation_held", "date": day}), now)
    case_id = store.cases.load(case).case.id
    for _ in range(entries - entries // 2):
        store.reads.record([case_id], HR.name, HR.role.value, "bench", now)
    return case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=1000, help="open cases")
    parser.add_argument("requests", nargs="?", type=int, default=30, help="requests per page")
    parser.add_argument("--trail", type=int, default=500, help="entries of the long case")
    parser.add_argument("--baseline", type=Path, help="also time the code in this directory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(url, tmp)  # the key file, if no $REINTEGRATION_KEY
        organise(store)
        store.directory.set_password_hash(HR.name, hash_password(PASSWORD))
        now = dt.datetime.now(dt.UTC)
        today = today_in_amsterdam(now)
        start = time.perf_counter()
        for n in range(args.cases):
            first = (today - dt.timedelta(days=n % 600)).isoformat()
            command = ReportSick(f"B{n:06d}", f"Werknemer {n}", {"date": first})
            report_sick(store, HR, command, now)
        long = long_case(store, args.trail, now)
        print(f"{args.cases} open cases made in {time.perf_counter() - start:.1f} s", flush=True)
        codes = [None] + ([args.baseline.resolve()] if args.baseline else [])
        with ExitStack() as stack:
            clients = [
                stack.enter_context(signed_in(url, Path(tmp), code, f"server{n}"))
                for n, code in enumerate(codes)
            ]
            for label, path in DASHBOARD.items():
                print(f"{label} {timed(clients, path, args.requests)}", flush=True)
            case = f"B000007-{today - dt.timedelta(days=7):%Y%m%d}"
            print(f"{'case page:':34} {timed(clients, f'/cases/{case}', args.requests)}")
            trail = f"case page, {args.trail}-line trail, all:"
            print(f"{trail:34} {timed(clients, f'/cases/{long}?trail=all', args.requests)}")
        store.engine.dispose()


if __name__ == "__main__":
    main()
