"""A plain-Python reference for the law calendar: the open steps of a case document, dates only.

Independent of `domain/` (the standard library and the NL holiday calendar only), without
validation or models: the limit that `bench/law_calendar.py` and `bench/deadlines_batch.py`
hold the project to. It covers the Poortwachter events (`reported_sick`, `partially_recovered`,
`recovered` and the events that do a step), with linked sick periods, partial sickness and the
late WIA application; not the UWV tracks' other events or the recovery's, nor invalid input.

Run: .venv/bin/python bench/law_reference.py CASE.json [--json]   (as `reintegration deadlines
CASE.json --json`: the open steps of a document, or of each in a JSON array)
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from holidays.countries.netherlands import Netherlands

LINK_DAYS = 28

_PROTOCOL = "the employer's absence protocol and physician contract"
_PROCESGANG = "Regeling procesgang eerste en tweede ziektejaar"
_EFFORT = (
    "no fine; UWV may impose a wage sanction of up to 52 weeks if the reintegration effort as a "
    "whole falls short"
)
_UWV_FINE = (
    "a UWV fine of up to €455; no wage sanction; without the week-42 report UWV sends no "
    "first-year or WIA letters"
)
_RIV_PART = "Wet WIA art. 65 (parts of the RIV)"
_INCOMPLETE_RIV = (
    "an incomplete RIV: UWV sets a term, then may impose a wage sanction of up to 52 weeks"
)
# step: (party, basis, consequence), as `reintegration deadlines --json` prints them.
STEPS = {
    "notify_physician": (
        "employer",
        _PROTOCOL,
        "none by law; the analysis by week 6 depends on it",
    ),
    "physician_consult": ("physician", "advice", "none by law"),
    "problem_analysis": ("physician", _PROCESGANG, _EFFORT),
    "plan_of_action": ("employer+employee", _PROCESGANG, _EFFORT),
    "evaluation": ("employer+employee", _PROCESGANG, _EFFORT),
    "uwv_sickness_report": ("employer", "Ziektewet art. 38 / 38a", _UWV_FINE),
    "first_year_evaluation": ("employer+employee", _RIV_PART, _INCOMPLETE_RIV),
    "second_track_decision": (
        "employer",
        "UWV practice (within 6 weeks after the first-year evaluation)",
        "a late second track counts against the reintegration effort",
    ),
    "final_evaluation": ("employer+employee+physician", _RIV_PART, _INCOMPLETE_RIV),
    "wia_application": (
        "employee",
        "Wet WIA art. 64",
        "wage continuation runs longer by the days it is late (BW 7:629 lid 11 sub a)",
    ),
    "wage_continuation_end": (
        "informational",
        "BW 7:629",
        "informational: the last day of the obligation is the day before",
    ),
    "current_assessment": ("physician", _RIV_PART, _INCOMPLETE_RIV),
    "riv_to_employee": ("employer", _RIV_PART, _INCOMPLETE_RIV),
}

_HOLIDAYS: dict[int, frozenset[date]] = {}


def is_holiday(day: date) -> bool:
    year = _HOLIDAYS.get(day.year)
    if year is None:
        year = _HOLIDAYS[day.year] = frozenset(Netherlands(years=day.year))  # type: ignore[no-untyped-call]
    return day in year


def after(anchor: date, days: int, gaps: list[tuple[date, int]]) -> date:
    """`days` sick days after `anchor`: every gap after the anchor and on or before the
    (moved) due date moves it by its length."""
    due = anchor + timedelta(days=days)
    for start, length in gaps:
        if anchor < start <= due:
            due += timedelta(days=length)
    return due


class Case:
    def __init__(self, first_day: date) -> None:
        self.first_day = first_day
        self.reports = [first_day]
        self.gaps: list[tuple[date, int]] = []
        self.recovered_on: date | None = None
        self.done: dict[str, list[date]] = {}
        self.wia_late = 0


def fold(events: list[tuple[date, str]]) -> Case:
    """The case of the events, which are in date order (the latest unlinked report opens it)."""
    case = Case(events[0][0])
    for day, kind in events:
        if kind == "reported_sick":
            recovered = case.recovered_on
            if recovered is None or (day - recovered).days >= LINK_DAYS:
                case = Case(day)
            else:
                case.reports.append(day)
                case.gaps.append((recovered, (day - recovered).days))
                case.recovered_on = None
            continue
        if kind == "recovered":
            case.recovered_on = day
        elif kind == "wia_applied" and "wia_applied" not in case.done:
            due = after(case.first_day, 650, case.gaps)
            case.wia_late = max((day - due).days, 0)
        case.done.setdefault(kind, []).append(day)
    return case


def open_steps(document: dict[str, Any]) -> list[tuple[date, str]]:
    """The open steps of a case document, sorted by due date, then step (its as-of date tells
    only what is overdue: while recovered nothing is due, closed or not)."""
    events = sorted(
        ((date.fromisoformat(event["date"]), event["type"]) for event in document["events"]),
        key=lambda event: event[0],
    )
    case = fold(events)
    if case.recovered_on is not None:
        return []  # nothing is due while recovered (without the vangnet track)
    first, gaps = case.first_day, case.gaps

    def done(kind: str) -> list[date]:
        return case.done.get(kind, [])

    def by(days: int, anchor: date = first) -> date:
        return after(anchor, days, gaps)

    notified = max(done("physician_notified"), default=date.min)
    steps = [(by(6, report), "notify_physician") for report in case.reports if notified < report]
    if not done("physician_consulted"):
        steps.append((by(20), "physician_consult"))
    analyses = done("problem_analysis_done")
    if not analyses:
        steps.append((by(41), "problem_analysis"))
    plans = done("plan_of_action_agreed")
    if plans:
        steps.append((by(42, max(plans + done("evaluation_held"))), "evaluation"))
    else:
        steps.append((by(14, analyses[0]) if analyses else by(55), "plan_of_action"))
    if not done("uwv_notified"):
        report = by(294)
        while report.weekday() >= 5 or is_holiday(report):
            report += timedelta(days=1)
        steps.append((report, "uwv_sickness_report"))
    first_year = done("first_year_evaluation_held")
    if not first_year:
        steps.append((by(363), "first_year_evaluation"))
    if not done("second_track_decided"):
        steps.append((by(42, first_year[0]) if first_year else by(405), "second_track_decision"))
    week_91 = by(636)
    if not done("final_evaluation_held"):
        steps.append((week_91, "final_evaluation"))
    steps += [(week_91, "current_assessment"), (week_91, "riv_to_employee")]
    if not done("wia_applied"):
        steps.append((by(650), "wia_application"))
    steps.append((by(728) + timedelta(days=case.wia_late), "wage_continuation_end"))
    return sorted(steps)


def as_json(steps: list[tuple[date, str]], as_of: date) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for due, step in steps:
        party, basis, consequence = STEPS[step]
        rows.append(
            {
                "step": step,
                "due": due.isoformat(),
                "party": party,
                "overdue": due < as_of,
                "basis": basis,
                "consequence": consequence,
            }
        )
    return rows


def main() -> None:
    raw = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    today = date.today()
    rows = [
        as_json(open_steps(document), date.fromisoformat(document.get("as_of", str(today))))
        for document in (raw if isinstance(raw, list) else [raw])
    ]
    print(json.dumps(rows if isinstance(raw, list) else rows[0], indent=2))


if __name__ == "__main__":
    main()
