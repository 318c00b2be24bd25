"""Small builders shared by the tests: raw events as HR writes them, and the law steps they give."""

from __future__ import annotations

import datetime as dt
import socket

from adapters.dutch_holidays import dutch_public_holidays
from domain.case_document import parse_case_document
from domain.law_calendar import open_steps

NL_HOLIDAYS = dutch_public_holidays()
UNUSED_TODAY = dt.date(2000, 1, 1)  # every document below names its as_of


def event(kind: str, day: str, **fields: object) -> dict[str, object]:
    return {"type": kind, "date": day, **fields}


# The fields each event type cannot do without: enough to make a valid event of any type.
REQUIRED: dict[str, dict[str, object]] = {
    "partially_recovered": {"percentage": 50},
    "capacity_assessed": {"hours_per_day": 3, "days_per_week": 3},
    "build_up_proposed": {"stages": ["3x2"], "target_hours": 20},
    "build_up_agreed": {"party": "employer"},
    "stage_reviewed": {"outcome": "hold"},
    "contact_agreed": {"every_days": 7, "form": "call"},
    "contact_paused": {"until": "2026-12-31"},
    "contact_held": {"form": "call"},
    "wage_sanction_imposed": {"until": "2027-12-31"},
    "wage_extension_granted": {"weeks": 13},
    "early_iva_decided": {"granted": True},
    "expert_opinion_requested": {"requested_by": "employer", "question": "suitable_work"},
    "waiting_days_applied": {"days": 1},
}


def law_steps(as_of: str, *events: dict[str, object]) -> list[tuple[str, str]]:
    """(step, due) of every open step, as the spec's expected files list them."""
    document = parse_case_document({"as_of": as_of, "events": list(events)}, UNUSED_TODAY)
    return [(s.step.value, s.due.isoformat()) for s in open_steps(document.case, NL_HOLIDAYS)]


def due_of(step: str, steps: list[tuple[str, str]]) -> list[str]:
    return [due for name, due in steps if name == step]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
