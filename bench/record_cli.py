"""Benchmark of recording one event through the CLI: `reintegration record CASE
physician_notified --date D` as a new process on an SQLite store, or PostgreSQL (no
PREFECT_API_URL, no REINTEGRATION_URL), against the same use case called in this process.
With --server, the process is a client of a running `reintegration web` on the same store
($REINTEGRATION_URL): the server, started once, does the recording.

What is measured, each run on a case of its own that holds one entry (its sick report):
- "start to commit": from starting the process until the new entry is committed, i.e. visible
  to another connection on the store (this process polls the store every millisecond, every
  5 ms on PostgreSQL);
- "start to exit": until the process has ended (its output printed, the store closed, the
  interpreter shut down);
- "CPU": the process's user + system time (start to exit), from `getrusage(RUSAGE_CHILDREN)`:
  on a loaded machine the wall times grow with the waiting, the CPU time much less;
- "in-process": `service.recording.record(store, actor, command, now)` on an open store;
- "imports alone": a process that imports what `reintegration record` imports on its way to the
  commit (`IMPORTS` and the driver's, `DRIVERS`; a server's client: `CLIENT_IMPORTS`) and
  ends, start to exit and CPU: the floor of the process's figures.
Through a server, "CPU" is the client's alone (the server's is not counted).
All are interleaved run by run, so the machine's load falls on all of them alike; the load
average is printed with the figures. As an installed program would, the process uses compiled
bytecode (`__pycache__`, written by a first untimed run), even where PYTHONDONTWRITEBYTECODE is
set. Given another installation's `reintegration` script (another worktree's
`.venv/bin/reintegration`, say), it is measured too, interleaved: before against after.

Run: .venv/bin/python bench/record_cli.py [RUNS] [OTHER-SCRIPT] [--postgres] [--server]
(default 21 runs on SQLite; --postgres: on a temporary PostgreSQL cluster; prints its figures)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from adapters.store.database import DATABASE_FILE, open_store
from cli.remote import URL_VARIABLE
from domain.roles import Role
from service.accounts import TokenRequest, create_token
from service.case_file import Actor
from service.ports import NewAccount
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.store import postgres
from tests.store.api_server import serving

SCRIPT = Path(sys.executable).with_name("reintegration")
# What `reintegration record` imports before its commit (as `-X importtime` lists them), and
# the database's driver.
IMPORTS = "cli.main, cli.recording, service.recording, adapters.store.database, service.accounts"
CLIENT_IMPORTS = "cli.main, cli.recording, cli.remote, urllib.request"  # a server's client
DRIVERS = {
    "SQLite": "sqlalchemy.dialects.sqlite",
    "PostgreSQL": "sqlalchemy.dialects.postgresql.psycopg, psycopg",
}
HR = Actor("bench.hr", Role.HR)
FIRST_DAY = dt.date(2026, 1, 5)
NOTIFIED = (FIRST_DAY + dt.timedelta(days=1)).isoformat()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def imports_alone(modules: str, environment: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting a process that imports `modules` (and does nothing else) until
    it has ended, and the CPU seconds it used. It runs without the cycle collector and freezes
    its objects before exit, as `reintegration` does (`cli.main.run`)."""
    code = f"import gc; gc.disable(); import {modules}; gc.freeze()"
    cpu = cpu_of_children()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=environment, check=True)
    return time.perf_counter() - start, cpu_of_children() - cpu


class Entries:
    """The log entries committed to a store, counted on a connection of their own every
    `interval` seconds: each ms on SQLite (a read in this process), each 5 ms on PostgreSQL
    (each count is work for a server process too, taken from the command being measured)."""

    def __init__(self, url: str) -> None:
        self.connection: Any
        if url.startswith("sqlite:///"):
            self.connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            self.interval = 0.001
        else:
            import psycopg  # noqa: PLC0415 (only on PostgreSQL)

            plain = url.replace("postgresql+psycopg://", "postgresql://")
            self.connection = psycopg.connect(plain, autocommit=True)
            self.interval = 0.005

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM event_log").fetchone()[0])


def through_the_cli(
    script: Path, url: str, data_dir: Path, case: str, environment: dict[str, str]
) -> tuple[float, float, float]:
    """Seconds from starting `reintegration record` on the store at `url` (its key file in
    `data_dir`) until its entry is committed, until the process has ended, and the CPU seconds
    it used."""
    command: list[str | Path] = [script, "record", case, "physician_notified", "--date", NOTIFIED]
    if URL_VARIABLE not in environment:  # else through the server, whose store it is
        command += ["--data-dir", data_dir]
        if not url.startswith("sqlite:"):
            command += ["--database-url", url]
    entries = Entries(url)
    before = entries.count()
    cpu = cpu_of_children()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    committed = None
    while process.poll() is None:
        if committed is None and entries.count() > before:
            committed = time.perf_counter()
        time.sleep(entries.interval)
    ended = time.perf_counter()
    entries.connection.close()
    if process.returncode != 0:
        raise SystemExit(f"{script} record failed with status {process.returncode}")
    return (committed or ended) - start, ended - start, cpu_of_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=21)
    parser.add_argument("other", nargs="?", type=Path, help="another `reintegration` script")
    parser.add_argument("--postgres", action="store_true", help="a temporary PostgreSQL store")
    parser.add_argument("--server", action="store_true", help="through `reintegration web`")
    args = parser.parse_args()
    runs = args.runs
    scripts = {"": SCRIPT} | ({" (other)": args.other} if args.other else {})
    database = "PostgreSQL" if args.postgres else "SQLite"
    imports = CLIENT_IMPORTS if args.server else f"{IMPORTS}, {DRIVERS[database]}"
    now = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        url = stack.enter_context(store_url(Path(tmp), args.postgres))
        data_dir = Path(tmp)
        store = open_store(url, tmp)  # the key file in tmp
        store.directory.add_account(NewAccount(HR.name, HR.name, HR.role, None, now))
        token = create_token(store, HR, TokenRequest(HR.name), now).token
        cases = []
        for n in range((len(scripts) + 1) * (runs + 1)):
            command = ReportSick(f"E{n:04d}", f"Employee {n}", {"date": FIRST_DAY.isoformat()})
            cases.append(report_sick(store, HR, command, now).case_key)
        settings = {"REINTEGRATION_TOKEN": token}
        if args.server:  # the server opens the store with the key file in tmp
            log = data_dir / "server.log"
            settings[URL_VARIABLE] = stack.enter_context(serving(url, log, data_dir))
        environment = child_environment(settings)
        samples: dict[str, list[float]] = {}

        def in_process() -> None:
            entry = {"type": "physician_notified", "date": NOTIFIED}
            start = time.perf_counter()
            record(store, HR, RecordEvent(cases.pop(), entry), dt.datetime.now(dt.UTC))
            samples.setdefault("in-process", []).append(time.perf_counter() - start)

        store_at = (url, data_dir, cases)
        samples |= interleaved(scripts, runs, store_at, environment, imports, in_process)
        store.engine.dispose()

    print(
        f"record one event on {database}{' through `reintegration web`' if args.server else ''}"
        f", {runs} runs each, interleaved; load average "
        f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} CPUs)"
    )
    print_processes(scripts, samples, imports, "")
    print("service.recording.record:")
    print(row("  in-process", samples["in-process"]))
    ratio = statistics.median(samples["start to commit"]) / statistics.median(samples["in-process"])
    print(f"start to commit / in-process (medians): {ratio:.0f}x")


def child_environment(settings: dict[str, str]) -> dict[str, str]:
    """This process's environment for a measured child: none of Prefect's or the project's own
    settings but `settings`, and bytecode written, as an installed program has it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PREFECT_", "REINTEGRATION_")) and key != "PYTHONDONTWRITEBYTECODE"
    }
    return environment | settings


def interleaved(  # noqa: PLR0913, PLR0917 (the one caller's pieces, each named where it is used)
    scripts: dict[str, Path],
    runs: int,
    store: tuple[str, Path, list[str]],
    environment: dict[str, str],
    imports: str,
    also: Callable[[], None] = lambda: None,
) -> dict[str, list[float]]:
    """Each script's `record` on a case of its own (`store`: its URL, data directory and the
    cases, taken from the end), then the imports alone, then `also`: one untimed round, then
    `runs` timed ones."""
    url, data_dir, cases = store
    for script in scripts.values():  # untimed: .pyc written, files in the page cache
        through_the_cli(script, url, data_dir, cases.pop(), environment)
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, script in scripts.items():
            committed, ended, cpu = through_the_cli(script, url, data_dir, cases.pop(), environment)
            samples.setdefault(f"start to commit{name}", []).append(committed)
            samples.setdefault(f"start to exit{name}", []).append(ended)
            samples.setdefault(f"CPU, user + sys{name}", []).append(cpu)
        ended, cpu = imports_alone(imports, environment)
        samples.setdefault("imports alone, to exit", []).append(ended)
        samples.setdefault("imports alone, CPU", []).append(cpu)
        also()
    return samples


def print_processes(
    scripts: dict[str, Path], samples: dict[str, list[float]], imports: str, setting: str
) -> None:
    for name, script in scripts.items():
        print(f"`{script} record`{name}{setting}:")
        for label in ("start to commit", "start to exit", "CPU, user + sys"):
            print(row(f"  {label}", samples[label + name]))
    print(f"python -c 'import {imports}' (gc off):")
    print(row("  start to exit", samples["imports alone, to exit"]))
    print(row("  CPU, user + sys", samples["imports alone, CPU"]))


@contextmanager
def store_url(data_dir: Path, postgresql: bool) -> Iterator[str]:
    """The URL of an SQLite store in `data_dir`, or of a database in a temporary PostgreSQL."""
    if not postgresql:
        yield f"sqlite:///{data_dir / DATABASE_FILE}"
        return
    with postgres.cluster() as server:
        yield postgres.create_database(server, "bench")


def row(label: str, samples: list[float]) -> str:
    p50, p95 = percentile(samples, 0.5) * 1000, percentile(samples, 0.95) * 1000
    return f"{label:<20} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"


if __name__ == "__main__":
    main()
