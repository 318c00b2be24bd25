"""Benchmark of the start-up of `reintegration deadlines` on one case, as a process, against a
plain-Python reference doing the same work as a process, and against `python -c pass`.

The reference is `bench/law_reference.py` (the open steps of a case document with the standard
library and the `holidays` NL calendar, no validation or models). Each run starts the three
processes in turn (interleaved, so the machine's load falls on all of them alike) and waits for
each to end; the figures are the medians. As an installed program would, the processes use
compiled bytecode (`__pycache__`, written by a first untimed run), even where
PYTHONDONTWRITEBYTECODE is set.

Run: .venv/bin/python bench/startup.py [RUNS] [CASE.json]   (default 21 runs of
examples/burnout-relapse.json; prints its figures, asserts nothing)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
SCRIPT = Path(sys.executable).with_name("reintegration")
REFERENCE = ROOT / "bench" / "law_reference.py"
SAMPLE = ROOT / "examples" / "burnout-relapse.json"
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def seconds(command: list[str | Path]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    case = Path(sys.argv[2]) if len(sys.argv) > 2 else SAMPLE
    commands: dict[str, list[str | Path]] = {
        "reintegration deadlines CASE --json": [SCRIPT, "deadlines", case, "--json"],
        "python bench/law_reference.py CASE --json": [sys.executable, REFERENCE, case, "--json"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for command in commands.values():  # once, untimed: .pyc written, files in the page cache
        seconds(command)
    for _ in range(runs):
        for label, command in commands.items():
            samples[label].append(seconds(command))
    medians = {label: statistics.median(times) * 1000 for label, times in samples.items()}
    print(f"start-up on {case.name}, {runs} interleaved runs each (medians):")
    for label, median in medians.items():
        print(f"  {label:<44} {median:6.1f} ms")
    project, reference, _ = medians.values()
    print(f"project / reference: {project / reference:.2f}")


if __name__ == "__main__":
    main()
