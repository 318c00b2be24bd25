"""`reintegration dispatch`: send the reminders that are due now, without Prefect (for cron, or
to send now), and say what went out or, when nothing, when the next reminder goes out."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from adapters.amsterdam_time import AMSTERDAM
from cli.store_options import now, open_store, store_options
from domain.errors import BadInputError


def add_to(commands: Any) -> None:
    dispatch = commands.add_parser(
        "dispatch",
        parents=[store_options()],
        help="send the reminders due now, without Prefect (for cron, or to send now)",
        description="Sends every reminder due at this moment to each party's routes (their own, "
        "the organisation's routes.toml, else the local outbox), as the Prefect deployment does.",
    )
    dispatch.add_argument(
        "--now",
        help="send as of this moment, e.g. 2027-01-04T09:00 (Amsterdam time unless it names "
        "an offset; default: the real clock)",
    )
    dispatch.set_defaults(run=run_dispatch)


def run_dispatch(args: argparse.Namespace) -> int:
    from adapters.store.database import outbox_path, routes_path  # noqa: PLC0415
    from notifications.routing import load_router  # noqa: PLC0415
    from notifications.sinks import OutboxSink  # noqa: PLC0415
    from service.dispatch import Dispatcher, party_routes  # noqa: PLC0415

    moment = _moment(args.now) if args.now else now()
    router = load_router(routes_path(args.data_dir), OutboxSink(outbox_path(args.data_dir)))
    with open_store(args) as store:
        report = Dispatcher(store, party_routes(store, router)).dispatch_due(moment)
        planned = store.reminders.next_pending()
    print("\n".join(report.lines(planned, moment)))
    return 0


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadInputError(
            f"--now {text[:40]!r} is not a moment such as 2027-01-04T09:00"
        ) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)).astimezone(dt.UTC)
