"""Accounts, teams, who manages whom, which physician sees which case, and bearer tokens.
Each account, token, employee's relations and physician's assignment is sealed under the
store's key (`seals.py`); a row whose seal fails grants nothing, and no write seals over one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy import select as columns_of
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from adapters.keys import StoreKey
from adapters.store import seals
from adapters.store.hash_chain import as_utc
from adapters.store.records import (
    employee_record,
    relations_intact,
    seal_relations,
    stored_id,
)
from adapters.store.store_seal import check_key, rotated_since
from adapters.store.tables import (
    Account,
    ApiToken,
    CasePhysician,
    CaseRow,
    Employee,
    Team,
    table_of,
)
from domain.errors import ConflictError, NotFoundError, quoted, shown
from domain.roles import Role
from service.ports import (
    AccountRecord,
    EmployeeRecord,
    NewAccount,
    NewEmployee,
    StoreTamperedError,
    TokenRecord,
)


class SqlDirectory:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def has_accounts(self) -> bool:
        with self._session() as session:
            return session.exec(select(Account.id).limit(1)).first() is not None

    def add_account(self, account: NewAccount) -> AccountRecord:
        with self._session() as session:
            check_key(session, self._key)
            row = Account(
                login=account.login,
                display_name=account.display_name,
                role=account.role.value,
                password_hash=account.password_hash,
                created_at=account.created_at,
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                raise ConflictError(
                    f"there is already an account {quoted(account.login)}"
                ) from None
            row.mac = self._key.mac(seals.account(row.model_dump()))
            employee = None
            if account.employee_key is not None:
                employee = self._employee(session, account.employee_key, account.display_name)
                if employee.account_id is not None:
                    raise ConflictError(f"employee {account.employee_key} already has an account")
                employee.account_id = stored_id(row)
                seal_relations(employee, self._key)
            session.commit()
            return self._account(row, employee)

    def account(self, login: str) -> AccountRecord:
        with self._session() as session:
            return self._account(*_account_row(session, login))

    def account_by_id(self, account_id: int) -> AccountRecord:
        with self._session() as session:
            row = session.get(Account, account_id)
            if row is None:
                raise NotFoundError(f"no account with id {account_id}")
            return self._account(row, _employee_of(session, account_id))

    def accounts(self) -> list[AccountRecord]:
        with self._session() as session:
            rows = session.exec(
                select(Account, Employee)
                .join(Employee, col(Employee.account_id) == Account.id, isouter=True)
                .order_by(col(Account.login))
            )
            return [self._account(account, employee) for account, employee in rows]

    def set_disabled(self, login: str, disabled: bool) -> None:
        self._update(login, disabled=disabled)

    def set_password_hash(self, login: str, password_hash: str) -> None:
        self._update(login, password_hash=password_hash)

    def _update(self, login: str, **values: object) -> None:
        with self._session() as session:
            check_key(session, self._key)
            row, employee = _account_row(session, login)
            self._account(row, employee)  # refuses to seal over a broken seal
            row.sqlmodel_update(values)
            row.mac = self._key.mac(seals.account(row.model_dump()))
            session.commit()

    def add_team(self, name: str) -> None:
        with self._session() as session:
            session.add(Team(name=name))
            try:
                session.commit()
            except IntegrityError:
                raise ConflictError(f"there is already a team {quoted(name)}") from None

    def teams(self) -> list[tuple[str, int]]:
        with self._session() as session:
            rows = session.exec(
                select(Team.name, func.count(col(Employee.id)))
                .join(Employee, col(Employee.team_id) == Team.id, isouter=True)
                .group_by(col(Team.name))
                .order_by(col(Team.name))
            )
            return [(name, count) for name, count in rows]

    def employee_teams(self) -> dict[str, str]:
        with self._session() as session:
            rows = session.exec(
                select(Employee.key, Team.name).join(Team, col(Employee.team_id) == Team.id)
            )
            return dict(rows.all())

    def assign_employee(
        self, employee: NewEmployee, team: str | None, manager: str | None
    ) -> EmployeeRecord:
        with self._session() as session:
            check_key(session, self._key)
            row = self._employee(session, employee.key, employee.display_name)
            if not relations_intact(row.model_dump(), self._key):
                raise _tampered(f"employee {employee.key}: their relations were")
            if team is not None:
                found = session.exec(select(Team).where(Team.name == team)).first()
                if found is None:
                    raise NotFoundError(f"no team {quoted(team)}")
                row.team_id = found.id
            if manager is not None:
                account, _ = _account_row(session, manager)
                if account.role != Role.MANAGER:
                    raise ConflictError(f"{quoted(manager)} is not a manager but {account.role}")
                row.manager_id = account.id
            seal_relations(row, self._key)
            session.commit()
            return employee_record(row, self._key)

    def assign_physician(self, case_key: str, login: str) -> None:
        with self._session() as session:
            case = session.exec(select(CaseRow).where(CaseRow.key == case_key)).first()
            if case is None:
                raise NotFoundError(f"no case {shown(case_key)}")
            account, _ = _account_row(session, login)
            if account.role != Role.PHYSICIAN:
                raise ConflictError(f"{quoted(login)} is not a physician but {account.role}")
            check_key(session, self._key)
            assignment = CasePhysician(case_id=stored_id(case), account_id=stored_id(account))
            if session.get(CasePhysician, (assignment.case_id, assignment.account_id)) is None:
                assignment.mac = self._key.mac(seals.case_physician(assignment.model_dump()))
                session.add(assignment)
                session.commit()

    def unassign_physician(self, case_id: int, login: str) -> bool:
        with self._session() as session:
            account, _ = _account_row(session, login)
            found = session.get(CasePhysician, (case_id, stored_id(account)))
            if found is None:
                return False
            session.delete(found)
            session.commit()
            return True

    def physicians_of(self, case_id: int) -> list[str]:
        with self._session() as session:
            rows = session.exec(
                select(Account.login, CasePhysician)
                .join(CasePhysician, col(CasePhysician.account_id) == Account.id)
                .where(CasePhysician.case_id == case_id)
                .order_by(col(Account.login))
            )
            return [login for login, assignment in rows if self._intact(assignment)]

    def assigned_case_ids(self, login: str) -> set[int]:
        with self._session() as session:
            rows = session.execute(  # plain columns: a physician may have thousands of cases
                columns_of(*table_of(CasePhysician).columns)
                .join(Account, col(CasePhysician.account_id) == Account.id)
                .where(col(Account.login) == login)
            )
            return {row.case_id for row in rows if self._intact(row._mapping)}

    def _intact(self, assignment: Mapping[Any, Any] | CasePhysician) -> bool:
        """An assignment written in behind the application's back shows no case."""
        columns = assignment.model_dump() if isinstance(assignment, CasePhysician) else assignment
        return self._key.checks(seals.case_physician(columns), columns["mac"])

    def add_token(
        self,
        login: str,
        digest: str,
        label: str,
        created_at: dt.datetime,
        expires_at: dt.datetime | None,
    ) -> TokenRecord:
        with self._session() as session:
            check_key(session, self._key)
            account, _ = _account_row(session, login)
            row = ApiToken(
                account_id=stored_id(account),
                digest=digest,
                label=label,
                created_at=created_at,
                expires_at=expires_at,
            )
            session.add(row)
            session.flush()
            row.mac = self._key.mac(seals.token(row.model_dump()))
            session.commit()
            return _token(row, login)

    def token_account(self, digest: str) -> tuple[TokenRecord, AccountRecord] | None:
        with self._session() as session:
            found = session.exec(
                select(ApiToken, Account)
                .join(Account, col(ApiToken.account_id) == Account.id)
                .where(ApiToken.digest == digest)
            ).first()
            if found is None:
                return None
            token, account = found
            if not self._key.checks(seals.token(token.model_dump()), token.mac):
                if rotated := rotated_since(session.connection(), self._key):
                    raise rotated
                return None  # added, extended or un-revoked behind the application's back
            employee = _employee_of(session, stored_id(account))
            return _token(token, account.login), self._account(account, employee)

    def tokens(self, login: str | None = None) -> list[TokenRecord]:
        with self._session() as session:
            query = select(ApiToken, Account.login).join(
                Account, col(ApiToken.account_id) == Account.id
            )
            if login is not None:
                query = query.where(Account.login == login)
            rows = session.exec(query.order_by(col(ApiToken.id)))
            return [_token(token, owner) for token, owner in rows]

    def revoke_token(self, token_id: int, at: dt.datetime) -> bool:
        with self._session() as session:
            check_key(session, self._key)
            row = session.get(ApiToken, token_id)
            if row is None or row.revoked_at is not None:
                return False
            intact = self._key.checks(seals.token(row.model_dump()), row.mac)
            row.revoked_at = at
            if intact:  # a broken seal stays broken: the token stays refused
                row.mac = self._key.mac(seals.token(row.model_dump()))
            session.commit()
            return True

    def _employee(self, session: Session, key: str, display_name: str) -> Employee:
        """The employee `key`, added (under `display_name`) when not known yet."""
        row = session.exec(select(Employee).where(Employee.key == key)).first()
        if row is None:
            row = Employee(key=key, display_name=display_name)
            session.add(row)
            session.flush()
            seal_relations(row, self._key)
        return row

    def _account(self, row: Account, employee: Employee | None) -> AccountRecord:
        """The account's record; an account whose seal fails is refused, and an employee
        bound to it behind the application's back is not theirs."""
        if not self._key.checks(seals.account(row.model_dump()), row.mac):
            raise _tampered(f"account {row.login!r}: its role, password or state was")
        if employee is not None and not relations_intact(employee.model_dump(), self._key):
            employee = None
        return AccountRecord(
            id=stored_id(row),
            login=row.login,
            display_name=row.display_name,
            role=Role(row.role),
            disabled=row.disabled,
            employee_key=employee.key if employee else None,
            password_hash=row.password_hash,
        )


def _account_row(session: Session, login: str) -> tuple[Account, Employee | None]:
    row = session.exec(select(Account).where(Account.login == login)).first()
    if row is None:
        raise NotFoundError(f"no account {quoted(login)}")
    return row, _employee_of(session, stored_id(row))


def _employee_of(session: Session, account_id: int) -> Employee | None:
    return session.exec(select(Employee).where(Employee.account_id == account_id)).first()


def _tampered(what: str) -> StoreTamperedError:
    return StoreTamperedError(
        f"{what} changed behind the application's back: nothing is done with it; see "
        "`reintegration verify`"
    )


def _token(row: ApiToken, login: str) -> TokenRecord:
    return TokenRecord(
        id=stored_id(row),
        login=login,
        label=row.label,
        created_at=as_utc(row.created_at),
        expires_at=as_utc(row.expires_at) if row.expires_at else None,
        revoked_at=as_utc(row.revoked_at) if row.revoked_at else None,
    )
