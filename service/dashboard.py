"""HR's dashboard (and a manager's, of their own team): the open cases the caller sees, as
`open_cases` finds them (it checks the role and applies who sees which case), filtered by team,
overdue, due this week and a search, a page of 50 at a time. The read is recorded for the
page's cases, the ones shown, and only they are folded for their percentage and week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adapters.amsterdam_time import today_in_amsterdam
from service.case_file import Actor, CaseFile, entry_of
from service.case_view import sick_week
from service.ports import Store
from service.review import CaseSummary, record_list_read, unrecorded_open_cases

PAGE_SIZE = 50


@dataclass(frozen=True)
class DashboardQuery:
    team: str = ""  # "": every team
    overdue_only: bool = False
    due_this_week: bool = False
    search: str = ""  # part of the name, the employee key or the case key; any case
    page: int = 1


@dataclass(frozen=True)
class DashboardRow:
    summary: CaseSummary
    team: str | None
    percentage: int
    week: int


@dataclass(frozen=True)
class Dashboard:
    rows: list[DashboardRow]
    matching: int  # cases that match the filters, on all pages
    page: int
    pages: int
    teams: list[str]  # the teams of the cases the caller sees, for the filter
    today: dt.date


def dashboard(store: Store, actor: Actor, query: DashboardQuery, now: dt.datetime) -> Dashboard:
    today = today_in_amsterdam(now)
    summaries = unrecorded_open_cases(store, actor, now)
    team_of = store.directory.employee_teams()
    matching = [s for s in summaries if _matches(s, team_of.get(s.employee_key), query, today)]
    pages = max(1, -(-len(matching) // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    shown = matching[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    record_list_read(store, actor, shown, now)  # what the page shows is what was read
    return Dashboard(
        rows=[_row(store, s, team_of.get(s.employee_key), today) for s in shown],
        matching=len(matching),
        page=page,
        pages=pages,
        teams=sorted({team_of[s.employee_key] for s in summaries if s.employee_key in team_of}),
        today=today,
    )


def _matches(summary: CaseSummary, team: str | None, query: DashboardQuery, today: dt.date) -> bool:
    if query.team and team != query.team:
        return False
    if query.overdue_only and not summary.overdue:
        return False
    if query.due_this_week:
        sunday = today + dt.timedelta(days=6 - today.weekday())
        step = summary.next_step
        if step is None or not today <= step.due <= sunday:
            return False
    words = query.search.strip().casefold()
    searched = (summary.display_name, summary.employee_key, summary.case_key)
    return not words or any(words in text.casefold() for text in searched)


def _row(store: Store, summary: CaseSummary, team: str | None, today: dt.date) -> DashboardRow:
    stored = store.cases.load(summary.case_key)
    case = CaseFile(stored, tuple(map(entry_of, stored.log)), today).case
    return DashboardRow(summary, team, case.percentage, sick_week(case, today))
