"""Accounts and proof of identity, on the in-memory fakes: who may add accounts, what a token
proves and when it stops proving it, and that a password is only ever kept as a hash."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.errors import (
    BadInputError,
    ConflictError,
    NotAllowedError,
    NotFoundError,
    NotSignedInError,
)
from domain.roles import Role
from service.accounts import (
    TOKEN_PREFIX,
    TokenRequest,
    actor_of,
    add_account,
    add_team,
    assign_employee,
    assign_physician,
    authenticate,
    create_token,
    hash_password,
    password_matches,
    revoke_token,
    sign_in,
    unassign_physician,
)
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee
from service.recording import ReportSick, report_sick
from tests.fakes import FakeStore

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"  # noqa: S105 (a test password)


def account(login: str, role: Role, employee: str | None = None) -> NewAccount:
    return NewAccount(login, login.title(), role, None, NOW, employee)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def admin(store: FakeStore) -> Actor:
    return actor_of(add_account(store, None, account("root", Role.ADMIN)))


def test_the_first_account_of_an_empty_store_is_an_admin_added_without_signing_in(
    store: FakeStore,
) -> None:
    with pytest.raises(BadInputError, match="the first account of a store is an admin"):
        add_account(store, None, account("anna", Role.HR))
    add_account(store, None, account("root", Role.ADMIN))
    with pytest.raises(NotSignedInError, match="sign in as an admin"):
        add_account(store, None, account("eve", Role.ADMIN))


def test_only_an_admin_adds_accounts(store: FakeStore, admin: Actor) -> None:
    hr = actor_of(add_account(store, admin, account("anna", Role.HR)))
    with pytest.raises(NotAllowedError, match="the hr role may not add accounts"):
        add_account(store, hr, account("mallory", Role.PHYSICIAN))
    assert [a.login for a in store.directory.accounts()] == ["anna", "root"]


def test_a_login_is_unique_and_plain(store: FakeStore, admin: Actor) -> None:
    add_account(store, admin, account("anna", Role.HR))
    with pytest.raises(ConflictError, match="already an account 'anna'"):
        add_account(store, admin, account("anna", Role.MANAGER))
    with pytest.raises(BadInputError, match="login 'Anna Smit'"):
        add_account(store, admin, account("Anna Smit", Role.HR))


def test_an_employee_account_is_bound_to_exactly_one_employee(
    store: FakeStore, admin: Actor
) -> None:
    """Only an employee account names an employee, and it must; one account per employee."""
    with pytest.raises(BadInputError, match="an employee account names its employee"):
        add_account(store, admin, account("jan", Role.EMPLOYEE))
    with pytest.raises(BadInputError, match="an employee account names its employee"):
        add_account(store, admin, account("anna", Role.HR, employee="E1"))
    jan = actor_of(add_account(store, admin, account("jan", Role.EMPLOYEE, employee="E1042")))
    assert (jan.employee_key, jan.is_employee("E1042"), jan.is_employee("E2")) == (
        "E1042",
        True,
        False,
    )
    with pytest.raises(ConflictError, match="E1042 already has an account"):
        add_account(store, admin, account("jan2", Role.EMPLOYEE, employee="E1042"))


def test_a_token_proves_its_account_until_it_expires_is_revoked_or_the_account_is_disabled(
    store: FakeStore, admin: Actor
) -> None:
    add_account(store, admin, account("anna", Role.HR))
    day = dt.timedelta(days=1)
    made = create_token(store, admin, TokenRequest("anna", day, "integration"), NOW)
    assert made.token.startswith(TOKEN_PREFIX)
    assert made.token not in str(store.directory.token_rows)  # only its digest is kept
    assert authenticate(store, made.token, NOW) == Actor("anna", Role.HR, 2, None)
    with pytest.raises(NotSignedInError):
        authenticate(store, made.token, NOW + day)
    lasting = create_token(store, admin, TokenRequest("anna"), NOW).token
    assert authenticate(store, lasting, NOW + 1000 * day).name == "anna"
    store.directory.set_disabled("anna", True)
    with pytest.raises(NotSignedInError):
        authenticate(store, lasting, NOW)
    store.directory.set_disabled("anna", False)
    revoke_token(store, admin, store.directory.tokens("anna")[-1].id, NOW)
    with pytest.raises(NotSignedInError, match="unknown, expired or revoked"):
        authenticate(store, lasting, NOW)
    with pytest.raises(NotSignedInError):
        authenticate(store, "rtk_guessed", NOW)


def test_an_account_makes_and_revokes_only_its_own_tokens_an_admin_anyones(
    store: FakeStore, admin: Actor
) -> None:
    anna = actor_of(add_account(store, admin, account("anna", Role.HR)))
    add_account(store, admin, account("mark", Role.MANAGER))
    own = create_token(store, anna, TokenRequest("anna"), NOW)
    with pytest.raises(NotAllowedError, match="only an admin makes tokens for another"):
        create_token(store, anna, TokenRequest("mark"), NOW)
    marks = create_token(store, admin, TokenRequest("mark"), NOW)
    with pytest.raises(NotAllowedError, match="only an admin revokes"):
        revoke_token(store, anna, marks.record.id, NOW)
    revoke_token(store, anna, own.record.id, NOW)
    with pytest.raises(BadInputError, match="already revoked"):
        revoke_token(store, admin, own.record.id, NOW)
    with pytest.raises(BadInputError, match="expire in the future"):
        create_token(store, anna, TokenRequest("anna", dt.timedelta(0)), NOW)


def test_a_password_is_kept_as_a_salted_scrypt_hash() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$32768$8$3$")
    assert PASSWORD not in first
    assert first != second  # salted
    assert password_matches(first, PASSWORD)
    assert not password_matches(first, PASSWORD + "!")


def test_signing_in_gives_one_answer_for_an_unknown_login_a_wrong_password_and_a_disabled_account(
    store: FakeStore, admin: Actor
) -> None:
    """A guesser cannot tell which logins exist."""
    new = NewAccount("anna", "Anna", Role.HR, hash_password(PASSWORD), NOW)
    add_account(store, admin, new)
    assert sign_in(store, "anna", PASSWORD).name == "anna"
    refusals = []
    for login, password in (("anna", "wrong password!"), ("nobody", PASSWORD), ("root", "")):
        with pytest.raises(NotSignedInError) as refused:
            sign_in(store, login, password)
        refusals.append(str(refused.value))
    store.directory.set_disabled("anna", True)
    with pytest.raises(NotSignedInError) as refused:
        sign_in(store, "anna", PASSWORD)
    refusals.append(str(refused.value))
    assert set(refusals) == {"wrong login or password, or the account is disabled"}


def test_hr_or_an_admin_keeps_teams_managers_and_physicians_and_checks_their_roles(
    store: FakeStore, admin: Actor
) -> None:
    hr = actor_of(add_account(store, admin, account("anna", Role.HR)))
    manager = actor_of(add_account(store, admin, account("mark", Role.MANAGER)))
    add_account(store, admin, account("dr.bakker", Role.PHYSICIAN))
    add_team(store, hr, "Sales")
    with pytest.raises(NotAllowedError, match="the manager role may not add teams"):
        add_team(store, manager, "Mine")
    jan = assign_employee(store, hr, NewEmployee("E1042", "Jan Jansen"), "Sales", "mark")
    assert jan.manager_id == manager.account_id
    with pytest.raises(ConflictError, match=r"'dr\.bakker' is not a manager but physician"):
        assign_employee(store, hr, NewEmployee("E1042", "Jan"), None, "dr.bakker")
    with pytest.raises(BadInputError, match="name a team"):
        assign_employee(store, hr, NewEmployee("E1042", "Jan"), None, None)
    report_sick(store, hr, ReportSick("E1042", "Jan Jansen", {"date": "2026-03-02"}), NOW)
    assign_physician(store, hr, "E1042-20260302", "dr.bakker")
    with pytest.raises(ConflictError, match="'mark' is not a physician but manager"):
        assign_physician(store, hr, "E1042-20260302", "mark")
    with pytest.raises(NotAllowedError, match="may not assign a physician"):
        assign_physician(store, manager, "E1042-20260302", "dr.bakker")
    case = store.cases.load("E1042-20260302").case
    assert store.directory.physicians_of(case.id) == ["dr.bakker"]
    with pytest.raises(NotAllowedError, match="may not assign a physician"):
        unassign_physician(store, manager, "E1042-20260302", "dr.bakker")
    unassign_physician(store, hr, "E1042-20260302", "dr.bakker")  # another took over
    assert store.directory.physicians_of(case.id) == []
    with pytest.raises(NotFoundError, match=r"'dr\.bakker' is not a physician of case"):
        unassign_physician(store, hr, "E1042-20260302", "dr.bakker")
