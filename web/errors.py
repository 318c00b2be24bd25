"""How the API answers an input error: the status its kind calls for, and the same one-line
reason the CLI prints, as `{"detail": ...}`. Never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from domain.errors import (
    BadInputError,
    ConflictError,
    InputError,
    NotAllowedError,
    NotFoundError,
    NotSignedInError,
    in_one_line,
    printable,
    shown,
)
from service.json_input import unreadable_json
from service.ports import CaseChangedError, KeyRotatedError

STATUS: tuple[tuple[type[InputError], int], ...] = (
    (NotSignedInError, 401),
    (NotAllowedError, 403),
    (NotFoundError, 404),
    (KeyRotatedError, 503),  # a conflict of this server's, not the caller's: restart it
    (ConflictError, 409),
    (BadInputError, 422),
)


def status_of(error: InputError) -> int:
    return next((code for kind, code in STATUS if isinstance(error, kind)), 422)


def answer(error: InputError) -> JSONResponse:
    body: dict[str, object] = {"detail": str(error)}
    if isinstance(error, CaseChangedError) and error.current_seq is not None:
        body["current_seq"] = error.current_seq
    code = status_of(error)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return JSONResponse(body, status_code=code, headers=headers)


def one_line(error: RequestValidationError) -> str:
    """A request that does not fit its schema, on one line: where and why, for the first few
    problems (a place may be a key of the body: it is echoed escaped and cut short)."""
    return in_one_line(error.errors(), _explain) or "the request is not valid"


def _explain(problem: Any) -> str:
    if problem.get("type") == "json_invalid":
        return f"the body is not valid JSON: {problem.get('ctx', {}).get('error', '')}"
    where = shown(".".join(str(part) for part in problem.get("loc", ())))
    return f"{where}: {problem.get('msg', 'invalid')}"


def unreadable_body(error: HTTPException) -> str:
    """FastAPI's own "error parsing the body", with the reason: a JSON body that `json.loads`
    refused other than for its syntax (a number of more than 4,300 digits, too deep)."""
    cause = error.__cause__
    if error.status_code == 400 and isinstance(cause, ValueError | RecursionError):
        return f"the body is not valid JSON: {unreadable_json(cause)}"
    return str(error.detail)


def install(
    app: FastAPI,
    page: Callable[[Request, InputError], Response],
    status_page: Callable[[Request, int, str], Response],
) -> None:
    """JSON answers under /api; pages (`page`, `status_page`) for the console elsewhere."""

    async def input_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, InputError)
        return answer(error) if _is_api(request) else page(request, error)

    async def invalid_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not _is_api(request):
            return status_page(request, 422, one_line(error))
        return JSONResponse({"detail": one_line(error)}, status_code=422)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        detail = unreadable_body(error)
        if not _is_api(request):
            return status_page(request, error.status_code, detail)
        return JSONResponse(
            {"detail": detail}, status_code=error.status_code, headers=error.headers
        )

    async def value_too_long(request: Request, error: Exception) -> Response:
        """What the database refuses that the store's own checks let through (PostgreSQL's
        "value too long"), as an input error on one line."""
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return await input_error(request, BadInputError(f"the store refused it: {reason}"))

    @app.middleware("http")
    async def refuse_control_characters(request: Request, call_next: Callable[..., Any]) -> Any:
        """A path or query with a control character (a NUL above all, which PostgreSQL cannot
        keep) is refused before anything reads it."""
        params = "".join(key + value for key, value in request.query_params.multi_items())
        if not printable(request.url.path + params):
            reason = "the address holds a control or formatting character"
            if _is_api(request):
                return JSONResponse({"detail": reason}, status_code=400)
            return status_page(request, 400, reason)
        return await call_next(request)

    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(DataError, value_too_long)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")
