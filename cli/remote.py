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
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cli.store_options import caller_token
from domain.errors import BadInputError, InputError, quoted

if TYPE_CHECKING:
    from urllib.error import HTTPError
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
    headers["User-Agent"] = "reintegration-cli"
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        url = f"{server}{API}{path}"  # http:// or https:// only (`server_of`)
        request = Request(url, data, headers, method=method)  # noqa: S310 (see above)
        with _client(server).open(request, timeout=60) as response:
            answer = response.read()
    except HTTPError as error:
        raise InputError(_reason(error)) from None
    except URLError as error:  # its reason names the connection, never the headers
        raise BadInputError(f"cannot reach the server at {server}: {error.reason}") from None
    except (OSError, HTTPException) as error:
        raise BadInputError(f"cannot reach the server at {server}: {error}") from None
    except ValueError:  # a URL or header http.client refuses
        raise BadInputError(f"cannot send this request to {server}") from None
    try:
        return json.loads(answer)
    except (ValueError, RecursionError):
        raise BadInputError(
            f"the server at {server} did not answer with JSON: is it `reintegration web`?"
        ) from None


def _client(server: str) -> OpenerDirector:
    """A client that takes a redirect as the answer (following it would send the token
    elsewhere), verifies certificates against the system's and certifi's authorities (as
    httpx did), and reaches a server on this machine without a proxy (plain http is for
    this machine only)."""
    import ssl  # noqa: PLC0415
    from urllib.request import (  # noqa: PLC0415
        HTTPRedirectHandler,
        HTTPSHandler,
        ProxyHandler,
        build_opener,
    )

    import certifi  # noqa: PLC0415

    class Unredirected(HTTPRedirectHandler):
        def redirect_request(self, *_: Any) -> None:
            return None

    handlers: list[Any] = [Unredirected()]
    if urlsplit(server).hostname in LOOPBACK:
        handlers.append(ProxyHandler({}))
    else:
        authorities = ssl.create_default_context()
        authorities.load_verify_locations(certifi.where())
        handlers.append(HTTPSHandler(context=authorities))
    return build_opener(*handlers)


def _reason(error: HTTPError) -> str:
    """The server's reason for an error answer; its status if it gives none in words."""
    from http import HTTPStatus  # noqa: PLC0415
    from http.client import HTTPException  # noqa: PLC0415

    with error:
        try:
            found = json.loads(error.read())
        except (OSError, HTTPException, ValueError, RecursionError):  # cut short, not JSON
            found = None
    detail = found.get("detail") if isinstance(found, dict) else None
    if isinstance(detail, str):
        return detail
    try:  # a status line may come without its words
        phrase = error.reason or HTTPStatus(error.code).phrase
    except ValueError:  # nor does HTTP name this status
        phrase = ""
    return f"the server answered {error.code} {phrase}".rstrip()
