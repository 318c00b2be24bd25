"""`/verify`: the integrity check of every case (`reintegration verify`), for the roles that
may run it (HR and the auditor). The page offers the check; posting its form runs it and shows
the result in people's words, with every problem on its own line and when it ran."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from adapters.amsterdam_time import AMSTERDAM
from service.review import require_may_verify, verification
from web.console.auth import Console, checked_form
from web.console.rendering import page, words_for
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


@router.get("/verify")
def verify_page(request: Request, session: Console) -> Response:
    require_may_verify(session.actor)
    return page(request, "verify.html", session=session, result=None, ran_at="")


@router.post("/verify")
async def run_verify(request: Request, session: Console) -> Response:
    await checked_form(request, session)
    result = verification(store_of(request), session.actor, now())
    local = result.ran_at.astimezone(AMSTERDAM)
    words = words_for(request)
    ran_at = words("verify_ran_at", day=words.date(local.date()), time=f"{local:%H:%M:%S}")
    return page(request, "verify.html", session=session, result=result, ran_at=ran_at)
