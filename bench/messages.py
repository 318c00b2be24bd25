"""Benchmark of what issues 5 and 6 added to the hot paths.

Run: .venv/bin/python bench/messages.py   (prints its figures; asserts nothing)

1. Rendering reminders from the Jinja2 templates (text, HTML and, for meetings, the .ics).
2. A digest of 100 reminders.
3. Folding a long recovery: two years of weekly contact, stage reviews and capacity
   assessments (about 250 events), as every recording of that case does.
"""

from __future__ import annotations

import datetime as dt
import time

from domain.case import replay
from domain.events import parse_event
from domain.law_calendar import Step, open_steps
from domain.reminders import Kind, Party, Reminder
from notifications.messages import Due, digest_message, reminder_message

ONE_DAY = dt.timedelta(days=1)


def render(count: int, step: Step) -> float:
    reminder = Reminder(dt.date(2026, 2, 20), step, dt.date(2026, 3, 2), Kind.AHEAD, 0, Party.HR)
    due = Due("E1042-20260105", "Jan Jansen", reminder)
    start = time.perf_counter()
    for n in range(count):
        message = reminder_message(due, "nl" if n % 2 else "en")
        assert message.html
    return count / (time.perf_counter() - start)


def long_recovery() -> list[dict[str, object]]:
    events: list[dict[str, object]] = [{"type": "reported_sick", "date": "2026-01-05"}]
    events += [
        {"type": "capacity_assessed", "date": "2026-01-20", "days_per_week": 4, "hours_per_day": 5},
        {
            "type": "build_up_proposed",
            "date": "2026-01-21",
            "stages": ["2x2", "3x2", "3x3", "4x3"],
            "target_hours": 12,
        },
        {"type": "build_up_agreed", "date": "2026-01-22", "party": "employer"},
        {"type": "build_up_agreed", "date": "2026-01-22", "party": "physician"},
        {"type": "contact_agreed", "date": "2026-01-22", "every_days": 7, "form": "call"},
    ]
    day = dt.date(2026, 1, 26)
    for week in range(100):
        events.append({"type": "contact_held", "date": day.isoformat(), "form": "call"})
        if week % 2:
            outcome = "step_back" if week % 6 == 1 else "hold"
            events.append({"type": "stage_reviewed", "date": day.isoformat(), "outcome": outcome})
        if week % 6 == 0:
            events.append(
                {
                    "type": "capacity_assessed",
                    "date": day.isoformat(),
                    "days_per_week": 4,
                    "hours_per_day": 5,
                }
            )
        day += 7 * ONE_DAY
    return events


def fold(rounds: int) -> tuple[int, float]:
    raw = long_recovery()
    start = time.perf_counter()
    for _ in range(rounds):
        case = replay([parse_event(e) for e in raw], dt.date(2028, 1, 1))
        open_steps(case, frozenset())
    return len(raw), (time.perf_counter() - start) / rounds


def main() -> None:
    plain = render(2000, Step.UWV_SICKNESS_REPORT)
    print(f"reminder messages rendered (law step, no .ics): {plain:,.0f}/s")
    print(
        f"reminder messages rendered (meeting, with .ics): {render(2000, Step.EVALUATION):,.0f}/s"
    )
    items = [
        Due(
            f"E{n}-20260105",
            f"Employee {n}",
            Reminder(
                dt.date(2026, 2, 20), Step.EVALUATION, dt.date(2026, 3, 2), Kind.DUE, 0, Party.HR
            ),
        )
        for n in range(100)
    ]
    start = time.perf_counter()
    for _ in range(100):
        digest_message(items, "hr", "nl")
    print(f"digest of 100 reminders: {(time.perf_counter() - start) * 10:.2f} ms each")
    events, seconds = fold(20)
    print(f"parse + fold + open steps of a case with {events} events: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
