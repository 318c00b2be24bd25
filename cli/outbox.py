"""`reintegration outbox`: the messages the local outbox holds, for people without mail or chat
and for checking what was sent. HR and auditors see every message; anyone else sees only the
messages addressed to their own party (an employee: those of their own case)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cli.store_options import acting, store_options
from domain.roles import MAY_READ_EVERY_MESSAGE, Role


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

    actor = acting(args)
    path = outbox_path(args.data_dir)
    shown = [
        message
        for message in read_outbox(path)
        if _readable(message, actor.role, actor.name)
        and args.party in (None, message.get("party"))
        and (args.case is None or args.case in message.get("cases", ()))
    ]
    if args.last is not None:
        shown = shown[-args.last :] if args.last > 0 else []
    if args.json:
        for message in shown:
            print(json.dumps(message, ensure_ascii=False))
    elif not shown:
        print(f"No messages in the outbox {path}.")
    for message in shown if not args.json else ():
        cases = ", ".join(message.get("cases", ()))
        print(f"{message['at'][:16]}  to {message['party']} ({message['language']})  {cases}")
        print(f"  {message['subject']}")
        for line in message["body"].splitlines():
            print(f"    {line}" if line else "")
        for attachment in message.get("attachments", ()):
            print(f"    [attached: {attachment['name']}]")
        print()
    return 0


def _readable(message: dict[str, Any], role: Role, name: str) -> bool:
    if role in MAY_READ_EVERY_MESSAGE:
        return True
    if message.get("party") != role.value:
        return False
    if role is Role.EMPLOYEE:  # case keys are "<employee key>-<first sick day>"
        return all(case.rsplit("-", 1)[0] == name for case in message.get("cases", ()))
    return True
