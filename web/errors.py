"""How the API answers an input error: the status its kind calls for, and the same one-line
reason the CLI prints, as `{"detail": ...}`. Never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from domain.errors import (
    BadInputError,
    ConflictError,
    InputError,
    NotAllowedError,
    NotFoundError,
    NotSignedInError,
)
from service.ports import CaseChangedError, KeyRotatedError
from service.recording import printable

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
    """A request that does not fit its schema, on one line: where and why, for each problem."""
    problems = []
    for problem in error.errors():
        if problem.get("type") == "json_invalid":
            reason = problem.get("ctx", {}).get("error", "")
            problems.append(f"the body is not valid JSON: {reason}")
            continue
        where = ".".join(str(part) for part in problem.get("loc", ()))
        problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "; ".join(problems) or "the request is not valid"


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
        if not _is_api(request):
            return status_page(request, error.status_code, str(error.detail))
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )

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


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")
