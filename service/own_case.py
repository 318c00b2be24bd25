"""What the employee's own pages show: their latest case as they see it, who to contact about
it (their manager and the case's physicians, by name), and whether their diary's signal is on;
and, for a coach, whose diaries are shared with them. Reads by the employee are not recorded
(see `service.case_file`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import NotAllowedError, NotFoundError, quoted
from domain.roles import MAY_BE_SHOWN_THE_DIARY, MAY_LIST_CASES, Role
from service.case_file import Actor
from service.case_view import CaseView, case_view
from service.ports import CaseStatus, EmployeeRecord, Store, StoredCase


@dataclass(frozen=True)
class OwnCase:
    employee_key: str
    view: CaseView | None  # None: never reported sick
    manager: str | None  # display names; None or empty when not known
    physicians: tuple[str, ...]
    diary_signal: bool


def own_case(store: Store, actor: Actor, now: dt.datetime) -> OwnCase:
    """The employee's latest case (open or recovered) and who to contact about it."""
    employee = own_employee(store, actor)
    latest = _latest_real_case(store, employee)
    view = None if latest is None else case_view(store, actor, latest.case.key, now)
    physicians: tuple[str, ...] = ()
    if latest is not None:
        logins = store.directory.physicians_of(latest.case.id)
        physicians = tuple(_display_name(store, login) for login in logins)
    manager = None
    if employee.manager_id is not None:
        manager = store.directory.account_by_id(employee.manager_id).display_name
    return OwnCase(employee.key, view, manager, physicians, employee.diary_signal)


def _latest_real_case(store: Store, employee: EmployeeRecord) -> StoredCase | None:
    """The employee's latest case that was not opened by mistake (voided)."""
    latest = store.cases.latest_case_of(employee.id)
    if latest is None or latest.case.status is not CaseStatus.VOID:
        return latest
    for key in sorted(store.cases.case_keys_of(employee.key), reverse=True):  # newest first
        stored = store.cases.load(key)
        if stored.case.status is not CaseStatus.VOID:
            return stored
    return None


def own_employee(store: Store, actor: Actor) -> EmployeeRecord:
    """The employee the signed-in employee account is; refused to every other role."""
    if actor.role is not Role.EMPLOYEE or actor.employee_key is None:
        raise NotAllowedError(f"only an employee has their own case, not the {actor.role} role")
    employee = store.cases.find_employee(actor.employee_key)
    if employee is None:
        raise NotFoundError(f"no employee {quoted(actor.employee_key)}: HR opens a case first")
    return employee


def _display_name(store: Store, login: str) -> str:
    try:
        return store.directory.account(login).display_name
    except NotFoundError:
        return login


def shared_with_me(store: Store, actor: Actor) -> list[tuple[str, str]]:
    """The diaries shared with the signed-in physician or coach: (employee key, name) each."""
    if actor.role not in MAY_BE_SHOWN_THE_DIARY:
        raise NotAllowedError(f"a diary is shared with a physician or a coach, not {actor.role}")
    return store.diary.shared_with(actor.name, actor.role.value)


def diary_owner(store: Store, actor: Actor, employee_key: str) -> str:
    """The name of the employee whose diary `actor` was just allowed to read (`diary.read`)."""
    if actor.is_employee(employee_key):
        return own_employee(store, actor).display_name
    return dict(shared_with_me(store, actor)).get(employee_key, employee_key)


class Home(StrEnum):
    """What a role's home page shows."""

    CASES = "cases"  # the open cases they may list (or, without any, a welcome)
    OWN_CASE = "own_case"
    SHARED_DIARIES = "shared_diaries"


def home_of(actor: Actor) -> Home:
    if actor.role is Role.EMPLOYEE:
        return Home.OWN_CASE
    if actor.role in MAY_BE_SHOWN_THE_DIARY and actor.role not in MAY_LIST_CASES:
        return Home.SHARED_DIARIES
    return Home.CASES
