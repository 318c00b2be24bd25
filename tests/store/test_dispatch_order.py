"""The queue's claim-send-settle order, to the letter: what a batch claims and in which order,
when a lease has run out, and that a round counts as sent only when every target took it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from adapters.store.case_store import CaseStore
from notifications.messages import Message
from notifications.routing import Channel
from notifications.sinks import DeliveryFailedError
from service.dispatch import Dispatcher, DispatchReport
from service.ports import ClaimedReminder
from service.recording import ReportSick, report_sick
from tests.store.conftest import HR

REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
WALL = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


@dataclass
class Recording:
    """A sink that keeps what it was sent, or refuses everything."""

    target: str
    fails: bool = False
    channel: str = "test"
    got: list[Message] = field(default_factory=list)

    def send(self, message: Message) -> None:
        if self.fails:
            raise DeliveryFailedError("refused")
        self.got.append(message)


@pytest.fixture
def case(store: CaseStore) -> str:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), REPORTED)
    return "E1042-20260105"


def due_at(store: CaseStore, case: str) -> list[dt.datetime]:
    return sorted(r.send_at for r in store.reminders.of_case(case))


def test_a_claim_comes_back_only_after_its_lease_has_fully_run_out(
    store: CaseStore, case: str
) -> None:
    """A dispatcher that dies leaves its claims; they are claimed again once the lease is over,
    not at its last moment."""
    first = due_at(store, case)[0]
    claimed = store.reminders.claim_due(first, 1, WALL, LEASE)
    assert len(claimed) == 1
    assert store.reminders.claim_due(first, 1, WALL + LEASE, LEASE) == []
    again = store.reminders.claim_due(first, 1, WALL + LEASE + dt.timedelta(seconds=1), LEASE)
    assert [c.reminder.key for c in again] == [claimed[0].reminder.key]


def test_a_batch_claims_at_most_its_size_expired_claims_first_then_the_earliest_due(
    store: CaseStore, case: str
) -> None:
    moments = due_at(store, case)
    late = moments[5]
    expired = store.reminders.claim_due(late, 3, WALL, LEASE)
    assert [c.reminder.send_at for c in expired] == moments[:3]  # earliest first
    later = WALL + 2 * LEASE
    batch = store.reminders.claim_due(late, 2, later, LEASE)
    assert [c.reminder.send_at for c in batch] == moments[:2]  # two of the three expired
    batch = store.reminders.claim_due(late, 3, later, LEASE)
    assert [c.reminder.send_at for c in batch] == [moments[2], moments[3], moments[4]]


def test_a_claimed_reminder_names_its_case_and_employee(store: CaseStore, case: str) -> None:
    employee = store.cases.find_employee("E1042")
    assert employee is not None
    (claimed,) = store.reminders.claim_due(due_at(store, case)[0], 1, WALL, LEASE)
    assert (claimed.case_key, claimed.employee_id, claimed.display_name) == (
        case,
        employee.id,
        "Jan Jansen",
    )


def dispatch_to(store: CaseStore, *channels: Channel) -> Dispatcher:
    def route(_item: ClaimedReminder) -> list[Channel]:
        return list(channels)

    return Dispatcher(store, route, wall_clock=lambda: WALL)


def test_a_round_is_sent_only_when_every_target_took_it_whatever_the_order(
    store: CaseStore, case: str
) -> None:
    """One failing target keeps the reminder for a retry, even when a later target (or a
    digest) took it."""
    first = due_at(store, case)[0]
    works, refuses, digest = Recording("works"), Recording("refuses", fails=True), Recording("d")
    sending = dispatch_to(
        store,
        Channel(refuses, "en", digest=False),
        Channel(works, "en", digest=False),
        Channel(digest, "en", digest=True),
    )
    assert sending.dispatch_due(first) == DispatchReport(sent=0, retrying=1, given_up=0)
    assert len(works.got) == len(digest.got) == 1


def test_after_the_last_retry_a_reminder_is_counted_as_given_up_once(
    store: CaseStore, case: str
) -> None:
    refuses = Recording("refuses", fails=True)
    sending = dispatch_to(store, Channel(refuses, "en", digest=False))
    moment = due_at(store, case)[0]
    reports = []
    for _ in range(6):  # the first round and five retries
        reports.append(sending.dispatch_due(moment))
        moment += dt.timedelta(days=2)
    assert reports[-1].given_up == 1
    assert sum(r.given_up for r in reports) == 1


def test_a_digest_target_gets_one_reminder_as_itself_and_several_as_one_digest(
    store: CaseStore, case: str
) -> None:
    moments = due_at(store, case)
    digest = Recording("digest")
    sending = dispatch_to(store, Channel(digest, "en", digest=True))
    sending.dispatch_due(moments[0])
    (single,) = digest.got
    assert single.case_keys == (case,)
    assert "notify_physician" in single.key
    command = ReportSick("E2077", "Piet de Vries", {"date": "2026-01-05"})
    report_sick(store, HR, command, dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC))
    sending.dispatch_due(moments[1])  # the first case's next, and the second case's latest
    assert len(digest.got) == 2
    assert digest.got[1].key.startswith("digest:")
    assert digest.got[1].party == "hr"
