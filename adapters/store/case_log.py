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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    Table,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session

from adapters.keys import StoreKey
from adapters.store.case_lists import open_case, open_case_page, open_cases_query, schedules
from adapters.store.contact_routes import add_routes
from adapters.store.hash_chain import GENESIS, as_utc, entry_hash
from adapters.store.records import case_record, log_entry, trusted_employee
from adapters.store.seals import (
    case_identity,
    case_seals,
    case_state,
    case_trail,
    employee_relations,
)
from adapters.store.store_seal import COUNT_CASE, check_key, count_new_case, rotated_since
from adapters.store.tables import (
    OPEN_WHILE_SICK,
    CaseRow,
    Employee,
    EventLogRow,
    OpenStepRow,
    ReminderRow,
    refuse_unfit,
    table_of,
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

CASES, EMPLOYEES, LOG = table_of(CaseRow), table_of(Employee), table_of(EventLogRow)
STEPS, REMINDERS = table_of(OpenStepRow), table_of(ReminderRow)
# A case with its employee, in one row: the employee's columns named `employee__...`.
CASE_AND_EMPLOYEE = select(
    CASES, *(column.label(f"employee__{column.name}") for column in EMPLOYEES.c)
).join(EMPLOYEES, EMPLOYEES.c.id == CASES.c.employee_id)
CASE_COLUMNS = tuple(CASES.c.keys())
EMPLOYEE_COLUMNS = tuple(EMPLOYEES.c.keys())
# The statements of the writes, built once (their parameters by name).
EMPLOYEE_BY_KEY = select(EMPLOYEES).where(EMPLOYEES.c.key == bindparam("employee_key"))
CASE_BY_KEY = CASE_AND_EMPLOYEE.where(CASES.c.key == bindparam("case_key"))
HOLD_CASE = CASE_AND_EMPLOYEE.where(CASES.c.id == bindparam("case_id")).with_for_update(of=CASES)
LOG_OF_CASE = select(LOG).where(LOG.c.case_id == bindparam("case_id")).order_by(LOG.c.seq)
UPDATE_CASE = update(CASES).where(CASES.c.id == bindparam("case_id"))
UPDATE_EMPLOYEE = update(EMPLOYEES).where(EMPLOYEES.c.id == bindparam("employee_id"))
CLAIM_EMPLOYEE = UPDATE_EMPLOYEE.where(EMPLOYEES.c.version == bindparam("version_seen"))
DROP_STEPS = delete(STEPS).where(STEPS.c.case_id == bindparam("case_id"))
# The store's count of cases goes up and the ids of the new case and of a new employee are
# taken in one statement, so their seals are made before their rows are written. PostgreSQL
# takes them from the tables' sequences; SQLite, holding the write lock since BEGIN IMMEDIATE,
# one above the highest (as it would itself). A known employee leaves their number unused.
COUNT_AND_TAKE_IDS = {
    True: COUNT_CASE.returning(func.nextval("employee_id_seq"), func.nextval("case_id_seq")),
    False: COUNT_CASE.returning(
        *(
            select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
            for table in (EMPLOYEES, CASES)
        )
    ),
}
PENDING = ReminderStatus.PENDING.value
# The execution option of a connection that only reads: SQLite begins it without the write
# lock (`database._sqlite_begin`).
READING = "reintegration_reading"
STEP_COLUMNS = ("case_id", "step", "due")
REMINDER_COLUMNS = (
    *("key", "send_at", "step", "due", "kind", "number", "party"),
    *("case_id", "status", "attempts"),
)
# A case's reminders, and those of them to drop, on the driver (`_replan`); our names only.
REMINDERS_OF_CASE = f'SELECT id, key, status, kind FROM "{REMINDERS.name}" WHERE case_id = ?'  # noqa: S608
DROP_PENDING = f'DELETE FROM "{REMINDERS.name}" WHERE case_id = ? AND status = ?'  # noqa: S608


class SqlCaseLog:
    """Plain (Core) statements, not ORM objects: a write touches some eighty rows."""

    def __init__(self, engine: Engine, key: StoreKey) -> None:
        self._engine = engine
        self._key = key

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def _reading(self) -> Connection:
        """A connection for reading. On PostgreSQL without a transaction around its queries:
        under READ COMMITTED each query sees its own snapshot anyway, and BEGIN and ROLLBACK
        cost two round trips. On SQLite in a read transaction, without the write lock."""
        connection = self._engine.connect()
        if self._engine.dialect.name == "postgresql":
            return connection.execution_options(isolation_level="AUTOCOMMIT")
        return connection.execution_options(**{READING: True})

    def find_employee(self, key: str) -> EmployeeRecord | None:
        with self._reading() as connection:
            row = connection.execute(EMPLOYEE_BY_KEY, {"employee_key": key}).first()
            return None if row is None else trusted_employee(row._mapping, self._key)

    def load(self, case_key: str) -> StoredCase:
        with self._reading() as connection:
            found = connection.execute(CASE_BY_KEY, {"case_key": case_key}).first()
            if found is None:
                raise NotFoundError(f"no case {quoted(case_key)}")
            return self._trusted(connection, found._mapping)

    def latest_case_of(self, employee_id: int) -> StoredCase | None:
        with self._reading() as connection:
            latest = CASE_AND_EMPLOYEE.where(CASES.c.employee_id == employee_id)
            found = connection.execute(latest.order_by(CASES.c.id.desc()).limit(1)).first()
            return None if found is None else self._trusted(connection, found._mapping)

    def _trusted(self, connection: Connection, found: Mapping[Any, Any]) -> StoredCase:
        """The case, unless its identity seal fails: a case moved to another employee (or
        renamed) behind the application's back is neither shown nor written to."""
        case, employee = _split(found)
        if not self._identity_intact(case, employee["key"]):
            raise self._moved(connection, case["key"])
        return _stored(connection, case, employee, self._key)

    def _moved(self, connection: Connection, case_key: str) -> StoreTamperedError | KeyRotatedError:
        """Why a case's identity seal fails: a rotation since this process took its key, or
        a change made behind the application's back."""
        if rotated := rotated_since(connection, self._key):
            return rotated
        return StoreTamperedError(
            f"case {case_key} does not match its seal: its employee or its key was changed "
            "behind the application's back; nothing is shown or recorded (see "
            "`reintegration verify`)"
        )

    def _identity_intact(self, case: Mapping[Any, Any], employee_key: str) -> bool:
        return self._key.checks(case_identity(case, employee_key), case["identity_mac"])

    def case_keys_of(self, employee_key: str) -> set[str]:
        with self._reading() as connection:
            query = select(CASES.c.key).join(EMPLOYEES, EMPLOYEES.c.id == CASES.c.employee_id)
            return set(connection.execute(query.where(EMPLOYEES.c.key == employee_key)).scalars())

    def find_by_idempotency_key(self, key: str) -> tuple[str, LogEntry] | None:
        with self._reading() as connection:
            query = select(CASES.c.key, LOG).join(CASES, CASES.c.id == LOG.c.case_id)
            found = connection.execute(query.where(LOG.c.idempotency_key == key)).first()
            return None if found is None else (found[0], log_entry(found._mapping))

    def append(
        self, stored: StoredCase, entries: Sequence[NewEntry], change: CaseUpdate
    ) -> list[LogEntry]:
        """Append `entries` to the case if it is still at the version it was loaded at."""
        case = stored.case
        with _conflicts_as(case.key), self._engine.begin() as connection:
            check_key(connection, self._key)
            held = connection.execute(HOLD_CASE, {"case_id": case.id}).one()
            current, employee = _split(held._mapping)
            if current["last_seq"] != case.last_seq:
                raise CaseChangedError(_changed(case.key))
            self._check_seals(connection, current, employee["key"])
            logged = _chained(case.key, current["last_seq"], current["head_hash"], entries)
            head = {"last_seq": logged[-1].seq, "head_hash": logged[-1].hash}
            columns = current | _state(change) | head
            sealed = {
                "state_mac": self._key.mac(case_state(columns)),
                "trail_mac": self._key.mac(case_trail(columns)),
            }
            renewed = _state(change) | head | sealed
            connection.execute(UPDATE_CASE, renewed | {"case_id": case.id})
            _name(connection, case.employee_id, change.first_name)
            _write(connection, case.id, logged, change)
            return logged

    def _check_seals(
        self, connection: Connection, case: Mapping[Any, Any], employee_key: str
    ) -> None:
        if not self._identity_intact(case, employee_key):
            raise self._moved(connection, case["key"])
        if not (
            self._key.checks(case_state(case), case["state_mac"])
            and self._key.checks(case_trail(case), case["trail_mac"])
        ):
            raise StoreTamperedError(
                f"case {case['key']} does not match its seal: its state or the end of its trail "
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
        with _conflicts_as(case_key), self._engine.begin() as connection:
            counting = COUNT_AND_TAKE_IDS[connection.dialect.name == "postgresql"]
            new_employee_id, case_id = count_new_case(connection, self._key, counting)
            employee_id = _claim_employee(
                connection, employee, self._key, change.first_name, new_employee_id
            )
            if routes:  # sealed rows of their own: the ORM's, in this transaction
                first = entries[0]
                changer = Changer(first.actor, first.role, first.recorded_at)
                with Session(bind=connection) as session:
                    add_routes(session, self._key, employee_id, routes, changer)
                    session.flush()
            logged = _chained(case_key, 0, "", entries)
            columns = {"id": case_id, "key": case_key, "employee_id": employee_id}
            columns |= _state(change) | {"last_seq": logged[-1].seq, "head_hash": logged[-1].hash}
            columns |= {"reads": 0, "deliveries": 0}
            refuse_unfit(CaseRow, columns)
            columns |= case_seals(self._key, columns, employee.key)
            _add(connection, CASES, [columns])
            _write(connection, case_id, logged, change, new=True)
            return logged

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
        with self._reading() as connection:
            for found in connection.execute(CASE_AND_EMPLOYEE.order_by(CASES.c.id)).all():
                yield _stored(connection, *_split(found._mapping), self._key)

    def count_entries(self) -> int:
        with self._reading() as connection:
            return connection.execute(select(func.count()).select_from(LOG)).scalar_one()


def _stored(
    connection: Connection, case: Mapping[Any, Any], employee: Mapping[Any, Any], key: StoreKey
) -> StoredCase:
    log = connection.execute(LOG_OF_CASE, {"case_id": case["id"]})
    entries = [log_entry(row._mapping) for row in log]
    return StoredCase(case_record(case), trusted_employee(employee, key), entries)


def _split(found: Mapping[Any, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A row of `CASE_AND_EMPLOYEE` as the case's columns and the employee's."""
    case = {name: found[name] for name in CASE_COLUMNS}
    employee = {name: found[f"employee__{name}"] for name in EMPLOYEE_COLUMNS}
    return case, employee


def _claim_employee(
    connection: Connection,
    employee: EmployeeRecord | NewEmployee,
    key: StoreKey,
    first_name: str | None,
    new_id: int,
) -> int:
    """The employee's id; a known employee's version goes up, so two openings cannot both win;
    a new one is added as `new_id`. A sick report's first name is set with it (not sealed:
    like the display name, it decides nothing)."""
    named: dict[str, object] = {} if first_name is None else {"first_name": first_name}
    if isinstance(employee, NewEmployee):
        columns: dict[str, object] = {
            "id": new_id,
            "key": employee.key,
            "display_name": employee.display_name,
            **named,
        }
        columns |= {"version": 0, "diary_signal": False}
        refuse_unfit(Employee, columns)
        relations = dict.fromkeys(("account_id", "manager_id", "team_id"))
        sealed = key.mac(employee_relations(relations | {"id": new_id, "key": employee.key}))
        _add(connection, EMPLOYEES, [columns | relations | {"relations_mac": sealed}])
        return new_id
    bumped = connection.execute(
        CLAIM_EMPLOYEE,
        {"employee_id": employee.id, "version_seen": employee.version}
        | {"version": employee.version + 1, **named},
    )
    if bumped.rowcount != 1:
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


def _name(connection: Connection, employee_id: int, first_name: str | None) -> None:
    """A sick report's first name for the employee, in the same transaction (not sealed: like
    the display name, it decides nothing)."""
    if first_name is not None:
        connection.execute(UPDATE_EMPLOYEE, {"employee_id": employee_id, "first_name": first_name})


def _chained(
    case_key: str, last_seq: int, head_hash: str, entries: Sequence[NewEntry]
) -> list[LogEntry]:
    """The entries as logged, chained after entry `last_seq` (whose hash is `head_hash`)."""
    logged: list[LogEntry] = []
    for entry in entries:
        unhashed = LogEntry(
            seq=last_seq + 1,
            business_date=entry.business_date,
            type=entry.type,
            payload=entry.payload,
            actor=entry.actor,
            role=entry.role,
            recorded_at=as_utc(entry.recorded_at),
            idempotency_key=entry.idempotency_key,
            prev_hash=head_hash or GENESIS,
            hash="",
        )
        row = replace(unhashed, hash=entry_hash(case_key, unhashed))
        logged.append(row)
        last_seq, head_hash = row.seq, row.hash
    assert logged, "a write appends at least one entry"
    return logged


def _write(
    connection: Connection,
    case_id: int,
    logged: Sequence[LogEntry],
    change: CaseUpdate,
    new: bool = False,
) -> None:
    """The entries, the case's schedule and its reminders; a `new` case has neither yet."""
    rows = [vars(entry) | {"case_id": case_id} for entry in logged]
    for row in rows:
        refuse_unfit(EventLogRow, row)
    _add(connection, LOG, rows)
    if not new:
        connection.execute(DROP_STEPS, {"case_id": case_id})
    if change.steps:
        steps = [(case_id, step, due) for step, due in change.steps]
        _add_many(connection, STEPS, STEP_COLUMNS, steps)
    known = set() if new else _replan(connection, case_id, change)
    pending = (case_id, PENDING, 0)
    added = [
        (r.key, r.send_at, r.step, r.due, r.kind.value, r.number, r.party, *pending)
        for r in change.reminders
        if r.key not in known
    ]
    if added:
        _add_many(connection, REMINDERS, REMINDER_COLUMNS, added)


def _add(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows given by column name, the same columns in each (`_add_many`)."""
    columns = tuple(rows[0])
    _add_many(connection, table, columns, [tuple(row[name] for name in columns) for row in rows])


def _add_many(
    connection: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Rows of `columns` in one statement, on the driver's connection in the transaction of
    `connection`: SQLAlchemy's work per row (its parameters, its formats) costs more than the
    database's insert. On SQLite, days and moments are written as SQLAlchemy writes them there.
    The driver knows none of SQLAlchemy's column defaults: every such column is given."""
    if missing := _defaulted(table).difference(columns):
        raise ValueError(f"{table.name}: no value for {', '.join(sorted(missing))}")
    if connection.dialect.name == "sqlite":
        formats = _sqlite_formats(table)
        by_column = [
            values
            if (stored := formats.get(column)) is None
            else [None if v is None else stored(v) for v in values]
            for column, values in zip(columns, zip(*rows, strict=True), strict=True)
        ]
        rows = list(zip(*by_column, strict=True))
    listed, marks = ", ".join(columns), ", ".join("?" * len(columns))
    adding = f'INSERT INTO "{table.name}" ({listed}) VALUES ({marks})'  # noqa: S608 (our names)
    _on_driver(connection, adding, rows, many=True)


def _on_driver(
    connection: Connection, sql: str, parameters: Sequence[Any], many: bool = False
) -> list[tuple[Any, ...]]:
    """Run `sql` (with `?` for each parameter) on the driver's connection, in the transaction of
    `connection`, and fetch its rows, if any: SQLAlchemy's work per statement and per row costs
    more than the database's, on the few statements a write makes over a case's many rows."""
    # Only inside SQLAlchemy's transaction: outside it, SQLite's driver would commit on its own
    # and PostgreSQL's roll back at check-in.
    assert connection.in_transaction(), "only in a write's transaction"
    if connection.dialect.name != "sqlite":
        sql = sql.replace("?", "%s")  # psycopg's marks (our statements hold no other ? or %)
    driver = connection.dialect.loaded_dbapi
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]  # a live connection's
    try:
        if many:
            cursor.executemany(sql, parameters)
            return []
        cursor.execute(sql, parameters)
        return cursor.fetchall() if cursor.description else []
    except driver.Error as error:  # as SQLAlchemy would raise it (an IntegrityError, say)
        raise DBAPIError.instance(sql, parameters, error, driver.Error) from error
    finally:
        cursor.close()


@cache
def _defaulted(table: Table) -> frozenset[str]:
    """The columns of `table` that SQLAlchemy fills in when an insert leaves them out."""
    return frozenset(column.name for column in table.columns if column.default is not None)


@cache
def _sqlite_formats(table: Table) -> dict[str, Callable[[Any], object]]:
    """How SQLAlchemy's SQLite dialect stores the days and the moments (their own fields: UTC
    here) of `table`'s columns."""
    formats: dict[str, Callable[[Any], object]] = {}
    for column in table.columns:
        if isinstance(column.type, DateTime):
            formats[column.name] = _sqlite_moment
        elif isinstance(column.type, Date):
            formats[column.name] = dt.date.isoformat
    return formats


def _sqlite_moment(moment: dt.datetime) -> str:
    """`YYYY-MM-DD HH:MM:SS.ffffff` of the moment's own fields, as the dialect writes it: its
    ISO form less the offset, made in a third of `strftime`'s time."""
    return moment.isoformat(" ", "microseconds")[:26]


def _replan(connection: Connection, case_id: int, change: CaseUpdate) -> set[str]:
    """Drop the case's pending reminders that left its plan (but the kinds no plan makes);
    the keys of those it keeps, sent or not."""
    held = _on_driver(connection, REMINDERS_OF_CASE, (case_id,))
    kept_kinds, planned = {kind.value for kind in change.kept_kinds}, change.plan_keys
    dropped = {
        reminder_id
        for reminder_id, key, status, kind in held
        if status == PENDING and kind not in kept_kinds and key not in planned
    }
    if dropped:  # still pending: one the dispatcher claimed meanwhile is not taken back
        dropping = f"{DROP_PENDING} AND id IN ({', '.join('?' * len(dropped))})"
        _on_driver(connection, dropping, (case_id, PENDING, *sorted(dropped)))
    return {key for reminder_id, key, _, _ in held if reminder_id not in dropped}


@contextmanager
def _conflicts_as(case_key: str) -> Iterator[None]:
    """Turn a unique-key race (two writers, one slot) into the same clear `CaseChangedError`."""
    try:
        yield
    except IntegrityError:
        raise CaseChangedError(_changed(case_key)) from None


def _changed(case_key: str) -> str:
    return f"case {case_key} changed since it was loaded; reload it and try again"
