"""How an employee's parties are reached: their own routes (Apprise URLs, which hold secrets).
HR lists them masked, adds them, and removes one that no longer works."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.store.case_store import CaseStore, Contact
from adapters.store.tables import Employee
from domain.errors import BadInputError
from domain.roles import require_may_record
from notifications.apprise_sink import redacted
from service.recording import Actor, ReportSick, check_employee


@dataclass(frozen=True)
class ShownRoute:
    number: int  # what `remove` takes
    party: str
    language: str
    target: str  # masked


def list_contacts(store: CaseStore, actor: Actor, employee_key: str) -> list[ShownRoute]:
    employee = _employee(store, actor, employee_key)
    assert employee.id is not None
    return [
        ShownRoute(route.id or 0, route.party, route.language, redacted(route.url))
        for route in store.contacts_of(employee.id)
    ]


def add_contacts(
    store: CaseStore, actor: Actor, employee_key: str, contacts: tuple[Contact, ...]
) -> None:
    """Add routes to an employee who has a case; routes they already have are skipped."""
    _employee(store, actor, employee_key)
    check_employee(ReportSick(employee_key, "-", {}, contacts=contacts))
    store.add_contacts(employee_key, contacts)


def remove_contact(store: CaseStore, actor: Actor, employee_key: str, number: int) -> None:
    employee = _employee(store, actor, employee_key)
    assert employee.id is not None
    if not store.remove_contact(employee.id, number):
        raise BadInputError(
            f"{employee_key} has no contact route {number} (see: contacts {employee_key})"
        )


def _employee(store: CaseStore, actor: Actor, employee_key: str) -> Employee:
    require_may_record(actor.role, "reported_sick")  # who may open a case may say how to reach it
    employee = store.find_employee(employee_key)
    if employee is None:
        raise BadInputError(f"no employee {employee_key!r}")
    return employee
