"""`reintegration cases`, `audit` and `verify`: reviewing the stored cases and their trail."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from cli.accounts import add_case_commands
from cli.remote import call, server_of
from cli.store_options import now, open_store, signed_in, store_options
from domain.errors import escaped
from service.audit_csv import write_csv


def add_to(commands: Any) -> None:
    shared = store_options()
    cases = commands.add_parser(
        "cases", parents=[shared], help="open cases with their next due step and overdue steps"
    )
    cases.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cases.set_defaults(run=run_cases)
    add_case_commands(cases)

    audit = commands.add_parser(
        "audit", parents=[shared], help="a case's full audit trail: every entry and every read"
    )
    audit.add_argument("case", help="the case key")
    audit.add_argument("--format", choices=("text", "json", "csv"), default="text")
    audit.set_defaults(run=run_audit)

    verify = commands.add_parser(
        "verify",
        parents=[shared],
        help="recompute every hash chain and keyed seal; report what was altered or removed",
    )
    verify.set_defaults(run=run_verify)


def run_cases(args: argparse.Namespace) -> int:
    summaries: list[dict[str, Any]]
    if server := server_of(args):
        summaries = call(server, "GET", "/cases")
    else:
        from service.review import open_cases  # noqa: PLC0415 (not for a client)

        with open_store(args) as store:
            summaries = [
                summary.as_dict() for summary in open_cases(store, signed_in(store), now())
            ]
    if args.json:
        print(json.dumps(summaries, indent=2))
    elif not summaries:
        print("No open cases.")
    else:
        rows = [("Case", "Employee", "Status", "Next step", "Overdue")]
        rows += [_case_row(summary) for summary in summaries]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row, summary in zip(rows, [None, *summaries], strict=True):
            print("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]))
            for failing in summary["undeliverable"] if summary else ():
                print(
                    escaped(
                        f"  ! reminders to the {failing['party']} are not delivered: "
                        f"{failing['target']} ({failing['error']})"
                    )
                )
    return 0


def _case_row(summary: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    """A row of the table, from `CaseSummary.as_dict()` or the API's answer (a name stored
    before control characters were refused shows them escaped)."""
    step = summary["next_step"]
    return (
        summary["case"],
        escaped(f"{summary['employee']} {summary['display_name']}"),
        summary["status"],
        f"{step['step']} {step['due']}" if step else "-",
        ", ".join(f"{s['step']} ({s['due']})" for s in summary["overdue"]) or "-",
    )


def run_audit(args: argparse.Namespace) -> int:
    trail: list[dict[str, Any]]
    if server := server_of(args):
        trail = call(server, "GET", f"/cases/{quote(args.case, safe='')}/audit")
    else:
        from service.review import audit_trail  # noqa: PLC0415 (not for a client)

        with open_store(args) as store:
            actor = signed_in(store)
            trail = [entry.as_dict() for entry in audit_trail(store, actor, args.case, now())]
    if args.format == "json":
        print(json.dumps(trail, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        write_csv(trail, sys.stdout)
    else:
        print(f"Audit trail of case {escaped(args.case)}")
        for row in trail:
            seq = f"#{row['seq']}" if row["seq"] else row["kind"]
            day = row["business_date"] or ""
            details = f"  {row['details']}" if row["details"] else ""
            print(
                escaped(
                    f"{seq:>8}  {row['recorded_at']}  {day:10}  {row['type']}{details}"
                    f"  by {row['actor']} ({row['role']})"
                )
            )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from service.review import verify  # noqa: PLC0415

    with open_store(args) as store:
        actor = signed_in(store)
        checked, problems = verify(store, actor)
    if problems:
        print(f"verify: {len(problems)} problem(s) in {checked} entries:")
        print("\n".join(f"  {problem}" for problem in problems))
        return 1
    print(f"verify: all {checked} entries are intact; every hash chain checks out.")
    return 0
