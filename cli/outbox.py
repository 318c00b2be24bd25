"""`reintegration outbox`: the messages the local outbox holds, for people without mail or chat
and for checking what was sent. HR and auditors see every message; anyone else sees only the
messages addressed to their own party (an employee: those of their own case)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cli.store_options import open_store, signed_in, store_options
from domain.errors import escaped


def add_to(commands: Any) -> None:
    outbox = commands.add_parser(
        "outbox",
        parents=[store_options()],
        help="show the messages in the local outbox (the default channel)",
    )
    outbox.add_argument("--party", choices=("employee", "manager", "hr", "physician"))
    outbox.add_argument("--case", help="only messages about this case")
    outbox.add_argument("--last", type=int, metavar="N", help="only the N most recent messages")
    outbox.add_argument("--json", action="store_true", help="print JSON lines as stored")
    outbox.set_defaults(run=run_outbox)


def run_outbox(args: argparse.Namespace) -> int:
    from adapters.store.database import outbox_path  # noqa: PLC0415
    from notifications.sinks import read_outbox  # noqa: PLC0415
    from service.outbox import OutboxQuery, readable_messages  # noqa: PLC0415

    path = outbox_path(args.data_dir)
    with open_store(args) as store:
        actor = signed_in(store)
        query = OutboxQuery(args.party, args.case, args.last)
        shown = readable_messages(store, actor, read_outbox(path), query)
    if args.json:
        for message in shown:
            print(json.dumps(message, ensure_ascii=False))
    elif not shown:
        print(f"No messages in the outbox {path}.")
    for message in shown if not args.json else ():  # what a name in it holds, escaped
        cases = ", ".join(message.get("cases", ()))
        print(
            escaped(f"{message['at'][:16]}  to {message['party']} ({message['language']})  {cases}")
        )
        print(f"  {escaped(message['subject'])}")
        for line in message["body"].splitlines():
            print(f"    {escaped(line)}" if line else "")
        for attachment in message.get("attachments", ()):
            print(f"    [attached: {escaped(attachment['name'])}]")
        print()
    return 0
