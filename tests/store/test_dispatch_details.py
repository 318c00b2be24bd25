"""What the dispatcher sends where, to the letter: a digest per target and per party, the
channels after a digest or after a target that took the reminder, what a round counts as, the
notice to HR when a reminder is given up (what it says, where it lands), how a message is
keyed, and the clock its attempts are stamped with."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from adapters.store.case_store import CaseStore
from notifications.messages import Message
from notifications.routing import Channel, Router
from notifications.sinks import DeliveryFailedError, Sink
from service.dispatch import RETRY_DELAYS, Dispatcher, DispatchReport, everything_to, party_routes
from service.ports import ClaimedReminder, Contact, Notice, ReminderStatus
from service.recording import ReportSick, report_sick
from tests.helpers import free_port
from tests.store.conftest import HR
from tests.store.test_dispatch_order import WALL, Recording, dispatch_to, due_at

REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def open_case(store: CaseStore, employee: str = "E1042", *contacts: Contact) -> str:
    command = ReportSick(employee, "Jan Jansen", {"date": "2026-01-05"}, contacts=contacts)
    report_sick(store, HR, command, REPORTED)
    return f"{employee}-20260105"


@pytest.fixture
def case(store: CaseStore) -> str:
    return open_case(store)


@dataclass
class Refusing:
    """A sink that refuses every message: saying how often it has, or without a word."""

    target: str
    counting: bool = True
    channel: str = "test"
    refused: int = 0

    def send(self, message: Message) -> None:
        self.refused += 1
        raise DeliveryFailedError(f"refused {self.refused}" if self.counting else "")


def rounds(first: dt.datetime) -> list[dt.datetime]:
    """When a reminder due at `first` that keeps failing is tried: then, and at each retry."""
    moments = [first]
    for delay in RETRY_DELAYS:
        moments.append(moments[-1] + delay)
    return moments


def attempts(store: CaseStore, case: str) -> list[tuple[str, bool, int]]:
    """Each delivery attempt of the case: its target, whether it worked, and its round."""
    made = store.reminders.deliveries_of(store.cases.load(case).case.id)
    return [(d.target, d.ok, d.attempt) for d, _ in made]


def test_each_digest_target_gets_its_own_digest(store: CaseStore, case: str) -> None:
    open_case(store, "E2077")  # two cases: two reminders due at once
    first, second = Recording("first"), Recording("second")
    sending = dispatch_to(
        store, Channel(first, "en", digest=True), Channel(second, "en", digest=True)
    )
    assert sending.dispatch_due(due_at(store, case)[0]) == DispatchReport(sent=2)
    for sink in (first, second):
        (digest,) = sink.got
        assert digest.key.startswith("digest:hr:")
        assert digest.subject == "2 reminders for HR"


def test_parties_that_share_a_digest_target_each_get_a_digest_of_their_own_reminders(
    store: CaseStore, case: str
) -> None:
    """The local outbox, say, as the digest target of every party."""
    shared = Recording("outbox")
    other = open_case(store, "E2077")
    now = dt.datetime(2026, 1, 16, 12, 0, tzinfo=dt.UTC)
    dispatch_to(store, Channel(shared, "en", digest=True)).dispatch_due(now)
    rows = store.reminders.of_case(case) + store.reminders.of_case(other)
    sent = Counter(r.party for r in rows if r.status is ReminderStatus.SENT)
    assert sent == {"hr": 2, "physician": 2}  # of each step the latest due: one per case
    assert sorted((m.party, m.subject) for m in shared.got) == [
        ("hr", "2 reminders for HR"),
        ("physician", "2 reminders for the occupational physician"),
    ]


def test_a_digest_channel_does_not_keep_a_reminder_from_the_channels_after_it(
    store: CaseStore, case: str
) -> None:
    digest, direct = Recording("digest"), Recording("direct")
    sending = dispatch_to(store, Channel(digest, "en", digest=True), Channel(direct, "en"))
    assert sending.dispatch_due(due_at(store, case)[0]) == DispatchReport(sent=1)
    assert len(digest.got) == len(direct.got) == 1


def test_a_retry_goes_to_every_target_that_has_not_taken_the_reminder_as_its_next_round(
    store: CaseStore, case: str
) -> None:
    """A target that took it is passed over, not the targets after it."""
    first = due_at(store, case)[0]
    works, down = Recording("works"), Recording("down", fails=True)
    sending = dispatch_to(store, Channel(works, "en"), Channel(down, "en"))
    assert sending.dispatch_due(first) == DispatchReport(retrying=1)
    down.fails = False
    assert sending.dispatch_due(first + RETRY_DELAYS[0]) == DispatchReport(sent=1)
    assert len(works.got) == len(down.got) == 1
    assert attempts(store, case) == [("works", True, 1), ("down", False, 1), ("down", True, 2)]


def test_a_digest_that_fails_keeps_its_reminders_for_a_retry(store: CaseStore, case: str) -> None:
    open_case(store, "E2077")
    works, refuses = Recording("works"), Recording("refuses", fails=True)
    sending = dispatch_to(store, Channel(works, "en"), Channel(refuses, "en", digest=True))
    assert sending.dispatch_due(due_at(store, case)[0]) == DispatchReport(retrying=2)
    assert len(works.got) == 2


def test_a_target_that_fails_keeps_the_reminders_for_a_retry_though_the_digest_took_them(
    store: CaseStore, case: str
) -> None:
    open_case(store, "E2077")
    refuses, digest = Recording("refuses", fails=True), Recording("digest")
    sending = dispatch_to(store, Channel(refuses, "en"), Channel(digest, "en", digest=True))
    assert sending.dispatch_due(due_at(store, case)[0]) == DispatchReport(retrying=2)
    assert len(digest.got) == 1


def test_a_digest_of_one_is_the_reminder_itself_in_the_channels_language(
    store: CaseStore, case: str
) -> None:
    digest = Recording("digest")
    dispatch_to(store, Channel(digest, "nl", digest=True)).dispatch_due(due_at(store, case)[0])
    (single,) = digest.got
    assert (single.language, single.subject) == (
        "nl",
        (
            f"Ziekmelding bij de bedrijfsarts \N{EM DASH} medewerker Jan Jansen (zaak {case}): "
            "uiterlijk vrijdag 9 januari 2026 (wettelijke termijn zondag 11 januari)"
        ),
    )


def test_a_message_is_keyed_by_its_case_and_its_reminders_key(store: CaseStore, case: str) -> None:
    """The key by which a receiver can tell a resend, escalations numbered. Of the step's
    reminders due by then, only the latest goes."""
    now = due_at(store, case)[2]  # the first escalation
    inbox = Recording("inbox")
    dispatch_to(store, Channel(inbox, "en")).dispatch_due(now)
    planned = [f"{case}:{r.key}" for r in store.reminders.of_case(case) if r.send_at <= now]
    assert planned[-1].endswith(":escalation:1:hr")
    assert [m.key for m in inbox.got] == planned[-1:]
    assert {m.case_keys for m in inbox.got} == {(case,)}


def notices_to(hr: Recording, others: list[Channel]) -> Callable[[ClaimedReminder], list[Channel]]:
    """A route: notices to `hr`, every reminder to `others`."""

    def route(item: ClaimedReminder) -> list[Channel]:
        return [Channel(hr, "en")] if item.reminder.kind is Notice.UNDELIVERABLE else others

    return route


def test_reminders_given_up_in_one_round_are_each_counted_and_each_notice_is_about_its_case(
    store: CaseStore,
) -> None:
    """Two cases opened on the same day plan reminders with the same keys."""
    cases = [open_case(store, "E1042"), open_case(store, "E2077")]
    hr = Recording("hr")
    route = notices_to(hr, [Channel(Recording("refuses", fails=True), "en")])
    sending = Dispatcher(store, route, wall_clock=lambda: WALL)
    *earlier, last = rounds(due_at(store, cases[0])[0])
    for moment in earlier:
        sending.dispatch_due(moment)
    # the next reminders fail for the first time; the notices about the first ones go out
    assert sending.dispatch_due(last) == DispatchReport(sent=2, retrying=2, given_up=2)
    assert sorted(notice.case_keys for notice in hr.got) == [(case,) for case in cases]
    assert all(f"case {notice.case_keys[0]}" in notice.body for notice in hr.got)


def test_the_notice_names_the_case_and_each_target_that_did_not_take_it_with_its_latest_error(
    store: CaseStore, case: str
) -> None:
    """Not the targets that took it; an error without a word stays without one."""
    first = store.reminders.of_case(case)[0]
    works, hr = Recording("works"), Recording("hr")
    failing: list[Sink] = [works, Refusing("refuses"), Refusing("silent", counting=False)]
    notices = notices_to(hr, [Channel(works, "en")])

    def route(item: ClaimedReminder) -> list[Channel]:
        if item.reminder.key == first.key:
            return [Channel(sink, "en") for sink in failing]
        return notices(item)

    sending = Dispatcher(store, route, wall_clock=lambda: WALL)
    for moment in rounds(first.send_at):
        sending.dispatch_due(moment)
    (notice,) = hr.got
    assert notice.subject == (
        f"Reminder not delivered to HR \N{EM DASH} employee Jan Jansen (case {case})"
    )
    assert (
        f"for employee Jan Jansen (case {case}), by Friday 9 January 2026 (legal deadline Sunday 11 January),"
        in notice.body
    )
    assert "after 6 attempts" in notice.body
    assert [line.rstrip() for line in notice.body.splitlines() if line.startswith("- ")] == [
        "- refuses: refused 6",
        "- silent:",
    ]


def test_an_undeliverable_notice_lands_in_the_local_outbox_exactly_once(store: CaseStore) -> None:
    """Whether HR has no route of its own (the outbox is HR's route then) or one that fails
    as well."""
    broken = f"json://127.0.0.1:{free_port()}/gone"  # a route no send can go through
    cases = [
        open_case(store, "E1042", Contact("physician", broken)),
        open_case(store, "E2077", Contact("hr", broken)),
    ]
    outbox = Recording("outbox")
    sending = Dispatcher(store, party_routes(store, Router(outbox)), wall_clock=lambda: WALL)
    physician = next(r for r in store.reminders.of_case(cases[0]) if r.party == "physician")
    for moment in sorted(rounds(due_at(store, cases[1])[0]) + rounds(physician.send_at)):
        sending.dispatch_due(moment)
    queued = [
        f"{case}:{r.key}"
        for case in cases
        for r in store.reminders.of_case(case)
        if r.kind is Notice.UNDELIVERABLE
    ]
    assert {key.split(":")[0] for key in queued} == set(cases)
    landed = Counter(m.key for m in outbox.got if ":undeliverable:" in m.key)
    assert landed == dict.fromkeys(queued, 1)


@pytest.fixture
def far_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time 13 hours ahead of UTC (a POSIX zone: no zone files needed)."""
    monkeypatch.setenv("TZ", "NZDT-13")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_from_utc")
def test_a_dispatcher_on_its_own_clock_stamps_each_attempt_with_the_current_utc_time(
    store: CaseStore, case: str
) -> None:
    before = dt.datetime.now(dt.UTC)
    Dispatcher(store, everything_to(Recording("inbox"))).dispatch_due(due_at(store, case)[0])
    after = dt.datetime.now(dt.UTC)
    [(attempt, _)] = store.reminders.deliveries_of(store.cases.load(case).case.id)
    assert before <= attempt.attempted_at <= after
