"""HR's dashboard on the in-memory store: what a role sees, the filters, the search, the pages,
and the percentage and week of each row; the case view's header and done steps."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import NotAllowedError
from domain.steps import Step
from service.case_view import case_view
from service.dashboard import PAGE_SIZE, DashboardQuery, Stage, dashboard
from service.ports import NewEmployee
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.fakes import FakeStore
from tests.organisation import (
    AUDITOR,
    COACH,
    HR,
    JAN,
    MANAGER,
    PHYSICIAN,
    assign_physician,
    organise,
)

NOW = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)  # a Wednesday


def sick(store: FakeStore, key: str, name: str, day: str, percentage: int = 100) -> str:
    report = {"date": day, "percentage": percentage}
    return report_sick(store, HR, ReportSick(key, name, report), NOW).case_key


@pytest.fixture
def store() -> FakeStore:
    store = FakeStore()
    organise(store)  # Jan Jansen (E1042) is managed by MANAGER
    store.directory.team_names |= {"Verkoop", "Magazijn"}
    sick(store, "E1042", "Jan Jansen", "2026-01-05", 60)  # plan of action overdue
    store.directory.assign_employee(NewEmployee("E1042", "Jan Jansen"), "Verkoop", None)
    sick(store, "E2000", "Piet Pieters", "2026-02-27")  # notify the physician by 5 March
    store.directory.assign_employee(NewEmployee("E2000", "Piet Pieters"), "Magazijn", None)
    return store


def keys(store: FakeStore, query: DashboardQuery, actor: object = HR) -> list[str]:
    found = dashboard(store, actor, query, NOW)  # type: ignore[arg-type]
    return [row.summary.employee_key for row in found.rows]


def test_hr_sees_every_open_case_with_team_percentage_and_week(store: FakeStore) -> None:
    found = dashboard(store, HR, DashboardQuery(), NOW)
    rows = {row.summary.employee_key: row for row in found.rows}
    assert (rows["E1042"].team, rows["E1042"].percentage, rows["E1042"].week) == ("Verkoop", 60, 9)
    assert (rows["E2000"].team, rows["E2000"].percentage, rows["E2000"].week) == (
        "Magazijn",
        100,
        1,
    )
    assert found.teams == ["Magazijn", "Verkoop"]
    assert (found.matching, found.page, found.pages) == (2, 1, 1)


def test_a_manager_sees_only_their_team_and_a_coach_nothing(store: FakeStore) -> None:
    assert keys(store, DashboardQuery(), MANAGER) == ["E1042"]
    assert dashboard(store, MANAGER, DashboardQuery(), NOW).teams == ["Verkoop"]
    with pytest.raises(NotAllowedError):
        dashboard(store, COACH, DashboardQuery(), NOW)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (DashboardQuery(team="Verkoop"), ["E1042"]),
        (DashboardQuery(team="Magazijn"), ["E2000"]),
        (DashboardQuery(overdue_only=True), ["E1042"]),
        (DashboardQuery(due_this_week=True), ["E2000"]),
        (DashboardQuery(search="piet"), ["E2000"]),
        (DashboardQuery(search=" e1042 "), ["E1042"]),
        (DashboardQuery(search="nobody"), []),
        (DashboardQuery(team="Verkoop", search="piet"), []),
    ],
)
def test_the_filters_and_the_search(
    store: FakeStore, query: DashboardQuery, expected: list[str]
) -> None:
    assert keys(store, query) == expected


def test_pages_of_50(store: FakeStore) -> None:
    for number in range(PAGE_SIZE + 10):
        sick(store, f"X{number:03d}", f"Extra {number}", "2026-03-02")
    first = dashboard(store, HR, DashboardQuery(search="extra"), NOW)
    last = dashboard(store, HR, DashboardQuery(search="extra", page=9), NOW)
    assert (len(first.rows), first.pages, first.matching) == (PAGE_SIZE, 2, PAGE_SIZE + 10)
    assert (len(last.rows), last.page) == (10, 2)  # a page past the end shows the last
    assert {r.summary.employee_key for r in first.rows}.isdisjoint(
        r.summary.employee_key for r in last.rows
    )


def test_the_case_view_has_its_percentage_week_periods_and_done_steps(store: FakeStore) -> None:
    case = "E1042-20260105"
    assign_physician(store, case)
    for actor, kind, day in (
        (HR, "physician_notified", "2026-01-08"),
        (PHYSICIAN, "problem_analysis_done", "2026-02-20"),
    ):
        record(store, actor, RecordEvent(case, {"type": kind, "date": day}), NOW)
    view = case_view(store, HR, case, NOW)
    assert (view.percentage, view.week) == (60, 9)
    assert view.periods == ((dt.date(2026, 1, 5), None),)
    done = {d.step: d for d in view.done}
    assert not done[Step.NOTIFY_PHYSICIAN].late
    assert done[Step.PROBLEM_ANALYSIS].late  # due by week 6: 15 February
    assert done[Step.PROBLEM_ANALYSIS].due == dt.date(2026, 2, 15)


def test_a_page_records_a_read_of_the_cases_it_shows_and_no_others(store: FakeStore) -> None:
    def readers(key: str) -> list[tuple[str, str]]:
        case_id = store.cases.load(key).case.id
        return [(r.actor, r.purpose) for r in store.reads.of_case(case_id)]

    dashboard(store, HR, DashboardQuery(search="piet"), NOW)
    assert readers("E2000-20260227") == [(HR.name, "cases")]
    assert readers("E1042-20260105") == []


REVIEW_DUE = DashboardQuery(stage=Stage.REVIEW_DUE)


def test_the_recovery_stage_filter_and_column(store: FakeStore) -> None:
    case = "E1042-20260105"
    assign_physician(store, case)
    for actor, kind, day, fields in (
        (PHYSICIAN, "capacity_assessed", "2026-02-23", {"days_per_week": 3, "hours_per_day": 3}),
        (JAN, "build_up_proposed", "2026-02-24", {"stages": ["3x2", "3x3"], "target_hours": 9}),
        (HR, "build_up_agreed", "2026-02-25", {"party": "employer"}),
        (PHYSICIAN, "build_up_agreed", "2026-02-25", {"party": "physician"}),
    ):
        entry = {"type": kind, "date": day, **fields}
        record(store, actor, RecordEvent(case, entry), NOW)  # reviewed by 11 March
    assert keys(store, DashboardQuery(stage=Stage.IN_BUILD_UP)) == ["E1042"]
    assert keys(store, DashboardQuery(stage=Stage.NO_BUILD_UP)) == ["E2000"]
    assert keys(store, REVIEW_DUE) == []  # not by Sunday 8 March
    later = NOW + dt.timedelta(days=5)  # Monday 9 March: due this week
    assert [r.summary.employee_key for r in dashboard(store, HR, REVIEW_DUE, later).rows] == [
        "E1042"
    ]
    rows = {r.summary.employee_key: r for r in dashboard(store, HR, DashboardQuery(), NOW).rows}
    assert (rows["E1042"].stage, rows["E2000"].stage) == ((1, 2), None)


def test_a_manager_finds_the_contact_moments_due_and_sees_each_cases_next_ones(
    store: FakeStore,
) -> None:
    """The manager's round: a contact agreed every 7 days on Monday 2 March is due Monday 9
    March, not this week (to Sunday 8 March); next Monday it is, and each row names it."""
    case = "E1042-20260105"
    agreed = {"type": "contact_agreed", "date": "2026-03-02", "every_days": 7, "form": "call"}
    record(store, MANAGER, RecordEvent(case, agreed), NOW)
    contact = DashboardQuery(contact_due=True)
    assert keys(store, contact, MANAGER) == []
    later = NOW + dt.timedelta(days=5)
    found = dashboard(store, MANAGER, contact, later)
    assert [r.summary.employee_key for r in found.rows] == ["E1042"]
    assert [(s.step, s.due) for s in found.rows[0].recovery_steps] == [
        (Step.CONTACT, dt.date(2026, 3, 9))
    ]
    rows = {r.summary.employee_key: r for r in dashboard(store, HR, DashboardQuery(), NOW).rows}
    assert rows["E2000"].recovery_steps == ()


def test_the_auditor_sees_closed_cases_too_and_hr_does_not(store: FakeStore) -> None:
    recovered = {"type": "recovered", "date": "2026-01-20"}
    record(store, HR, RecordEvent("E1042-20260105", recovered), NOW)  # closed on 17 February
    assert keys(store, DashboardQuery(), HR) == ["E2000"]
    found = dashboard(store, AUDITOR, DashboardQuery(), NOW)
    assert [r.summary.employee_key for r in found.rows] == ["E1042", "E2000"]
    assert found.closed_too
