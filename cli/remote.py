"""The CLI as a client of `reintegration web`. With $REINTEGRATION_URL set, and no --database-url
or --data-dir on the command line, the commands the REST API serves (`cases`, `report-sick`,
`record`, `propose-build-up`, `audit`, `diary add|show|chart`) send their request to that server as
the account of $REINTEGRATION_TOKEN and print the answer exactly as they print a local store's.
Every other store command says that it needs a local store, rather than quietly opening one."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cli.store_options import caller_token
from domain.errors import BadInputError, InputError, quoted

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

URL_VARIABLE = "REINTEGRATION_URL"
API = "/api/v1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def server_of(args: argparse.Namespace) -> str | None:
    """The server to talk to, or None for a local store (options on the command line win).
    Only https carries a token off this machine."""
    if getattr(args, "database_url", None) or getattr(args, "data_dir", None):
        return None
    url = os.environ.get(URL_VARIABLE, "").strip().rstrip("/")
    if not url:
        return None
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise BadInputError(f"${URL_VARIABLE} must not hold a user or password: the token signs in")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise BadInputError(
            f"${URL_VARIABLE} must use https:// for {parts.hostname}: plain http is only for "
            "a server on this machine (127.0.0.1), since the token travels with each request"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInputError(
            f"${URL_VARIABLE} must be an http:// or https:// URL, got {quoted(url)}"
        )
    return url


def refuse_remote(args: argparse.Namespace) -> None:
    """A command without an API endpoint, asked to work through a server, says so."""
    if server := server_of(args):
        raise BadInputError(
            f"`{args.command}` works on a local store only, not through the server {server}: "
            f"unset ${URL_VARIABLE}, or give --database-url or --data-dir"
        )


def call(
    server: str,
    method: str,
    path: str,
    body: Mapping[str, object] | None = None,
    idempotency_key: str | None = None,
) -> Any:
    """The JSON the server answers to `method path` as the caller's account; an error answer
    becomes the server's one-line reason (the CLI's own wording), exit 1. The standard
    library's client: httpx alone would take longer to load than the server takes to record
    (`bench/record_cli.py --server`), and a local store's command loads none of it."""
    from http.client import HTTPException  # noqa: PLC0415
    from urllib.error import HTTPError, URLError  # noqa: PLC0415
    from urllib.request import Request  # noqa: PLC0415

    headers = {"Authorization": f"Bearer {caller_token()}", "Accept": "application/json"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        url = f"{server}{API}{path}"  # http:// or https:// only (`server_of`)
        request = Request(url, data, headers, method=method)  # noqa: S310 (see above)
        with _unredirected().open(request, timeout=60) as response:
            answer = response.read()
    except HTTPError as error:
        with error:
            raise InputError(_reason(error.read(), error.code, error.reason)) from None
    except URLError as error:  # its reason names the connection, never the headers
        raise BadInputError(f"cannot reach the server at {server}: {error.reason}") from None
    except (OSError, HTTPException) as error:
        raise BadInputError(f"cannot reach the server at {server}: {error}") from None
    except ValueError:  # a URL or header http.client refuses
        raise BadInputError(f"cannot send this request to {server}") from None
    try:
        return json.loads(answer)
    except ValueError:
        raise BadInputError(
            f"the server at {server} did not answer with JSON: is it `reintegration web`?"
        ) from None


@cache
def _unredirected() -> OpenerDirector:
    """A client that takes a redirect as the answer: following it would send the token
    elsewhere."""
    from urllib.request import HTTPRedirectHandler, build_opener  # noqa: PLC0415

    class Unredirected(HTTPRedirectHandler):
        def redirect_request(self, *_: Any) -> None:
            return None

    return build_opener(Unredirected)


def _reason(answer: bytes, status: int, phrase: str) -> str:
    try:
        found = json.loads(answer)
    except ValueError:
        found = None
    detail = found.get("detail") if isinstance(found, dict) else None
    if isinstance(detail, str):
        return detail
    return f"the server answered {status} {phrase}"
