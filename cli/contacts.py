"""`reintegration contacts`: how an employee's parties are reached. Lists the routes masked,
adds routes, and removes one that no longer works (as `cases` shows)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.recording import contact_options, contacts_of
from cli.store_options import now, open_store, signed_in, store_options


def add_to(commands: Any) -> None:
    contacts = commands.add_parser(
        "contacts",
        parents=[store_options()],
        help="list, add or remove how an employee's parties are reached (targets shown masked)",
    )
    contacts.add_argument("employee", help="the employee's key")
    contact_options(contacts, "add")
    contacts.add_argument(
        "--remove", type=int, action="append", default=[], metavar="N", help="remove route N"
    )
    contacts.add_argument(
        "--test", type=int, metavar="N", help="send route N a test message and say if it arrived"
    )
    contacts.set_defaults(run=run_contacts)


def run_contacts(args: argparse.Namespace) -> int:
    from service.contacts import (  # noqa: PLC0415
        add_contacts,
        list_contacts,
        remove_contact,
        try_route,
    )

    added = contacts_of(args)
    with open_store(args) as store:
        actor = signed_in(store)
        for number in args.remove:
            remove_contact(store, actor, args.employee, number, now())
        if added:
            add_contacts(store, actor, args.employee, added, now())
        tried = None if args.test is None else try_route(store, actor, args.employee, args.test)
        routes = list_contacts(store, actor, args.employee)
    if not routes:
        print(f"{args.employee} has no routes of their own: reminders follow the organisation's.")
    for route in routes:
        print(f"{route.number:>4}  {route.party:<9}  {route.language}  {route.target}")
    if tried is None:
        return 0
    if tried.delivered:
        print(f"Test message to route {args.test} ({tried.target}) was delivered.")
        return 0
    print(f"Test message to route {args.test} ({tried.target}) failed: {tried.error}")
    return 1
