"""Which timelines the dispatcher's first run of the day refreshes, and what a recorded entry's
timeline says: both as of today, with who must act on each step."""

from __future__ import annotations

import datetime as dt

from service.recording import ReportSick, report_sick
from service.review import stale_timelines
from tests.fakes import FakeStore
from tests.organisation import HR, manage, organise

MONDAY = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)  # 09:00 in Amsterdam


def sick(store: FakeStore, employee: str, day: str) -> str:
    manage(store, employee, employee)
    command = ReportSick(employee, employee, {"date": day})
    return report_sick(store, HR, command, MONDAY - dt.timedelta(days=4)).case_key


def test_only_cases_with_a_step_that_fell_overdue_in_the_last_three_days_are_refreshed() -> None:
    """A step due Friday to Sunday fell overdue since the last working day: its case is
    refreshed on Monday; one due the Thursday before was refreshed on Friday already."""
    store = FakeStore()
    organise(store)
    due_sunday = sick(store, "E1", "2026-01-05")  # notify_physician due D+6, Sunday 11 Jan
    due_thursday = sick(store, "E2", "2026-01-02")  # due Thursday 8 Jan
    refreshed = dict(stale_timelines(store, MONDAY))
    assert set(refreshed) == {due_sunday}
    assert due_thursday not in refreshed
    row = next(r for r in refreshed[due_sunday] if r.what == "notify_physician")
    assert (row.status, row.party) == ("overdue", "employer")
    assert row.title == "Report the absence to the occupational physician"


def test_a_late_sick_report_shows_its_steps_overdue_as_of_today() -> None:
    """Entered sixty days late, the case's timeline marks its passed deadlines overdue (not
    open, as they were on the first sick day)."""
    store = FakeStore()
    organise(store)
    command = ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"})
    result = report_sick(store, HR, command, dt.datetime(2026, 3, 6, 12, 0, tzinfo=dt.UTC))
    statuses = {row.what: row.status for row in result.timeline}
    assert statuses["notify_physician"] == "overdue"
    assert statuses["problem_analysis"] == "overdue"
