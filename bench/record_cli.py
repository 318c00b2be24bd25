"""Benchmark of recording one event through the CLI: `reintegration record CASE
physician_notified --date D` as a new process on a SQLite store (no PREFECT_API_URL, no
REINTEGRATION_URL), against the same use case called in this process.

What is measured, each run on a case of its own that holds one entry (its sick report):
- "start to commit": from starting the process until the new entry is committed, i.e. visible
  to another connection on the store (this process polls the store every millisecond);
- "start to exit": until the process has ended (its output printed, the store closed, the
  interpreter shut down);
- "CPU": the process's user + system time (start to exit), from `getrusage(RUSAGE_CHILDREN)`:
  on a loaded machine the wall times grow with the waiting, the CPU time much less;
- "in-process": `service.recording.record(store, actor, command, now)` on an open store;
- "imports alone": a process that imports what `reintegration record` imports on its way to the
  commit (`IMPORTS`) and ends, start to exit and CPU: the floor of the process's figures.
All are interleaved run by run, so the machine's load falls on all of them alike; the load
average is printed with the figures. As an installed program would, the process uses compiled
bytecode (`__pycache__`, written by a first untimed run), even where PYTHONDONTWRITEBYTECODE is
set. Given another installation's `reintegration` script (another worktree's
`.venv/bin/reintegration`, say), it is measured too, interleaved: before against after.

Run: .venv/bin/python bench/record_cli.py [RUNS] [OTHER-SCRIPT]   (default 21; prints its figures)
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from adapters.store.database import DATABASE_FILE, open_store
from domain.roles import Role
from service.accounts import TokenRequest, create_token
from service.case_file import Actor
from service.ports import NewAccount
from service.recording import RecordEvent, ReportSick, record, report_sick

SCRIPT = Path(sys.executable).with_name("reintegration")
# What `reintegration record` imports before its commit (as `-X importtime` lists them).
IMPORTS = "cli.main, cli.recording, service.recording, adapters.store.database, service.accounts"
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


def through_the_cli(
    script: Path, data_dir: Path, case: str, environment: dict[str, str]
) -> tuple[float, float, float]:
    """Seconds from starting `reintegration record` until its entry is committed, until the
    process has ended, and the CPU seconds it used."""
    command: list[str | Path] = [script, "record", case, "physician_notified", "--date", NOTIFIED]
    watcher = sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None)
    before = watcher.execute("SELECT count(*) FROM event_log").fetchone()[0]
    seen = watcher.execute("PRAGMA data_version").fetchone()[0]
    cpu = cpu_of_children()
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--data-dir", data_dir], env=environment, stdout=subprocess.DEVNULL
    )
    committed = None
    while process.poll() is None:
        # data_version changes when another connection commits: cheap enough to ask each ms
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        if committed is None and version != seen:
            seen = version
            if watcher.execute("SELECT count(*) FROM event_log").fetchone()[0] > before:
                committed = time.perf_counter()
        time.sleep(0.001)
    ended = time.perf_counter()
    watcher.close()
    if process.returncode != 0:
        raise SystemExit(f"{script} record failed with status {process.returncode}")
    return (committed or ended) - start, ended - start, cpu_of_children() - cpu


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    scripts = {"": SCRIPT} | ({" (other)": Path(sys.argv[2])} if len(sys.argv) > 2 else {})
    now = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        store = open_store(f"sqlite:///{data_dir / DATABASE_FILE}", tmp)  # the key file in tmp
        store.directory.add_account(NewAccount(HR.name, HR.name, HR.role, None, now))
        token = create_token(store, HR, TokenRequest(HR.name), now).token
        cases = []
        for n in range((len(scripts) + 1) * (runs + 1)):
            command = ReportSick(f"E{n:04d}", f"Employee {n}", {"date": FIRST_DAY.isoformat()})
            cases.append(report_sick(store, HR, command, now).case_key)
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PREFECT_", "REINTEGRATION_"))
            and key != "PYTHONDONTWRITEBYTECODE"
        }
        environment["REINTEGRATION_TOKEN"] = token
        for script in scripts.values():  # untimed: .pyc written, files in the page cache
            through_the_cli(script, data_dir, cases.pop(), environment)
        samples: dict[str, list[float]] = {}
        for _ in range(runs):
            for name, script in scripts.items():
                committed, ended, cpu = through_the_cli(script, data_dir, cases.pop(), environment)
                samples.setdefault(f"start to commit{name}", []).append(committed)
                samples.setdefault(f"start to exit{name}", []).append(ended)
                samples.setdefault(f"CPU, user + sys{name}", []).append(cpu)
            ended, cpu = imports_alone(IMPORTS, environment)
            samples.setdefault("imports alone, to exit", []).append(ended)
            samples.setdefault("imports alone, CPU", []).append(cpu)
            entry = {"type": "physician_notified", "date": NOTIFIED}
            start = time.perf_counter()
            record(store, HR, RecordEvent(cases.pop(), entry), dt.datetime.now(dt.UTC))
            samples.setdefault("in-process", []).append(time.perf_counter() - start)
        store.engine.dispose()

    print(
        f"record one event on SQLite, {runs} runs each, interleaved; load average "
        f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} CPUs)"
    )
    for name, script in scripts.items():
        print(f"`{script} record`{name}:")
        for label in ("start to commit", "start to exit", "CPU, user + sys"):
            print(row(f"  {label}", samples[label + name]))
    print(f"python -c 'import {IMPORTS}' (gc off):")
    print(row("  start to exit", samples["imports alone, to exit"]))
    print(row("  CPU, user + sys", samples["imports alone, CPU"]))
    print("service.recording.record:")
    print(row("  in-process", samples["in-process"]))
    ratio = statistics.median(samples["start to commit"]) / statistics.median(samples["in-process"])
    print(f"start to commit / in-process (medians): {ratio:.0f}x")


def row(label: str, samples: list[float]) -> str:
    p50, p95 = percentile(samples, 0.5) * 1000, percentile(samples, 0.95) * 1000
    return f"{label:<20} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"


if __name__ == "__main__":
    main()
