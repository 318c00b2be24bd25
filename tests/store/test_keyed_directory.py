"""The sealed directory: who acts and who sees what cannot be written in by hand. Each change
below is made with plain SQL, as someone with database rights but without the key would make
it; each grants nothing, and `verify` reports it on its own line."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from adapters.store.case_store import CaseStore
from domain.errors import NotFoundError, NotSignedInError
from domain.roles import Role
from service import diary
from service.accounts import (
    TokenRequest,
    authenticate,
    create_token,
    hash_password,
    revoke_token,
    set_disabled,
    set_password,
    sign_in,
    token_digest,
)
from service.case_file import Actor
from service.ports import NewAccount, NewEmployee, StoreTamperedError
from service.recording import ReportSick, report_sick
from service.review import open_cases, verify
from service.visibility import require_visible
from tests.organisation import ADMIN, COACH, JAN, MANAGER, PHYSICIAN, SINCE, token_for
from tests.store.conftest import AUDITOR, HR, NOW

CASE = "E1042-20260105"
BEHIND = "behind the application's back"
PASSWORD = "a long enough password"  # noqa: S105 (the tests' own)


@pytest.fixture
def jan_sick(store: CaseStore) -> CaseStore:
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-01-05"}), NOW)
    return store


def sql(store: CaseStore, statement: str, **values: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(statement), values)


def problems(store: CaseStore) -> list[str]:
    return verify(store, AUDITOR)[1]


def test_everything_the_application_writes_in_the_directory_passes_verify(
    jan_sick: CaseStore,
) -> None:
    store = jan_sick
    store.directory.add_team("Verkoop")
    store.directory.assign_employee(NewEmployee("E1042", "Jan Jansen"), "Verkoop", MANAGER.name)
    store.directory.assign_physician(CASE, PHYSICIAN.name)
    made = create_token(store, HR, TokenRequest(HR.name, dt.timedelta(days=30)), NOW)
    revoke_token(store, HR, made.record.id, NOW)
    assert set_password(store, ADMIN, HR.name, PASSWORD, NOW) == 0  # the one token was revoked
    set_disabled(store, ADMIN, MANAGER.name, True)
    set_disabled(store, ADMIN, MANAGER.name, False)
    diary.share(store, JAN, PHYSICIAN.name)
    diary.share(store, JAN, COACH.name)
    diary.unshare(store, JAN, COACH.name)
    hr_id = store.directory.account(HR.name).id
    for session in ("a" * 64, "b" * 64):
        store.sessions.add(session, hr_id, NOW)
    store.sessions.end("a" * 64)
    assert problems(store) == []
    assert sign_in(store, HR.name, PASSWORD).name == HR.name


def test_a_token_written_in_by_hand_does_not_sign_in(store: CaseStore) -> None:
    token = "rtk_" + "x" * 43
    hr_id = store.directory.account(HR.name).id
    sql(
        store,
        "INSERT INTO api_token (account_id, digest, label, created_at, mac) "
        "VALUES (:account, :digest, '', :now, '')",
        account=hr_id,
        digest=token_digest(token),
        now=NOW,
    )
    with pytest.raises(NotSignedInError):
        authenticate(store, token, NOW)
    [token_id] = [t.id for t in store.directory.tokens(HR.name)]
    assert problems(store) == [
        f"token {token_id} of 'anna.hr' was added, extended or un-revoked {BEHIND}"
    ]


def test_a_revoked_token_revived_or_an_expiry_moved_by_hand_stays_refused(
    store: CaseStore,
) -> None:
    revoked = create_token(store, HR, TokenRequest(HR.name), NOW)
    revoke_token(store, HR, revoked.record.id, NOW)
    expiring = create_token(store, HR, TokenRequest(HR.name, dt.timedelta(days=1)), NOW)
    sql(store, "UPDATE api_token SET revoked_at = NULL WHERE id = :id", id=revoked.record.id)
    later = NOW + dt.timedelta(days=400)
    sql(
        store,
        "UPDATE api_token SET expires_at = :later WHERE id = :id",
        later=later,
        id=expiring.record.id,
    )
    for made in (revoked, expiring):
        with pytest.raises(NotSignedInError):
            authenticate(store, made.token, NOW + dt.timedelta(days=2))
    assert problems(store) == [
        f"token {made.record.id} of 'anna.hr' was added, extended or un-revoked {BEHIND}"
        for made in (revoked, expiring)
    ]


def test_a_role_or_a_password_changed_by_hand_is_refused_and_reported(store: CaseStore) -> None:
    manager_token = token_for(store, MANAGER.name)
    sql(store, "UPDATE account SET role = 'hr' WHERE login = :login", login=MANAGER.name)
    with pytest.raises(StoreTamperedError, match=r"account 'mark\.manager': its role"):
        authenticate(store, manager_token, NOW)
    sql(
        store,
        "UPDATE account SET password_hash = :hash WHERE login = :login",
        hash=hash_password(PASSWORD),
        login=HR.name,
    )
    with pytest.raises(StoreTamperedError):
        sign_in(store, HR.name, PASSWORD)
    assert problems(store) == [  # in the order the accounts were added
        f"account 'mark.manager': its role, password or state was changed {BEHIND}",
        f"account 'anna.hr': its role, password or state was changed {BEHIND}",
    ]


def test_a_manager_written_in_by_hand_sees_nothing(jan_sick: CaseStore) -> None:
    store = jan_sick
    added = store.directory.add_account(NewAccount("olaf", "Olaf", Role.MANAGER, None, SINCE))
    olaf = Actor("olaf", Role.MANAGER, account_id=added.id)
    sql(store, "UPDATE employee SET manager_id = :olaf WHERE key = 'E1042'", olaf=added.id)
    assert open_cases(store, olaf, NOW) == []
    assert open_cases(store, MANAGER, NOW) == []  # a broken seal grants nobody anything
    stored = store.cases.load(CASE)
    with pytest.raises(NotFoundError):
        require_visible(store, olaf, stored.case, stored.employee)
    assert problems(store) == [
        f"employee E1042: their account, manager or team was changed {BEHIND}"
    ]


def test_an_account_bound_to_an_employee_by_hand_is_not_theirs(jan_sick: CaseStore) -> None:
    store = jan_sick
    store.directory.add_account(NewAccount("piet", "Piet", Role.EMPLOYEE, None, SINCE, "E2000"))
    sql(store, "UPDATE employee SET account_id = NULL WHERE key = 'E2000'")
    piet = store.directory.account("piet").id
    sql(store, "UPDATE employee SET account_id = :piet WHERE key = 'E1042'", piet=piet)
    stored = store.cases.load(CASE)
    for login in (JAN.name, "piet"):
        signed_in = authenticate(store, token_for(store, login), NOW)
        assert signed_in.employee_key is None
        with pytest.raises(NotFoundError):
            require_visible(store, signed_in, stored.case, stored.employee)
    assert problems(store) == [
        f"employee E1042: their account, manager or team was changed {BEHIND}",
        f"employee E2000: their account, manager or team was changed {BEHIND}",
    ]


def test_a_physician_assigned_by_hand_sees_nothing(jan_sick: CaseStore) -> None:
    store = jan_sick
    case_id = store.cases.load(CASE).case.id
    physician = store.directory.account(PHYSICIAN.name).id
    sql(
        store,
        "INSERT INTO case_physician (case_id, account_id, mac) VALUES (:case, :physician, '')",
        case=case_id,
        physician=physician,
    )
    assert store.directory.assigned_case_ids(PHYSICIAN.name) == set()
    assert store.directory.physicians_of(case_id) == []
    assert open_cases(store, PHYSICIAN, NOW) == []
    assert problems(store) == [f"case {CASE}: physician 'dr.bakker' was assigned to it {BEHIND}"]


def test_the_application_never_seals_over_a_change_made_by_hand(jan_sick: CaseStore) -> None:
    store = jan_sick
    sql(store, "UPDATE account SET role = 'hr' WHERE login = :login", login=MANAGER.name)
    with pytest.raises(StoreTamperedError):
        set_disabled(store, ADMIN, MANAGER.name, True)
    sql(store, "UPDATE employee SET manager_id = NULL WHERE key = 'E1042'")
    with pytest.raises(StoreTamperedError):
        store.directory.assign_employee(NewEmployee("E1042", "Jan Jansen"), None, None)
    assert len(problems(store)) == 2


def test_a_diary_reader_written_in_by_hand_reads_nothing(store: CaseStore) -> None:
    jan = store.cases.find_employee("E1042")
    assert jan is not None
    sql(
        store,
        "INSERT INTO diary_reader (employee_id, reader, role, mac) VALUES (:jan, 'coach.co', "
        "'coach', '')",
        jan=jan.id,
    )
    assert store.diary.readers(jan.id) == []
    assert store.diary.shared_with(COACH.name, "coach") == []
    with pytest.raises(NotFoundError):  # the coach knows of no Jan
        diary.read(store, COACH, "E1042", NOW)
    with pytest.raises(StoreTamperedError):
        diary.share(store, JAN, COACH.name)  # never sealed over
    assert problems(store) == [f"the diary of E1042: reader 'coach.co' was added {BEHIND}"]


def test_a_reader_finds_the_diaries_shared_with_them(store: CaseStore) -> None:
    """By login and role, ordered by name; gone again once unshared."""
    store.directory.assign_employee(NewEmployee("E2000", "Anna Aalders"), None, None)
    diary.share(store, JAN, COACH.name)
    diary.share(store, Actor("e2000", Role.EMPLOYEE, employee_key="E2000"), COACH.name)
    found = store.diary.shared_with(COACH.name, "coach")
    assert found == [("E2000", "Anna Aalders"), ("E1042", "Jan Jansen")]
    assert store.diary.shared_with(COACH.name, "physician") == []
    diary.unshare(store, JAN, COACH.name)
    assert store.diary.shared_with(COACH.name, "coach") == [("E2000", "Anna Aalders")]
