"""HR keeps hearing of every overdue legal step until it is recorded done: a case entered late
with four overdue steps is escalated once per step, then listed in an overview every Monday,
for eight weeks and beyond; `cases` shows the same steps as overdue."""

from __future__ import annotations

import datetime as dt

from adapters.store.case_store import CaseStore
from notifications.routing import Channel
from service.dispatch import Dispatcher
from service.ports import ClaimedReminder
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import open_cases
from tests.store.conftest import HR
from tests.store.test_dispatch_order import WALL, Recording

CASE = "E1042-20260105"
FOUR = ["notify_physician", "physician_consult", "problem_analysis", "plan_of_action"]


def nine(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(11), tzinfo=dt.UTC)  # after 09:00 in Amsterdam


def test_a_case_entered_late_is_in_hrs_overview_every_monday_until_each_step_is_done(
    store: CaseStore,
) -> None:
    entered = dt.date(2026, 3, 4)  # a Wednesday; the four first steps are overdue
    report = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"})
    report_sick(store, HR, report, nine(entered))
    hr = Recording("hr")

    def route(item: ClaimedReminder) -> list[Channel]:
        return [Channel(hr, "en")] if item.reminder.party == "hr" else []

    dispatcher = Dispatcher(store, route, wall_clock=lambda: WALL)
    overviews: dict[dt.date, list[str]] = {}
    listed_in_cases: dict[dt.date, list[str]] = {}
    for offset in range(8 * 7):
        today = entered + dt.timedelta(days=offset)
        if today == dt.date(2026, 3, 18):
            done = {"type": "physician_notified", "date": "2026-03-18"}
            record(store, HR, RecordEvent(CASE, done), nine(today))
        before = len(hr.got)
        dispatcher.dispatch_due(nine(today))
        for message in hr.got[before:]:
            if message.subject.startswith(("3 reminders", "4 reminders")):
                overviews[today] = [x for x in message.body.splitlines() if x.startswith("- ")]
        [summary] = open_cases(store, HR, nine(today))
        listed_in_cases[today] = [step.step.value for step in summary.overdue]

    keys = [m.key for m in hr.got]
    assert len(keys) == len(set(keys))  # each week's overview is a message of its own
    first = [m.subject for m in hr.got if m.key.startswith(f"{CASE}:") and ":escalation:" in m.key]
    assert len(first) == 4  # on the day it was entered, one escalation per overdue step
    mondays = sorted(overviews)
    assert mondays == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 23),
        dt.date(2026, 3, 30),
        dt.date(2026, 4, 7),  # Easter Monday: the Tuesday
        dt.date(2026, 4, 13),
        dt.date(2026, 4, 20),
        dt.date(2026, 4, 28),  # King's Day: the Tuesday
    ]
    assert [len(overviews[day]) for day in mondays] == [4, 4, 3, 3, 3, 3, 3, 3]
    assert not any("Report the absence" in line for line in overviews[dt.date(2026, 3, 23)])
    assert listed_in_cases[dt.date(2026, 3, 9)] == FOUR
    assert listed_in_cases[dt.date(2026, 4, 28)] == FOUR[1:]
