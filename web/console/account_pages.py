"""Signing in and out, changing one's password, and choosing the language."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.errors import InputError, NotSignedInError
from service import sessions
from service.sessions import LockedOutError
from web.console.auth import (
    SESSION_COOKIE,
    SIGN_IN_CSRF_COOKIE,
    Console,
    checked_form,
    new_sign_in_token,
    set_cookie,
    sign_in_form,
)
from web.console.messages import LANGUAGES
from web.console.rendering import LANGUAGE_COOKIE, page
from web.identity import now, store_of

router = APIRouter(include_in_schema=False)


def _sign_in_page(request: Request, status: int = 200, **context: object) -> Response:
    token = new_sign_in_token()
    response = page(request, "sign_in.html", status, csrf=token, **context)
    set_cookie(request, response, SIGN_IN_CSRF_COOKIE, token)
    return response


@router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    return _sign_in_page(request, login="", problem=None)


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    form = await sign_in_form(request)
    login = form.get("login", "")
    try:
        address = request.client.host if request.client else ""
        password = form.get("password", "")
        session = sessions.start(store_of(request), login, password, now(), address)
    except LockedOutError:
        return _sign_in_page(request, 429, login=login, problem="locked")
    except NotSignedInError:
        return _sign_in_page(request, 401, login=login, problem="wrong_login")
    response = RedirectResponse("/", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, session.id)
    response.delete_cookie(SIGN_IN_CSRF_COOKIE, path="/")
    return response


@router.post("/sign-out")
async def sign_out(request: Request, session: Console) -> Response:
    await checked_form(request, session)
    sessions.end(store_of(request), session)
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/password")
def password_page(request: Request, session: Console) -> Response:
    return page(request, "password.html", session=session, problem=None, done=False)


@router.post("/password")
async def change_password(request: Request, session: Console) -> Response:
    form = await checked_form(request, session)
    current, new, repeat = (form.get(name, "") for name in ("current", "new", "repeat"))
    try:
        sessions.change_password(store_of(request), session, (current, new, repeat), now())
    except InputError as error:
        return page(request, "password.html", 422, session=session, problem=str(error), done=False)
    return page(request, "password.html", session=session, problem=None, done=True)


@router.get("/language/{language}")
def choose_language(request: Request, language: str, back: str = "/") -> Response:
    """A link in the header: the cookie remembers the choice; back to a page of this site."""
    local = back.startswith("/") and not back.startswith("//") and "\\" not in back
    response = RedirectResponse(back if local else "/", status_code=303)
    if language in LANGUAGES:
        set_cookie(request, response, LANGUAGE_COOKIE, language)
    return response
