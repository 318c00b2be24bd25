"""The demonstration: a burn-out case from the sick report to the return to work, driven through
the real flows on a simulated clock, with the reminders each party receives.

It runs on the embedded defaults: SQLite and the outbox in a fresh directory, and Prefect's
temporary server (unless PREFECT_API_URL names one)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from adapters.amsterdam_time import AMSTERDAM
from adapters.store.database import database_url, opened, outbox_path
from domain.roles import Role
from flows import clock
from flows.cases import record_event_flow, report_sick_flow, without_heartbeats
from flows.reminders import dispatch_reminders_flow
from notifications.sinks import read_outbox
from service.accounts import (
    TokenRequest,
    actor_of,
    add_account,
    assign_employee,
    assign_physician,
    create_token,
    hash_password,
)
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee
from service.recording import RecordEvent, ReportSick
from service.review import timeline

EMPLOYEE, NAME, FIRST_NAME = "E1042", "Jan Jansen", "Jan"
CASE = f"{EMPLOYEE}-20260105"


@dataclass(frozen=True)
class Scripted:
    """One thing that happens in the demonstration, and what it says about it."""

    day: str
    kind: str
    actor: str
    role: Role
    fields: dict[str, Any]
    words: str


HR, MANAGER, PHYSICIAN, EMPLOYEE_SELF = (
    ("anna.hr", Role.HR),
    ("mark.manager", Role.MANAGER),
    ("dr.bakker", Role.PHYSICIAN),
    ("jan", Role.EMPLOYEE),
)
AUDITOR = ("demo.auditor", Role.AUDITOR)  # reads the timeline and the trail at the end
# The organisation: who signs in as whom, Jan's manager, his physician. Each has the password
# below, so that the demonstration's store can be looked at in the console afterwards: it is a
# demonstration's, in a directory of its own, never a real one's.
DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 (printed by the demo on purpose)
PEOPLE = {
    "demo.admin": ("Beheer", Role.ADMIN, None),
    HR[0]: ("Anna de Vries", Role.HR, None),
    MANAGER[0]: ("Mark Manager", Role.MANAGER, None),
    PHYSICIAN[0]: ("Dr. Bakker", Role.PHYSICIAN, None),
    EMPLOYEE_SELF[0]: (NAME, Role.EMPLOYEE, EMPLOYEE),
    AUDITOR[0]: ("Olga Auditor", Role.AUDITOR, None),
}


def _said(day: str, kind: str, who: tuple[str, Role], words: str, **fields: Any) -> Scripted:
    return Scripted(day, kind, *who, fields, words)


SCRIPT = [
    _said("2026-01-06", "physician_notified", HR, "HR reports the absence to the physician"),
    _said("2026-01-14", "physician_consulted", PHYSICIAN, "first consult with the physician"),
    _said("2026-02-09", "problem_analysis_done", PHYSICIAN, "the physician's problem analysis"),
    _said(
        "2026-02-20",
        "plan_of_action_agreed",
        MANAGER,
        "plan of action agreed; Anna is case manager",
        case_manager="Anna de Wit",
    ),
    _said(
        "2026-02-23",
        "capacity_assessed",
        PHYSICIAN,
        "capacity: 3 days a week, 3 hours a day, no deadline pressure",
        days_per_week=3,
        hours_per_day=3,
        restrictions=["no_deadline_pressure", "quiet_workplace"],
        expected_duration="3_to_6_months",
    ),
    _said(
        "2026-02-24",
        "contact_agreed",
        EMPLOYEE_SELF,
        "Jan and Mark agree a call every week",
        every_days=7,
        form="call",
    ),
    _said(
        "2026-02-25",
        "build_up_proposed",
        EMPLOYEE_SELF,
        "Jan proposes a build-up: 3x2h, 3x3h, 4x3h, 4x5h toward 20 hours",
        stages=["3x2", "3x3", "4x3", "4x5"],
        target_hours=20,
    ),
    _said("2026-02-26", "build_up_agreed", MANAGER, "the employer agrees", party="employer"),
    _said("2026-02-27", "build_up_agreed", PHYSICIAN, "the physician agrees", party="physician"),
    _said("2026-03-03", "contact_held", MANAGER, "weekly call", form="call"),
    _said("2026-03-13", "stage_reviewed", MANAGER, "review: on to 3x3h", outcome="advance"),
    _said(
        "2026-03-20",
        "setback_reported",
        EMPLOYEE_SELF,
        "setback: back to 3x2h, rest days kept (normal, not failure)",
    ),
    _said("2026-04-03", "evaluation_held", MANAGER, "first evaluation of the plan"),
    _said(
        "2026-04-06",
        "capacity_assessed",
        PHYSICIAN,
        "capacity: 4 days a week, 3 hours a day",
        days_per_week=4,
        hours_per_day=3,
    ),
    _said(
        "2026-04-07",
        "stage_reviewed",
        MANAGER,
        "review: on to 4x3h",
        outcome="advance",
        to_stage=3,
    ),
    _said("2026-04-20", "partially_recovered", HR, "working 4x3h: 70% still sick", percentage=70),
    _said(
        "2026-05-11",
        "capacity_assessed",
        PHYSICIAN,
        "capacity: 4 days a week, 5 hours a day",
        days_per_week=4,
        hours_per_day=5,
    ),
    _said("2026-05-12", "stage_reviewed", MANAGER, "review: on to 4x5h", outcome="advance"),
    _said("2026-05-15", "evaluation_held", MANAGER, "evaluation: the target is reached"),
    _said(
        "2026-06-01", "partially_recovered", HR, "working 20 hours: 45% still sick", percentage=45
    ),
    _said("2026-06-22", "recovered", HR, "fit again"),
    _said("2026-07-20", "physician_notified", HR, "HR reports the relapse to the physician"),
    _said(
        "2026-07-27",
        "capacity_assessed",
        PHYSICIAN,
        "capacity after the relapse: 3 days a week, 2 hours a day",
        days_per_week=3,
        hours_per_day=2,
    ),
    _said(
        "2026-07-28",
        "build_up_proposed",
        EMPLOYEE_SELF,
        "Jan proposes a gentler ladder: 2x2h, 3x2h",
        stages=["2x2", "3x2"],
        target_hours=6,
        review_after_days=21,
    ),
    _said("2026-07-29", "build_up_agreed", MANAGER, "the employer agrees", party="employer"),
    _said("2026-07-30", "build_up_agreed", PHYSICIAN, "the physician agrees", party="physician"),
    _said("2026-08-03", "evaluation_held", MANAGER, "evaluation after the setback"),
    _said("2026-08-20", "stage_reviewed", MANAGER, "review: on to 3x2h", outcome="advance"),
    _said("2026-09-14", "partially_recovered", HR, "building up again", percentage=30),
    _said("2026-10-19", "recovered", HR, "back at work"),
]
RELAPSE = "2026-07-13"  # three weeks after recovering: linked to the same case
END = dt.date(2026, 11, 20)


def run_demo(say: Callable[[str], None] = print) -> str:
    """Drive the case day by day; return the case key. Progress goes to `say`."""
    with without_heartbeats():  # each of its flow runs ends ~1 s sooner
        return _drive(say)


def _drive(say: Callable[[str], None]) -> str:
    first_day = dt.date(2026, 1, 5)
    say("The organisation: " + ", ".join(f"{login} ({p[1]})" for login, p in PEOPLE.items()))
    tokens, admin = _organise(_at(first_day, 7))
    say(f"{first_day}  {NAME} reports sick (burn-out); HR opens the case")
    _report_sick(first_day, tokens[HR[0]])
    with opened(database_url()) as store:
        assign_physician(store, admin, CASE, PHYSICIAN[0])
    script = {dt.date.fromisoformat(scripted.day): scripted for scripted in SCRIPT}
    seen = 0
    day = first_day
    while day <= END:
        if day == dt.date.fromisoformat(RELAPSE):
            say(f"{day}  setback: {NAME} reports sick again, 3 weeks after recovering (linked)")
            _report_sick(day, tokens[HR[0]])
        if scripted := script.get(day):
            say(f"{day}  {scripted.words}  [{scripted.kind}, by {scripted.actor}]")
            entry = {**scripted.fields, "type": scripted.kind, "date": day.isoformat()}
            with clock.simulated(_at(day, 8)):
                record_event_flow(RecordEvent(CASE, entry), tokens[scripted.actor])
        if _reminders_due(_at(day, 9)):
            with clock.simulated(_at(day, 9)):
                dispatch_reminders_flow()
            outbox = read_outbox(outbox_path())
            for message in outbox[seen:]:
                say(f"{day}    -> {message['party']:<9} {message['subject']}")
            seen = len(outbox)
        day += dt.timedelta(days=1)
    return CASE


def _organise(now: dt.datetime) -> tuple[dict[str, SecretStr], Actor]:
    """The demonstration's accounts (the first an admin, who adds the others) and E1042's
    manager: each person's token, by login (the flows act as the token's account), and the
    admin."""
    with opened(database_url()) as store:
        actors: dict[str, Actor] = {}
        for login, (name, role, employee) in PEOPLE.items():
            admin = actors.get("demo.admin")
            secret = hash_password(DEMO_PASSWORD)
            added = add_account(store, admin, NewAccount(login, name, role, secret, now, employee))
            actors[login] = actor_of(added)
        admin = actors["demo.admin"]
        assign_employee(store, admin, NewEmployee(EMPLOYEE, NAME), None, MANAGER[0])
        tokens = {
            login: SecretStr(create_token(store, actor, TokenRequest(login), now).token)
            for login, actor in actors.items()
        }
        return tokens, admin


def auditor_token() -> str:
    """A token of the demonstration's auditor, for reading the trail with the CLI at the end."""
    with opened(database_url()) as store:
        auditor = actor_of(store.directory.account(AUDITOR[0]))
        return create_token(store, auditor, TokenRequest(AUDITOR[0]), _at(END, 12)).token


def _report_sick(day: dt.date, hr: SecretStr) -> None:
    report = {"date": day.isoformat(), "percentage": 100}
    command = ReportSick(EMPLOYEE, NAME, report, first_name=FIRST_NAME)
    with clock.simulated(_at(day, 8)):
        report_sick_flow(command, hr)


def summary(case_key: str) -> list[str]:
    """The case's timeline and what each party received, for the end of the demonstration."""
    with opened(database_url()) as store:
        auditor = actor_of(store.directory.account(AUDITOR[0]))
        rows = timeline(store, auditor, case_key, _at(END, 12))
    lines = [f"Timeline of case {case_key} as of {END}:"]
    lines += [f"  {row.day}  {row.status:<9} {row.what}" for row in rows]
    received = Counter(message["party"] for message in read_outbox(outbox_path()))
    lines.append(
        "Reminders received: " + ", ".join(f"{p} {n}" for p, n in sorted(received.items()))
    )
    lines.append(f"The outbox with every message: {outbox_path()}")
    return lines


def _reminders_due(moment: dt.datetime) -> bool:
    with opened(database_url()) as store:
        planned = store.reminders.next_pending()
        return planned is not None and planned.reminder.send_at <= moment


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMSTERDAM)
