"""The dispatcher: due reminders go out once, to the right parties, and stop when they should."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from adapters.store.case_store import CaseStore
from notifications.messages import Message
from notifications.sinks import DeliveryFailedError, OutboxSink, read_outbox
from service.dispatch import Dispatcher, everything_to
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import audit_trail
from tests.store.conftest import HR

CASE = "E1042-20260105"
REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def at(text: str) -> dt.datetime:
    """09:00 Amsterdam time (08:00 UTC in winter) on a day: when the dispatcher finds work."""
    return dt.datetime.fromisoformat(f"{text}T12:00:00+00:00")


@pytest.fixture
def outbox(tmp_path: Path) -> OutboxSink:
    return OutboxSink(tmp_path / "outbox.jsonl")


@pytest.fixture
def case(store: CaseStore) -> str:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), REPORTED)
    return CASE


def sent(outbox: OutboxSink) -> list[tuple[str, str]]:
    return [(m["party"], m["subject"]) for m in read_outbox(outbox.path)]


def test_a_reminder_goes_out_on_its_day_and_not_before(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    dispatcher = Dispatcher(store, everything_to(outbox))
    assert dispatcher.dispatch_due(at("2026-01-07")).sent == 0
    assert dispatcher.dispatch_due(at("2026-01-08")).sent == 1  # notify_physician, 3 days ahead
    assert sent(outbox) == [
        (
            "hr",
            (
                "Report the absence to the occupational physician \N{EM DASH} "
                f"employee Jan Jansen (case {CASE}): by Friday 9 January 2026 (legal deadline Sunday 11 January)"
            ),
        )
    ]
    assert dispatcher.dispatch_due(at("2026-01-08")).sent == 0  # never twice


def test_each_responsible_party_gets_its_own_message(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    Dispatcher(store, everything_to(outbox)).dispatch_due(
        at("2026-02-23")
    )  # plan of action: ahead, 7 days before 03-01
    plan = [
        (party, subject)
        for party, subject in sent(outbox)
        if "plan of action" in subject.lower() or "return to work" in subject
    ]
    assert {party for party, _ in plan} == {"hr", "manager", "employee"}
    employee = next(m for m in read_outbox(outbox.path) if m["party"] == "employee")
    assert "Take good care of yourself" in employee["body"]
    assert "Jan Jansen" not in employee["subject"]


def test_recording_the_step_done_stops_its_reminders(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    record(
        store,
        HR,
        RecordEvent(case, {"type": "physician_notified", "date": "2026-01-06"}),
        at("2026-01-06"),
    )
    Dispatcher(store, everything_to(outbox)).dispatch_due(at("2026-01-20"))
    assert not [s for _, s in sent(outbox) if "Report the absence" in s]


def test_recovery_stops_every_pending_reminder_of_the_case(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    record(
        store, HR, RecordEvent(case, {"type": "recovered", "date": "2026-01-07"}), at("2026-01-07")
    )
    assert [r for r in store.reminders.of_case(case) if r.status == "pending"] == []
    assert Dispatcher(store, everything_to(outbox)).dispatch_due(at("2028-12-31")).sent == 0


def test_a_relapse_within_28_days_resumes_the_reminders_with_shifted_dates(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    record(
        store, HR, RecordEvent(case, {"type": "recovered", "date": "2026-01-07"}), at("2026-01-07")
    )
    report_sick(
        store,
        HR,
        ReportSick("E1042", "Jan Jansen", {"date": "2026-01-17"}),
        REPORTED + dt.timedelta(days=12),
    )
    dues = {
        r.step: r.due.isoformat() for r in store.reminders.of_case(case) if r.status == "pending"
    }
    assert dues["problem_analysis"] == "2026-02-25"  # week 6 moved by the 10 fit days
    assert dues["wage_continuation_end"] == "2028-01-13"


def test_an_overdue_step_is_escalated_to_hr(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    Dispatcher(store, everything_to(outbox)).dispatch_due(at("2026-01-12"))
    escalations = [(p, s) for p, s in sent(outbox) if s.startswith("Deadline passed")]
    assert escalations == [
        (
            "hr",
            (
                "Deadline passed on Sunday 11 January 2026: "
                "Report the absence to the occupational physician \N{EM DASH} "
                f"employee Jan Jansen (case {CASE})"
            ),
        )
    ]


class FlakySink:
    """A sink that is down for its first `failures` sends."""

    channel, target = "test", "flaky"

    def __init__(self, failures: int) -> None:
        self.failures, self.delivered = failures, list[Message]()

    def send(self, message: Message) -> None:
        if self.failures:
            self.failures -= 1
            raise DeliveryFailedError("connection refused")
        self.delivered.append(message)


def test_failed_deliveries_are_retried_with_backoff_and_all_in_the_trail(
    store: CaseStore, case: str
) -> None:
    sink = FlakySink(failures=2)
    dispatcher = Dispatcher(store, everything_to(sink))
    first = dispatcher.dispatch_due(at("2026-01-08"))
    assert (first.sent, first.retrying) == (0, 1)
    assert (
        dispatcher.dispatch_due(at("2026-01-08") + dt.timedelta(minutes=4)).retrying == 0
    )  # not yet
    assert dispatcher.dispatch_due(at("2026-01-08") + dt.timedelta(minutes=5)).retrying == 1
    assert dispatcher.dispatch_due(at("2026-01-08") + dt.timedelta(minutes=35)).sent == 1
    deliveries = store.reminders.deliveries_of(store.cases.load(case).case.id)
    failed, ok = (False, "connection refused"), (True, None)
    assert [(d.ok, d.error) for d, _ in deliveries] == [failed, failed, ok]
    trail = [e for e in audit_trail(store, HR, case, at("2026-01-09")) if e.kind == "delivery"]
    assert [(e.type, e.role, e.details["delivered"]) for e in trail] == [
        ("ahead reminder: notify_physician", "hr", False),
        ("ahead reminder: notify_physician", "hr", False),
        ("ahead reminder: notify_physician", "hr", True),
    ]
    assert trail[0].details["error"] == "connection refused"


def test_a_reminder_that_keeps_failing_is_given_up_after_five_retries(
    store: CaseStore, case: str
) -> None:
    dispatcher, moment = Dispatcher(store, everything_to(FlakySink(failures=100))), at("2026-01-08")
    for _ in range(6):
        dispatcher.dispatch_due(moment)
        moment += dt.timedelta(days=2)
    [reminder] = [
        r
        for r in store.reminders.of_case(case)
        if r.key == "notify_physician:2026-01-11:ahead:0:hr"
    ]
    assert (reminder.status, reminder.attempts) == ("failed", 6)


def test_a_claim_whose_dispatcher_died_is_sent_after_the_lease(
    store: CaseStore, case: str, outbox: OutboxSink
) -> None:
    wall = dt.datetime(2026, 1, 8, 9, 0, tzinfo=dt.UTC)
    claimed = store.reminders.claim_due(
        at("2026-01-08"), 10, wall, dt.timedelta(minutes=5)
    )  # then "killed"
    assert len(claimed) == 1
    early = Dispatcher(
        store, everything_to(outbox), wall_clock=lambda: wall + dt.timedelta(minutes=4)
    )
    assert early.dispatch_due(at("2026-01-08")).sent == 0
    late = Dispatcher(
        store, everything_to(outbox), wall_clock=lambda: wall + dt.timedelta(minutes=6)
    )
    assert late.dispatch_due(at("2026-01-08")).sent == 1
    assert Counter(m["key"] for m in read_outbox(outbox.path)).most_common(1)[0][1] == 1


def test_an_outbox_line_torn_by_a_crash_is_skipped_and_not_glued_to_the_next(
    tmp_path: Path,
) -> None:
    outbox = OutboxSink(tmp_path / "outbox.jsonl")
    outbox.path.write_bytes(b'{"key": "whole"}\n{"key": "to')  # a writer died mid-line
    outbox.send(Message("next", ("C1",), "hr", "en", "subject", "body"))
    assert [m["key"] for m in read_outbox(outbox.path)] == ["whole", "next"]
