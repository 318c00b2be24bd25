"""Who is calling: the account of the `Authorization: Bearer` token, on the server's clock.
Nobody names themselves: a body naming an actor, a role or a recording time is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from domain.errors import BadInputError, NotSignedInError
from service.accounts import authenticate
from service.case_file import Actor
from service.ports import Store

SELF_NAMING = ("actor", "role", "recorded_at")
_bearer = HTTPBearer(auto_error=False, description="a token from `reintegration login`")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def signed_in(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotSignedInError("sign in first: send Authorization: Bearer <token>")
    return authenticate(store_of(request), credentials.credentials, now())


def refuse_self_naming(body: Mapping[str, object]) -> None:
    if named := [key for key in SELF_NAMING if key in body]:
        raise BadInputError(
            f"{', '.join(named)}: who acts and when is the signed-in account and the server's "
            "clock, never part of a request"
        )


SignedIn = Annotated[Actor, Depends(signed_in)]
StoreDep = Annotated[Store, Depends(store_of)]
