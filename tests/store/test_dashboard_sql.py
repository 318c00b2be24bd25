"""The dashboard's filters, counts and pages in SQL, on SQLite and PostgreSQL: on a varied set
of cases each query gives what the Python reference gives (every open case the caller sees,
as `unrecorded_open_cases` finds them, and for the auditor the closed ones too, filtered and
cut in Python); a manager sees only their
team, and a manager or physician written in by hand, or a case moved behind the application's
back, grants nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from adapters.amsterdam_time import today_in_amsterdam
from adapters.store.case_store import CaseStore
from domain.law_calendar import open_steps
from domain.roles import Role
from domain.steps import Step
from service.case_file import HOLIDAYS, Actor, CaseFile, entry_of
from service.dashboard import PAGE_SIZE, DashboardQuery, Stage, dashboard
from service.ports import NewEmployee, OpenCase
from service.recording import RecordEvent, ReportSick, record, report_sick
from service.review import CaseSummary, summary_of, unrecorded_open_cases
from tests.organisation import MANAGER, PHYSICIAN, assign_physician
from tests.store.conftest import AUDITOR, HR

NOW = dt.datetime(2026, 6, 3, 10, 0, tzinfo=dt.UTC)  # a Wednesday
TODAY = today_in_amsterdam(NOW)
NAMES = ("Jan Jansen", "Özlem Öztürk", "Piet_Pieters", "ANNA 100% de Vries", "Kees van Dijk")


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def rec(store: CaseStore, actor: Actor, case: str, kind: str, days: int, **more: object) -> None:
    record(store, actor, RecordEvent(case, {"type": kind, "date": ago(days), **more}), NOW)


def build_up(store: CaseStore, case: str, employee: str, started: int) -> None:
    """A build-up agreed `started` days ago (its first review 14 days later)."""
    assign_physician(store, case)
    rec(store, PHYSICIAN, case, "capacity_assessed", started + 3, days_per_week=4, hours_per_day=4)
    proposal = {"stages": ["3x2", "3x3", "4x4"], "target_hours": 16}
    rec(store, Actor(employee, Role.EMPLOYEE, employee_key=employee), case, "build_up_proposed",
        started + 2, **proposal)  # fmt: skip
    rec(store, HR, case, "build_up_agreed", started + 1, party="employer")
    rec(store, PHYSICIAN, case, "build_up_agreed", started, party="physician")


@pytest.fixture
def varied(store: CaseStore) -> CaseStore:
    """70 cases: three teams and none, some the manager's, some the physician's, sick from 1 to
    400 days, a few recovered (open) or closed, and build-ups reviewed overdue, this week or
    later."""
    for team in ("Verkoop", "Magazijn", "Zorg"):
        store.directory.add_team(team)
    teams = ("Verkoop", "Magazijn", "Zorg", None)
    for n in range(70):
        key = f"{'e' if n % 6 == 5 else 'E'}{(n * 37) % 97:03d}"  # not in the order made
        name = f"{NAMES[n % len(NAMES)]} {n}"
        manager = MANAGER.name if n % 3 == 0 else None
        store.directory.assign_employee(NewEmployee(key, name), teams[n % 4], manager)
        case = report_sick(store, HR, ReportSick(key, name, {"date": ago(1 + n * 6)}), NOW).case_key
        if n % 5 == 1:
            assign_physician(store, case)
        if n % 7 == 2:
            rec(store, HR, case, "physician_notified", n * 6)
        if n % 11 == 4:
            rec(store, HR, case, "recovered", 40 if n % 2 else 3)  # closed, or open 28 days
        elif n % 9 == 3 and n * 6 > 30:
            build_up(store, case, key, (0, 6, 12, 20)[n % 4])
        if (
            n % 4 in (1, 2) and n * 6 > 20 and n % 11 != 4
        ):  # contact every 7 days: due later, this week or overdue
            employee = Actor(key, Role.EMPLOYEE, employee_key=key)
            rec(store, employee, case, "contact_agreed", (1, 5, 9, 20)[n % 16 // 4],
                every_days=7, form="call")  # fmt: skip
    return store


QUERIES = [
    DashboardQuery(),
    DashboardQuery(page=2),
    DashboardQuery(page=9),
    DashboardQuery(team="Verkoop"),
    DashboardQuery(team="Nergens"),
    DashboardQuery(overdue_only=True),
    DashboardQuery(overdue_only=True, page=2),
    DashboardQuery(due_this_week=True),
    DashboardQuery(overdue_only=True, due_this_week=True, team="Zorg"),
    DashboardQuery(search="jan"),
    DashboardQuery(search=" ÖZLEM "),
    DashboardQuery(search="e03"),
    DashboardQuery(search="-2026"),
    DashboardQuery(search="100%"),
    DashboardQuery(search="_p"),
    DashboardQuery(search="%"),
    DashboardQuery(stage=Stage.NO_BUILD_UP),
    DashboardQuery(stage=Stage.IN_BUILD_UP),
    DashboardQuery(stage=Stage.REVIEW_DUE),
    DashboardQuery(stage=Stage.REVIEW_DUE, team="Zorg"),
    DashboardQuery(contact_due=True),
    DashboardQuery(contact_due=True, team="Magazijn"),
]


def listed(store: CaseStore, actor: Actor) -> list[CaseSummary]:
    """Every open case the actor sees, and for the auditor the closed ones too (nothing is
    scheduled on a closed case)."""
    summaries = unrecorded_open_cases(store, actor, NOW)
    if actor.role is not Role.AUDITOR:
        return summaries
    known = {s.case_key for s in summaries}
    closed = [
        summary_of(OpenCase(stored.case, stored.employee, []), {}, TODAY)
        for stored in store.cases.all_cases()
        if stored.case.key not in known
    ]
    assert closed
    return sorted(summaries + closed, key=lambda s: (s.employee_key, s.case_id))


def reference(store: CaseStore, actor: Actor, query: DashboardQuery) -> tuple[list[str], int]:
    """The dashboard's page as it was computed before SQL did it: (case keys, matching)."""
    team_of = store.directory.employee_teams()
    matching = [
        s
        for s in listed(store, actor)
        if _matches(s, team_of.get(s.employee_key), query)
        and _stage(store, s, query.stage)
        and (not query.contact_due or _contact_due(store, s))
    ]
    pages = max(1, -(-len(matching) // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    return [s.case_key for s in matching[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]], len(matching)


def _matches(summary: CaseSummary, team: str | None, query: DashboardQuery) -> bool:
    if query.team and team != query.team:
        return False
    if query.overdue_only and not summary.overdue:
        return False
    if query.due_this_week:
        sunday = TODAY + dt.timedelta(days=6 - TODAY.weekday())
        step = summary.next_step
        if step is None or not TODAY <= step.due <= sunday:
            return False
    words = query.search.strip().casefold()
    searched = (summary.display_name, summary.employee_key, summary.case_key)
    return not words or any(words in text.casefold() for text in searched)


def _stage(store: CaseStore, summary: CaseSummary, stage: Stage) -> bool:
    """From the folded case, not the stored schedule."""
    stored = store.cases.load(summary.case_key)
    case = CaseFile(stored, tuple(map(entry_of, stored.log)), TODAY).case
    review = next((s.due for s in open_steps(case, HOLIDAYS) if s.step is Step.STAGE_REVIEW), None)
    sunday = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    return {
        Stage.ANY: True,
        Stage.NO_BUILD_UP: review is None,
        Stage.IN_BUILD_UP: review is not None,
        Stage.REVIEW_DUE: review is not None and review <= sunday,
    }[stage]


def _contact_due(store: CaseStore, summary: CaseSummary) -> bool:
    """From the folded case: a contact moment due by Sunday, or overdue."""
    stored = store.cases.load(summary.case_key)
    case = CaseFile(stored, tuple(map(entry_of, stored.log)), TODAY).case
    sunday = TODAY + dt.timedelta(days=6 - TODAY.weekday())
    return any(s.step is Step.CONTACT and s.due <= sunday for s in open_steps(case, HOLIDAYS))


def test_every_query_gives_the_python_reference(varied: CaseStore) -> None:
    for actor in (HR, MANAGER, PHYSICIAN, AUDITOR):
        same_as_reference(varied, actor)


def same_as_reference(varied: CaseStore, actor: Actor) -> None:
    every = listed(varied, actor)
    team_of = varied.directory.employee_teams()
    teams = sorted({team_of[s.employee_key] for s in every if s.employee_key in team_of})
    assert every, actor
    for query in QUERIES:
        found = dashboard(varied, actor, query, NOW)
        expected, matching = reference(varied, actor, query)
        shown = [row.summary.case_key for row in found.rows]
        assert (shown, found.matching) == (expected, matching), (actor, query)
        assert found.pages == max(1, -(-matching // PAGE_SIZE))
        assert found.teams == teams
        assert [row.team for row in found.rows] == [
            team_of.get(row.summary.employee_key) for row in found.rows
        ]


def test_the_varied_set_exercises_every_filter(varied: CaseStore) -> None:
    """Each filter keeps some cases and drops others, so that the comparison with the reference
    means something; and a page records a read of exactly its cases."""
    total = dashboard(varied, HR, DashboardQuery(), NOW).matching
    assert total > PAGE_SIZE
    for query in QUERIES[3:]:
        if query.page == 1 and query.team != "Nergens" and query.search != "%":
            assert 0 < dashboard(varied, HR, query, NOW).matching < total, query

    def read_by_auditor(key: str) -> bool:
        case_id = varied.cases.load(key).case.id
        return any(r.actor == AUDITOR.name for r in varied.reads.of_case(case_id))

    found = dashboard(varied, AUDITOR, DashboardQuery(page=2), NOW)
    shown = {row.summary.case_key for row in found.rows}
    every = {s.case_key for s in listed(varied, AUDITOR)}
    assert shown
    assert shown < every
    assert {key for key in every if read_by_auditor(key)} == shown


def sql(store: CaseStore, statement: str, **values: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement), values)


def keys(store: CaseStore, actor: Actor) -> set[str]:
    return {row.summary.employee_key for row in dashboard(store, actor, DashboardQuery(), NOW).rows}


def test_a_manager_sees_their_team_and_a_manager_written_in_by_hand_grants_nothing(
    store: CaseStore,
) -> None:
    for key, manager in (("E1", MANAGER.name), ("E2", None), ("E3", MANAGER.name)):
        store.directory.assign_employee(NewEmployee(key, key), None, manager)
        report_sick(store, HR, ReportSick(key, key, {"date": ago(10)}), NOW)
    assert keys(store, MANAGER) == {"E1", "E3"}
    sql(store, "UPDATE employee SET manager_id = :m WHERE key = 'E2'", m=MANAGER.account_id)
    assert keys(store, MANAGER) == {"E1", "E3"}
    assert dashboard(store, MANAGER, DashboardQuery(), NOW).matching == 2
    assert keys(store, HR) == {"E1", "E2", "E3"}


def test_a_physician_written_in_by_hand_sees_nothing(store: CaseStore) -> None:
    case = report_sick(store, HR, ReportSick("E1", "E1", {"date": ago(10)}), NOW).case_key
    physician_id = store.directory.account(PHYSICIAN.name).id
    sql(
        store,
        "INSERT INTO case_physician (case_id, account_id, mac) VALUES (:c, :a, 'forged')",
        c=store.cases.load(case).case.id,
        a=physician_id,
    )
    found = dashboard(store, PHYSICIAN, DashboardQuery(), NOW)
    assert (found.rows, found.matching) == ([], 0)


def test_a_case_moved_to_a_managed_employee_by_hand_is_not_shown(store: CaseStore) -> None:
    store.directory.assign_employee(NewEmployee("E1", "Eerste"), None, MANAGER.name)
    report_sick(store, HR, ReportSick("E1", "Eerste", {"date": ago(10)}), NOW)
    other = report_sick(store, HR, ReportSick("E2", "Tweede", {"date": ago(10)}), NOW).case_key
    target = store.cases.find_employee("E1")
    assert target is not None
    sql(store, 'UPDATE "case" SET employee_id = :e WHERE key = :k', e=target.id, k=other)
    with store.engine.connect() as connection:
        case_id = connection.execute(
            text('SELECT id FROM "case" WHERE key = :k'), {"k": other}
        ).scalar_one()
    shown = [r.summary.case_key for r in dashboard(store, MANAGER, DashboardQuery(), NOW).rows]
    assert len(shown) == 1
    assert other not in shown
    assert store.reads.of_case(case_id) == []  # nor recorded as read
