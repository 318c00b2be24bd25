"""`reintegration contacts`: how an employee's parties are reached. Lists the routes masked,
adds routes, and removes one that no longer works (as `cases` shows)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.recording import contact_options, contacts_of
from cli.store_options import open_store, signed_in, store_options


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
    contacts.set_defaults(run=run_contacts)


def run_contacts(args: argparse.Namespace) -> int:
    from service.contacts import add_contacts, list_contacts, remove_contact  # noqa: PLC0415

    added = contacts_of(args)
    with open_store(args) as store:
        actor = signed_in(store)
        for number in args.remove:
            remove_contact(store, actor, args.employee, number)
        if added:
            add_contacts(store, actor, args.employee, added)
        routes = list_contacts(store, actor, args.employee)
    if not routes:
        print(f"{args.employee} has no routes of their own: reminders follow the organisation's.")
    for route in routes:
        print(f"{route.number:>4}  {route.party:<9}  {route.language}  {route.target}")
    return 0
