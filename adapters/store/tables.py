"""The store's tables. No column anywhere holds medical data: events are stored as their
validated JSON, and the domain's events have no field for a diagnosis or complaints. Secrets
(contact routes) and diary scores are sealed (`adapters/keys.py`); the `*_mac` columns are the
keyed trail (`adapters/store/seals.py`), which only the holder of the store's key can write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache

from sqlalchemy import Column, DateTime, Index, Table, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapper
from sqlmodel import Field, SQLModel

from domain.errors import BadInputError, printable

OPEN_WHILE_SICK = dt.date(9999, 12, 31)  # `open_until` of a case while the employee is sick


def table_of(model: type[SQLModel]) -> Table:
    """The table of a model, for plain-column queries over many rows."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def _timestamp() -> Column[dt.datetime]:
    return Column(DateTime(timezone=True), nullable=False)


class Account(SQLModel, table=True):
    """A person who signs in, with one role (an employee's account is bound to them by
    `Employee.account_id`). `password_hash` is scrypt's (see service.accounts)."""

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, max_length=100)
    display_name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    password_hash: str | None = Field(default=None, sa_type=Text)
    disabled: bool = False
    created_at: dt.datetime = Field(sa_column=_timestamp())
    mac: str = Field(default="", max_length=64)  # seals.account


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)


class Employee(SQLModel, table=True):
    """`version` goes up each time a case is opened for them, so two openings cannot both win.
    Their manager sees their cases; nobody else of the employer side but HR does."""

    __table_args__ = (Index("uq_employee_account_id", "account_id", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=200)
    first_name: str | None = Field(default=None, max_length=100)  # roepnaam; not sealed
    version: int = 0
    diary_signal: bool = False  # opted in: a sustained diary drop may suggest an earlier review
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    manager_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    relations_mac: str = Field(default="", max_length=64)  # seals.employee_relations


class ApiToken(SQLModel, table=True):
    """A bearer token of an account, stored as its SHA-256 digest (a token is 256 random bits:
    a fast hash suffices), shown once when made."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    digest: str = Field(unique=True, max_length=64)
    label: str = Field(default="", max_length=100)
    created_at: dt.datetime = Field(sa_column=_timestamp())
    expires_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    mac: str = Field(default="", max_length=64)  # seals.token


class WebSession(SQLModel, table=True):
    """A web console session: only the SHA-256 of its id is kept; the CSRF token is derived
    from the id (see service.sessions), so nothing here lets anyone act as the account. Sealed:
    a session written in by hand, or revived once ended, does not sign in."""

    __tablename__ = "web_session"
    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(unique=True, max_length=64)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: dt.datetime = Field(sa_column=_timestamp())
    last_seen_at: dt.datetime = Field(sa_column=_timestamp())
    ended: bool = False
    mac: str = Field(default="", max_length=64)  # seals.web_session


class SignInFailure(SQLModel, table=True):
    """A failed sign-in, by the SHA-256 of the login typed: what the lockout counts."""

    __tablename__ = "sign_in_failure"
    id: int | None = Field(default=None, primary_key=True)
    login_digest: str = Field(max_length=64, index=True)
    at: dt.datetime = Field(sa_column=_timestamp())


class ContactRoute(SQLModel, table=True):
    """How one party of an employee's case is reached: an Apprise URL, which may hold passwords
    and tokens, sealed to its employee and party. Duplicates are skipped by the adapter (a
    unique constraint cannot see through the seal)."""

    __tablename__ = "contact_route"
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    party: str = Field(max_length=20)
    sealed_url: str = Field(sa_type=Text)
    language: str = Field(default="nl", max_length=5)


class ContactChange(SQLModel, table=True):
    """A contact route added or removed: by whom, when, and the route masked (never a secret)."""

    __tablename__ = "contact_change"
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    changed_at: dt.datetime = Field(sa_column=_timestamp())
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    action: str = Field(max_length=10)  # "added" or "removed"
    party: str = Field(max_length=20)
    target: str = Field(max_length=300)


class CaseRow(SQLModel, table=True):
    """A (possibly linked) case. `last_seq` is the version writers compare and set; the case
    is open before `open_until` (28 days after recovery; `OPEN_WHILE_SICK` while sick). `reads`
    and `deliveries` count its read and delivery logs; the five MACs seal its identity, its
    state, the head of its trail and the two counts, under the store's key."""

    __tablename__ = "case"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=100)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    first_sick_day: dt.date
    status: str = Field(max_length=20, index=True)
    recovered_on: dt.date | None = None
    open_until: dt.date = Field(default=OPEN_WHILE_SICK, index=True)
    last_seq: int = 0
    head_hash: str = Field(default="", max_length=64)
    reads: int = 0
    deliveries: int = 0
    identity_mac: str = Field(default="", max_length=64)
    state_mac: str = Field(default="", max_length=64)
    trail_mac: str = Field(default="", max_length=64)
    reads_mac: str = Field(default="", max_length=64)
    deliveries_mac: str = Field(default="", max_length=64)


class StoreSeal(SQLModel, table=True):
    """The one row that seals the store as a whole: which key it is sealed under (its id, not
    the key), and the keyed count of its cases, so a deleted case shows."""

    __tablename__ = "store_seal"
    id: int = Field(default=1, primary_key=True)
    key_id: str = Field(max_length=16)
    cases: int = 0
    mac: str = Field(max_length=64)


class EventLogRow(SQLModel, table=True):
    """One append-only entry of a case's trail, chained to the previous one by its hash."""

    __tablename__ = "event_log"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    seq: int
    business_date: dt.date
    type: str = Field(max_length=40)
    payload: str = Field(sa_type=Text)
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    recorded_at: dt.datetime = Field(sa_column=_timestamp())
    idempotency_key: str | None = Field(default=None, unique=True, max_length=200)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class OpenStepRow(SQLModel, table=True):
    """The schedule: each open step of a case (the law's and the recovery's) and its due
    date, replaced on every write."""

    __tablename__ = "open_step"
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    step: str = Field(max_length=40, primary_key=True)
    due: dt.date = Field(primary_key=True, index=True)


class CasePhysician(SQLModel, table=True):
    """A physician (account) assigned to a case: they see it; other physicians do not."""

    __tablename__ = "case_physician"
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    account_id: int = Field(foreign_key="account.id", primary_key=True, index=True)
    mac: str = Field(default="", max_length=64)  # seals.case_physician


class CaseAccessRow(SQLModel, table=True):
    """A read of a case file by someone other than the employee (AVG: who looked, when): the
    case's read number `seq`, its content sealed by `mac`."""

    __tablename__ = "case_access"
    __table_args__ = (Index("ix_case_access_case_seq", "case_id", "seq", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id")
    seq: int
    actor: str = Field(max_length=100)
    role: str = Field(max_length=20)
    accessed_at: dt.datetime = Field(sa_column=_timestamp())
    purpose: str = Field(max_length=40)
    mac: str = Field(max_length=64)


class ReminderRow(SQLModel, table=True):
    """A reminder to one party about one step: pending until the dispatcher claims and sends
    it. `key` names it within its case, so a re-plan never adds one that was already sent."""

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("case_id", "key"),
        Index("ix_reminder_status_send_at", "status", "send_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    key: str = Field(max_length=120)
    step: str = Field(max_length=40)
    due: dt.date
    kind: str = Field(max_length=20)
    number: int  # which escalation (1-4); 0 for the others
    party: str = Field(max_length=20)
    send_at: dt.datetime = Field(sa_column=_timestamp())
    status: str = Field(default="pending", max_length=20)
    attempts: int = 0
    claimed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class DeliveryRow(SQLModel, table=True):
    """One attempt to deliver a reminder: the audit trail of what went out, never a secret;
    the case's delivery number `seq`, its content sealed by `mac`."""

    __tablename__ = "delivery"
    __table_args__ = (Index("ix_delivery_case_seq", "case_id", "seq", unique=True),)
    id: int | None = Field(default=None, primary_key=True)
    reminder_id: int = Field(foreign_key="reminder.id", index=True)
    case_id: int = Field(foreign_key="case.id")
    seq: int
    party: str = Field(max_length=20)
    channel: str = Field(max_length=40)
    target: str = Field(max_length=300)  # redacted: no password or token
    attempted_at: dt.datetime = Field(sa_column=_timestamp())
    ok: bool
    error: str | None = Field(default=None, sa_type=Text)
    attempt: int = 0  # which round of the reminder (its `attempts` when sent); 0 before 0003
    mac: str = Field(max_length=64)


class DiaryEntryRow(SQLModel, table=True):
    """One day of the employee's diary. Only they and the readers they chose see it: it is
    never part of a case's log, trail or messages. Its scores are sealed to the employee and
    the day."""

    __tablename__ = "diary_entry"
    __table_args__ = (UniqueConstraint("employee_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    day: dt.date
    sealed_scores: str = Field(sa_type=Text)
    recorded_at: dt.datetime = Field(sa_column=_timestamp())


class DiaryReaderRow(SQLModel, table=True):
    """Someone the employee shares their diary with: a physician or a coach, by name."""

    __tablename__ = "diary_reader"
    __table_args__ = (UniqueConstraint("employee_id", "reader", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    reader: str = Field(max_length=200)
    role: str = Field(max_length=20)
    mac: str = Field(default="", max_length=64)  # seals.diary_reader


class DiaryReadRow(SQLModel, table=True):
    """A read of the diary by someone the employee shared it with; the employee sees these."""

    __tablename__ = "diary_read"
    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    reader: str = Field(max_length=200)
    role: str = Field(max_length=20)
    read_at: dt.datetime = Field(sa_column=_timestamp())


def refuse_what_does_not_fit(mapper: Mapper[SQLModel], _connection: object, row: SQLModel) -> None:
    """Each name and key a row brings (a column of a set length) fits that length and holds no
    control character, checked before the row is written: PostgreSQL would refuse a longer
    value with an error of its own, SQLite would keep it. The column is the one source of the
    limit; a value an update leaves as it was is not judged again."""
    state, table = inspect(row), str(row.__tablename__)
    assert state is not None
    for attribute in mapper.column_attrs:
        value = getattr(row, attribute.key)
        if state.persistent and not state.attrs[attribute.key].history.has_changes():
            continue
        _refuse(table, attribute.key, getattr(attribute.columns[0].type, "length", None), value)


def refuse_unfit(model: type[SQLModel], values: Mapping[str, object]) -> None:
    """The same check for the values of a row written by a plain (Core) statement."""
    name, limits = _limits(model)
    for column, value in values.items():
        _refuse(name, column, limits.get(column), value)


@cache
def _limits(model: type[SQLModel]) -> tuple[str, dict[str, int]]:
    """The table's name and the length of each column that has one."""
    table = table_of(model)
    lengths = {column.name: getattr(column.type, "length", None) for column in table.columns}
    return table.name, {name: length for name, length in lengths.items() if length}


def _refuse(table: str, column: str, length: int | None, value: object) -> None:
    if length is None or not isinstance(value, str):
        return
    what = f"{table} {column}".replace("_", " ")
    if len(value) > length:
        raise BadInputError(f"{what}: at most {length:,} characters, got {len(value):,}")
    if not printable(value):
        raise BadInputError(f"{what}: holds a control or formatting character")


event.listen(Mapper, "before_insert", refuse_what_does_not_fit)
event.listen(Mapper, "before_update", refuse_what_does_not_fit)
