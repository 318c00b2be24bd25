"""Reviewing stored cases: the open-case list, the audit trail and the integrity check.
Every read of a case file by anyone but the employee is itself recorded (AVG)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from adapters.amsterdam_time import today_in_amsterdam
from adapters.store.hash_chain import chain_problems, utc_iso
from domain.law_calendar import OpenStep, Step
from domain.roles import MAY_LIST_CASES, MAY_VERIFY, require
from notifications.apprise_sink import masked
from service.case_file import Actor, CaseFile, Purpose, entry_of, open_case_file
from service.ports import CaseFilter, CaseStatus, OpenCase, StepsDue, Store
from service.timeline import TimelineRow, timeline_of
from service.undeliverable import Unreachable, unreachable_targets
from service.visibility import visible_to


@dataclass(frozen=True)
class CaseSummary:
    case_key: str
    employee_key: str
    display_name: str
    status: CaseStatus
    first_sick_day: dt.date
    next_step: OpenStep | None
    overdue: list[OpenStep]
    undeliverable: list[Unreachable] = field(default_factory=list)
    case_id: int = 0  # the store's, for recording reads; not shown

    def as_dict(self) -> dict[str, object]:
        step = self.next_step
        return {
            "case": self.case_key,
            "employee": self.employee_key,
            "display_name": self.display_name,
            "status": self.status.value,
            "first_sick_day": self.first_sick_day.isoformat(),
            "next_step": {"step": step.step.value, "due": step.due.isoformat()} if step else None,
            "overdue": [{"step": s.step.value, "due": s.due.isoformat()} for s in self.overdue],
            "undeliverable": [u.as_dict() for u in self.undeliverable],
        }


def open_cases(store: Store, actor: Actor, now: dt.datetime) -> list[CaseSummary]:
    """The cases not closed that `actor` sees, each with its next due step and its overdue
    steps, as of today; reading the list is recorded for every case on it. Closed cases
    (recovered for 28 days) are never read."""
    summaries = unrecorded_open_cases(store, actor, now)
    record_list_read(store, actor, summaries, now)
    return summaries


def unrecorded_open_cases(store: Store, actor: Actor, now: dt.datetime) -> list[CaseSummary]:
    """`open_cases` without recording the read: for a caller that shows only some of them
    (a page of the console's dashboard) and records those with `record_list_read`."""
    require(actor.role, MAY_LIST_CASES, "list cases")
    today = today_in_amsterdam(now)
    failing = unreachable_targets(store.reminders.deliveries_of_given_up_cases())
    visible = visible_to(store, actor)
    found_cases = [f for f in store.cases.open_cases(today) if visible(f.case, f.employee)]
    return [summary_of(found, failing, today) for found in found_cases]


def summary_of(
    found: OpenCase, failing: dict[int, list[Unreachable]], today: dt.date
) -> CaseSummary:
    """The case's summary as of `today`; `failing`: the unreachable parties by case id."""
    steps = [OpenStep(due, Step(step)) for step, due in found.steps]
    actionable = [s for s in steps if s.actionable]
    return CaseSummary(
        case_key=found.case.key,
        employee_key=found.employee.key,
        display_name=found.employee.display_name,
        status=found.case.status,
        first_sick_day=found.case.first_sick_day,
        next_step=next((s for s in actionable if not s.is_overdue(today)), None),
        overdue=[s for s in actionable if s.is_overdue(today)],
        undeliverable=failing.get(found.case.id, []),
        case_id=found.case.id,
    )


def record_list_read(
    store: Store, actor: Actor, shown: list[CaseSummary], now: dt.datetime
) -> None:
    store.reads.record([s.case_id for s in shown], actor.name, actor.role.value, "cases", now)


@dataclass(frozen=True)
class TrailEntry:
    kind: str  # "event", "read" or "delivery" (then `role` is the party it went to)
    seq: int | None
    recorded_at: dt.datetime
    business_date: dt.date | None
    type: str
    details: dict[str, object]
    actor: str
    role: str
    hash: str

    def as_dict(self) -> dict[str, object]:
        """The entry as the trail's JSON and CSV export show it: details as one string."""
        return {
            "kind": self.kind,
            "seq": self.seq,
            "recorded_at": utc_iso(self.recorded_at),
            "business_date": self.business_date.isoformat() if self.business_date else None,
            "type": self.type,
            "details": "; ".join(
                f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in self.details.items()
            ),
            "actor": self.actor,
            "role": self.role,
            "hash": self.hash,
        }


def audit_trail(store: Store, actor: Actor, case_key: str, now: dt.datetime) -> list[TrailEntry]:
    """The case's full trail, every recorded entry and every read, in the order they happened.
    Reading it as anyone but the employee is itself recorded first."""
    file = open_case_file(store, actor, case_key, now, Purpose.AUDIT)
    case_id = file.stored.case.id
    events = [
        TrailEntry(
            "event",
            row.seq,
            row.recorded_at,
            row.business_date,
            row.type,
            {k: v for k, v in json.loads(row.payload).items() if k not in ("type", "date")},
            row.actor,
            row.role,
            row.hash,
        )
        for row in file.stored.log
    ]
    reads = [
        TrailEntry("read", None, r.accessed_at, None, r.purpose, {}, r.actor, r.role, "")
        for r in store.reads.of_case(case_id)
    ]
    deliveries = [
        TrailEntry(
            "delivery",
            None,
            d.attempted_at,
            r.due,
            f"{r.kind} reminder: {r.step}",
            {"channel": d.channel, "target": masked(d.target), "delivered": d.ok}
            | ({"error": d.error} if d.error else {}),
            "dispatcher",
            d.party,
            "",
        )
        for d, r in store.reminders.deliveries_of(case_id)
    ]
    routes = [
        TrailEntry(
            "route",
            None,
            c.changed_at,
            None,
            f"contact route {c.action}",
            {"party": c.party, "target": c.target},
            c.actor,
            c.role,
            "",
        )
        for c in store.contacts.changes_of(file.stored.employee.id)
    ]
    return sorted([*events, *reads, *deliveries, *routes], key=lambda e: e.recorded_at)


def timeline(store: Store, actor: Actor, case_key: str, now: dt.datetime) -> list[TimelineRow]:
    """What happened on the case and what is still open, by date; a read of its trail."""
    file = open_case_file(store, actor, case_key, now, Purpose.AUDIT)
    return timeline_of(file.history, file.case, file.steps, file.as_of)


# Steps that fell overdue in the last three days: the Monday run catches Friday to Sunday.
STALE_AFTER_DAYS = 3


def stale_timelines(store: Store, now: dt.datetime) -> Iterator[tuple[str, list[TimelineRow]]]:
    """The timeline, as of today in Amsterdam, of every open case with a step that fell overdue
    in the last days: what the Prefect artifact of each shows, refreshed once a day by the
    dispatcher (the operators' view; no person reads the case, so no read is recorded)."""
    today = today_in_amsterdam(now)
    fell_due = StepsDue(
        frozenset(Step), today - dt.timedelta(days=STALE_AFTER_DAYS), today - dt.timedelta(days=1)
    )
    where = CaseFilter(as_of=today, having=(fell_due,))
    page, pages = 1, 1
    while page <= pages:
        found = store.cases.open_case_page(where, page, 200)
        for open_case in found.cases:
            stored = store.cases.load(open_case.case.key)
            file = CaseFile(stored, tuple(map(entry_of, stored.log)), today)
            yield file.key, timeline_of(file.history, file.case, file.steps, today)
        page, pages = page + 1, found.pages


def verify(store: Store, actor: Actor) -> tuple[int, list[str]]:
    """Recompute every case's hash chain, then every keyed seal (each case's identity, state,
    trail head and logs, and the count of cases): (entries checked, problems found)."""
    checked = verification(store, actor, dt.datetime.now(dt.UTC))
    return checked.entries, checked.problems


@dataclass(frozen=True)
class Verification:
    """What `verify` found: how many cases and entries it checked, each problem on one line
    (naming its case or row), and when it ran."""

    cases: int
    entries: int
    problems: list[str]
    ran_at: dt.datetime


def may_verify(actor: Actor) -> bool:
    return actor.role in MAY_VERIFY


def require_may_verify(actor: Actor) -> None:
    require(actor.role, MAY_VERIFY, "verify the store")


def verification(store: Store, actor: Actor, now: dt.datetime) -> Verification:
    require_may_verify(actor)
    cases, checked, problems = 0, 0, []
    for stored in store.cases.all_cases():
        cases += 1
        checked += len(stored.log)
        case = stored.case
        problems += chain_problems(case.key, stored.log, case.last_seq, case.head_hash)
    return Verification(cases, checked, problems + store.keyed_trail.problems(), now)
