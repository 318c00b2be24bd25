"""Employees, their cases and each case's hash-chained log. Every write is one transaction that
appends its entries and replaces the case's schedule of open steps and its reminder plan.

Writers use optimistic concurrency: a write names the version (`last_seq`) it was decided on and
succeeds only if the case is still at that version; otherwise it raises `CaseChangedError`. A
write holds the case row, checks the seals it is about to renew (the case's state and the head of
its trail), and renews them under the store's key; a case whose seals do not check out is not
written to (`StoreTamperedError`), so a write never seals over a change made behind its back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, delete, func, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from adapters.keys import StoreKey
from adapters.store.case_lists import open_case, open_case_page, open_cases_query, schedules
from adapters.store.contact_routes import add_routes
from adapters.store.hash_chain import GENESIS, entry_hash
from adapters.store.records import (
    case_record,
    employee_record,
    log_entry,
    seal_relations,
    stored_id,
)
from adapters.store.seals import case_identity, case_seals, case_state, case_trail
from adapters.store.store_seal import check_key, count_new_case, rotated_since
from adapters.store.tables import (
    OPEN_WHILE_SICK,
    CaseRow,
    Employee,
    EventLogRow,
    OpenStepRow,
    ReminderRow,
)
from domain.errors import NotFoundError, quoted
from service.ports import (
    CaseChangedError,
    CaseFilter,
    CaseUpdate,
    Changer,
    Contact,
    EmployeeRecord,
    KeyRotatedError,
    LogEntry,
    NewEmployee,
    NewEntry,
    OpenCase,
    OpenCasePage,
    ReminderStatus,
    StoredCase,
    StoreTamperedError,
)


class SqlCaseLog:
    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def find_employee(self, key: str) -> EmployeeRecord | None:
        with self._session() as session:
            row = session.exec(select(Employee).where(Employee.key == key)).first()
            return None if row is None else employee_record(row, self._key)

    def load(self, case_key: str) -> StoredCase:
        with self._session() as session:
            row = session.exec(select(CaseRow).where(CaseRow.key == case_key)).first()
            if row is None:
                raise NotFoundError(f"no case {quoted(case_key)}")
            return self._trusted(session, _stored(session, row, self._key), row)

    def latest_case_of(self, employee_id: int) -> StoredCase | None:
        with self._session() as session:
            latest = select(CaseRow).where(CaseRow.employee_id == employee_id)
            row = session.exec(latest.order_by(col(CaseRow.id).desc())).first()
            return (
                None
                if row is None
                else self._trusted(session, _stored(session, row, self._key), row)
            )

    def _trusted(self, session: Session, stored: StoredCase, row: CaseRow) -> StoredCase:
        """The case, unless its identity seal fails: a case moved to another employee (or
        renamed) behind the application's back is neither shown nor written to."""
        if not self._identity_intact(row.model_dump(), stored.employee.key):
            raise self._moved(session, row.key)
        return stored

    def _moved(self, session: Session, case_key: str) -> StoreTamperedError | KeyRotatedError:
        """Why a case's identity seal fails: a rotation since this process took its key, or
        a change made behind the application's back."""
        if rotated := rotated_since(session.connection(), self._key):
            return rotated
        return StoreTamperedError(
            f"case {case_key} does not match its seal: its employee or its key was changed "
            "behind the application's back; nothing is shown or recorded (see "
            "`reintegration verify`)"
        )

    def _identity_intact(self, case: Mapping[str, Any], employee_key: str) -> bool:
        return self._key.checks(case_identity(case, employee_key), case["identity_mac"])

    def case_keys_of(self, employee_key: str) -> set[str]:
        with self._session() as session:
            query = select(CaseRow.key).join(Employee).where(Employee.key == employee_key)
            return set(session.exec(query))

    def find_by_idempotency_key(self, key: str) -> tuple[str, LogEntry] | None:
        with self._session() as session:
            query = select(CaseRow.key, EventLogRow).join(CaseRow)
            found = session.exec(query.where(EventLogRow.idempotency_key == key)).first()
            return None if found is None else (found[0], log_entry(found[1]))

    def append(
        self, stored: StoredCase, entries: Sequence[NewEntry], change: CaseUpdate
    ) -> list[LogEntry]:
        """Append `entries` to the case if it is still at the version it was loaded at."""
        case = stored.case
        with self._session() as session, _conflicts_as(case.key):
            check_key(session, self._key)
            held = select(CaseRow).where(CaseRow.id == case.id).with_for_update()
            current = session.exec(held).one()
            if current.last_seq != case.last_seq:
                raise CaseChangedError(_changed(case.key))
            self._check_seals(session, current)
            rows = _chained(case.id, case.key, current.last_seq, current.head_hash, entries)
            head = {"last_seq": rows[-1].seq, "head_hash": rows[-1].hash}
            current.sqlmodel_update(_state(change) | head)
            columns = current.model_dump()
            current.state_mac = self._key.mac(case_state(columns))
            current.trail_mac = self._key.mac(case_trail(columns))
            session.add(current)
            _name(session, case.employee_id, change)
            _write(session, rows, change)
            session.commit()
            return [log_entry(row) for row in rows]

    def _check_seals(self, session: Session, case: CaseRow) -> None:
        columns = case.model_dump()
        employee_key = session.get_one(Employee, case.employee_id).key
        if not self._identity_intact(columns, employee_key):
            raise self._moved(session, case.key)
        if not (
            self._key.checks(case_state(columns), case.state_mac)
            and self._key.checks(case_trail(columns), case.trail_mac)
        ):
            raise StoreTamperedError(
                f"case {case.key} does not match its seal: its state or the end of its trail "
                "was changed behind the application's back; nothing was recorded (see "
                "`reintegration verify`)"
            )

    def open_case(
        self,
        employee: EmployeeRecord | NewEmployee,
        case_key: str,
        entries: Sequence[NewEntry],
        change: CaseUpdate,
        routes: Sequence[Contact] = (),
    ) -> list[LogEntry]:
        """Open a case for `employee` (created if new) if no one else opened one meanwhile."""
        with self._session() as session, _conflicts_as(case_key):
            count_new_case(session, self._key)
            employee_id = _claim_employee(session, employee, self._key)
            _name(session, employee_id, change)
            first = entries[0]
            add_routes(
                session,
                self._key,
                employee_id,
                routes,
                Changer(first.actor, first.role, first.recorded_at),
            )
            case = CaseRow(
                key=case_key,
                employee_id=employee_id,
                first_sick_day=change.first_sick_day,
                status=change.status.value,
            )
            case.sqlmodel_update(_state(change))  # the same state an append sets
            session.add(case)
            session.flush()
            rows = _chained(stored_id(case), case_key, 0, "", entries)
            case.last_seq, case.head_hash = rows[-1].seq, rows[-1].hash
            case.sqlmodel_update(case_seals(self._key, case.model_dump(), employee.key))
            _write(session, rows, change)
            session.commit()
            return [log_entry(row) for row in rows]

    def open_cases(self, as_of: dt.date) -> list[OpenCase]:
        """Cases not closed on `as_of`, with their schedules, by employee then case. An index
        range scan on `open_until`: closed cases are never read. Plain columns, not ORM
        objects: this lists thousands of cases."""
        with self._session() as session:
            rows = session.execute(open_cases_query(as_of)).all()
            steps = schedules(session, [row[0] for row in rows])
        found = [case for row in rows if (case := open_case(row, steps, self._key)) is not None]
        return sorted(found, key=lambda o: (o.employee.key, o.case.id))

    def open_case_page(self, where: CaseFilter, page: int, size: int) -> OpenCasePage:
        """One page of the open cases `where` asks for (see `case_lists`)."""
        with self._session() as session:
            return open_case_page(session, self._key, where, page, size)

    def all_cases(self) -> Iterator[StoredCase]:
        with self._session() as session:
            for row in session.exec(select(CaseRow).order_by(col(CaseRow.id))):
                yield _stored(session, row, self._key)

    def count_entries(self) -> int:
        with self._session() as session:
            return session.exec(select(func.count()).select_from(EventLogRow)).one()


def _stored(session: Session, row: CaseRow, key: StoreKey) -> StoredCase:
    employee = session.get_one(Employee, row.employee_id)
    log = session.exec(
        select(EventLogRow).where(EventLogRow.case_id == row.id).order_by(col(EventLogRow.seq))
    )
    entries = [log_entry(r) for r in log]
    return StoredCase(case_record(row), employee_record(employee, key), entries)


def _claim_employee(session: Session, employee: EmployeeRecord | NewEmployee, key: StoreKey) -> int:
    """The employee's id; a known employee's version goes up, so two openings cannot both win."""
    if isinstance(employee, NewEmployee):
        row = Employee(key=employee.key, display_name=employee.display_name)
        session.add(row)
        session.flush()
        seal_relations(row, key)
        return stored_id(row)
    bumped = session.execute(
        update(Employee)
        .where(col(Employee.id) == employee.id, col(Employee.version) == employee.version)
        .values(version=employee.version + 1)
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
        raise CaseChangedError(f"a case was just opened for {employee.key}; reload")
    return employee.id


def _state(change: CaseUpdate) -> dict[str, object]:
    open_until = change.closes_on or OPEN_WHILE_SICK
    return {
        "first_sick_day": change.first_sick_day,
        "status": change.status.value,
        "recovered_on": change.recovered_on,
        "open_until": open_until,
    }


def _name(session: Session, employee_id: int, change: CaseUpdate) -> None:
    """A sick report's first name for the employee, in the same transaction (not sealed: like
    the display name, it decides nothing)."""
    if change.first_name is not None:
        named = update(Employee).where(col(Employee.id) == employee_id)
        session.execute(named.values(first_name=change.first_name))


def _chained(
    case_id: int, case_key: str, last_seq: int, head_hash: str, entries: Sequence[NewEntry]
) -> list[EventLogRow]:
    """The entries as rows chained after entry `last_seq` (whose hash is `head_hash`)."""
    rows: list[EventLogRow] = []
    for entry in entries:
        row = EventLogRow(
            case_id=case_id,
            seq=last_seq + 1,
            prev_hash=head_hash or GENESIS,
            hash="",
            business_date=entry.business_date,
            type=entry.type,
            payload=entry.payload,
            actor=entry.actor,
            role=entry.role,
            recorded_at=entry.recorded_at,
            idempotency_key=entry.idempotency_key,
        )
        row.hash = entry_hash(case_key, row)
        rows.append(row)
        last_seq, head_hash = row.seq, row.hash
    assert rows, "a write appends at least one entry"
    return rows


def _write(session: Session, rows: Sequence[EventLogRow], change: CaseUpdate) -> None:
    session.add_all(rows)
    case_id = rows[0].case_id
    session.execute(delete(OpenStepRow).where(col(OpenStepRow.case_id) == case_id))
    if change.steps:
        session.execute(
            insert(OpenStepRow),
            [{"case_id": case_id, "step": step, "due": due} for step, due in change.steps],
        )
    session.execute(
        delete(ReminderRow).where(
            col(ReminderRow.case_id) == case_id,
            col(ReminderRow.status) == ReminderStatus.PENDING.value,
            col(ReminderRow.kind).not_in([kind.value for kind in change.kept_kinds]),
            col(ReminderRow.key).not_in(change.plan_keys),
        )
    )
    known = set(session.exec(select(ReminderRow.key).where(ReminderRow.case_id == case_id)))
    new = [
        vars(r)
        | {
            "kind": r.kind.value,
            "case_id": case_id,
            "status": ReminderStatus.PENDING.value,
            "attempts": 0,
        }
        for r in change.reminders
        if r.key not in known
    ]
    if new:
        session.execute(insert(ReminderRow), new)
    session.flush()


@contextmanager
def _conflicts_as(case_key: str) -> Iterator[None]:
    """Turn a unique-key race (two writers, one slot) into the same clear `CaseChangedError`."""
    try:
        yield
    except IntegrityError:
        raise CaseChangedError(_changed(case_key)) from None


def _changed(case_key: str) -> str:
    return f"case {case_key} changed since it was loaded; reload it and try again"
