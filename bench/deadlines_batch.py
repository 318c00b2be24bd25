"""Benchmark of `reintegration deadlines FILE --json` on a batch of case documents, as a process,
against the plain-Python reference run as a process on the same file
(`bench/law_reference.py FILE --json`: the standard library and the `holidays` NL calendar, no
validation or models).

The file is a JSON array of CASES random valid case documents (`histories.py`). First a
cross-check: both must print the same open steps (step and due date) for every document, and the
same rows (party, overdue, basis, consequence too). Then RUNS rounds, each running the project
and then the reference (interleaved, so the machine's load falls on both alike) and timing each
from start to exit: wall time (start-up included), and the CPU time (user + system) the process
used, which other processes' load disturbs less; the figures are the medians. As an installed
program would, the processes use compiled bytecode, even where PYTHONDONTWRITEBYTECODE is set.

Run: .venv/bin/python bench/deadlines_batch.py [CASES] [RUNS]   (default 10,000 cases, 7 runs;
prints its figures, asserts nothing)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from histories import histories

ROOT = Path(__file__).parents[1]
SCRIPT = Path(sys.executable).with_name("reintegration")
REFERENCE = ROOT / "bench" / "law_reference.py"
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def output(command: list[str | Path]) -> Any:
    printed = subprocess.run(command, check=True, capture_output=True, env=ENVIRONMENT).stdout
    return json.loads(printed)


def seconds(command: list[str | Path]) -> tuple[float, float]:
    """The wall time and the CPU time of one run of `command`."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.json"
        path.write_text(json.dumps(histories(cases)))
        commands: dict[str, list[str | Path]] = {
            "project": [SCRIPT, "deadlines", path, "--json"],
            "reference": [sys.executable, REFERENCE, path, "--json"],
        }
        ours, theirs = (output(command) for command in commands.values())  # also: .pyc written
        steps = sum(
            1
            for mine, other in zip(ours, theirs, strict=True)
            if [(r["step"], r["due"]) for r in mine] != [(r["step"], r["due"]) for r in other]
        )
        rows = sum(1 for mine, other in zip(ours, theirs, strict=True) if mine != other)
        print(f"a JSON array of {cases:,} random case documents ({path.stat().st_size:,} bytes)")
        print(f"cross-check: {steps} documents whose open steps differ, {rows} whose rows differ")
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(seconds(command))
    print(f"deadlines FILE --json, {runs} interleaved runs (medians; start-up included):")
    ratios = []
    for measure, index in (("wall time", 0), ("CPU time", 1)):
        rates = {
            name: cases / statistics.median(run[index] for run in timed)
            for name, timed in samples.items()
        }
        for name, rate in rates.items():
            print(f"  {name:<10} {measure:<9} {rate:8,.0f} cases/s ({cases / rate:.2f} s)")
        ratios.append(f"{rates['project'] / rates['reference']:.2f} ({measure})")
    print(f"project / reference: {', '.join(ratios)}")


if __name__ == "__main__":
    main()
