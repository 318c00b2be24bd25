"""Random but valid case documents for the law-calendar benchmarks (`law_calendar.py`,
`deadlines_batch.py`), made of the events that `law_reference.py` covers: reported sick
(fully or partly), partially recovered, recovered, relapses linked (< 4 weeks after a recovery)
and not, and the events that do a step.

Each document is one to four sick periods. In each, some of the steps are done on random days,
in date order; a period may end in a recovery, after which the next report comes 1-27 days later
(linked) or 28-120 days later (a new case). The as-of date is the last event's or later.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

STEP_EVENTS = (
    "physician_notified",
    "physician_consulted",
    "problem_analysis_done",
    "plan_of_action_agreed",
    "evaluation_held",
    "uwv_notified",
    "first_year_evaluation_held",
    "second_track_decided",
    "final_evaluation_held",
    "wia_applied",
)
FIRST_DAYS = (dt.date(2000, 1, 3), dt.date(2040, 12, 31))


def history(rng: random.Random) -> dict[str, Any]:
    """One random case document, as JSON-like data."""
    start, end = (day.toordinal() for day in FIRST_DAYS)
    day = dt.date.fromordinal(rng.randint(start, end))
    events: list[dict[str, object]] = []
    periods = rng.choice((1, 1, 1, 2, 2, 3, 4))
    for period in range(periods):
        report: dict[str, object] = {"type": "reported_sick", "date": day.isoformat()}
        if rng.random() < 0.2:
            report["percentage"] = rng.randint(1, 100)
        events.append(report)
        length = rng.randint(1, 60) if rng.random() < 0.6 else rng.randint(61, 800)
        done = rng.sample(STEP_EVENTS, rng.randint(0, 6))
        if rng.random() < 0.2:
            done.append("partially_recovered")
        dated = sorted((rng.randint(0, length), kind) for kind in done)
        for offset, kind in dated:
            event: dict[str, object] = {
                "type": kind,
                "date": (day + dt.timedelta(days=offset)).isoformat(),
            }
            if kind == "partially_recovered":
                event["percentage"] = rng.randint(1, 99)
            events.append(event)
        day += dt.timedelta(days=length + 1)
        last = period == periods - 1
        if not last or rng.random() < 0.3:
            events.append({"type": "recovered", "date": day.isoformat()})
            day += dt.timedelta(
                days=rng.randint(1, 27) if rng.random() < 0.7 else rng.randint(28, 120)
            )
    as_of = max(dt.date.fromisoformat(str(event["date"])) for event in events)
    return {
        "as_of": (as_of + dt.timedelta(days=rng.randint(0, 400))).isoformat(),
        "events": events,
    }


def histories(count: int, seed: int = 15) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 (not for secrets: the same histories every run)
    return [history(rng) for _ in range(count)]
