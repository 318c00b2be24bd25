"""`reintegration riv CASE`: each part of the reintegration report with its date and who
recorded it, or "missing", and the open steps the report still needs."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from cli.remote import call, server_of
from cli.store_options import now, open_store, signed_in, store_options


def add_to(commands: Any) -> None:
    riv = commands.add_parser(
        "riv",
        parents=[store_options()],
        help="the reintegration report (RIV): each part, or missing, and the steps it needs",
    )
    riv.add_argument("case", help="the case key")
    riv.add_argument("--json", action="store_true", help="print JSON instead of text")
    riv.set_defaults(run=run_riv)


def run_riv(args: argparse.Namespace) -> int:
    report: dict[str, Any]
    if server := server_of(args):
        report = call(server, "GET", f"/cases/{quote(args.case, safe='')}/riv")
    else:
        from service.riv import riv_report  # noqa: PLC0415 (not for a client)

        with open_store(args) as store:
            report = riv_report(store, signed_in(store), args.case, now()).as_dict()
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else as_text(report))
    return 0


def as_text(report: Mapping[str, Any]) -> str:
    """The report as lines for a terminal, from `RivReport.as_dict()` or the API's answer."""
    title = f"Reintegration report (RIV) of case {report['case']}, {report['display_name']}"
    lines = [f"{title}, as of {report['as_of']}", ""]
    if report.get("voided_on"):
        lines[1:1] = [
            f"Void: opened by mistake, voided on {report['voided_on']}; none of it is due."
        ]
    for part in report["parts"]:
        lines.append(f"{part['title']} ({part['supplied_by']}): {_status(report, part)}")
        lines += [
            f"  {entry['date']}  {entry['type']}, recorded by {entry['recorded_by']} "
            f"({entry['role']})" + ("" if entry["current"] else ", no longer current")
            for entry in part["entries"]
        ]
    lines += ["", "Steps the report still needs:"]
    lines += [
        f"  {step['due']}  {step['step']} ({step['party']})"
        + (", overdue" if step["overdue"] else "")
        for step in report["open_steps"]
    ] or ["  none"]
    return "\n".join(lines)


def _status(report: Mapping[str, Any], part: Mapping[str, Any]) -> str:
    status: str = part["status"]
    if status == "with_employee":
        return f"with the employee since {report['handed_over']}, who adds it to the report"
    if status == "outdated":
        counts_from = report["current_assessment_counts_from"]
        return f"outdated: a current assessment counts from {counts_from}"
    if status == "missing" and part["part"] == "employee_view":
        return "missing: the employee adds it once the report is handed over"
    if status == "not_yet_due":
        return f"not yet due (due {part['due']})" if part["due"] else "not yet due"
    return status
