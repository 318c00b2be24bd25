"""`reintegration deadlines CASE.json [--json]`: the open law steps of one case or many."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from adapters.amsterdam_time import today_in_amsterdam
from adapters.dutch_holidays import dutch_public_holidays
from domain.case import Case
from domain.case_document import (
    CaseDocument,
    parse_case_document,
    parse_case_documents,
    parse_json_case_documents,
)
from domain.errors import BadInputError, shown
from domain.law_calendar import STEPS, OpenStep, open_steps
from service.json_input import unreadable_json


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "deadlines",
        help="list the open law steps of a case, with due dates and who is responsible",
        description=(
            'Reads a case document {"as_of": "YYYY-MM-DD", "events": [...]} (as_of defaults to '
            "today in Amsterdam), or a JSON array of them, and lists the open steps sorted by "
            "due date then step."
        ),
    )
    parser.add_argument("case_file", metavar="CASE.json", help="case document; - reads stdin")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    data = read_input(args.case_file)
    today = today_in_amsterdam(dt.datetime.now(dt.UTC))
    parsed = parse_json_case_documents(data, today)
    if parsed is None:  # invalid: parsed again, to be told what is wrong
        raw = read_json(args.case_file, data)
        many = isinstance(raw, list)
        parsed = parse_case_documents(raw, today) if many else parse_case_document(raw, today)
    documents = parsed if isinstance(parsed, list) else [parsed]
    holidays = dutch_public_holidays()
    calendars = [(document, open_steps(document.case, holidays)) for document in documents]
    if args.json:
        rows = [[_as_json(step, doc.as_of) for step in steps] for doc, steps in calendars]
        print(json.dumps(rows if isinstance(parsed, list) else rows[0], indent=2))
    else:
        tables = [_as_table(document, steps) for document, steps in calendars]
        if isinstance(parsed, list):
            tables = [f"Case {n} of {len(tables)}\n{table}" for n, table in enumerate(tables, 1)]
        print("\n\n".join(tables))
    return 0


def read_input(name: str) -> str | bytes:
    """The text of stdin for `-`, else the bytes of a file; unreadable input is an `InputError`."""
    try:
        return sys.stdin.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise BadInputError(f"cannot read {shown(name)}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise BadInputError(f"{shown(name)} is not UTF-8 text") from None


def read_json(name: str, data: str | bytes) -> object:
    """The parsed JSON of the input; input that is not UTF-8 or not JSON is an `InputError`."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise BadInputError(f"{shown(name)} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:  # a number of more than 4,300 digits too
        raise BadInputError(f"{shown(name)} is not valid JSON: {unreadable_json(error)}") from None


def _as_json(step: OpenStep, as_of: dt.date) -> dict[str, object]:
    name, party, basis, consequence = _ROWS[step.step]
    return {
        "step": name,
        "due": step.due.isoformat(),
        "party": party,
        "overdue": step.is_overdue(as_of),
        "basis": basis,
        "consequence": consequence,
    }


# What `--json` says of each step but its dates, looked up once.
_ROWS = {
    step: (step.value, info.responsible.value, info.basis.en, info.consequence.en)
    for step, info in STEPS.items()
}


def _as_table(document: CaseDocument, steps: list[OpenStep]) -> str:
    case, as_of = document.case, document.as_of
    lines = [_summary(case, as_of), *_linked_periods(case)]
    if case.uwv.employment_ended is not None:
        lines.append(
            f"Employment ended on {case.uwv.employment_ended}: UWV takes over the "
            "reintegration; every other step ended."
        )
    if case.closes_on is not None:
        closes = case.closes_on
        verb = "closed" if case.is_closed(as_of) else "closes"
        due = "only the report of the recovery to UWV is due" if steps else "nothing is due"
        lines.append(
            f"Recovered on {case.recovered_on}: {due}. The case {verb} on {closes} "
            "unless the employee reports sick again before then."
        )
        if not steps:
            return "\n".join(lines)
    header = ("Due", "Status", "Step", "Responsible", "What")
    rows = [
        (
            str(step.due),
            "OVERDUE" if step.is_overdue(as_of) else "open",
            step.step.value,
            step.responsible.value,
            step.title,
        )
        for step in steps
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines.append("")
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines)


def _summary(case: Case, as_of: dt.date) -> str:
    summary = f"First sick day (D) {case.first_sick_day} · as of {as_of}"
    if case.recovered_on is None:
        day = case.sick_day_number(as_of)
        summary += f" · sick day {day} (week {(day - 1) // 7 + 1}) · {case.percentage}% sick"
    return summary


def _linked_periods(case: Case) -> list[str]:
    return [
        f"Linked period: fit {gap.start} .. {gap.end - dt.timedelta(days=1)}, sick again "
        f"{gap.end}; these {gap.days} days do not count as sick days"
        for gap in case.gaps
    ]
