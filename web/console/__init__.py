"""The web console: server-rendered pages under `/` for people signed in with a password (the
API under /api stays for bearer tokens). See `install`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from domain.errors import InputError, NotSignedInError
from service.sessions import WebSession
from web.console import (
    account_pages,
    case_page,
    contacts_page,
    dashboard_page,
    diary_pages,
    record_pages,
    recovery_pages,
    riv_page,
    verify_page,
)
from web.console.auth import SESSION_COOKIE, session_of
from web.console.rendering import HERE, page
from web.errors import status_of

TITLES = {403: "forbidden", 404: "not_found"}


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (
        account_pages,
        dashboard_page,
        case_page,
        record_pages,
        contacts_page,
        diary_pages,
        recovery_pages,
        riv_page,
        verify_page,
    ):
        app.include_router(module.router)


def error_page(request: Request, error: InputError) -> Response:
    """A refused request as a page: to sign in when there is no live session, else the
    one-line reason under a heading for its status; never a traceback."""
    if isinstance(error, NotSignedInError):
        response = RedirectResponse("/sign-in", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    status = status_of(error)
    return status_page(request, status, str(error))


def status_page(request: Request, status: int, reason: str) -> Response:
    """The page says why; the header keeps its sign-out button when there is a session."""
    heading = TITLES.get(status, "error")
    session = _session_if_any(request)
    return page(request, "error.html", status, heading=heading, reason=reason, session=session)


def _session_if_any(request: Request) -> WebSession | None:
    try:
        return session_of(request)
    except NotSignedInError:
        return None
