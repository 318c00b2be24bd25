"""`reintegration web`: the REST API and the web console (see `web/`) on the store the options
name."""

from __future__ import annotations

import argparse
from typing import Any

from cli.store_options import open_store, store_options


def add_to(commands: Any) -> None:
    web = commands.add_parser(
        "web",
        parents=[store_options()],
        help="serve the web console (/) and the REST API (/api/v1, docs at /api/docs)",
    )
    web.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    web.add_argument("--port", type=int, default=8000, help="the port to listen on")
    web.set_defaults(run=run_web)


def run_web(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 (only this command serves HTTP)

    from adapters.store.database import database_url  # noqa: PLC0415
    from web.app import create_app  # noqa: PLC0415

    with open_store(args):  # a store that cannot be opened is refused on one line, here
        pass
    url = database_url(args.database_url, args.data_dir)
    uvicorn.run(create_app(url, args.data_dir), host=args.host, port=args.port)
    return 0
