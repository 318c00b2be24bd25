"""`reintegration report-sick` and `reintegration record`: HR, managers and physicians record
what happened. Each prints the entry it stored and what is due next."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from adapters.amsterdam_time import today_in_amsterdam
from cli.remote import call, server_of
from cli.store_options import (
    now,
    open_store,
    signed_in,
    store_options,
    through_prefect,
    token_of_caller,
)
from domain.errors import BadInputError, quoted, shown
from service.json_input import unreadable_json

if TYPE_CHECKING:
    from service.ports import Contact


def add_to(commands: Any) -> None:
    shared = store_options()
    report = commands.add_parser(
        "report-sick",
        parents=[shared],
        help="record a sick report; opens the case (and the employee) or continues a linked one",
    )
    report.add_argument("employee", help="the employee's key, e.g. an HR number")
    report.add_argument("--name", required=True, help="the employee's display name")
    report.add_argument("--date", help="first sick day, YYYY-MM-DD (default: today)")
    report.add_argument("--percentage", type=int, default=100, help="how much is sick, 1-100")
    report.add_argument("--first-name", help="the employee's first name, for their messages")
    fact_options(report)
    contact_options(report, "say")
    report.add_argument("--idempotency-key", help="re-sending with the same key changes nothing")
    report.set_defaults(run=run_report_sick)

    record = commands.add_parser(
        "record",
        parents=[shared],
        help="record an event or a correction on a case",
        description="Record an event (e.g. problem_analysis_done) or a correction "
        "(event_corrected corrects=N event='{...}', event_retracted retracts=N) on a case.",
    )
    record.add_argument("case", help="the case key, as report-sick printed it")
    record.add_argument("type", help="the event type, e.g. physician_consulted")
    record.add_argument(
        "fields", nargs="*", metavar="FIELD=VALUE", help="extra fields, e.g. percentage=60"
    )
    recording_options(record)
    record.set_defaults(run=run_record)


# The sick report's facts, as `fact_options` names them (`service.recording.SICK_FACTS`, held
# equal by a test: a client of a server sends them without loading the service layer).
FACT_OPTIONS = ("vangnet", "work_accident", "liable_third_party", "expected_duration")


def fact_options(command: argparse.ArgumentParser) -> None:
    """The facts the employer may record at a sick report (never the ground, the diagnosis or
    the complaints); each left out unless given."""
    yes_no = argparse.BooleanOptionalAction
    facts = command.add_argument_group("facts of the sick report (each optional)")
    facts.add_argument("--vangnet", action=yes_no, help="whether a safety-net ground applies")
    facts.add_argument("--work-accident", action=yes_no, help="whether it was a work accident")
    facts.add_argument(
        "--liable-third-party", action=yes_no, help="whether a third party is liable"
    )
    facts.add_argument(
        "--expected-duration",
        metavar="CHOICE",
        help="up_to_1_week, 1_to_6_weeks, 6_to_13_weeks, over_13_weeks or unknown",
    )


def run_report_sick(args: argparse.Namespace) -> int:
    moment = now()
    report = {"date": args.date or _today(moment), "percentage": args.percentage}
    facts = {name: value for name in FACT_OPTIONS if (value := getattr(args, name)) is not None}
    if server := server_of(args):
        if args.contact or args.language:
            raise BadInputError(
                "--contact needs a local store: the REST API does not take contact routes; "
                "add them where the store is, with `reintegration contacts`"
            )
        named = {} if args.first_name is None else {"first_name": args.first_name}
        body = {"employee": args.employee, "name": args.name, **named, **report}
        _print(call(server, "POST", "/cases", body | facts, args.idempotency_key))
        return 0
    from service.contacts import add_contacts  # noqa: PLC0415 (not for a client)
    from service.recording import ReportSick, report_sick  # noqa: PLC0415

    command = ReportSick(
        employee_key=args.employee,
        display_name=args.name,
        report=report,
        idempotency_key=args.idempotency_key,
        contacts=contacts_of(args),
        facts=facts,
        first_name=args.first_name,
    )
    if through_prefect(args):
        from flows.cases import report_sick_flow, without_heartbeats  # noqa: PLC0415

        with without_heartbeats():
            result = report_sick_flow(replace(command, contacts=()), token_of_caller())
        if command.contacts:
            with open_store(args) as store:
                actor = signed_in(store)
                add_contacts(store, actor, command.employee_key, command.contacts, moment)
    else:
        with open_store(args) as store:
            result = report_sick(store, signed_in(store), command, moment)
    _print(result.as_dict())
    return 0


def run_record(args: argparse.Namespace) -> int:
    fields = dict(_pair(field, "FIELD=VALUE") for field in args.fields)
    return record_entry(args, {k: _value(k, v) for k, v in fields.items()})


def recording_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--date", help="the day it happened, YYYY-MM-DD (default: today)")
    command.add_argument("--expect-seq", type=int, help="fail unless the case is at this entry")
    command.add_argument("--idempotency-key", help="re-sending with the same key changes nothing")


def record_entry(args: argparse.Namespace, fields: dict[str, object]) -> int:
    """Record `args.type` with `fields` on `args.case` (as a flow when Prefect is configured)
    and print what was stored and what is due next."""
    moment = now()
    entry = {**fields, "type": args.type, "date": args.date or _today(moment)}
    if server := server_of(args):
        body = entry if args.expect_seq is None else {**entry, "expected_seq": args.expect_seq}
        path = f"/cases/{quote(args.case, safe='')}/events"
        _print(call(server, "POST", path, body, args.idempotency_key))
        return 0
    from service.recording import RecordEvent, record  # noqa: PLC0415 (not for a client)

    command = RecordEvent(args.case, entry, args.idempotency_key, args.expect_seq)
    if through_prefect(args):
        from flows.cases import record_event_flow, without_heartbeats  # noqa: PLC0415

        with without_heartbeats():
            result = record_event_flow(command, token_of_caller())
    else:
        with open_store(args) as store:
            result = record(store, signed_in(store), command, moment)
    _print(result.as_dict())
    return 0


def _pair(text: str, form: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise BadInputError(f"{quoted(text)} is not of the form {form}")
    return name, value


def contact_options(command: argparse.ArgumentParser, verb: str) -> None:
    command.add_argument(
        "--contact",
        action="append",
        default=[],
        metavar="PARTY=URL",
        help=f"{verb} how a party is reached (Apprise URL); PARTY is employee, manager, hr or "
        "physician",
    )
    command.add_argument(
        "--language",
        action="append",
        default=[],
        metavar="PARTY=LANG",
        help="the language of that party's messages: nl (default) or en",
    )


def contacts_of(args: argparse.Namespace) -> tuple[Contact, ...]:
    """The --contact routes, each in its party's --language."""
    routes, languages = args.contact, args.language
    from domain.reminders import DEFAULT_LANGUAGE  # noqa: PLC0415
    from service.ports import Contact  # noqa: PLC0415

    spoken = dict(_pair(language, "--language PARTY=LANG") for language in languages)
    contacts = [_pair(route, "--contact PARTY=URL") for route in routes]
    if missing := set(spoken) - {party for party, _ in contacts}:
        raise BadInputError(f"--language for {', '.join(sorted(missing))} without a --contact")
    return tuple(
        Contact(party, url, spoken.get(party, DEFAULT_LANGUAGE)) for party, url in contacts
    )


def _value(name: str, text: str) -> object:
    """Numbers and JSON objects as such (percentage=60, event={...}); anything else as text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text
    except (ValueError, RecursionError) as error:  # a number of more than 4,300 digits
        raise BadInputError(f"{shown(name)}: {unreadable_json(error)}") from None


def _today(moment: dt.datetime) -> str:
    return today_in_amsterdam(moment).isoformat()


def _print(result: Mapping[str, Any]) -> None:
    """What was stored and what is due next, from `Recorded.as_dict()` or the API's answer."""
    verb = (
        "Already recorded (same idempotency key), nothing changed:"
        if result["already_recorded"]
        else "Recorded"
    )
    case, seq, kind, day = result["case"], result["seq"], result["type"], result["date"]
    print(f"{verb} case {case} entry {seq}: {kind} on {day}")
    if facts := result.get("facts"):
        given = ", ".join(f"{name}={_fact(value)}" for name, value in facts.items())
        print(f"Facts recorded with it, entry {seq + 1}: {given}")
    if result.get("void"):
        print("The case is void (opened by mistake): nothing more is due, sent or recorded.")
    elif step := result["next_step"]:
        print(f"Next: {step['step']} due {step['due']} ({step['party']}): {step['title']}")
    else:
        print("Nothing is due while the employee is recovered.")


def _fact(value: object) -> str:
    return "yes" if value is True else "no" if value is False else str(value)
