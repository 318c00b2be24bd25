"""`/cases/{case}/riv`: the reintegration report's parts, each with its dates and who recorded
them or "missing", and the open steps it needs (for whoever may read the case)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.riv import riv_report
from web.console.auth import Console
from web.console.rendering import page
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case}/riv")
def riv_page(request: Request, case: str, session: Console) -> Response:
    report = riv_report(store_of(request), session.actor, case, now())
    return page(request, "riv.html", session=session, report=report)
