"""Who sees which case, by their relation to it: HR and auditors every case, a manager the
cases of the employees they manage, a physician the cases assigned to them, an employee their
own; coaches and admins none (a coach reads only diaries shared with them). A case someone may
not see is answered as if it did not exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from domain.errors import NotFoundError, quoted
from domain.roles import Role
from service.ports import CaseFilter, CaseRecord, EmployeeRecord, Store

if TYPE_CHECKING:
    from service.case_file import Actor  # which imports this module

SEES_EVERY_CASE = frozenset({Role.HR, Role.AUDITOR})

Visible = Callable[[CaseRecord, EmployeeRecord], bool]


def visible_to(store: Store, actor: Actor) -> Visible:
    """A test of whether `actor` sees a case (one store query at most, for a whole list)."""
    if actor.role in SEES_EVERY_CASE:
        return lambda _case, _employee: True
    if actor.role is Role.MANAGER:
        return lambda _case, employee: _manages(actor, employee)
    if actor.role is Role.PHYSICIAN:
        assigned = store.directory.assigned_case_ids(actor.name)
        return lambda case, _employee: case.id in assigned
    if actor.role is Role.EMPLOYEE:
        return lambda _case, employee: actor.is_employee(employee.key)
    return lambda _case, _employee: False


def list_scope(store: Store, actor: Actor, as_of: dt.date) -> CaseFilter:
    """The cases open on `as_of` that `actor` sees, as a filter the store applies in SQL
    (the same rule as `visible_to`; lists are never an employee's)."""
    if actor.role in SEES_EVERY_CASE:
        return CaseFilter(as_of)
    if actor.role is Role.MANAGER and actor.account_id is not None:
        return CaseFilter(as_of, manager_id=actor.account_id)
    if actor.role is Role.PHYSICIAN:
        return CaseFilter(as_of, case_ids=frozenset(store.directory.assigned_case_ids(actor.name)))
    return CaseFilter(as_of, case_ids=frozenset())


def require_visible(store: Store, actor: Actor, case: CaseRecord, employee: EmployeeRecord) -> None:
    if actor.role is Role.PHYSICIAN:  # one case: its physicians, not all of theirs
        seen = actor.name in store.directory.physicians_of(case.id)
    else:
        seen = visible_to(store, actor)(case, employee)
    if not seen:
        raise NotFoundError(f"no case {quoted(case.key)}")


def sees_employee(store: Store, actor: Actor, employee: EmployeeRecord) -> bool:
    """Whether `actor` sees one of the employee's cases (so their refusals may say so)."""
    visible = visible_to(store, actor)
    cases = (store.cases.load(key) for key in sorted(store.cases.case_keys_of(employee.key)))
    return any(visible(stored.case, stored.employee) for stored in cases)


def require_manages(actor: Actor, employee: EmployeeRecord | None, key: str) -> None:
    """A manager acts only for the employees they manage (HR for anyone)."""
    if actor.role is Role.MANAGER and (employee is None or not _manages(actor, employee)):
        raise NotFoundError(f"no employee {quoted(key)} among those you manage")


def _manages(actor: Actor, employee: EmployeeRecord) -> bool:
    return actor.account_id is not None and employee.manager_id == actor.account_id
