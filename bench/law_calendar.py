"""Benchmark of the law calendar in-process: the project against the plain-Python reference.

For each of HISTORIES random valid case documents (`histories.py`), the project parses the
document (validation included), folds its events and computes its open steps
(`domain.case_document`, `domain.law_calendar.open_steps`); the reference (`law_reference.py`)
does the same with the standard library only, without validation or models. Each document is
given as its JSON text, as HR exchanges it (the reference decodes it with `json.loads`), and
again as decoded JSON data (dicts and lists: the project validates it as Python data).

First a cross-check: both must give the same open steps (due date and step) for every document.
Then RUNS rounds, each timing the project and the reference over all documents in turn
(interleaved, so the machine's load falls on both alike), in CPU time of this process
(`time.process_time`: other processes' load does not count); the figures are medians. Last,
where the project's time goes, from JSON text: validation, fold and open steps (each timed
over all documents, each result dropped; medians of 3 runs). Open steps are timed on freshly
folded cases, less the fold: a case makes its tables (its dates by kind of event, its sick-day
clock) when first asked, and the open steps of a stream of documents pay for that every time.

Run: .venv/bin/python bench/law_calendar.py [HISTORIES] [RUNS]   (default 10,000 histories,
7 runs; prints its figures, asserts nothing)
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import law_reference
from histories import histories

from adapters.dutch_holidays import dutch_public_holidays
from domain.case import replay
from domain.case_document import CaseDocument, parse_case_document, parse_json_case_documents
from domain.law_calendar import OpenStep, open_steps

TODAY = dt.date(2026, 1, 1)  # unused: every document has its as-of date
HOLIDAYS = dutch_public_holidays()
Steps = list[tuple[dt.date, str]]


def steps(document: CaseDocument | list[CaseDocument] | None) -> list[OpenStep]:
    assert isinstance(document, CaseDocument), "one valid document"
    return open_steps(document.case, HOLIDAYS)


def project_from_json(texts: list[bytes]) -> list[list[OpenStep]]:
    return [steps(parse_json_case_documents(text, TODAY)) for text in texts]


def project_from_data(documents: list[dict[str, Any]]) -> list[list[OpenStep]]:
    return [steps(parse_case_document(document, TODAY)) for document in documents]


def reference_from_json(texts: list[bytes]) -> list[Steps]:
    return [law_reference.open_steps(json.loads(text)) for text in texts]


def reference_from_data(documents: list[dict[str, Any]]) -> list[Steps]:
    return [law_reference.open_steps(document) for document in documents]


def cpu_seconds(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    documents = histories(count)
    texts = [json.dumps(document).encode() for document in documents]
    events = sum(len(document["events"]) for document in documents)
    print(f"{count:,} random histories ({events / count:.1f} events each on average)")
    expected = reference_from_data(documents)
    for name, found in (
        ("JSON text", project_from_json(texts)),
        ("decoded data", project_from_data(documents)),
    ):
        pairs = zip(found, expected, strict=True)
        mismatches = sum(1 for ours, theirs in pairs if [(s.due, s.step) for s in ours] != theirs)
        print(f"cross-check, {name}: {mismatches} documents whose open steps differ")
    work: dict[str, Callable[[], object]] = {
        "project, JSON text": lambda: project_from_json(texts),
        "reference, JSON text": lambda: reference_from_json(texts),
        "project, decoded data": lambda: project_from_data(documents),
        "reference, decoded data": lambda: reference_from_data(documents),
    }
    timings: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(runs):
        for name, run in work.items():
            timings[name].append(cpu_seconds(run))
    rates = {name: count / statistics.median(times) for name, times in timings.items()}
    print(f"parse + fold + open steps, {runs} interleaved runs (medians of CPU time):")
    for name, rate in rates.items():
        print(f"  {name:<24} {rate:9,.0f} histories/s ({1e6 / rate:5.1f} µs each)")
    for form in ("JSON text", "decoded data"):
        ratio = rates[f"project, {form}"] / rates[f"reference, {form}"]
        print(f"project / reference, {form}: {ratio:.2f}")
    print_breakdown(texts)


def print_breakdown(texts: list[bytes]) -> None:
    """The project's time per document from JSON text: validation, fold, open steps."""
    parsed = [parse_json_case_documents(text, TODAY) for text in texts]
    documents = [document for document in parsed if isinstance(document, CaseDocument)]
    work: dict[str, Callable[[], object]] = {  # each result dropped, as in a stream
        "validation + fold": lambda: deque(
            (parse_json_case_documents(text, TODAY) for text in texts), maxlen=0
        ),
        "fold": lambda: deque((replay(d.events, d.as_of) for d in documents), maxlen=0),
        "fold + open steps": lambda: deque(
            (open_steps(replay(d.events, d.as_of), HOLIDAYS) for d in documents), maxlen=0
        ),
    }
    micros = {
        name: 1e6 * statistics.median(cpu_seconds(run) for _ in range(3)) / len(texts)
        for name, run in work.items()
    }
    validation = micros["validation + fold"] - micros["fold"]
    steps = micros["fold + open steps"] - micros["fold"]
    print(
        f"project, JSON text, per document: validation {validation:.1f} µs, fold "
        f"{micros['fold']:.1f} µs, open steps {steps:.1f} µs"
    )


if __name__ == "__main__":
    main()
