"""Benchmark of the law calendar in-process: the project against the plain-Python reference.

For each of HISTORIES random valid case documents (`histories.py`, as JSON-like data), the
project parses the document (validation included), folds its events and computes its open steps
(`parse_case_document`, `open_steps`); the reference (`law_reference.py`) does the same with the
standard library only. First a cross-check: both must give the same open steps (due date and
step) for every document. Then RUNS rounds, each timing the project and the reference over all
documents in turn (interleaved, so the machine's load falls on both alike), in CPU time of this
process (`time.process_time`: other processes' load does not count); the figures are medians.

Run: .venv/bin/python bench/law_calendar.py [HISTORIES] [RUNS]   (default 10,000 histories,
7 runs; prints its figures, asserts nothing)
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import law_reference
from histories import histories

from adapters.dutch_holidays import dutch_public_holidays
from domain.case_document import parse_case_document
from domain.law_calendar import open_steps

TODAY = dt.date(2026, 1, 1)  # unused: every document has its as-of date


def project(documents: list[dict[str, Any]]) -> list[list[tuple[dt.date, str]]]:
    holidays = dutch_public_holidays()
    return [
        [(step.due, step.step.value) for step in open_steps(document.case, holidays)]
        for document in (parse_case_document(raw, TODAY) for raw in documents)
    ]


def reference(documents: list[dict[str, Any]]) -> list[list[tuple[dt.date, str]]]:
    return [law_reference.open_steps(raw) for raw in documents]


def cpu_seconds(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    documents = histories(count)
    events = sum(len(document["events"]) for document in documents)
    mismatches = sum(
        1
        for ours, theirs in zip(project(documents), reference(documents), strict=True)
        if ours != theirs
    )
    print(f"{count:,} random histories ({events / count:.1f} events each on average)")
    print(f"cross-check: {mismatches} documents whose open steps differ from the reference's")
    timings: dict[str, list[float]] = {"project": [], "reference": []}
    for _ in range(runs):
        timings["project"].append(cpu_seconds(lambda: project(documents)))
        timings["reference"].append(cpu_seconds(lambda: reference(documents)))
    rates = {name: count / statistics.median(times) for name, times in timings.items()}
    print(f"parse + fold + open steps, {runs} interleaved runs (medians of CPU time):")
    for name, rate in rates.items():
        print(f"  {name:<10} {rate:9,.0f} histories/s ({1e6 / rate:5.1f} µs each)")
    print(f"project / reference: {rates['project'] / rates['reference']:.2f}")


if __name__ == "__main__":
    main()
