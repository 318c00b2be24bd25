"""The organisation the tests act in, on any store (the fakes or SQL): one account per role,
Jan Jansen (E1042) managed by mark.manager, and dr.bakker assigned to the cases he works on.

`organise` adds the manager's account first, so that it has id 1 in every fresh store: the
`MANAGER` actor below can then be a constant (a manager sees the cases of the employees whose
manager id is theirs)."""

from __future__ import annotations

import datetime as dt

from domain.roles import Role
from service.accounts import TokenRequest, actor_of, create_token
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee, Store

MANAGER = Actor("mark.manager", Role.MANAGER, account_id=1)
HR = Actor("anna.hr", Role.HR)
PHYSICIAN = Actor("dr.bakker", Role.PHYSICIAN)
AUDITOR = Actor("olga.auditor", Role.AUDITOR)
COACH = Actor("coach.co", Role.COACH)
JAN = Actor("jan", Role.EMPLOYEE, employee_key="E1042")
ADMIN = Actor("root", Role.ADMIN)
ACCOUNTS = (MANAGER, HR, PHYSICIAN, AUDITOR, COACH, JAN, ADMIN)  # in the order added
SINCE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def organise(store: Store) -> None:
    """Every account of `ACCOUNTS` (token-only), and E1042 managed by `MANAGER`."""
    for actor in ACCOUNTS:
        display = "Jan Jansen" if actor is JAN else actor.name
        added = store.directory.add_account(
            NewAccount(actor.name, display, actor.role, None, SINCE, actor.employee_key)
        )
        assert actor.account_id in (None, added.id), "the manager must be the first account"
    store.directory.assign_employee(NewEmployee("E1042", "Jan Jansen"), None, MANAGER.name)


def manage(store: Store, employee_key: str, display_name: str) -> None:
    """Make `MANAGER` the manager of one more employee."""
    store.directory.assign_employee(NewEmployee(employee_key, display_name), None, MANAGER.name)


def assign_physician(store: Store, case_key: str) -> None:
    store.directory.assign_physician(case_key, PHYSICIAN.name)


def token_for(store: Store, login: str) -> str:
    """A bearer token of the account `login` (made as the account itself)."""
    actor = actor_of(store.directory.account(login))
    return create_token(store, actor, TokenRequest(login), SINCE).token
