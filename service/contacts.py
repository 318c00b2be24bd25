"""How an employee's parties are reached: their own routes (Apprise URLs, which hold secrets).
HR lists them masked, adds them, and removes one that no longer works."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import NotFoundError, quoted
from domain.roles import MAY_RECORD, require_may_record
from notifications.apprise_sink import redacted
from notifications.messages import try_out_message
from notifications.route_hosts import check_route_host
from notifications.routing import sink_of
from notifications.sinks import DeliveryFailedError
from service.case_file import Actor
from service.ports import Changer, Contact, EmployeeRecord, Store
from service.recording import check_contacts
from service.visibility import require_manages


@dataclass(frozen=True)
class ShownRoute:
    number: int  # what `remove` takes
    party: str
    language: str
    target: str  # masked

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "party": self.party,
            "language": self.language,
            "target": self.target,
        }


def list_contacts(store: Store, actor: Actor, employee_key: str) -> list[ShownRoute]:
    employee = _employee(store, actor, employee_key)
    return [
        ShownRoute(route.id, route.party, route.language, redacted(route.url))
        for route in store.contacts.of_employee(employee.id)
    ]


def add_contacts(
    store: Store, actor: Actor, employee_key: str, contacts: Sequence[Contact], now: dt.datetime
) -> None:
    """Add routes to an employee who has a case; routes they already have are skipped. Each
    added route enters the trail of the employee's cases, masked."""
    employee = _employee(store, actor, employee_key)
    check_contacts(contacts)
    store.contacts.add(employee.id, contacts, Changer(actor.name, actor.role.value, now))


def remove_contact(
    store: Store, actor: Actor, employee_key: str, number: int, now: dt.datetime
) -> None:
    employee = _employee(store, actor, employee_key)
    if not store.contacts.remove(employee.id, number, Changer(actor.name, actor.role.value, now)):
        raise NotFoundError(
            f"{employee_key} has no contact route {number} (see: contacts {employee_key})"
        )


def _employee(store: Store, actor: Actor, employee_key: str) -> EmployeeRecord:
    require_may_record(actor.role, "reported_sick")  # who may open a case may say how to reach it
    employee = store.cases.find_employee(employee_key)
    require_manages(actor, employee, employee_key)
    if employee is None:
        raise NotFoundError(f"no employee {quoted(employee_key)}")
    return employee


def may_keep_contacts(actor: Actor) -> bool:
    """Whether `actor`'s role lists, adds and removes routes (for whom: see `_employee`)."""
    return actor.role in MAY_RECORD["reported_sick"]


@dataclass(frozen=True)
class TryOut:
    target: str  # masked
    error: str | None  # None: the target took the message

    @property
    def delivered(self) -> bool:
        return self.error is None


def try_route(store: Store, actor: Actor, employee_key: str, number: int) -> TryOut:
    """Send one plain test message through route `number` of the employee, the way the
    dispatcher sends reminders. It is no reminder, so no delivery of it enters the trail; it
    is filed under the employee's latest case (in the outbox, where that is the route)."""
    employee = _employee(store, actor, employee_key)
    route = next((r for r in store.contacts.of_employee(employee.id) if r.id == number), None)
    if route is None:
        raise NotFoundError(f"{employee.key} has no contact route {number}")
    check_route_host(route.url)  # a route stored before the rule is not tried either
    latest = store.cases.latest_case_of(employee.id)
    case_key = latest.case.key if latest else employee.key
    name, first_name = employee.display_name, employee.first_name
    message = try_out_message(case_key, name, route.party, route.language, first_name)
    sink = sink_of(route.url)
    try:
        sink.send(message)
    except DeliveryFailedError as failure:
        return TryOut(redacted(route.url), str(failure))
    return TryOut(redacted(route.url), None)
