"""The home page (`/`) of an employee: their own case in plain words (since when they are sick,
what happens next and who acts, whom to contact), with links to their diary and recovery pages;
and of a coach: the diaries shared with them. `dashboard_page.home` sends them here."""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from fastapi.responses import Response

from domain.law_calendar import OpenStep
from service.case_view import CaseView
from service.own_case import own_case, shared_with_me
from service.sessions import WebSession
from web.console.messages import Words
from web.console.rendering import page, words_for
from web.identity import now, store_of


def employee_home(request: Request, session: WebSession) -> Response:
    mine = own_case(store_of(request), session.actor, now())
    words = words_for(request)
    return page(
        request,
        "employee_home.html",
        session=session,
        mine=mine,
        next_steps=[] if mine.view is None else plain_steps(mine.view, words),
    )


def coach_home(request: Request, session: WebSession) -> Response:
    shared = shared_with_me(store_of(request), session.actor)
    return page(request, "coach_home.html", session=session, shared=shared)


def plain_steps(view: CaseView, t: Words) -> list[tuple[str, bool]]:
    """Each open step as a sentence saying who does what by when, and whether its date passed."""
    return [(_sentence(step, t), step.is_overdue(view.today)) for step in view.open_steps]


def _sentence(step: OpenStep, t: Words) -> str:
    if step.step.value == "wage_continuation_end":  # an end: say its last day, "tot en met"
        return t(f"plain_{step.step.value}", due=t.date(step.due - dt.timedelta(days=1)))
    return t(f"plain_{step.step.value}", due=t.due(step))
