"""Who is using the console: the session of the cookie (see `service.sessions`), the CSRF
token that every posted form carries, and the forms' bodies (URL-encoded, read here so that no
multipart parser is needed). A request without a live session is sent to sign in."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request
from fastapi.responses import Response

from domain.errors import BadInputError, NotAllowedError, printable
from service import sessions
from service.sessions import WebSession
from web.identity import now, store_of

SESSION_COOKIE = "session"
SIGN_IN_CSRF_COOKIE = "sign_in_csrf"  # a form without a session: a double-submitted token
MAX_FORM = 64 * 1024


def session_of(request: Request) -> WebSession:
    """The live session of the request's cookie; `NotSignedInError` (to sign in) otherwise."""
    return sessions.resume(store_of(request), request.cookies.get(SESSION_COOKIE, ""), now())


Console = Annotated[WebSession, Depends(session_of)]


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """HttpOnly, SameSite=Lax, path /, Secure when the request came over https (behind a proxy
    on the same host, uvicorn takes the scheme from X-Forwarded-Proto)."""
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="lax", secure=secure, path="/")


def new_sign_in_token() -> str:
    return secrets.token_urlsafe(32)


async def form_of(request: Request) -> dict[str, str]:
    """The posted fields (the last value of each); refused when too large or not UTF-8."""
    body = b""
    async for chunk in request.stream():  # stop reading at the limit, not after the whole body
        body += chunk
        if len(body) > MAX_FORM:
            raise BadInputError("the form is too large")
    try:
        fields = parse_qs(body.decode(), keep_blank_values=True, max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise BadInputError("the form could not be read") from None
    if any(not printable(name + value) for name, values in fields.items() for value in values):
        raise BadInputError("the form holds a control or formatting character")
    return {name: values[-1] for name, values in fields.items()}


async def checked_form(request: Request, session: WebSession) -> dict[str, str]:
    """The posted fields, after checking the form's CSRF token against the session's."""
    form = await form_of(request)
    sessions.check_csrf(session, form.get("csrf"))
    return form


async def sign_in_form(request: Request) -> dict[str, str]:
    form = await form_of(request)
    expected = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not expected or not sessions.tokens_match(expected, form.get("csrf")):
        raise NotAllowedError("the form's security token is missing or wrong; reload the page")
    return form
