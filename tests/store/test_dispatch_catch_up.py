"""After downtime: the dispatcher, back after weeks, sends only the latest reminder of each
step to each party, worded from the day it is sent; the older ones are settled unsent and never
go out; a digest lists each step once, by due date, with what missing it costs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from adapters.store.case_store import CaseStore
from notifications.routing import Channel
from service.dispatch import Dispatcher
from service.ports import ClaimedReminder, ReminderStatus
from service.recording import ReportSick, report_sick
from tests.store.conftest import HR
from tests.store.test_dispatch_order import WALL, Recording

REPORTED = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
CASE = "E1042-20260105"


def nine(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC)  # 09:00 in Amsterdam (winter)


def test_back_after_four_weeks_only_the_latest_goes_out_worded_from_the_real_date(
    store: CaseStore,
) -> None:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), REPORTED)
    sinks = {party: Recording(party) for party in ("hr", "manager", "employee", "physician")}

    def route(item: ClaimedReminder) -> list[Channel]:
        party = item.reminder.party
        return [Channel(sinks[party], "nl", digest=party == "hr")]

    dispatcher = Dispatcher(store, route, wall_clock=lambda: WALL)
    back = dt.date(2026, 2, 2)  # down since the case was reported: four weeks
    dispatcher.dispatch_due(nine(back))

    [digest] = sinks["hr"].got
    lines = [line for line in digest.body.splitlines() if line.startswith("- ")]
    assert [line.split(" \N{EM DASH} ")[0] for line in lines] == [
        "- Ziekmelding bij de bedrijfsarts",  # due Sunday 11 January
        "- Eerste consult bij de bedrijfsarts",  # due Sunday 25 January
    ]
    assert "termijn verstreken sinds zondag 11 januari 2026" in lines[0]
    assert all("Als de stap ontbreekt:" in line for line in lines)  # the consequence is kept
    [consult] = sinks["physician"].got  # its ahead and due reminders both missed: one message
    assert "termijn verstreken sinds zondag 25 januari 2026" in consult.subject
    assert not any(
        "vandaag" in m.subject or "vandaag" in m.body for s in sinks.values() for m in s.got
    )

    rows = store.reminders.of_case(CASE)
    due_then = [r for r in rows if r.send_at <= nine(back)]
    statuses = Counter(r.status for r in due_then)
    assert statuses == {ReminderStatus.SENT: 3, ReminderStatus.SUPERSEDED: len(due_then) - 3}
    assert Counter((r.step, r.party) for r in due_then if r.status is ReminderStatus.SENT) == {
        ("notify_physician", "hr"): 1,
        ("physician_consult", "hr"): 1,
        ("physician_consult", "physician"): 1,
    }

    for day in range(1, 5):  # the days after: nothing superseded goes out later
        dispatcher.dispatch_due(nine(back + dt.timedelta(days=day)))
    later = [m.subject for s in sinks.values() for m in s.got[1:]]
    assert later == [  # only what came due since: the problem analysis, a week ahead
        (
            "Probleemanalyse \N{EM DASH} medewerker Jan Jansen (zaak E1042-20260105): uiterlijk "
            "vrijdag 13 februari 2026 (wettelijke termijn zondag 15 februari)"
        )
    ]


def test_a_case_entered_late_gets_the_invitation_with_the_first_reminder_sent(
    store: CaseStore,
) -> None:
    """The plan of action's "ahead" reminder was never sent (the case was entered after it):
    the first reminder that reaches each party carries the invitation, the next does not."""
    entered = dt.datetime(2026, 2, 26, 8, 0, tzinfo=dt.UTC)
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), entered)
    sinks = {party: Recording(party) for party in ("hr", "manager", "employee", "physician")}

    def route(item: ClaimedReminder) -> list[Channel]:
        return [Channel(sinks[item.reminder.party], "nl")]

    dispatcher = Dispatcher(store, route, wall_clock=lambda: WALL)
    for day in (dt.date(2026, 2, 27), dt.date(2026, 3, 2), dt.date(2026, 3, 9)):
        dispatcher.dispatch_due(nine(day))

    def plan(party: str) -> list[bool]:
        got = sinks[party].got
        return [bool(m.attachments) for m in got if m.key.startswith(f"{CASE}:plan_of_action:")]

    assert plan("manager") == [True]  # the due reminder, on Friday 27 February
    assert plan("employee") == [True]
    assert plan("hr") == [True, False]  # then escalated (and listed in overviews), no invitation
