"""Benchmark of folding a case's events and finding its open steps, in two long shapes.

Run: .venv/bin/python bench/fold.py [RUNS]   (prints its figures; asserts nothing)

1. Relapsing: reported_sick and recovered alternating, each relapse within 28 days, so the whole
   log stays one linked case with a gap per relapse.
2. Long sickness: one report, then evaluations and contact moments, one event a day.

For each, `replay` plus `open_steps` of 10,000 and of 100,000 events (the median of RUNS runs,
5 by default), and their ratio: about 10 means the fold is linear in the events.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable

from domain.case import replay
from domain.events import (
    EvaluationHeld,
    Event,
    PhysicianConsulted,
    PlanOfActionAgreed,
    ProblemAnalysisDone,
    Recovered,
    ReportedSick,
)
from domain.law_calendar import open_steps
from domain.recovery_events import ContactAgreed, ContactForm, ContactHeld

START = dt.date(1901, 1, 7)
ONE_DAY = dt.timedelta(days=1)
SIZES = (10_000, 100_000)


def relapsing(count: int) -> list[Event]:
    """Sick one day, fit the next, sick again the day after, and so on; then, still sick, the
    physician's consult (and the problem analysis, to make `count` events in all)."""
    events: list[Event] = [ReportedSick(date=START)]
    day = START
    while len(events) < count - 2:
        events += [Recovered(date=day + ONE_DAY), ReportedSick(date=day + 2 * ONE_DAY)]
        day += 2 * ONE_DAY
    events.append(PhysicianConsulted(date=day))
    if len(events) < count:
        events.append(ProblemAnalysisDone(date=day))
    return events


def long_sickness(count: int) -> list[Event]:
    """One report, a plan and a contact agreement, then evaluations and contact moments."""
    events: list[Event] = [
        ReportedSick(date=START),
        PlanOfActionAgreed(date=START),
        ContactAgreed(date=START, every_days=14, form=ContactForm.CALL),
    ]
    day = START
    while len(events) < count:
        day += ONE_DAY
        held = ContactHeld(date=day, form=ContactForm.CALL)
        events.append(EvaluationHeld(date=day) if len(events) % 2 else held)
    return events


def median_seconds(events: list[Event], runs: int) -> float:
    as_of = max(event.date for event in events)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        open_steps(replay(events, as_of), frozenset())
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    shapes: dict[str, Callable[[int], list[Event]]] = {
        "relapsing (sick/recovered alternating)": relapsing,
        "long sickness (evaluations, contact)": long_sickness,
    }
    print(f"replay + open_steps, median of {runs} runs")
    for name, shape in shapes.items():
        small, large = (median_seconds(shape(size), runs) for size in SIZES)
        for size, seconds in zip(SIZES, (small, large), strict=True):
            print(f"{name}, {size:,} events: {seconds * 1000:,.0f} ms")
        print(f"{name}, time(100k) / time(10k): {large / small:.1f}")


if __name__ == "__main__":
    main()
