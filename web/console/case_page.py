"""`/cases/{case}`: the case's header, its timeline picture, its open steps and its audit
trail, and the trail as CSV. Each is the same service call as the API's, so each read is
recorded as the API records it; a case the caller may not see is a 404 "no case" page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.errors import NotAllowedError
from service.accounts import ORGANISERS, assign_physician, case_physicians
from service.case_view import case_view, changeable, voidable
from service.diary import is_shared_with
from service.recording import recordable_types
from service.review import TrailEntry, audit_trail
from web.cases import csv_response
from web.console.auth import Console, checked_form
from web.console.case_sections import case_sections
from web.console.event_forms import closing
from web.console.rendering import page, words_for
from web.console.timeline_svg import legend, timeline_svg
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)
TRAIL_SHOWN = 50  # the newest entries; a long case's deliveries would fill pages


@router.get("/cases/{case}")
def case_page(request: Request, case: str, session: Console) -> Response:
    """`?trail=all` and `?messages=all` show every line; `?recorded=N` confirms entry N."""
    store, moment, words = store_of(request), now(), words_for(request)
    trail, messages = request.query_params.get("trail"), request.query_params.get("messages")
    recorded = request.query_params.get("recorded", "")
    view = case_view(store, session.actor, case, moment)
    entries: list[TrailEntry] | None
    try:
        entries = audit_trail(store, session.actor, case, moment)
    except NotAllowedError:
        entries = None  # a manager reads the case, not its trail
    physicians = (
        case_physicians(store, session.actor, view.case_id)
        if session.actor.role in ORGANISERS
        else None
    )
    shown = entries if entries is None or trail == "all" else entries[-TRAIL_SHOWN:]
    return page(
        request,
        "case.html",
        session=session,
        view=view,
        picture=timeline_svg(view, words),
        legend=legend(words),
        trail=shown,
        trail_length=len(entries) if entries is not None else 0,
        recordable=recordable_types(session.actor),
        changeable=changeable(session.actor, view),
        voidable=voidable(session.actor, view),
        physicians=physicians,
        closing=closing(session.actor),
        diary_shared=is_shared_with(store, session.actor, view.employee_key),
        just_recorded=next((e for e in view.log if str(e.seq) == recorded), None),
        sections=case_sections(
            request, session.actor, case, moment, None if messages == "all" else TRAIL_SHOWN
        ),
    )


@router.post("/cases/{case}/physician")
async def assign(request: Request, case: str, session: Console) -> Response:
    """HR names the case's physician: from then on they see the case and act on it."""
    form = await checked_form(request, session)
    assign_physician(store_of(request), session.actor, case, form.get("physician", ""))
    return RedirectResponse(f"/cases/{case}#physician-heading", status_code=303)


@router.get("/cases/{case}/audit.csv")
def audit_csv(request: Request, case: str, session: Console) -> Response:
    trail = audit_trail(store_of(request), session.actor, case, now())
    return csv_response(case, [entry.as_dict() for entry in trail])
