"""`/cases/{case}`: the case's header, its timeline picture, its open steps and its audit
trail, and the trail as CSV. Each is the same service call as the API's, so each read is
recorded as the API records it; a case the caller may not see is a 404 "no case" page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from domain.errors import NotAllowedError
from service.case_view import case_view
from service.review import TrailEntry, audit_trail
from web.cases import csv_response
from web.console.auth import Console
from web.console.case_sections import case_sections
from web.console.rendering import page, words_for
from web.console.timeline_svg import legend, timeline_svg
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)
TRAIL_SHOWN = 50  # the newest entries; a long case's deliveries would fill pages


@router.get("/cases/{case}")
def case_page(
    request: Request, case: str, session: Console, trail: str = "", messages: str = ""
) -> Response:
    store, moment, words = store_of(request), now(), words_for(request)
    view = case_view(store, session.actor, case, moment)
    entries: list[TrailEntry] | None
    try:
        entries = audit_trail(store, session.actor, case, moment)
    except NotAllowedError:
        entries = None  # a manager reads the case, not its trail
    shown = entries if entries is None or trail == "all" else entries[-TRAIL_SHOWN:]
    return page(
        request,
        "case.html",
        session=session,
        view=view,
        picture=timeline_svg(view, words),
        legend=legend(words),
        trail=[entry.as_dict() for entry in shown] if shown is not None else None,
        trail_length=len(entries) if entries is not None else 0,
        sections=case_sections(
            request, session.actor, case, moment, None if messages == "all" else TRAIL_SHOWN
        ),
    )


@router.get("/cases/{case}/audit.csv")
def audit_csv(request: Request, case: str, session: Console) -> Response:
    trail = audit_trail(store_of(request), session.actor, case, now())
    return csv_response(case, [entry.as_dict() for entry in trail])
