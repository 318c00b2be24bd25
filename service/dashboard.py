"""HR's dashboard (and a manager's, of their own team; a physician's, of their cases; an
auditor's, of every case, closed ones too): the cases the caller sees, filtered by team,
overdue, due this week, recovery stage and a search, a page of 50 at a time. The store
filters, counts and cuts the page in SQL (`CaseLog.open_case_page`), with who sees which case
as `service.visibility` says; the read is recorded for the page's cases, the ones shown, and
only they are folded for their percentage, week and build-up stage.

Every condition compares the stored schedule of open steps (`open_step`, replaced on every
write) with today, never a stored "overdue": overdue is an actionable step (one with someone
responsible) due before today, due this week one due from today to Sunday. The recovery stage
comes from the same schedule, since a started build-up has a stage review scheduled and
nothing else does: "no build-up" (none started, or the case recovered: nothing is scheduled
then), "in build-up", and "stage review due" (by Sunday, overdue included). A proposed build-up
that employer and physician have not both agreed to yet counts as none: nothing is due yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from adapters.amsterdam_time import today_in_amsterdam
from domain.law_calendar import OpenStep
from domain.recovery import recovery_steps
from domain.roles import MAY_LIST_CASES, Role, require
from domain.steps import STEPS, Responsible, Step
from service.case_file import Actor, CaseFile, entry_of
from service.case_view import sick_week
from service.ports import CaseFilter, StepsDue, Store
from service.review import CaseSummary, record_list_read, summary_of
from service.undeliverable import unreachable_targets
from service.visibility import list_scope

PAGE_SIZE = 50
LISTS_CLOSED_CASES = frozenset({Role.AUDITOR})  # who reviews the past, not the work to do
ACTIONABLE = frozenset(
    s.value
    for s, info in STEPS.items()
    if info.responsible not in (Responsible.NOBODY, Responsible.UWV)
)
STAGE_REVIEW = frozenset({Step.STAGE_REVIEW.value})
CONTACT = frozenset({Step.CONTACT.value})


class Stage(StrEnum):
    """Where the recovery's build-up is, for the filter (see the module's docstring)."""

    ANY = ""
    NO_BUILD_UP = "none"
    IN_BUILD_UP = "building"
    REVIEW_DUE = "review"


@dataclass(frozen=True)
class DashboardQuery:
    team: str = ""  # "": every team
    overdue_only: bool = False
    due_this_week: bool = False
    search: str = ""  # part of the name, the employee key or the case key; any case
    page: int = 1
    stage: Stage = Stage.ANY
    contact_due: bool = False  # a contact moment due by Sunday, or overdue (the manager's round)


@dataclass(frozen=True)
class DashboardRow:
    summary: CaseSummary
    team: str | None
    percentage: int
    week: int
    stage: tuple[int, int] | None = None  # the build-up's current stage, of how many
    recovery_steps: tuple[OpenStep, ...] = ()  # the next contact, stage and capacity reviews


@dataclass(frozen=True)
class Dashboard:
    rows: list[DashboardRow]
    matching: int  # cases that match the filters, on all pages
    page: int
    pages: int
    teams: list[str]  # the teams of the cases the caller sees, for the filter
    today: dt.date
    closed_too: bool = False  # closed cases are listed too (the auditor's)


def dashboard(store: Store, actor: Actor, query: DashboardQuery, now: dt.datetime) -> Dashboard:
    require(actor.role, MAY_LIST_CASES, "list cases")
    today = today_in_amsterdam(now)
    where = case_filter(store, actor, query, today)
    found = store.cases.open_case_page(where, query.page, PAGE_SIZE)
    failing = unreachable_targets(store.reminders.deliveries_of_given_up_cases())
    shown = [summary_of(case, failing, today) for case in found.cases]
    record_list_read(store, actor, shown, now)  # what the page shows is what was read
    teams = [found.team_of.get(case.employee.id) for case in found.cases]
    return Dashboard(
        rows=[_row(store, s, team, today) for s, team in zip(shown, teams, strict=True)],
        matching=found.matching,
        page=found.page,
        pages=found.pages,
        teams=found.teams,
        today=today,
        closed_too=where.closed_too,
    )


def case_filter(store: Store, actor: Actor, query: DashboardQuery, today: dt.date) -> CaseFilter:
    """The query's conditions, within what `actor` sees."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    having = []
    if query.overdue_only:
        having.append(StepsDue(ACTIONABLE, until=today - dt.timedelta(days=1)))
    if query.due_this_week:
        having.append(StepsDue(ACTIONABLE, since=today, until=sunday))
    if query.stage is Stage.IN_BUILD_UP:
        having.append(StepsDue(STAGE_REVIEW))
    if query.stage is Stage.REVIEW_DUE:
        having.append(StepsDue(STAGE_REVIEW, until=sunday))
    if query.contact_due:
        having.append(StepsDue(CONTACT, until=sunday))
    lacking = (StepsDue(STAGE_REVIEW),) if query.stage is Stage.NO_BUILD_UP else ()
    return replace(
        list_scope(store, actor, today),
        closed_too=actor.role in LISTS_CLOSED_CASES,
        team=query.team,
        search=query.search.strip().casefold(),
        having=tuple(having),
        lacking=lacking,
    )


def _row(store: Store, summary: CaseSummary, team: str | None, today: dt.date) -> DashboardRow:
    stored = store.cases.load(summary.case_key)
    case = CaseFile(stored, tuple(map(entry_of, stored.log)), today).case
    build_up = case.recovery.build_up
    stage = None
    if build_up is not None and build_up.current is not None:
        stage = (build_up.current + 1, len(build_up.stages))
    recovery = tuple(recovery_steps(case.recovery)) if case.is_sick else ()
    return DashboardRow(summary, team, case.percentage, sick_week(case, today), stage, recovery)
